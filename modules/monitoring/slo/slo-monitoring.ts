/**
 * Service level objectives and their multi-window, multi-burn-rate alarms, as
 * in the Google SRE workbook ("Alerting on SLOs", table 5-8), within
 * CloudWatch's limits:
 *
 * | tier | burn rate | long window | short window |
 * |---|---:|---|---|
 * | page (fast) | 14.4x | 1 h: 2 of 60 periods of 1 min | 30 min: 1 of 30 periods of 1 min |
 * | page (slow) | 6x | 6 h: 3 of 12 periods of 30 min | 2 h: 1 of 4 periods of 30 min |
 * | ticket | 3x | 24 h: 6 of 24 periods of 1 h | 3 h: 1 of 3 periods of 1 h |
 *
 * CloudWatch evaluates a metric alarm at the end of each period, so a window
 * taken as one period of 1 h would speak up to an hour late; each window is
 * therefore its short periods, and the alarm counts those burning above the
 * rate (M of N). Every breaching period holds at least one failure, so the
 * count is also the low-traffic rule: the fast tier pages on two minutes of
 * the hour burning above 14.4x, never on one isolated failure in a quiet hour
 * (one failed call of twelve is 80x a 99.9 % budget), while a total failure of
 * even one call every five minutes pages at its second failed call, and a
 * burn at high traffic within two minutes. The slow and ticket tiers ask for
 * three and six hot periods. The short window (any period burning lately)
 * lets the page clear soon after the burn stops, and is long enough that
 * failures a few calls apart hold it.
 *
 * The workbook's ticket tier is 1x over 3 days AND 6 h: 10 % of a 30-day
 * budget spent in 3 days. CloudWatch evaluates at most one day (periods x
 * evaluation periods), so the ticket tier asks for the same damage within one
 * day: 3x in a quarter of the day's hours (with the page tiers quiet). Burns
 * between 1x and 3x, which would spend the budget in 10 to 30 days, are left
 * to the dashboard's remaining budget.
 *
 * Each window is one metric-math alarm (bad events over all events, divided
 * by the error budget: the burn rate) that notifies nobody; composites AND a
 * long window with its short one. The page composite is the OR of the two
 * page pairs; the ticket composite is quiet while the page composite is in
 * ALARM (a lower tier is suppressed while a higher one speaks).
 */
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import type { Construct } from "constructs";
import { createAlarm, type AlarmTopics, type MonitoringAlarm, type Severity } from "../../common/alarm-factory";
import type { MathExpressionSpec, MetricSpec } from "../../common/metrics";
import { AWS_LIMITS } from "../../common/aws-limits";
import { terraformLiteral, requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import { requireKnownProps } from "../../common/known-props";
import { InvalidPropsError, requireMatch, requireMaxLength } from "../../common/validation";
import { physicalName } from "../../common/naming";
import { requireName } from "../../common/prop-checks";
import { checkPage } from "../../dashboard/dashboard-checks";
import { renderTemplate, type JsonValue } from "../../dashboard/template-renderer";
import budgetTemplate from "../../dashboard/templates/error-budget-widget.json";
import { SEVERITY_COLORS } from "../../dashboard/graphs";
import type { AlarmLinks } from "../alarm-kinds";
import type { DashboardPage, MonitoringSegment } from "../segment";
import { SyntheticsMetrics } from "../synthetics/synthetics-metric-factory";

/** An availability objective: the share of good events over a rolling period. */
export interface AvailabilityObjective {
  /** e.g. 99.9: at most 0.1 % of events may fail. From 95 to 99.99 (see SLO_TARGET_RANGE). */
  readonly targetPercent: number;
  /** The objective's rolling period, in days: the error budget's. @default 30 */
  readonly periodDays?: number;
}

/**
 * A latency objective: the share of events faster than `thresholdMs`, e.g. 99.9 % of calls within 2 s. Its
 * burn-rate alarms are an availability objective's over slow events (a trimmed count, `TC(<thresholdMs>:)`,
 * of the duration) among all timed events. The approximation: a call's latency is judged against one
 * threshold per call, not as a percentile of a window, so "p99.9 under 2 s" reads "at most 0.1 % of calls
 * over 2 s", which is what a percentile target promises, counted the way a burn rate can work at low traffic.
 */
export interface LatencyObjective extends AvailabilityObjective {
  /** Calls slower than this, in milliseconds, are bad events. From 1 ms to 900,000 ms (Lambda's 15 minutes). */
  readonly thresholdMs: number;
}

/** Throws the one clear error for a latency objective the alarms cannot work with. */
export function requireLatencyObjective(where: string, field: string, objective: LatencyObjective): void {
  requireObjective(where, field, objective);
  const t = objective.thresholdMs;
  if (typeof t !== "number" || !Number.isInteger(t) || t < 1 || t > 900_000) throw new InvalidPropsError(where, `${field}.thresholdMs`, t, "an integer from 1 to 900000 milliseconds");
}

/** Objectives the burn-rate alarms can work with: below 95 % a 14.4x burn needs more than 72 % failures (and below 93 % more than all); above 99.99 % one failure in a quiet hour is already a fast burn. */
export const SLO_TARGET_RANGE = { min: 95, max: 99.99 } as const;
/** The workbook's period, and CloudWatch's: a 30-day budget. */
export const DEFAULT_SLO_PERIOD_DAYS = 30;

/** One window: periods of `periodSeconds`, in ALARM when `datapointsToAlarm` of the last `periods` burn above the rate. */
export interface BurnRateWindowShape {
  /** The period of each datapoint, in seconds. */
  readonly periodSeconds: number;
  /** How many periods make the window (evaluation periods). */
  readonly periods: number;
  /** How many of them must burn above the rate. */
  readonly datapointsToAlarm: number;
}

/** One burn-rate tier: the burn rate, its long and short windows, and the tier it notifies. */
export interface BurnRateWindow {
  /** Part of the alarm names and construct ids. */
  readonly id: "fast" | "slow" | "ticket";
  /** Multiples of the budget's even spending rate, e.g. 14.4 (2 % of a 30-day budget in an hour). */
  readonly burnRate: number;
  /** The window that says the burn is real. */
  readonly long: BurnRateWindowShape;
  /** The window that says it still burns, so the alarm clears soon after it stops. */
  readonly short: BurnRateWindowShape;
  /** The tier told: critical (page) or warning (ticket). */
  readonly severity: Severity;
}

/** Minutes of the hour burning above 14.4x before the fast tier pages: two failures at least, never one isolated failure. */
export const DEFAULT_PAGE_MINIMUM_FAILURES = 2;

/** The workbook's page tiers, and a one-day ticket tier (see the file comment). Ids are Terraform addresses. */
export const BURN_RATE_WINDOWS: readonly BurnRateWindow[] = [
  { id: "fast", burnRate: 14.4, long: { periodSeconds: 60, periods: 60, datapointsToAlarm: 2 }, short: { periodSeconds: 60, periods: 30, datapointsToAlarm: 1 }, severity: "critical" },
  { id: "slow", burnRate: 6, long: { periodSeconds: 1_800, periods: 12, datapointsToAlarm: 3 }, short: { periodSeconds: 1_800, periods: 4, datapointsToAlarm: 1 }, severity: "critical" },
  { id: "ticket", burnRate: 3, long: { periodSeconds: 3_600, periods: 24, datapointsToAlarm: 6 }, short: { periodSeconds: 3_600, periods: 3, datapointsToAlarm: 1 }, severity: "warning" },
];

/** What the objective counts: bad events and all events, each the sum of its metrics (Sum statistics). */
export interface ServiceLevelIndicator {
  /** Failed events, e.g. a function's Errors, a route's 5xx. */
  readonly bad: readonly MetricSpec[];
  /** All events, e.g. Invocations, a route's Count. */
  readonly total: readonly MetricSpec[];
  /**
   * Synthetics canaries whose runs count as events too: each run one event, each failed run a bad one
   * (runs: SuccessPercent's SampleCount; passed: its Sum / 100). With no user traffic at all, the canaries
   * alone burn the budget when they fail. Two metrics each. @default none
   */
  readonly canaries?: readonly string[];
  /**
   * Failures made on purpose, counted among `bad` but not failures of the service: e.g. the contract's
   * InjectedFailures of a failure simulation or a chaos experiment. Subtracted from `bad`, so the objective
   * judges only real failures and a real 20 % failure is told at any traffic, however many are injected.
   * @default none
   */
  readonly excluded?: readonly MetricSpec[];
}

/** Props of {@link SloMonitoring}: the objective and its indicator, the names and title, the page, and the burn-rate alarms' topics and links. */
export interface SloMonitoringProps {
  /** Alarm names are `<name>-slo-<window>-<long|short>`, `<name>-slo-page`, `<name>-slo-ticket`. */
  readonly name: string;
  /** What the objective is of, for descriptions and the dashboard, e.g. `payment capability`. */
  readonly title: string;
  /** The objective: its target and period. */
  readonly objective: AvailabilityObjective;
  /** What counts as bad events and as all events. */
  readonly indicator: ServiceLevelIndicator;
  /** The tiers must have a topic: the composites are what a tier composite (or the topic) hears. */
  readonly topics: AlarmTopics;
  /** The page the remaining error budget shows on. @default "business" */
  readonly page?: DashboardPage;
  /**
   * The runbook section and dashboard page the burn-rate alarm descriptions link.
   * @default no links
   */
  readonly links?: AlarmLinks;
  /** Minutes of the hour that must burn above 14.4x before the fast tier pages: at least this many failures. Raise it where simulated or known background failures come closer together. @default 2 */
  readonly pageMinimumFailures?: number;
}

/** Throws the one clear error for an objective the alarms cannot work with. */
export function requireObjective(where: string, field: string, objective: AvailabilityObjective): void {
  const t = objective.targetPercent;
  if (typeof t !== "number" || !Number.isFinite(t) || t < SLO_TARGET_RANGE.min || t > SLO_TARGET_RANGE.max) {
    throw new InvalidPropsError(where, `${field}.targetPercent`, t, `a percentage from ${SLO_TARGET_RANGE.min} to ${SLO_TARGET_RANGE.max}: below, a 14.4x burn needs more failures than there are calls; above, one failure in a quiet hour is a fast burn`);
  }
  const days = objective.periodDays ?? DEFAULT_SLO_PERIOD_DAYS;
  if (!Number.isInteger(days) || days < 7 || days > 90) throw new InvalidPropsError(where, `${field}.periodDays`, days, "an integer from 7 to 90 days");
}

/** The burn rate over one period: bad/total divided by the budget; no datapoint without traffic. */
export function burnRateExpression(indicator: ServiceLevelIndicator, budgetFraction: number): MathExpressionSpec {
  const usingMetrics: Record<string, MetricSpec> = {};
  const sum = (prefix: string, metrics: readonly MetricSpec[]) => {
    const ids = metrics.map((m, i) => {
      const id = metrics.length === 1 ? prefix : `${prefix}${i + 1}`;
      usingMetrics[id] = m;
      return id;
    });
    // A sum of several series: a metric with no datapoint in the period (no traffic there) counts as 0.
    // With canaries beside it, even one metric is filled: a minute without user traffic still has canary runs.
    return ids.length === 1 && !indicator.canaries?.length ? ids[0]! : `(${ids.map((id) => `FILL(${id}, 0)`).join(" + ")})`;
  };
  const counted = sum("bad", indicator.bad);
  const excluded = indicator.excluded?.length ? sum("excl", indicator.excluded) : undefined;
  // An injected failure is in the bad events' metric too: take it out; FILL, as a minute may hold no injected one.
  let bad = excluded === undefined ? counted : `(${counted} - ${indicator.excluded!.length === 1 ? `FILL(${excluded}, 0)` : excluded})`;
  let total = sum("total", indicator.total);
  (indicator.canaries ?? []).forEach((canaryName, i) => {
    usingMetrics[`runs${i + 1}`] = SyntheticsMetrics.runs(canaryName);
    usingMetrics[`passed${i + 1}`] = SyntheticsMetrics.passedTimes100(canaryName);
    bad = `${bad} + (FILL(runs${i + 1}, 0) - FILL(passed${i + 1}, 0) / 100)`;
    total = `${total} + FILL(runs${i + 1}, 0)`;
  });
  if (indicator.canaries?.length) {
    bad = `(${bad})`;
    total = `(${total})`;
  }
  const budget = Number(budgetFraction.toPrecision(6));
  return { expression: `IF(${total} > 0, ${bad} / ${total} / ${budget}, 0)`, label: "Burn rate (x budget)", usingMetrics };
}

/** A segment of one objective: six window alarms, the page and ticket composites, and the remaining-budget widget. */
export class SloMonitoring implements MonitoringSegment {
  /** The segment's id, `slo:<name>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** The `page` prop; by default `business`, the "Business" page. */
  readonly page: DashboardPage;
  /** Heading of the segment's graphs: `<title>: objective <targetPercent> %`. */
  readonly title: string;
  /** The page and ticket composites: what notifies, and what a capability or tier composite covers. */
  readonly alarms: MonitoringAlarm[];
  /** The six window alarms, which notify nobody: only the composites read them. */
  readonly windowAlarms: MonitoringAlarm[];
  /** In ALARM while the objective burns at a page tier's rate in both its windows. */
  readonly pageAlarm: MonitoringAlarm;
  /** In ALARM while it burns at the ticket rate and no page tier is in ALARM. */
  readonly ticketAlarm: MonitoringAlarm;
  private readonly budgetFraction: number;

  constructor(scope: Construct, private readonly props: SloMonitoringProps) {
    requireNoTemplateSequences("SloMonitoring", props, [...SEGMENT_FREE_TEXT, "indicator.bad.label", "indicator.total.label", "indicator.excluded.label"]);
    requireKnownProps("SloMonitoring", "SloMonitoring", { props });
    const where = `SloMonitoring "${props.name}"`;
    requireMatch(where, "name", props.name, /^[A-Za-z0-9_.-]{1,200}$/, "1-200 letters, digits, _, . or -");
    requireObjective(where, "objective", props.objective);
    requireName(where, "title", props.title, { max: 200 });
    if (props.page !== undefined) checkPage(where, "page", props.page);
    for (const part of ["bad", "total"] as const) {
      if (props.indicator[part].length === 0) throw new InvalidPropsError(where, `indicator.${part}`, [], "at least one metric: the objective is bad / total calls");
    }
    const canaryMetrics = 2 * (props.indicator.canaries?.length ?? 0);
    const excludedCount = props.indicator.excluded?.length ?? 0;
    if (props.indicator.bad.length === 0 || props.indicator.total.length === 0 || props.indicator.bad.length + props.indicator.total.length + canaryMetrics + excludedCount > 10) {
      throw new InvalidPropsError(where, "indicator", `${props.indicator.bad.length} bad, ${props.indicator.total.length} total, ${canaryMetrics} of canaries${excludedCount ? `, ${excludedCount} excluded` : ""}`, "at least one metric of bad and of total, at most 10 in all (CloudWatch's metric-math alarm limit; a canary takes two)");
    }
    this.id = `slo:${props.name}`;
    this.page = props.page ?? "business";
    this.title = `${props.title}: objective ${props.objective.targetPercent} %`;
    this.budgetFraction = 1 - props.objective.targetPercent / 100;
    // `false`: the tier goes without a channel on purpose (Alerting's noChannel), so its alarms notify nobody.
    const topicOf = (severity: Severity): string[] => {
      const t = props.topics[severity];
      if (t === undefined) throw new InvalidPropsError(where, `topics.${severity}`, undefined, `a topic ARN for the ${severity} tier (the objective's ${severity === "critical" ? "page" : "ticket"} tier notifies it), or false for none`);
      return t === false ? [] : [typeof t === "string" ? t : t.topicArn];
    };

    const windows = new Map<string, { long: MonitoringAlarm; short: MonitoringAlarm }>();
    const windowAlarms: MonitoringAlarm[] = [];
    const pageMinimum = props.pageMinimumFailures ?? DEFAULT_PAGE_MINIMUM_FAILURES;
    if (!Number.isInteger(pageMinimum) || pageMinimum < 1 || pageMinimum > 60) throw new InvalidPropsError(where, "pageMinimumFailures", pageMinimum, "an integer from 1 to 60 (minutes of the hour)");
    for (const window of BURN_RATE_WINDOWS) {
      const w = window.id === "fast" ? { ...window, long: { ...window.long, datapointsToAlarm: pageMinimum } } : window;
      const make = (which: "long" | "short", shape: BurnRateWindowShape) =>
        createAlarm(scope, `slo-${w.id}-${which}`, {
          alarmName: `${props.name}-slo-${w.id}-${which}`,
          description: `${props.title}: burn rate of the ${props.objective.targetPercent} % objective above ${w.burnRate}x in ${shape.datapointsToAlarm} of ${shape.periods} periods of ${shape.periodSeconds / 60} min. Notifies nobody: the objective's ${w.severity === "critical" ? "page" : "ticket"} composite (-slo-${w.severity === "critical" ? "page" : "ticket"}) does.${props.links ? ` Runbook: ${props.links.runbook}` : ""}`,
          severity: w.severity,
          metric: burnRateExpression(props.indicator, this.budgetFraction),
          comparison: "GreaterThanThreshold",
          threshold: { threshold: w.burnRate, evaluationPeriods: shape.periods, datapointsToAlarm: shape.datapointsToAlarm, periodSeconds: shape.periodSeconds },
          actions: [],
          segment: this.id,
          kind: `slo-${w.id}-${which}`,
        });
      const pair = { long: make("long", w.long), short: make("short", w.short) };
      windows.set(w.id, pair);
      windowAlarms.push(pair.long, pair.short);
    }
    const both = (id: string) => `(ALARM("${windows.get(id)!.long.alarmName}") AND ALARM("${windows.get(id)!.short.alarmName}"))`;
    const pageName = physicalName(scope, `${props.name}-slo-page`);
    const page = new CloudwatchCompositeAlarm(scope, "slo-page", {
      alarmName: pageName,
      alarmDescription: checkedDescription(
        where,
        `[CRITICAL] ${props.title}: the ${props.objective.targetPercent} % objective burns its ${props.objective.periodDays ?? DEFAULT_SLO_PERIOD_DAYS}-day error budget at 14.4x over 1 h and lately, or 6x over 6 h and lately.${props.links ? ` Runbook: ${props.links.runbook} Dashboard: ${props.links.dashboard}` : ""}`,
      ),
      alarmRule: `${both("fast")} OR ${both("slow")}`,
      alarmActions: topicOf("critical"),
      okActions: topicOf("critical"),
      dependsOn: windowAlarms.filter((a) => !a.kind.startsWith("slo-ticket")).map((a) => a.resource),
    });
    const ticketName = physicalName(scope, `${props.name}-slo-ticket`);
    const ticket = new CloudwatchCompositeAlarm(scope, "slo-ticket", {
      alarmName: ticketName,
      alarmDescription: checkedDescription(
        where,
        `[WARNING] ${props.title}: the ${props.objective.targetPercent} % objective burns its error budget at 3x over 24 h and lately (10 % of the budget in a day). Quiet while the objective's page composite (-slo-page) is in ALARM.${props.links ? ` Runbook: ${props.links.runbook} Dashboard: ${props.links.dashboard}` : ""}`,
      ),
      alarmRule: `${both("ticket")} AND NOT ALARM("${pageName}")`,
      alarmActions: topicOf("warning"),
      okActions: topicOf("warning"),
      dependsOn: [page, ...windowAlarms.filter((a) => a.kind.startsWith("slo-ticket")).map((a) => a.resource)],
    });
    this.pageAlarm = { alarmName: pageName, severity: "critical", arn: page.arn, resource: page, segment: this.id, kind: "slo-page" };
    this.ticketAlarm = { alarmName: ticketName, severity: "warning", arn: ticket.arn, resource: ticket, segment: this.id, kind: "slo-ticket" };
    this.alarms = [this.pageAlarm, this.ticketAlarm];
    this.windowAlarms = windowAlarms;
  }

  /** The remaining error budget over the objective's period, and the burn rate over an hour against the page tiers. */
  widgets(region: string): JsonValue[] {
    const days = this.props.objective.periodDays ?? DEFAULT_SLO_PERIOD_DAYS;
    const burn = burnRateExpression(this.props.indicator, this.budgetFraction);
    const rows = (expression: string, label: string, id: string): JsonValue[] => [
      ...Object.entries(burn.usingMetrics).map(([mid, m]) => [m.namespace, m.metricName, ...Object.entries(m.dimensions).flat(), { id: `${id}_${mid}`, stat: m.statistic, visible: false }]),
      [{ expression: Object.keys(burn.usingMetrics).reduce((e, mid) => e.replace(new RegExp(`\\b${mid}\\b`, "g"), `${id}_${mid}`), expression), label, id }],
    ] as JsonValue[];
    // Remaining budget = 100 % less the budget spent: the period's burn rate is the share spent.
    const remaining = `100 * (1 - ${burn.expression})`;
    return [
      renderTemplate("error-budget-widget", budgetTemplate, {
        title: `${this.title}: error budget remaining over ${days} days (%)`,
        region,
        period: days * 86_400,
        metrics: rows(remaining, "Error budget remaining (%)", "budget"),
        view: "singleValue",
        annotations: [],
      }),
      renderTemplate("error-budget-widget", budgetTemplate, {
        title: `${this.props.title}: burn rate over 1 h (x budget)`,
        region,
        period: 3_600,
        metrics: rows(burn.expression, "Burn rate", "burn"),
        view: "timeSeries",
        annotations: BURN_RATE_WINDOWS.map((w) => ({ label: `${w.id} ${w.burnRate}x`, value: w.burnRate, color: SEVERITY_COLORS[w.severity] })),
      }),
    ];
  }
}

/** A composite's description within CloudWatch's limit (the window alarms' are checked by the alarm factory), escaped for Terraform. */
function checkedDescription(where: string, text: string): string {
  requireMaxLength(where, "description", text, AWS_LIMITS.cloudwatch.alarmDescriptionMaxLength);
  return terraformLiteral(text);
}
