import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import { createSeverityAlarms, type AlarmTopics, type ComparisonOperator, type MonitoringAlarm, type SeverityThresholds } from "../../common/alarm-factory";
import type { AlarmMetric, MathExpressionSpec, MetricSpec } from "../../common/metrics";
import { ALERT_TIERS, isAlertTier } from "../../common/tiers";
import { InvalidPropsError, requireIntegerInRange, requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { createKindAlarms, describe, type AlarmKind, type AlarmLinks } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { customMetric, customRatePercent, type MetricReference } from "./custom-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/** The built-in rates' low-traffic rule: below 20 events in the period a rate counts only from 3 failures. */
export const DEFAULT_MINIMUM_RATE_EVENTS = 20;
/** Below the rates' traffic guard, this many failures (denominator minus numerator) in a period still make a rate, so a total failure alarms at any traffic. */
export const DEFAULT_MINIMUM_RATE_FAILURES = 3;
/** Anomaly band widths, in standard deviations, CloudWatch's model is useful between. */
export const ANOMALY_BAND_WIDTH_RANGE = { min: 0.5, max: 10 } as const;

/** What every watch has: its id and its thresholds. */
export interface WatchBase {
  /** Construct id prefix and alarm name part, e.g. `orders-placed`: part of the Terraform addresses, keep it once deployed. */
  readonly id: string;
  /** Each tier's threshold (for an anomaly band: its width in standard deviations). */
  readonly thresholds: SeverityThresholds;
}

/** A count (statistic Sum by default): above or below a threshold. Below counts a period without datapoints as 0, so silence breaches. */
export interface CountWatch extends WatchBase {
  /** A count. */
  readonly type: "count";
  /** The metric counted (statistic Sum unless it names another). */
  readonly metric: MetricReference;
  /** Alarm above the threshold, or below it (silence counting as 0). */
  readonly when: "above" | "below";
}
/** A value (statistic Average by default, or any percentile): above or below a threshold. A period without datapoints does not breach. */
export interface ValueWatch extends WatchBase {
  /** A value. */
  readonly type: "value";
  /** The metric (statistic Average unless it names another, e.g. p99). */
  readonly metric: MetricReference;
  /** Alarm above the threshold or below it. */
  readonly when: "above" | "below";
}
/**
 * `numerator` as % of `denominator` (failures of requests above 5 %, or
 * successes of attempts below 95 %), with the low-traffic rule of the
 * built-in rates: below `minimumDenominator` events in the period the rate
 * reads healthy unless `minimumNumerator` failures happened (for `below`, the
 * failures are denominator minus numerator), so a total failure is seen at
 * any traffic and one stray failure in a quiet minute is not.
 */
export interface RateWatch extends WatchBase {
  /** A rate of two metrics, in %. */
  readonly type: "rate";
  /** The part, e.g. failures or successes (statistic Sum unless it names another). */
  readonly numerator: MetricReference;
  /** The whole, e.g. requests or attempts (statistic Sum unless it names another). */
  readonly denominator: MetricReference;
  /**
   * Alarm when the rate is above the threshold (a failure rate) or below it (a success rate).
   * @default "above"
   */
  readonly when?: "above" | "below";
  /**
   * The low-traffic guard: the rate alarms only with at least this many events (denominator) in the period.
   * @default 20
   */
  readonly minimumDenominator?: number;
  /**
   * Below minimumDenominator, the rate still alarms once the period has this many failures (denominator minus numerator).
   * @default 3
   */
  readonly minimumNumerator?: number;
}
/** Outside CloudWatch's anomaly detection band around the metric: above it, below it, or either. Thresholds are band widths in standard deviations. */
export interface AnomalyWatch extends WatchBase {
  /** An anomaly detection band. */
  readonly type: "anomaly";
  /** The metric the band is trained on (statistic Average unless it names another). */
  readonly metric: MetricReference;
  /** Alarm above the band, below it, or outside it on either side. */
  readonly when: "above" | "below" | "outside";
}
/**
 * One watch of {@link CustomMetricMonitoringProps.watches}, by its `type`: a count, a value, a rate of two metrics, or an anomaly band. Each makes one alarm per tier it has a threshold for.
 */
export type MetricWatch = CountWatch | ValueWatch | RateWatch | AnomalyWatch;

/** Props of {@link CustomMetricMonitoring}: the segment's name and title, the metrics to watch with their thresholds, its page, and the alarms' topics and links. */
export interface CustomMetricMonitoringProps {
  /** Names the segment (`metrics:<name>`) and prefixes its alarm names, e.g. `checkout-production`. */
  readonly name: string;
  /** The heading of its graphs. @default the name */
  readonly title?: string;
  /** What to watch. */
  readonly watches: readonly MetricWatch[];
  /** `business` puts the graphs on the business page and allows the business tier only (KPIs go to the business tier). @default "custom" */
  readonly page?: "custom" | "business";
  /** Where each tier's alarms notify. */
  readonly topics: AlarmTopics;
  /** The runbook section and dashboard page every description links. @default no links */
  readonly links?: AlarmLinks;
}

const COMPARISON = { above: "GreaterThanThreshold", below: "LessThanThreshold" } as const satisfies Record<string, ComparisonOperator>;
const BAND_COMPARISON = { above: "GreaterThanUpperThreshold", below: "LessThanLowerThreshold", outside: "LessThanLowerOrGreaterThanUpperThreshold" } as const satisfies Record<string, ComparisonOperator>;

interface Resolved {
  readonly watch: MetricWatch;
  /** What the alarm and its graph read. */
  readonly metric: AlarmMetric;
  readonly describe: (t: number) => string;
}

/** Metrics of any namespace, the team's own or AWS's: counts, values, rates of two metrics and anomaly bands, each with its tiers. */
export class CustomMetricMonitoring implements MonitoringSegment {
  /** The segment's id, `metrics:<name>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** The `page` prop: `custom` (the "Custom metrics" page, the default) or `business`. */
  readonly page: "custom" | "business";
  /** Heading of the segment's graphs: the `title` prop, or the name. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly resolved: Resolved[];

  constructor(scope: Construct, props: CustomMetricMonitoringProps) {
    requireNoTemplateSequences("CustomMetricMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("CustomMetricMonitoring", "CustomMetricMonitoring", { props });
    const where = `CustomMetricMonitoring "${String(props.name)}"`;
    requireMatch(where, "name", String(props.name), /^[A-Za-z0-9_.-]{1,200}$/, "1-200 letters, digits, _, . or -");
    const page = props.page ?? "custom";
    if (page !== "custom" && page !== "business") throw new InvalidPropsError(where, "page", page, '"custom" or "business"');
    if (!Array.isArray(props.watches) || props.watches.length === 0) throw new InvalidPropsError(where, "watches", props.watches, "at least one watch: { id, type, ... }");
    this.id = `metrics:${props.name}`;
    this.page = page;
    this.title = props.title ?? props.name;
    const seen = new Set<string>();
    this.resolved = props.watches.map((watch, i) => {
      const field = `watches[${i}]`;
      requireMatch(where, `${field}.id`, String(watch?.id), /^[a-z][a-z0-9-]{0,62}$/, "1-63 lowercase letters, digits or -, starting with a letter");
      if (seen.has(watch.id)) throw new InvalidPropsError(where, `${field}.id`, watch.id, "an id not used by another watch of this segment");
      seen.add(watch.id);
      requireTiers(where, `${field}.thresholds`, watch.thresholds, page);
      return resolve(where, field, watch);
    });
    this.alarms = this.resolved.flatMap((r) => this.alarmsOf(scope, where, r, props));
  }

  private alarmsOf(scope: Construct, where: string, r: Resolved, props: CustomMetricMonitoringProps): MonitoringAlarm[] {
    const w = r.watch;
    if (w.type === "anomaly") {
      for (const [tier, t] of Object.entries(w.thresholds)) {
        const width = t?.threshold;
        if (typeof width !== "number" || !(width >= ANOMALY_BAND_WIDTH_RANGE.min && width <= ANOMALY_BAND_WIDTH_RANGE.max)) {
          throw new InvalidPropsError(where, `thresholds.${w.id}.${tier}.threshold`, width, `a band width from ${ANOMALY_BAND_WIDTH_RANGE.min} to ${ANOMALY_BAND_WIDTH_RANGE.max} standard deviations`);
        }
      }
      const { critical, warning } = w.thresholds;
      if (critical && warning && critical.threshold < warning.threshold) {
        throw new InvalidPropsError(where, `thresholds.${w.id}.critical.threshold`, critical.threshold, `at least the warning band width (${warning.threshold}): the critical band must be as wide or wider, or it fires first and the warning never fires alone`);
      }
      return createSeverityAlarms(scope, w.id, {
        baseName: `${props.name}-${w.id}`,
        describe: (severity, t) => describe(severity, this.title, r.describe(t.threshold), t, props.links),
        metric: r.metric,
        comparison: BAND_COMPARISON[w.when],
        thresholds: w.thresholds,
        topics: props.topics,
        anomalyBand: true,
        segment: this.id,
        kind: w.id,
      });
    }
    const comparison = COMPARISON[w.type === "rate" ? (w.when ?? "above") : w.when];
    const kind: AlarmKind<null> = { id: w.id, comparison, metric: () => r.metric, condition: (t) => r.describe(t) };
    return createKindAlarms({ scope, where, segment: this.id, subject: this.title, alarmNamePrefix: props.name, kinds: { [w.id]: kind }, resource: null, overrides: { [w.id]: w.thresholds }, topics: props.topics, links: props.links });
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    return this.resolved.map((r) => {
      const w = r.watch;
      const metrics: AlarmMetric[] = w.type === "anomaly" ? [r.metric, band(r.metric as MetricSpec, Math.min(...Object.values(w.thresholds).map((t) => t!.threshold)))] : [r.metric];
      return graphWidget(region, { title: `${this.title}: ${w.id}`, metrics, alarms: this.alarms, alarmKinds: [w.id], width: 8, periodSeconds: Math.max(...Object.values(w.thresholds).map((t) => t!.periodSeconds ?? 60)) });
    });
  }
}

function resolve(where: string, field: string, w: MetricWatch): Resolved {
  if (w.type === "count") {
    const m = customMetric(where, `${field}.metric`, w.metric, "Sum");
    requireWhen(where, field, w.when, ["above", "below"]);
    // EMF and PutMetricData publish nothing in a period without events: for "below", no datapoint is a count of 0.
    const metric: AlarmMetric = w.when === "below" ? { expression: "FILL(count, 0)", label: m.label ?? m.metricName, usingMetrics: { count: m } } : m;
    return { watch: w, metric, describe: (t) => `${m.metricName} (${m.statistic}) ${w.when} ${t}${w.when === "below" ? " (no datapoint counts as 0)" : ""}` };
  }
  if (w.type === "value") {
    const m = customMetric(where, `${field}.metric`, w.metric, "Average");
    requireWhen(where, field, w.when, ["above", "below"]);
    return { watch: w, metric: m, describe: (t) => `${m.metricName} (${m.statistic}) ${w.when} ${t}` };
  }
  if (w.type === "rate") {
    const numerator = customMetric(where, `${field}.numerator`, w.numerator, "Sum");
    const denominator = customMetric(where, `${field}.denominator`, w.denominator, "Sum");
    const when = w.when ?? "above";
    requireWhen(where, field, when, ["above", "below"]);
    const minD = w.minimumDenominator ?? DEFAULT_MINIMUM_RATE_EVENTS;
    const minN = w.minimumNumerator ?? DEFAULT_MINIMUM_RATE_FAILURES;
    requireIntegerInRange(where, `${field}.minimumDenominator`, minD, 1, 1_000_000);
    requireIntegerInRange(where, `${field}.minimumNumerator`, minN, 1, 1_000_000);
    const label = `${numerator.metricName} of ${denominator.metricName} (%)`;
    const metric = when === "above" ? customRatePercent(label, numerator, denominator, minD, minN) : successRatePercent(label, numerator, denominator, minD, minN);
    const traffic = when === "above" ? `${minN} ${numerator.metricName}` : `${minN} missing`;
    return { watch: w, metric, describe: (t) => `${label.replace(" (%)", "")} ${when} ${t} % (with at least ${minD} ${denominator.metricName}, or ${traffic}, in the period)` };
  }
  if (w.type === "anomaly") {
    const m = customMetric(where, `${field}.metric`, w.metric, "Average");
    requireWhen(where, field, w.when, ["above", "below", "outside"]);
    const side = { above: "above", below: "below", outside: "outside" }[w.when];
    return { watch: w, metric: m, describe: (t) => `${m.metricName} (${m.statistic}) ${side} its expected band (${t} standard deviations)` };
  }
  throw new InvalidPropsError(where, `${field}.type`, (w as { type?: unknown }).type, '"count", "value", "rate" or "anomaly"');
}

/**
 * `numerator` as % of `denominator` where lower is worse (successes of
 * attempts): 100 (healthy) below `minimumDenominator` unless the missing part
 * (denominator - numerator) reaches `minimumNumerator`, the mirror of
 * guardedPercent. A numerator without a datapoint counts as 0: every attempt failed.
 */
function successRatePercent(label: string, numerator: MetricSpec, denominator: MetricSpec, minimumDenominator: number, minimumFailures: number): MathExpressionSpec {
  const rate = "100 * FILL(numerator, 0) / denominator";
  return {
    expression: `IF(denominator >= ${minimumDenominator}, ${rate}, IF(denominator - FILL(numerator, 0) >= ${minimumFailures}, ${rate}, 100))`,
    label,
    usingMetrics: { numerator, denominator },
  };
}

function band(m: MetricSpec, width: number): MathExpressionSpec {
  return { expression: `ANOMALY_DETECTION_BAND(observed, ${width})`, label: "Expected range", usingMetrics: { observed: m } };
}

function requireWhen(where: string, field: string, when: unknown, allowed: readonly string[]): void {
  if (typeof when !== "string" || !allowed.includes(when)) throw new InvalidPropsError(where, `${field}.when`, when, allowed.map((a) => `"${a}"`).join(" or "));
}

/** A watch names its tiers; KPIs on the business page go to the business tier only. */
function requireTiers(where: string, field: string, thresholds: SeverityThresholds, page: "custom" | "business"): void {
  if (thresholds === null || typeof thresholds !== "object" || Object.keys(thresholds).length === 0) throw new InvalidPropsError(where, field, thresholds, "thresholds for at least one tier, e.g. { warning: { threshold: 5, evaluationPeriods: 3 } }");
  for (const tier of Object.keys(thresholds)) {
    if (!isAlertTier(tier)) throw new InvalidPropsError(where, `${field}.${tier}`, thresholds[tier as keyof SeverityThresholds], `a tier: ${Object.keys(ALERT_TIERS).join(", ")}`);
    if (page === "business" && tier !== "business") throw new InvalidPropsError(where, `${field}.${tier}`, thresholds[tier], "the business tier only: business KPIs notify the business tier (critical and warning are for the estate's health)");
  }
}
