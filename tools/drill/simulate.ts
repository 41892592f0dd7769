/**
 * A drill: a scenario's metrics evaluated through a stack's alarms and
 * composites minute by minute, as CloudWatch does, down to who was told.
 *
 * - Every alarm starts INSUFFICIENT_DATA. A metric alarm of period P is
 *   evaluated at the end of each of its periods (periods are aligned to
 *   minute 0), over its evaluation range (alarm-state.ts). Alarms on
 *   AWS/DynamoDB metrics ignore missing data whatever they say, as AWS
 *   documents for that namespace.
 * - Composites are evaluated every minute after the metric alarms, nested
 *   composites after the ones they read.
 * - A state change runs the actions for the new state, unless actions are
 *   disabled. A composite with an actions suppressor ("Composite alarm
 *   action suppression"): while the suppressor is in ALARM, actions wait; a
 *   change while the suppressor is not in ALARM waits wait_period for it to
 *   go into ALARM; after the suppressor leaves ALARM, actions wait
 *   extension_period more. When the wait ends and the composite is still in
 *   the state, its actions run; when the state changed meanwhile, they never
 *   do.
 * - An action on an SNS topic notifies each subscription and chat channel of
 *   the topic. During a pagerDeliveryFailure window, https deliveries fail;
 *   SNS's retries run out after the subscription's retry time, and the
 *   failure then shows in AWS/SNS NumberOfNotificationsFailed and the
 *   subscription's redrive queue. Those metrics depend on earlier
 *   notifications, so the run repeats with the failures fed back until they
 *   no longer change (each feedback lands at least a minute after its cause).
 */
import { breaches, evaluationRange, nextState, type AlarmState, type Datapoint, type TreatMissingData } from "./alarm-state";
import { evaluateRule, parseRule, ruleAlarms, type Rule } from "./composite-rule";
import { generate, type DeliveryFailure } from "./generator";
import { evaluateExpression, isBand, isSeries, MathError, referencedIds, type MathValue } from "./metric-math";
import { aggregate, metricKey, type MetricStore } from "./metric-store";
import type { Scenario } from "./scenario";
import type { CompositeAlarmSpec, MetricAlarmSpec, StackModel } from "./stack-model";
import { ToolError } from "../common/cli";

export interface StateChange {
  readonly minute: number;
  readonly alarm: string;
  readonly kind: "metric" | "composite";
  readonly from: AlarmState;
  readonly to: AlarmState;
  /** The first evaluation of an alarm that settles OK: not an event of the scenario. */
  readonly initial: boolean;
}

export interface Notification {
  readonly minute: number;
  readonly alarm: string;
  readonly state: AlarmState;
  /** The topic's tier, or "none" for a topic of no tier (or a Lambda action). */
  readonly tier: string;
  readonly topic: string;
  /** email, sms, paging, chat:slack, chat:teams, lambda, sqs; "unknown" for a topic outside the stack. */
  readonly channel: string;
  readonly endpoint: string;
  readonly delivered: boolean;
  readonly initial: boolean;
}

export interface Suppression {
  readonly minute: number;
  readonly alarm: string;
  readonly state: AlarmState;
  readonly by: string;
}

export interface DrillResult {
  readonly scenario: string;
  readonly minutes: number;
  readonly changes: readonly StateChange[];
  readonly notifications: readonly Notification[];
  readonly suppressed: readonly Suppression[];
}

/** Which periods of an alarm breach: 1, 0, or NaN (no datapoint). */
export function breachSeries(alarm: MetricAlarmSpec, store: MetricStore, cache = new Map<string, Float64Array>()): Float64Array {
  const period = Math.max(1, Math.round(alarm.periodSeconds / 60));
  const length = Math.ceil(store.minutes / period);
  const values = new Map<string, MathValue>();
  const pending = new Map(alarm.queries.map((q) => [q.id, q]));
  const valueOf = (id: string, trail: readonly string[]): MathValue => {
    const known = values.get(id);
    if (known !== undefined) return known;
    const query = pending.get(id);
    if (!query) throw new ToolError(`alarm "${alarm.name}": no metric_query with id "${id}".`);
    if (trail.includes(id)) throw new ToolError(`alarm "${alarm.name}": metric_query "${id}" refers to itself.`);
    let value: MathValue;
    if (query.metric) {
      const m = query.metric;
      const key = `${metricKey(m.namespace, m.metricName, m.dimensions)}|${m.stat}|${period}`;
      let series = cache.get(key);
      if (!series) {
        try {
          series = aggregate(store.get(metricKey(m.namespace, m.metricName, m.dimensions)), m.stat, period, length);
        } catch (error) {
          throw new ToolError(`alarm "${alarm.name}": ${(error as Error).message}.`);
        }
        cache.set(key, series);
      }
      value = series;
    } else {
      try {
        for (const ref of referencedIds(query.expression!)) if (pending.has(ref)) valueOf(ref, [...trail, id]);
        value = evaluateExpression(query.expression!, { length, periodSeconds: alarm.periodSeconds, values });
      } catch (error) {
        if (error instanceof MathError) throw new ToolError(`alarm "${alarm.name}": metric math ${error.message}.`);
        throw error;
      }
    }
    values.set(id, value);
    return value;
  };
  const returned = alarm.queries.filter((q) => q.returnData && q.id !== alarm.thresholdMetricId);
  if (returned.length !== 1) throw new ToolError(`alarm "${alarm.name}": ${returned.length} metric_query entries return data besides the threshold; an alarm needs exactly one.`);
  const observed = valueOf(returned[0]!.id, []);
  const x = typeof observed === "number" ? new Float64Array(length).fill(observed) : isSeries(observed) ? observed : undefined;
  if (!x) throw new ToolError(`alarm "${alarm.name}": the returned expression is not one time series.`);
  const out = new Float64Array(length);
  if (alarm.thresholdMetricId) {
    const band = valueOf(alarm.thresholdMetricId, []);
    if (!isBand(band)) throw new ToolError(`alarm "${alarm.name}": threshold_metric_id "${alarm.thresholdMetricId}" is not an ANOMALY_DETECTION_BAND.`);
    for (let k = 0; k < length; k++) out[k] = toNumber(breaches(alarm.comparison, x[k]!, { lower: band.lower[k]!, upper: band.upper[k]! }));
  } else {
    if (alarm.threshold === undefined) throw new ToolError(`alarm "${alarm.name}": neither threshold nor threshold_metric_id.`);
    for (let k = 0; k < length; k++) out[k] = toNumber(breaches(alarm.comparison, x[k]!, alarm.threshold));
  }
  return out;
}

const toNumber = (d: Datapoint): number => (d === undefined ? NaN : d ? 1 : 0);

/** A breach series with prefix counts of its breaching and its real datapoints, so a quiet range is judged without building it. */
function withPrefixSums(breach: Float64Array): { readonly breach: Float64Array; readonly breaching: Int32Array; readonly real: Int32Array } {
  const breaching = new Int32Array(breach.length + 1);
  const real = new Int32Array(breach.length + 1);
  for (let k = 0; k < breach.length; k++) {
    breaching[k + 1] = breaching[k]! + (breach[k] === 1 ? 1 : 0);
    real[k + 1] = real[k]! + (Number.isNaN(breach[k]!) ? 0 : 1);
  }
  return { breach, breaching, real };
}

/** nextState for a range with no breaching datapoint: `real` not-breaching ones, the rest missing. */
function quietState(real: number, evaluationPeriods: number, datapointsToAlarm: number, treat: TreatMissingData, current: AlarmState): AlarmState {
  if (real >= evaluationPeriods) return "OK";
  if (real === 0 && treat === "missing") return "INSUFFICIENT_DATA";
  if (real === 0 && treat === "ignore") return current;
  const filled = evaluationPeriods - real;
  if (treat === "breaching") return filled >= datapointsToAlarm ? "ALARM" : "OK";
  if (treat === "notBreaching") return "OK";
  return filled < datapointsToAlarm ? "OK" : current;
}

interface Pending {
  readonly state: AlarmState;
  readonly since: number;
  readonly initial: boolean;
  fireAt: number;
  suppressedBy?: string;
}

function simulateOnce(model: StackModel, scenario: Scenario, store: MetricStore): DrillResult & { readonly failures: DeliveryFailure[] } {
  const minutes = scenario.minutes;
  const cache = new Map<string, Float64Array>();
  const metricAlarms = model.alarms.map((alarm) => {
    const dynamo = alarm.queries.every((q) => !q.metric || q.metric.namespace === "AWS/DynamoDB") && alarm.queries.some((q) => q.metric);
    return {
      spec: alarm,
      period: Math.max(1, Math.round(alarm.periodSeconds / 60)),
      ...withPrefixSums(breachSeries(alarm, store, cache)),
      range: evaluationRange(alarm.evaluationPeriods),
      treat: (dynamo ? "ignore" : alarm.treatMissingData) as TreatMissingData,
    };
  });
  const composites = orderComposites(model.composites);
  const state = new Map<string, AlarmState>();
  const changed = new Set<string>();
  for (const a of model.alarms) state.set(a.name, "INSUFFICIENT_DATA");
  for (const c of composites) state.set(c.spec.name, "INSUFFICIENT_DATA");
  const changes: StateChange[] = [];
  const notifications: Notification[] = [];
  const suppressed: Suppression[] = [];
  const failures: DeliveryFailure[] = [];
  const pagerDown = (m: number) => scenario.incidents.some((i) => i.kind === "pagerDeliveryFailure" && i.from <= m && m < i.to);
  const pending = new Map<string, Pending>();
  const suppressorLeft = new Map<string, number>();

  const act = (minute: number, alarm: MetricAlarmSpec | CompositeAlarmSpec, to: AlarmState, initial: boolean) => {
    const targets = to === "ALARM" ? alarm.actions.alarm : to === "OK" ? alarm.actions.ok : alarm.actions.insufficientData;
    for (const target of targets) {
      if (target.startsWith("sns:")) {
        const topic = model.topics.get(target);
        const topicName = target.slice(4);
        const endpoints = model.endpoints.filter((e) => e.topicKey === target);
        const tier = topic?.tier ?? "none";
        if (!topic || endpoints.length === 0) {
          notifications.push({ minute, alarm: alarm.name, state: to, tier, topic: topicName, channel: topic ? "none" : "unknown", endpoint: topic ? "(no subscriber)" : "(topic outside the stack)", delivered: false, initial });
          continue;
        }
        for (const endpoint of endpoints) {
          const fails = endpoint.channel === "paging" && pagerDown(minute);
          notifications.push({ minute, alarm: alarm.name, state: to, tier, topic: topicName, channel: endpoint.channel, endpoint: endpoint.label, delivered: !fails, initial });
          if (fails) failures.push({ minute: minute + endpoint.retryMinutes, topicName, ...(endpoint.deadLetterQueue ? { deadLetterQueue: endpoint.deadLetterQueue } : {}) });
        }
      } else if (target.startsWith("lambda:")) {
        notifications.push({ minute, alarm: alarm.name, state: to, tier: "none", topic: "", channel: "lambda", endpoint: target.slice(7), delivered: true, initial });
      } else {
        notifications.push({ minute, alarm: alarm.name, state: to, tier: "none", topic: "", channel: "other", endpoint: target, delivered: true, initial });
      }
    }
  };

  for (let t = 1; t <= minutes; t++) {
    const minute = t - 1;
    const changesBefore = changes.length;
    for (const a of metricAlarms) {
      if (t % a.period !== 0) continue;
      const k = t / a.period - 1;
      const lo = Math.max(0, k - a.range + 1);
      const current = state.get(a.spec.name)!;
      let next: AlarmState;
      if (a.breaching[k + 1]! - a.breaching[lo]! === 0) {
        // Nothing breaching in the range (the common case): the counts decide, in the same rules as nextState.
        next = quietState(a.real[k + 1]! - a.real[lo]!, a.spec.evaluationPeriods, a.spec.datapointsToAlarm, a.treat, current);
      } else {
        const range: Datapoint[] = [];
        for (let j = lo; j <= k; j++) {
          const b = a.breach[j]!;
          range.push(Number.isNaN(b) ? undefined : b === 1);
        }
        next = nextState(range, a.spec.evaluationPeriods, a.spec.datapointsToAlarm, a.treat, current);
      }
      if (next === current) continue;
      const initial = !changed.has(a.spec.name) && next === "OK";
      changed.add(a.spec.name);
      state.set(a.spec.name, next);
      changes.push({ minute, alarm: a.spec.name, kind: "metric", from: current, to: next, initial });
      if (a.spec.actionsEnabled) act(minute, a.spec, next, initial);
    }
    // Composites change only when an alarm did; a pending action needs its minute checked.
    if (minute > 0 && changesBefore === changes.length && pending.size === 0) continue;
    for (const c of composites) {
      const current = state.get(c.spec.name)!;
      const next: AlarmState = evaluateRule(c.rule, (name) => state.get(name) ?? "INSUFFICIENT_DATA") ? "ALARM" : "OK";
      const suppressor = c.spec.suppressor;
      if (suppressor) {
        const before = suppressorLeft.get(c.spec.name);
        if (state.get(suppressor.alarm) === "ALARM") suppressorLeft.set(c.spec.name, Infinity);
        else if (before === Infinity) suppressorLeft.set(c.spec.name, minute);
      }
      if (next !== current) {
        const initial = !changed.has(c.spec.name) && next === "OK";
        changed.add(c.spec.name);
        state.set(c.spec.name, next);
        changes.push({ minute, alarm: c.spec.name, kind: "composite", from: current, to: next, initial });
        const dropped = pending.get(c.spec.name);
        if (dropped?.suppressedBy) suppressed.push({ minute: dropped.since, alarm: c.spec.name, state: dropped.state, by: dropped.suppressedBy });
        pending.delete(c.spec.name);
        if (c.spec.actionsEnabled) {
          if (!suppressor) act(minute, c.spec, next, initial);
          else pending.set(c.spec.name, { state: next, since: minute, initial, fireAt: minute + Math.ceil(suppressor.waitSeconds / 60) });
        }
      }
      const wait = pending.get(c.spec.name);
      if (wait && suppressor) {
        // Suppressed while the suppressor is in ALARM, and for extension_period after it left.
        const left = suppressorLeft.get(c.spec.name);
        const until = left === undefined ? -Infinity : left === Infinity ? Infinity : left + Math.ceil(suppressor.extensionSeconds / 60);
        if (minute < until) {
          wait.fireAt = until;
          wait.suppressedBy = suppressor.alarm;
        }
        if (minute >= wait.fireAt) {
          pending.delete(c.spec.name);
          act(minute, c.spec, wait.state, wait.initial);
        }
      }
    }
  }
  for (const [name, wait] of pending) if (wait.suppressedBy) suppressed.push({ minute: wait.since, alarm: name, state: wait.state, by: wait.suppressedBy });
  return { scenario: scenario.name, minutes, changes, notifications, suppressed, failures };
}

/** Composites that read other composites come after them. */
function orderComposites(composites: readonly CompositeAlarmSpec[]): { readonly spec: CompositeAlarmSpec; readonly rule: Rule }[] {
  const parsed = composites.map((spec) => {
    try {
      return { spec, rule: parseRule(spec.rule) };
    } catch (error) {
      throw new ToolError(`composite alarm "${spec.name}": ${(error as Error).message}.`);
    }
  });
  const byName = new Map(parsed.map((c) => [c.spec.name, c]));
  const ordered: typeof parsed = [];
  const visiting = new Set<string>();
  const visit = (c: (typeof parsed)[number]) => {
    if (ordered.includes(c)) return;
    if (visiting.has(c.spec.name)) throw new ToolError(`composite alarm "${c.spec.name}" depends on itself.`);
    visiting.add(c.spec.name);
    for (const name of ruleAlarms(c.rule)) {
      const inner = byName.get(name);
      if (inner) visit(inner);
    }
    ordered.push(c);
  };
  parsed.forEach(visit);
  return ordered;
}

/** Runs a scenario through a stack: the timeline of states and notifications. */
export function runDrill(model: StackModel, scenario: Scenario): DrillResult {
  let failures: DeliveryFailure[] = [];
  for (let round = 0; round < 8; round++) {
    const result = simulateOnce(model, scenario, generate(scenario, model, failures));
    const same = JSON.stringify(result.failures) === JSON.stringify(failures);
    if (same || round === 7) {
      const { failures: _ignored, ...drill } = result;
      void _ignored;
      return drill;
    }
    failures = result.failures;
  }
  throw new Error("unreachable");
}
