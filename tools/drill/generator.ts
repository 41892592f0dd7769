/**
 * Turns a scenario's traffic and incidents into the per-minute metrics AWS
 * would publish for the stack, reading from the stack what it holds: its
 * functions, API routes (and which function each invokes), queues, tables,
 * log metric filters, business metrics and the maintenance metric.
 *
 * What it assumes (GENERATOR_ASSUMPTIONS says the same for the CLI's --help):
 */
export const GENERATOR_ASSUMPTIONS = `
- Traffic is flat over the day; requestsPerDay splits evenly across the functions.
  Calls are whole: function f's k-th call falls in minute floor((k - phase_f) / rate).
- No randomness: failures are spread evenly by counting, the n-th call of an incident
  fails when floor(n × fraction + 0.5) grows, so every run is the same.
- AWS/Lambda and AWS/ApiGateway publish nothing in a minute without traffic. With traffic,
  Errors and Throttles publish 0 for the calls that did not fail.
- Latency per call comes in classes by call index: 94.5 % at B, 5 % at 2B, 0.5 % at 4B, where
  B = 40 ms (a warm handler doing no I/O) + the function's SIMULATED_LATENCY_MS. A latency
  incident moves a fraction of the calls from B to B + addMs (every class when the fraction
  is 1). Percentiles over a period are exact nearest-rank percentiles over these classes
  (so a healthy p99 is 2B, away from a class edge).
- A timeout lasts the function's timeout, counts in Errors, writes "Task timed out after N
  seconds" (not an ERROR line) and a platform.report with status "timeout"; it writes no
  error record. A failed call writes one JSON line with level ERROR and one error record
  (a PutItem on each DynamoDB table of the stack).
- A call after 10 idle minutes is a cold start (init 300 ms), and 1 % of the others.
  Memory used is 40 % of the function's memory.
- Functions behind an HTTP route answer it (a failure or a throttle is a 5xx); a function
  behind a WebSocket API answers its messages (a failure is an IntegrationError); any other
  function is invoked asynchronously, and a failed event arrives in its dead-letter queue
  3 minutes later (after Lambda's two retries; Errors counts the event once). An isolated
  failure (isolatedFailureEveryMinutes) is transient: its retry succeeds, so it reaches no DLQ.
- SQS publishes every 5 minutes for every queue of the stack, also when empty; messages
  in a dead-letter queue stay there until the run ends.
- A function that emits business metrics (an alarm of the stack reads PaymentsSucceeded /
  PaymentsFailed or OrdersCompleted / OrdersRejected with its service dimension) emits one
  outcome per successful call; 1 % of outcomes fail when healthy. A failed call emits none.
- A function's ERROR_SIMULATION_RATE (7 % in dev) fails that fraction of its calls unless
  the scenario sets simulatedErrors to false. The simulation fails a call before the handler
  runs, so an error incident's fraction counts over the calls the handler runs (the others'
  calls); each simulated failure is also counted in the custom metric InjectedFailures
  (service and environment dimensions) in the same minute.
- Maintenance publishes 1 for each minute of the window on every maintenance metric an alarm
  of the stack reads (as npm run maintenance does).
- A notification to an https subscription while its delivery fails counts in AWS/SNS
  NumberOfNotificationsFailed (TopicName) and arrives in the subscription's redrive queue
  once SNS's retries (from its delivery policy) run out.
- Synthetics canaries run only where the scenario sets "canaries": true: each publishes
  SuccessPercent (100 or 0) and Duration every scheduled run from minute 0, failing while an
  incident reaches its route or WebSocket API (tools/drill/canary-runs.ts). Their own calls are
  not added to the routes' and functions' metrics.
`.trim();

import { BUSINESS_METRIC_NAMES, METRIC_NAMES } from "@serverless-monitoring/contract";
import { MAINTENANCE_METRIC } from "../../modules/alarms/maintenance-window";
import { ToolError } from "../common/cli";
import { publishCanaryRuns } from "./canary-runs";
import { compileFilterPattern, filterValue, type LogEvent } from "./log-filter";
import { metricKey, MetricStore, needsSamples, type ReadMetrics } from "./metric-store";
import type { Incident, Scenario } from "./scenario";
import type { FunctionSpec, StackModel } from "./stack-model";

/** Business outcome pairs: [succeeded, failed]. */
const KPI_PAIRS: readonly (readonly [string, string])[] = [
  [BUSINESS_METRIC_NAMES.paymentsSucceeded, BUSINESS_METRIC_NAMES.paymentsFailed],
  [BUSINESS_METRIC_NAMES.ordersCompleted, BUSINESS_METRIC_NAMES.ordersRejected],
];
const HEALTHY_KPI_FAILURE = 0.01;
/** A warm Node.js handler that does no I/O when healthy. */
const HEALTHY_LATENCY_MS = 40;
const COLD_FRACTION = 0.01;
const IDLE_MINUTES_BEFORE_COLD = 10;
const INIT_MS = 300;
const ASYNC_RETRY_MINUTES = 3;
const API_OVERHEAD_MS = 10;
const SQS_PERIOD_MINUTES = 5;

/** Finds a function by its name, or by its name without the environment suffix. */
export function resolveFunction(model: StackModel, selector: string, field: string): FunctionSpec {
  const found = model.functions.find((f) => f.name === selector) ?? model.functions.find((f) => f.name.startsWith(`${selector}-`));
  if (!found) throw new ToolError(`${field}: no function "${selector}" in the stack. Functions: ${model.functions.map((f) => f.name).join(", ") || "none"}.`);
  return found;
}

/** How many of the calls numbered lo..hi-1 an evenly spread fraction takes, counting from call `base`. */
function portion(lo: number, hi: number, q: number, base: number): number {
  if (q <= 0 || hi <= lo) return 0;
  if (q >= 1) return hi - lo;
  return Math.floor((hi - base) * q + 0.5) - Math.floor((lo - base) * q + 0.5);
}

/** The part of x that falls to route `position` of `routes` (round robin). */
function shareOf(x: number, position: number, routes: number): number {
  return Math.floor(x / routes) + (position < x % routes ? 1 : 0);
}

/** Calls in [0, x) whose index mod 1000 falls in [a, b]. */
function inClass(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  return Math.floor(x / 1000) * (b - a + 1) + Math.min(Math.max((x % 1000) - a, 0), b - a + 1);
}

const NONE: Incident[] = [];
const NO_ACTIVE: Active[] = [];

interface Active {
  readonly incident: Incident;
  /** The function's call count when the incident started. */
  readonly base: number;
}

const reportEvent = (durationMs: number, memoryMb: number, status: string, initMs?: number): LogEvent => ({
  json: { type: "platform.report", record: { status, metrics: { durationMs, billedDurationMs: Math.ceil(durationMs), maxMemoryUsedMB: memoryMb, ...(initMs ? { initDurationMs: initMs } : {}) } } },
});

/** Deliveries SNS gave up on: fed back by the simulation so alarms on the alert path can see them. */
export interface DeliveryFailure {
  readonly minute: number;
  readonly topicName: string;
  readonly deadLetterQueue?: string;
}

export function generate(scenario: Scenario, model: StackModel, failures: readonly DeliveryFailure[] = []): MetricStore {
  const minutes = scenario.minutes;
  const store = new MetricStore(minutes, readMetrics(model));
  for (const raw of scenario.series) {
    const series = store.at(raw.namespace, raw.metricName, raw.dimensions);
    raw.values.forEach((v, i) => {
      if (v === null) return;
      if (raw.statistic === "SampleCount") series.add(raw.startMinute + i, 1, v);
      else series.add(raw.startMinute + i, v, 1);
    });
  }
  for (const [n, incident] of scenario.incidents.entries()) {
    if ("function" in incident) resolveFunction(model, incident.function, `incidents[${n}].function`);
    if (incident.kind === "api5xx" && incident.route && !model.routes.some((r) => r.routeKey === incident.route)) {
      throw new ToolError(`incidents[${n}].route: no route "${incident.route}" in the stack. Routes: ${model.routes.map((r) => r.routeKey).join(", ") || "none"}.`);
    }
  }
  const byKind = new Map<Incident["kind"], Incident[]>();
  for (const incident of scenario.incidents) byKind.set(incident.kind, [...(byKind.get(incident.kind) ?? []), incident]);
  const active = (kind: Incident["kind"], m: number): Incident[] => {
    const list = byKind.get(kind);
    return list ? list.filter((i) => i.from <= m && m < i.to) : NONE;
  };
  publishMaintenance(scenario, model, store);
  publishCanaryRuns(scenario, model, store);

  const traffic = scenario.traffic;
  const rates = new Map<string, number>();
  for (const fn of model.functions) rates.set(fn.name, (traffic?.requestsPerDay ?? 0) / Math.max(1, model.functions.length) / 1440);
  for (const [selector, rate] of Object.entries(traffic?.functions ?? {})) {
    rates.set(resolveFunction(model, selector, `traffic.functions.${selector}`).name, rate.perMinute ?? (rate.perDay ?? 0) / 1440);
  }

  const dlqArrivals = new Map<string, Float64Array>();
  const arrive = (queue: string | undefined, m: number, count: number) => {
    if (!queue || count <= 0 || m >= minutes) return;
    let arrivals = dlqArrivals.get(queue);
    if (!arrivals) dlqArrivals.set(queue, (arrivals = new Float64Array(minutes)));
    arrivals[m]! += count;
  };
  const concurrency = new Float64Array(minutes);
  const errorRecords = new Float64Array(minutes);

  model.functions.forEach((fn, index) => {
    const rate = rates.get(fn.name) ?? 0;
    const phase = (index + 0.5) / model.functions.length;
    const calls = (m: number) => Math.floor(m * rate + phase);
    const httpRoutes = model.routes.filter((r) => r.functionName === fn.name && r.protocol === "HTTP");
    const webSocket = model.routes.find((r) => r.functionName === fn.name && r.protocol === "WEBSOCKET");
    const isAsync = httpRoutes.length === 0 && !webSocket;
    const kpi = KPI_PAIRS.filter((pair) => pair.some((name) => model.alarms.some((a) => a.queries.some((q) => q.metric?.metricName === name && q.metric.dimensions.service === fn.name))));
    const emf = { environment: fn.environment ?? "", service: fn.name };
    const base = HEALTHY_LATENCY_MS + fn.simulatedLatencyMs;
    const memory = Math.round(fn.memoryMb * 0.4);
    const timeoutMs = fn.timeoutSeconds * 1000;
    const filters = model.logFilters.filter((f) => f.logGroup === `/aws/lambda/${fn.name}`).map((f) => {
      let matches: (event: LogEvent) => boolean;
      try {
        matches = compileFilterPattern(f.pattern);
      } catch (error) {
        throw new ToolError(`log metric filter "${f.name}": ${(error as Error).message}`);
      }
      return { filter: f, matches, series: store.at(f.namespace, f.metricName, f.dimensions) };
    });
    const events = {
      warm: [reportEvent(base, memory, "success")],
      cold: [reportEvent(base, memory, "success", INIT_MS)],
      error: [{ json: { level: "ERROR", message: "Invocation failed", service: fn.name } }, reportEvent(base, memory, "error")] as LogEvent[],
      timeout: [{ text: `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds` }, reportEvent(timeoutMs, memory, "timeout")] as LogEvent[],
    };
    // Which filter counts which event, and with what value: decided once per function, not per minute.
    const counted = (Object.keys(events) as (keyof typeof events)[]).map((kind) => ({
      kind,
      hits: filters.flatMap(({ filter, matches, series }) =>
        events[kind].flatMap((event) => {
          const value = matches(event) ? filterValue(filter.value, event) : undefined;
          return value === undefined ? [] : [{ series, value }];
        }),
      ),
    }));
    const log = (m: number, kind: keyof typeof events, count: number) => {
      if (count <= 0) return;
      for (const { series, value } of counted.find((c) => c.kind === kind)!.hits) series.add(m, value, count);
    };
    const lambda = (name: string) => store.at("AWS/Lambda", name, { FunctionName: fn.name });
    const invocationsSeries = lambda("Invocations");
    const errorsSeries = lambda("Errors");
    const throttlesSeries = lambda("Throttles");
    const durationSeries = lambda("Duration");
    const injectedSeries = store.at(fn.metricsNamespace, METRIC_NAMES.injectedFailures, emf);
    const kpiSeries = kpi.map(([ok, failed]) => [store.at(fn.metricsNamespace, ok, emf), store.at(fn.metricsNamespace, failed, emf)] as const);
    const routeSeries = httpRoutes.map((route, position) => {
      const [method, resource] = route.routeKey.split(" ");
      const dimensions: Record<string, string>[] = [{ ApiId: route.api, Stage: route.stage }, ...(route.detailedMetrics ? [{ ApiId: route.api, Method: method!, Resource: resource ?? "", Stage: route.stage }] : [])];
      return {
        position,
        series: dimensions.map((dims) => ({
          count: store.at("AWS/ApiGateway", "Count", dims),
          errors5xx: store.at("AWS/ApiGateway", "5xx", dims),
          errors4xx: store.at("AWS/ApiGateway", "4xx", dims),
          latency: store.at("AWS/ApiGateway", "Latency", dims),
          integrationLatency: store.at("AWS/ApiGateway", "IntegrationLatency", dims),
        })),
      };
    });
    const wsDims = webSocket ? { ApiId: webSocket.api, Stage: webSocket.stage } : undefined;
    const wsSeries = wsDims
      ? {
          messages: store.at("AWS/ApiGateway", "MessageCount", wsDims),
          integration: store.at("AWS/ApiGateway", "IntegrationError", wsDims),
          execution: store.at("AWS/ApiGateway", "ExecutionError", wsDims),
          latency: store.at("AWS/ApiGateway", "IntegrationLatency", wsDims),
        }
      : undefined;
    const mine = (kind: Incident["kind"]) => scenario.incidents.filter((i) => i.kind === kind && "function" in i && resolveFunction(model, i.function, "incident").name === fn.name);
    const own = { throttles: mine("throttles"), timeouts: mine("timeouts"), errors: mine("errors"), latency: mine("latency"), kpiFailure: mine("kpiFailure") };
    const starts = new Map<Incident, number>();
    const startOf = (incident: Incident) => {
      let start = starts.get(incident);
      if (start === undefined) starts.set(incident, (start = calls(incident.from)));
      return start;
    };
    const fractionOf = (list: Incident[], m: number): Active[] => (list.length === 0 ? NO_ACTIVE : list.filter((i) => i.from <= m && m < i.to).map((incident) => ({ incident, base: startOf(incident) })));
    const take = (lo: number, hi: number, list: Active[]) => list.reduce((sum, a) => sum + portion(lo, hi, (a.incident as { fraction: number }).fraction, a.base), 0);
    // A simulated failure is thrown before the handler runs: an incident's failures (in the handler) fall on the
    // calls the handler runs, numbered without the simulated ones, so the two never claim the same call.
    const q = scenario.simulatedErrors ? fn.simulatedErrorRate : 0;
    const runs = (k: number) => (q > 0 ? k - Math.floor(k * q + 0.5) : k);
    const takeRuns = (lo: number, hi: number, list: Active[]) => list.reduce((sum, a) => sum + portion(runs(lo), runs(hi), (a.incident as { fraction: number }).fraction, runs(a.base)), 0);
    let lastCall = -Infinity;
    let pendingNoise = false;
    const every = scenario.isolatedFailureEveryMinutes;
    const noiseOffset = every ? Math.floor((every * index) / model.functions.length) : 0;

    const classes = new Map<number, number>();
    const put = (value: number, count: number) => count > 0 && classes.set(value, (classes.get(value) ?? 0) + count);
    for (let m = 0; m < minutes; m++) {
      if (every && (m + every - noiseOffset) % every === 0 && m > 0) pendingNoise = true;
      const lo = calls(m);
      const hi = calls(m + 1);
      const requests = hi - lo;
      if (requests <= 0) continue;
      const throttled = Math.min(requests, take(lo, hi, fractionOf(own.throttles, m)));
      const gateway5xx = Math.min(
        requests - throttled,
        active("api5xx", m)
          .filter((i) => i.kind === "api5xx" && httpRoutes.some((r) => i.route === undefined || r.routeKey === i.route))
          .reduce((sum, i) => sum + portion(lo, hi, (i as { fraction: number }).fraction, calls(i.from)), 0),
      );
      const invoked = requests - throttled - gateway5xx;
      const timeouts = Math.min(invoked, take(lo, hi, fractionOf(own.timeouts, m)));
      let errors = takeRuns(lo, hi, fractionOf(own.errors, m));
      const simulated = scenario.simulatedErrors ? portion(lo, hi, fn.simulatedErrorRate, 0) : 0;
      errors += simulated;
      // An isolated failure is transient: an asynchronous event succeeds on Lambda's retry and never reaches the DLQ.
      let transient = 0;
      if (pendingNoise && invoked - timeouts - errors > 0) {
        errors += 1;
        transient = 1;
        pendingNoise = false;
      }
      errors = Math.min(invoked - timeouts, errors);
      const succeeded = invoked - timeouts - errors;
      const injected = Math.min(simulated, errors);
      injectedSeries.add(m, 1, injected);

      // Duration classes, then the incidents that move calls out of them.
      classes.clear();
      let atBase = inClass(hi, 55, 999) - inClass(lo, 55, 999);
      let atDouble = inClass(hi, 5, 54) - inClass(lo, 5, 54);
      let atQuad = inClass(hi, 0, 4) - inClass(lo, 0, 4);
      // Throttled and gateway-failed requests never ran: take them from the base class.
      let notRun = throttled + gateway5xx + timeouts;
      for (const cut of [0, 1, 2]) {
        const have = cut === 0 ? atBase : cut === 1 ? atDouble : atQuad;
        const used = Math.min(have, notRun);
        notRun -= used;
        if (cut === 0) atBase -= used;
        else if (cut === 1) atDouble -= used;
        else atQuad -= used;
      }
      let shift = 0;
      for (const a of fractionOf(own.latency, m)) {
        const latency = a.incident as Extract<Incident, { kind: "latency" }>;
        if (latency.fraction >= 1) shift += latency.addMs;
        else {
          const moved = Math.min(atBase + atDouble, portion(lo, hi, latency.fraction, a.base));
          const fromBase = Math.min(atBase, moved);
          atBase -= fromBase;
          atDouble -= moved - fromBase;
          put(base + latency.addMs, moved);
        }
      }
      put(base + shift, atBase);
      put(2 * base + shift, atDouble);
      put(4 * base + shift, atQuad);
      put(timeoutMs, timeouts);

      invocationsSeries.add(m, 1, invoked);
      errorsSeries.add(m, 1, errors + timeouts);
      errorsSeries.add(m, 0, succeeded);
      throttlesSeries.add(m, 1, throttled);
      throttlesSeries.add(m, 0, requests - throttled);
      let busyMs = 0;
      for (const [value, count] of classes) {
        durationSeries.add(m, value, count);
        busyMs += value * count;
      }
      concurrency[m]! += busyMs / 60000;
      if (isAsync) arrive(fn.deadLetterQueue, m + ASYNC_RETRY_MINUTES, errors + timeouts - transient);
      errorRecords[m]! += errors;

      // Logs: cold starts first on a call after an idle spell.
      const ran = invoked;
      const cold = Math.min(ran, (m - lastCall > IDLE_MINUTES_BEFORE_COLD ? 1 : 0) + portion(lo, hi, COLD_FRACTION, 0));
      lastCall = m;
      log(m, "cold", Math.min(cold, succeeded));
      log(m, "warm", succeeded - Math.min(cold, succeeded));
      log(m, "error", errors);
      log(m, "timeout", timeouts);

      if (kpi.length > 0 && succeeded > 0) {
        const kpiFailures = Math.min(succeeded, portion(lo, hi, HEALTHY_KPI_FAILURE, 0) + take(lo, hi, fractionOf(own.kpiFailure, m)));
        for (const [ok, failed] of kpiSeries) {
          ok.add(m, 1, succeeded - kpiFailures);
          failed.add(m, 1, kpiFailures);
        }
      }
      if ((active("errorTableThrottles", m).length > 0 || active("errorTableSystemErrors", m).length > 0) && errors > 0) {
        store.at(fn.metricsNamespace, "ErrorRecordWriteFailures", emf).add(m, 1, errors);
      }

      const failed5xx = throttled + gateway5xx + errors + timeouts;
      for (const { position, series } of routeSeries) {
        const n = httpRoutes.length;
        for (const s of series) {
          s.count.add(m, 1, shareOf(requests, position, n));
          s.errors5xx.add(m, 1, shareOf(failed5xx, position, n));
          s.errors5xx.add(m, 0, shareOf(requests - failed5xx, position, n));
          s.errors4xx.add(m, 0, shareOf(requests, position, n));
          for (const [value, count] of classes) {
            s.latency.add(m, value + API_OVERHEAD_MS, shareOf(count, position, n));
            s.integrationLatency.add(m, value, shareOf(count, position, n));
          }
        }
      }
      if (wsSeries) {
        const integrationErrors = errors + timeouts + throttled;
        const executionErrors = Math.min(requests - integrationErrors, active("websocketErrors", m).reduce((sum, i) => sum + portion(lo, hi, (i as { fraction: number }).fraction, calls(i.from)), 0));
        wsSeries.messages.add(m, 1, requests);
        wsSeries.integration.add(m, 1, integrationErrors);
        wsSeries.integration.add(m, 0, requests - integrationErrors);
        wsSeries.execution.add(m, 1, executionErrors);
        wsSeries.execution.add(m, 0, requests - executionErrors);
        for (const [value, count] of classes) wsSeries.latency.add(m, value, count);
      }
    }
    for (const incident of scenario.incidents) {
      if (incident.kind !== "dlqArrivals" || resolveFunction(model, incident.function, "incident").name !== fn.name) continue;
      const span = incident.to - incident.from;
      for (let k = 0; k < incident.messages; k++) arrive(fn.deadLetterQueue, incident.from + Math.floor((k * span) / incident.messages), 1);
    }
  });

  for (let m = 0; m < minutes; m++) {
    if (concurrency[m]! > 0) {
      store.at("AWS/Lambda", "ConcurrentExecutions", {}).add(m, Math.ceil(concurrency[m]!));
      store.at("AWS/Lambda", "UnreservedConcurrentExecutions", {}).add(m, Math.ceil(concurrency[m]!));
    }
  }
  for (const failure of failures) {
    if (failure.minute >= minutes) continue;
    store.at("AWS/SNS", "NumberOfNotificationsFailed", { TopicName: failure.topicName }).add(failure.minute, 1);
    arrive(failure.deadLetterQueue, failure.minute, 1);
  }
  publishTables(scenario, model, store, errorRecords, active);
  publishQueues(model, store, dlqArrivals);
  return store;
}

/** The metrics the stack's alarms read: the only ones worth generating. */
export function readMetrics(model: StackModel): ReadMetrics {
  const keys = new Set<string>();
  const percentiles = new Set<string>();
  for (const alarm of model.alarms) {
    for (const query of alarm.queries) {
      if (!query.metric) continue;
      const key = metricKey(query.metric.namespace, query.metric.metricName, query.metric.dimensions);
      keys.add(key);
      if (needsSamples(query.metric.stat)) percentiles.add(key);
    }
  }
  return { keys, percentiles };
}

function publishMaintenance(scenario: Scenario, model: StackModel, store: MetricStore): void {
  const windows = scenario.incidents.filter((i) => i.kind === "maintenance");
  if (windows.length === 0) return;
  const metrics = model.alarms.flatMap((a) => a.queries.flatMap((q) => (q.metric?.namespace === MAINTENANCE_METRIC.namespace && q.metric.metricName === MAINTENANCE_METRIC.metricName ? [q.metric] : [])));
  for (const metric of metrics) {
    for (const window of windows) for (let m = window.from; m < window.to; m++) store.at(metric.namespace, metric.metricName, metric.dimensions).add(m, 1);
  }
}

function publishTables(scenario: Scenario, model: StackModel, store: MetricStore, errorRecords: Float64Array, active: (kind: Incident["kind"], m: number) => Incident[]): void {
  for (const table of model.tables) {
    for (let m = 0; m < scenario.minutes; m++) {
      const throttles = active("errorTableThrottles", m).reduce((s, i) => s + (i as { perMinute: number }).perMinute, 0);
      const systemErrors = active("errorTableSystemErrors", m).reduce((s, i) => s + (i as { perMinute: number }).perMinute, 0);
      const writes = errorRecords[m]!;
      const put = { Operation: "PutItem", TableName: table };
      if (writes > 0) {
        store.at("AWS/DynamoDB", "ConsumedWriteCapacityUnits", { TableName: table }).add(m, 1, writes);
        store.at("AWS/DynamoDB", "SuccessfulRequestLatency", put).add(m, 8, writes);
      }
      if (throttles > 0) {
        store.at("AWS/DynamoDB", "WriteThrottleEvents", { TableName: table }).add(m, 1, throttles);
        store.at("AWS/DynamoDB", "ThrottledRequests", put).add(m, 1, throttles);
      }
      if (systemErrors > 0) store.at("AWS/DynamoDB", "SystemErrors", put).add(m, 1, systemErrors);
    }
  }
}

/** SQS's 5-minute datapoints: messages visible (they stay), sent in the period, and the oldest one's age. */
export function publishQueues(model: StackModel, store: MetricStore, arrivals: ReadonlyMap<string, Float64Array>): void {
  for (const queue of model.queues) {
    const incoming = arrivals.get(queue);
    let visible = 0;
    let sent = 0;
    let oldest = -1;
    for (let m = 0; m < store.minutes; m++) {
      const n = incoming?.[m] ?? 0;
      visible += n;
      sent += n;
      if (n > 0 && oldest < 0) oldest = m;
      if (m % SQS_PERIOD_MINUTES !== SQS_PERIOD_MINUTES - 1) continue;
      const dims = { QueueName: queue };
      store.at("AWS/SQS", "ApproximateNumberOfMessagesVisible", dims).add(m, visible);
      store.at("AWS/SQS", "NumberOfMessagesSent", dims).add(m, sent);
      store.at("AWS/SQS", "ApproximateAgeOfOldestMessage", dims).add(m, oldest < 0 ? 0 : (m - oldest) * 60);
      sent = 0;
    }
  }
}
