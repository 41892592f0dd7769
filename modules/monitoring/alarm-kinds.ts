/**
 * Alarms from a table of kinds: each segment lists what it can alarm on (the
 * metric, the operator, how the description reads), and this one function
 * turns the configured thresholds into alarms, tier by tier.
 */
import { Token } from "cdktf";
import type { Construct } from "constructs";
import { createSeverityAlarms, type AlarmThreshold, type AlarmTopics, type ComparisonOperator, type MonitoringAlarm, type Severity, type SeverityThresholds } from "../common/alarm-factory";
import type { AlarmMetric } from "../common/metrics";
import { InvalidPropsError } from "../common/validation";
import { AWS_LIMITS } from "../common/aws-limits";
import { requireAlarmTopics, requireLink, requireName, requireSeverityThresholds } from "../common/prop-checks";
import { TIERS, isAlertTier } from "../common/tiers";

/** Why a kind cannot alarm on this resource: a threshold configured for it anyway is an error that says this. */
export interface NotApplicable {
  /** Why the kind does not apply to the resource; naming it is a synth error. */
  readonly notApplicable: string;
}

/** One thing a segment can alarm on, for a resource of type `R`: a row of its table of kinds. */
export interface AlarmKind<R> {
  /** Construct id prefix and alarm name suffix, e.g. `error-rate`. Part of the Terraform address: never rename one. */
  readonly id: string;
  /** How the kind's metric compares with its threshold. */
  readonly comparison: ComparisonOperator;
  /** The metric (or math expression) the kind alarms on. */
  readonly metric: (resource: R) => AlarmMetric | NotApplicable;
  /** Turns the configured threshold (e.g. % of the timeout) into the metric's unit. @default as configured */
  readonly toMetricThreshold?: (configured: number, resource: R) => number;
  /** What breaching reads like in the description, e.g. `error rate above 5 %`. */
  readonly condition: (configured: number, resource: R) => string;
}

/** A segment's table of kinds: what it can alarm on, by the key its thresholds use. */
export type AlarmKinds<K extends string, R> = { readonly [P in K]: AlarmKind<R> };

/** Thresholds per kind; `false` turns a kind's default off for this resource. */
export type KindThresholds<K extends string> = { readonly [P in K]?: SeverityThresholds | false };

export interface KindAlarmsSpec<K extends string, R> {
  readonly scope: Construct;
  /** Names the segment in error messages, e.g. `LambdaFunctionMonitoring "user-service-dev"`. */
  readonly where: string;
  readonly segment: string;
  /** Who the descriptions speak of, e.g. the function name. */
  readonly subject: string;
  /** Alarm names are `<alarmNamePrefix>-<kind id>-<severity>`. */
  readonly alarmNamePrefix: string;
  /** The prop the alarm name prefix came from, for errors, e.g. `functionName`. @default "name" */
  readonly nameField?: string;
  readonly kinds: AlarmKinds<K, R>;
  readonly resource: R;
  /** Applied where the kind applies to the resource, silently skipped where it does not. */
  readonly defaults?: KindThresholds<K> | undefined;
  /** This resource's own thresholds, merged tier by tier over the defaults; one for a kind that does not apply is an error. */
  readonly overrides?: KindThresholds<K> | undefined;
  readonly topics: AlarmTopics;
  /** Where the description points: the runbook section and the dashboard page. @default no links */
  readonly links?: AlarmLinks | undefined;
}

/** What every alarm description links: the README's runbook section of its family, and its dashboard page. */
export interface AlarmLinks {
  /** The runbook section URL the alarm description links. */
  readonly runbook: string;
  /** The dashboard page URL the alarm description links. */
  readonly dashboard: string;
}

/** What every segment's props share: where its alarms notify, what they link, and their thresholds. */
export interface SegmentAlarmProps<K extends string> {
  /** Where each tier's alarms notify. */
  readonly topics: AlarmTopics;
  /** The runbook section and dashboard page every description links. @default no links */
  readonly links?: AlarmLinks;
  /** Applied where they apply. @default none */
  readonly defaults?: KindThresholds<K> | undefined;
  /** This resource's own, over the defaults tier by tier; one that cannot apply is an error. @default none */
  readonly thresholds?: KindThresholds<K> | undefined;
}

/**
 * A segment's alarms from its table of kinds: for each kind with a threshold
 * (the resource's own merged over the defaults, tier by tier), one alarm per
 * tier, named `<name>-<kind id>-<tier>`, construct ids `<kind id>-<tier>`,
 * described with {@link describe}. A threshold for an unknown kind or tier, or
 * a critical threshold looser than the warning, is an {@link InvalidPropsError}.
 * @param scope - the construct the alarms are created in
 * @param segment - the segment's id, how errors name it (`where`), and the name its alarms and descriptions carry
 * @param kinds - the table of kinds
 * @param resource - what the kinds' metrics and conditions read
 * @param props - topics, links, defaults and thresholds
 * @returns the alarms, kind by kind
 */
export function segmentAlarms<K extends string, R>(
  scope: Construct,
  segment: { readonly id: string; readonly where: string; readonly name: string; readonly nameField?: string },
  kinds: AlarmKinds<K, R>,
  resource: R,
  props: SegmentAlarmProps<K>,
): MonitoringAlarm[] {
  return createKindAlarms({
    scope,
    where: segment.where,
    ...(segment.nameField !== undefined ? { nameField: segment.nameField } : {}),
    segment: segment.id,
    subject: segment.name,
    alarmNamePrefix: segment.name,
    kinds,
    resource,
    defaults: props.defaults,
    overrides: props.thresholds,
    topics: props.topics,
    links: props.links,
  });
}

export function isNotApplicable(metric: AlarmMetric | NotApplicable): metric is NotApplicable {
  return "notApplicable" in metric;
}

export function createKindAlarms<K extends string, R>(spec: KindAlarmsSpec<K, R>): MonitoringAlarm[] {
  // A discovered resource's alarms are named by Terraform (each.value of a for_each): only a name known at synth is checked.
  if (!Token.isUnresolved(spec.alarmNamePrefix)) requireName(spec.where, spec.nameField ?? "name", spec.alarmNamePrefix, { max: AWS_LIMITS.cloudwatch.alarmNameMaxLength - 40 });
  requireAlarmTopics(spec.where, "topics", spec.topics);
  requireLink(spec.where, "links.runbook", spec.links?.runbook);
  requireLink(spec.where, "links.dashboard", spec.links?.dashboard);
  const known = Object.keys(spec.kinds);
  const unknown = Object.keys(spec.overrides ?? {}).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new InvalidPropsError(spec.where, `thresholds.${unknown}`, spec.overrides![unknown as K], `one of ${known.join(", ")}`);
  const unknownDefault = Object.keys(spec.defaults ?? {}).find((key) => !known.includes(key));
  if (unknownDefault !== undefined) throw new InvalidPropsError(spec.where, `defaults.${unknownDefault}`, spec.defaults![unknownDefault as K], `one of ${known.join(", ")}`);

  return (known as K[]).flatMap((key) => {
    const kind = spec.kinds[key];
    const own = spec.overrides?.[key];
    const base = spec.defaults?.[key];
    if (own === false) return [];
    const severity = Object.keys(own || {}).find((tier) => !isAlertTier(tier));
    if (severity !== undefined) throw new InvalidPropsError(spec.where, `thresholds.${key}.${severity}`, (own as Record<string, unknown>)[severity], `a tier: ${TIERS.join(", ")}`);
    requireSeverityThresholds(spec.where, `thresholds.${key}`, own);
    requireSeverityThresholds(spec.where, `defaults.${key}`, base);
    if (key.endsWith("Percent")) requirePercentages(spec.where, key, own, base);
    const thresholds: SeverityThresholds = { ...(base || {}), ...(own || {}) };
    if (Object.keys(thresholds).length === 0) return [];
    requireCriticalNotLooser(spec.where, key, kind.comparison, thresholds);
    const metric = kind.metric(spec.resource);
    if (isNotApplicable(metric)) {
      if (own) throw new InvalidPropsError(spec.where, `thresholds.${key}`, own, `no threshold here: ${metric.notApplicable}`);
      return [];
    }
    const converted = Object.fromEntries(
      Object.entries(thresholds).map(([severity, t]) => [severity, kind.toMetricThreshold ? { ...t, threshold: kind.toMetricThreshold(t.threshold, spec.resource) } : t]),
    ) as SeverityThresholds;
    return createSeverityAlarms(spec.scope, kind.id, {
      baseName: `${spec.alarmNamePrefix}-${kind.id}`,
      describe: (severity, t) => describe(severity, spec.subject, kind.condition(thresholds[severity]!.threshold, spec.resource), t, spec.links),
      metric,
      comparison: kind.comparison,
      thresholds: converted,
      topics: spec.topics,
      segment: spec.segment,
      kind: kind.id,
    });
  });
}

/** A kind in percent (`...Percent`) alarms on a share: a threshold above 100 could never be crossed from below. */
function requirePercentages(where: string, key: string, own: SeverityThresholds | false | undefined, base: SeverityThresholds | false | undefined): void {
  for (const [field, tiers] of [["thresholds", own], ["defaults", base]] as const) {
    for (const [tier, t] of Object.entries(tiers || {})) {
      if (t !== undefined && t.threshold > 100) throw new InvalidPropsError(where, `${field}.${key}.${tier}.threshold`, t.threshold, "a percentage from 0 to 100");
    }
  }
}

/**
 * Critical is the stricter tier: for an alarm on "greater than" its threshold
 * is at least the warning's, for "less than" at most. Otherwise the critical
 * alarm fires first and its warning can never fire alone. Checked after the
 * resource's own thresholds are merged over the defaults.
 */
function requireCriticalNotLooser(where: string, kind: string, comparison: ComparisonOperator, t: SeverityThresholds): void {
  const { critical, warning } = t;
  if (!critical || !warning) return;
  const greater = comparison.startsWith("Greater");
  const looser = greater ? critical.threshold < warning.threshold : critical.threshold > warning.threshold;
  if (!looser) return;
  throw new InvalidPropsError(
    where,
    `thresholds.${kind}.critical.threshold`,
    critical.threshold,
    `${greater ? "at least" : "at most"} the warning threshold (${warning.threshold}): the critical tier must be as strict as the warning or stricter, or it fires first and the warning never fires alone`,
  );
}

/**
 * Alarm descriptions say what fired, its threshold, for how long, and where to look: the runbook and the dashboard.
 * @param severity - the alarm's tier, first in capitals
 * @param subject - what the alarm watches, e.g. the function name
 * @param condition - what breaching reads like, e.g. `error rate above 5 %`
 * @param t - the tier's threshold, for its periods
 * @param links - the runbook section and dashboard page (left out: no links)
 * @returns the description, e.g. `[CRITICAL] orders: error rate above 5 % in 2 of 2 periods of 60 s. ...`
 */
export function describe(severity: Severity, subject: string, condition: string, t: AlarmThreshold, links?: AlarmLinks): string {
  const period = t.periodSeconds ?? 60;
  const datapoints = t.datapointsToAlarm ?? t.evaluationPeriods;
  const where = links ? ` Runbook: ${links.runbook} Dashboard: ${links.dashboard}` : "";
  return `[${severity.toUpperCase()}] ${subject}: ${condition} in ${datapoints} of ${t.evaluationPeriods} periods of ${period} s. Missing data is not breaching.${where}`;
}
