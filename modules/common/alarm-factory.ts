/**
 * Alarm factory: the one place that turns a metric into a CloudWatch alarm.
 *
 * Every alarm it makes treats missing data as not breaching, sends both ALARM
 * and OK to its tier's topic, and is checked against CloudWatch's limits at
 * synth time (one day of evaluation, 10 metrics, lowercase ids, 5 actions).
 */
import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmMetricQuery } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { AWS_LIMITS } from "./aws-limits";
import { isMathExpression, type AlarmMetric, type MetricSpec } from "./metrics";
import { requireNoTemplateSequences, terraformLiteral } from "./terraform-strings";
import { requireKnownProps } from "./known-props";
import { InvalidPropsError, requireMaxLength } from "./validation";
import { ALARM_ACTION_PATTERN, isReference, requireAlarmThreshold, requireArn, requireName, requireNoTokenMarker, requireOneOf, requireSeverityThresholds } from "./prop-checks";
import { AWS_PATTERNS } from "./aws-rules";
import { physicalName } from "./naming";

import { ALERT_TIERS, TIERS, isAlertTier, type AlertTier, type Tiered } from "./tiers";

/** An alarm's tier (the registry in ./tiers.ts). */
export type Severity = AlertTier;
/** Every tier, in the order alarms are made: critical, warning, business. */
export const SEVERITIES: readonly Severity[] = TIERS;

/** One alarm tier: breach `threshold` in `datapointsToAlarm` of `evaluationPeriods` periods of `periodSeconds`. */
export interface AlarmThreshold {
  /** The value compared with the metric, in the metric's unit. */
  readonly threshold: number;
  /** How many consecutive periods must breach before the alarm fires. */
  readonly evaluationPeriods: number;
  /** How many of the `evaluationPeriods` must breach (M of N). @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
  /** The length of one period in seconds: 10, 20, 30 or a multiple of 60. @default 60 */
  readonly periodSeconds?: number;
}

/** Thresholds keyed by tier: one call of {@link createSeverityAlarms} makes an alarm per tier given. */
export type SeverityThresholds = Tiered<AlarmThreshold>;

/** What a tier's alarms do: notify a topic (ARN), or notify it and take further ALARM actions (a runbook Lambda to invoke). */
export type TierActions = string | { readonly topicArn: string; readonly onAlarm?: readonly string[] };

/**
 * Per tier, where its notifications go. A tier left out may have no alarms;
 * `false` says the tier goes without a channel on purpose (Alerting's
 * `noChannel`): its alarms are made, notify nobody, and show on the dashboard.
 */
export type AlarmTopics = Tiered<TierActions | false>;

/** How the metric compares with the threshold (CloudWatch's operators; the last three for anomaly bands: above, below, or outside the band). */
export type ComparisonOperator =
  | "GreaterThanThreshold"
  | "GreaterThanOrEqualToThreshold"
  | "LessThanThreshold"
  | "LessThanOrEqualToThreshold"
  | "GreaterThanUpperThreshold"
  | "LessThanLowerThreshold"
  | "LessThanLowerOrGreaterThanUpperThreshold";

/** One CloudWatch alarm, as {@link createAlarm} takes it. */
export interface AlarmDefinition {
  /** The CloudWatch alarm name; unique in the account and region. */
  readonly alarmName: string;
  /** What the alarm means and what to do; the alarm description, with the runbook link. */
  readonly description: string;
  /** The tier whose topic the alarm notifies. */
  readonly severity: Severity;
  /** The metric or math expression the alarm watches. */
  readonly metric: AlarmMetric;
  /** How the metric compares with the threshold. */
  readonly comparison: ComparisonOperator;
  /** The threshold, and how many periods of what length breach it. */
  readonly threshold: AlarmThreshold;
  /** ARNs notified on ALARM; none where a composite notifies for the alarm. */
  readonly actions: readonly string[];
  /** ARNs notified on OK, where the tier notifies on OK. @default actions */
  readonly okActions?: readonly string[];
  /** Alarm on an anomaly detection band around `metric` instead of a static threshold (`threshold.threshold` is then the band width in standard deviations). @default false: a static threshold */
  readonly anomalyBand?: boolean;
  /** The monitoring segment that owns the alarm, e.g. `lambda:user-service-dev`: its dashboard page and graphs. */
  readonly segment: string;
  /** What the alarm watches within its segment, e.g. `error-rate`: the graph that draws its threshold line. */
  readonly kind: string;
}

/** A static threshold, as a dashboard graph draws it. */
export interface ThresholdLine {
  /** The line's label on the graph. */
  readonly label: string;
  /** The threshold, in the graph's unit. */
  readonly value: number;
  /** The tier of the alarm, which gives the line its colour. */
  readonly severity: Severity;
}

/** What the rest of the project needs to know of an alarm: its name, tier and ARN. */
export interface MonitoringAlarm {
  /** The CloudWatch alarm name. */
  readonly alarmName: string;
  /** The tier the alarm notifies. */
  readonly severity: Severity;
  /** The alarm's ARN, known after apply. */
  readonly arn: string;
  /** For `dependsOn` where the alarm is referenced by name, not by attribute. */
  readonly resource: ITerraformDependable;
  /** The segment that owns it (`AlarmDefinition.segment`); composite alarms: `composite`. */
  readonly segment: string;
  /** What it watches within its segment (`AlarmDefinition.kind`). */
  readonly kind: string;
  /** Its static threshold, for the graph beside it. @default none (anomaly band, composite) */
  readonly thresholdLine?: ThresholdLine;
}

const DEFAULT_PERIOD_SECONDS = 60;
const COMPARISONS: readonly ComparisonOperator[] = ["GreaterThanThreshold", "GreaterThanOrEqualToThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold", "GreaterThanUpperThreshold", "LessThanLowerThreshold", "LessThanLowerOrGreaterThanUpperThreshold"];
const METRIC_ID = /^[a-z][a-zA-Z0-9_]*$/;

/**
 * The alarm factory: one CloudWatch metric alarm, missing data not breaching,
 * ALARM and OK to the tier's topic, checked against CloudWatch's limits (an
 * {@link InvalidPropsError} names the field otherwise). Name and description
 * reach Terraform escaped (`$${`, `%%{`).
 * @param scope - the construct the alarm is created in
 * @param id - its construct id: part of its Terraform address, keep it once deployed
 * @param def - the alarm
 * @returns the alarm, for composites, dashboards and {@link MonitoringSegment.alarms}
 */
export function createAlarm(scope: Construct, id: string, def: AlarmDefinition): MonitoringAlarm {
  validate(def);
  requireFreeId(`Alarm "${def.alarmName}"`, scope, id);
  const alarmName = physicalName(scope, def.alarmName);
  const period = def.threshold.periodSeconds ?? DEFAULT_PERIOD_SECONDS;
  const common = {
    alarmName: terraformLiteral(alarmName),
    alarmDescription: terraformLiteral(def.description),
    comparisonOperator: def.comparison,
    evaluationPeriods: def.threshold.evaluationPeriods,
    datapointsToAlarm: def.threshold.datapointsToAlarm ?? def.threshold.evaluationPeriods,
    treatMissingData: "notBreaching",
    alarmActions: [...def.actions],
    okActions: ALERT_TIERS[def.severity].notifyOnOk ? [...(def.okActions ?? def.actions)] : [],
  };
  const metricSettings = def.anomalyBand
    ? { thresholdMetricId: "band", metricQuery: anomalyQueries(def.metric as MetricSpec, period, def.threshold.threshold) }
    : { threshold: def.threshold.threshold, ...metricOrQueries(def.metric, period) };
  const alarm = new CloudwatchMetricAlarm(scope, id, { ...common, ...metricSettings });
  const thresholdLine = def.anomalyBand ? undefined : { label: `${def.severity} ${def.kind}`, value: def.threshold.threshold, severity: def.severity };
  return { alarmName, severity: def.severity, arn: alarm.arn, resource: alarm, segment: def.segment, kind: def.kind, ...(thresholdLine ? { thresholdLine } : {}) };
}

/** One metric alarmed on in several tiers, as {@link createSeverityAlarms} takes it. */
export interface SeverityAlarmsSpec {
  /** Alarm names are `<baseName>-<tier>`. */
  readonly baseName: string;
  /** The description of each tier's alarm, e.g. with {@link describe}. */
  readonly describe: (severity: Severity, threshold: AlarmThreshold) => string;
  /** The metric or math expression every tier watches. */
  readonly metric: AlarmMetric;
  /** How the metric compares with each tier's threshold. */
  readonly comparison: ComparisonOperator;
  /** Each tier's threshold; a tier left out gets no alarm. */
  readonly thresholds: SeverityThresholds | undefined;
  /** Where each tier's alarms notify; a tier with a threshold needs its topic. */
  readonly topics: AlarmTopics;
  /** Alarm on an anomaly band (see {@link AlarmDefinition.anomalyBand}). @default false */
  readonly anomalyBand?: boolean;
  /** The segment that owns the alarms (see {@link AlarmDefinition.segment}). */
  readonly segment: string;
  /** What they watch within the segment (see {@link AlarmDefinition.kind}). */
  readonly kind: string;
}

/**
 * One alarm per configured tier: the same metric, each tier with its
 * threshold and topic, construct ids `<idPrefix>-<tier>`.
 * @param scope - the construct the alarms are created in
 * @param idPrefix - construct id prefix: part of the Terraform addresses, keep it once deployed
 * @param spec - the metric, thresholds and topics
 * @returns the alarms, critical first
 */
export function createSeverityAlarms(scope: Construct, idPrefix: string, spec: SeverityAlarmsSpec): MonitoringAlarm[] {
  requireKnownProps("createSeverityAlarms", "createSeverityAlarms", { spec });
  // A name Terraform makes (a discovered resource's each.value) is checked by CloudWatch at apply; a name known at synth here.
  if (!isReference(spec.baseName)) requireName("createSeverityAlarms", "baseName", spec.baseName, { max: AWS_LIMITS.cloudwatch.alarmNameMaxLength - "-critical".length });
  requireSeverityThresholds(`createSeverityAlarms "${spec.baseName}"`, "thresholds", spec.thresholds);
  return SEVERITIES.flatMap((severity) => {
    const threshold = spec.thresholds?.[severity];
    if (!threshold) return [];
    const tierActions = spec.topics[severity];
    if (tierActions === undefined) {
      throw new InvalidPropsError(`Alarm "${spec.baseName}-${severity}"`, `topics.${severity}`, undefined, `a topic ARN for the ${severity} tier, false for no channel, or no ${severity} threshold`);
    }
    const topics = tierActions === false ? [] : [typeof tierActions === "string" ? tierActions : tierActions.topicArn];
    const onAlarm = tierActions === false || typeof tierActions === "string" ? [] : (tierActions.onAlarm ?? []);
    return [
      createAlarm(scope, `${idPrefix}-${severity}`, {
        alarmName: `${spec.baseName}-${severity}`,
        description: spec.describe(severity, threshold),
        severity,
        metric: spec.metric,
        comparison: spec.comparison,
        threshold,
        actions: [...topics, ...onAlarm],
        okActions: topics,
        segment: spec.segment,
        kind: spec.kind,
        ...(spec.anomalyBand ? { anomalyBand: true } : {}),
      }),
    ];
  });
}

/** Two alarms of one construct id in one scope would be one Terraform address: said as the user's mistake, not as cdktf's stack trace. */
export function requireFreeId(where: string, scope: Construct, id: string): void {
  if (scope.node.tryFindChild(id) === undefined) return;
  throw new InvalidPropsError(where, "construct id", id, `an id not already taken in "${scope.node.path}": give each monitored resource its own scope (e.g. new Construct(scope, "<resource>-alarms"))`);
}

function metricOrQueries(metric: AlarmMetric, period: number) {
  if (!isMathExpression(metric)) {
    const isPercentile = metric.statistic.startsWith("p");
    // Percentiles and trimmed counts (TC(...)) are extended statistics.
    const isExtended = isPercentile || metric.statistic.startsWith("TC(");
    return {
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: { ...metric.dimensions },
      period,
      ...(isExtended ? { extendedStatistic: metric.statistic, ...(isPercentile ? { evaluateLowSampleCountPercentiles: "ignore" } : {}) } : { statistic: metric.statistic }),
    };
  }
  const queries: CloudwatchMetricAlarmMetricQuery[] = [
    { id: "expression", expression: metric.expression, label: metric.label, returnData: true },
    ...Object.entries(metric.usingMetrics).map(([id, m]) => ({ id, returnData: false, metric: queryMetric(m, period) })),
  ];
  return { metricQuery: queries };
}

function anomalyQueries(metric: MetricSpec, period: number, standardDeviations: number): CloudwatchMetricAlarmMetricQuery[] {
  return [
    { id: "observed", returnData: true, metric: queryMetric(metric, period) },
    { id: "band", expression: `ANOMALY_DETECTION_BAND(observed, ${standardDeviations})`, label: "Expected range", returnData: true },
  ];
}

function queryMetric(m: MetricSpec, period: number) {
  return { namespace: m.namespace, metricName: m.metricName, dimensions: { ...m.dimensions }, period, stat: m.statistic };
}

/** An alarm's free text: escaped on its way into the alarm (name and description), or never written to it (labels, segment, kind). */
const ALARM_FREE_TEXT = ["alarmName", "description", "metric.label", "metric.usingMetrics", "segment", "kind"];

function validate(def: AlarmDefinition): void {
  const { cloudwatch } = AWS_LIMITS;
  if (def === null || typeof def !== "object") throw new InvalidPropsError("createAlarm", "def", def, "an alarm definition (AlarmDefinition)");
  const where = `Alarm "${def.alarmName}"`;
  requireNoTemplateSequences(where, def, ALARM_FREE_TEXT);
  requireKnownProps(where, "createAlarm", { def });
  if (isMathExpression(def.metric)) for (const [id, m] of Object.entries(def.metric.usingMetrics)) requireNoTemplateSequences(where, m, ["label"], `metric.usingMetrics.${id}`);
  if (!isAlertTier(def.severity)) throw new InvalidPropsError(where, "severity", def.severity, TIERS.join(", "));
  // An alarm of a for_each (discovery) is named by Terraform, and its description names the same resource: both carry its token.
  const namedByTerraform = isReference(def.alarmName);
  if (!namedByTerraform) requireName(where, "alarmName", def.alarmName, { max: cloudwatch.alarmNameMaxLength });
  requireMaxLength(where, "description", def.description, cloudwatch.alarmDescriptionMaxLength);
  if (!namedByTerraform) requireNoTokenMarker(where, "description", def.description);
  requireOneOf(where, "comparison", def.comparison, COMPARISONS);
  (def.actions ?? []).forEach((arn, i) => requireArn(where, `actions[${i}]`, arn, ALARM_ACTION_PATTERN));
  (def.okActions ?? []).forEach((arn, i) => requireArn(where, `okActions[${i}]`, arn, AWS_PATTERNS.snsTopicArn));
  const period = def.threshold.periodSeconds ?? DEFAULT_PERIOD_SECONDS;
  if (period % 60 !== 0 || period < 60) throw new InvalidPropsError(where, "threshold.periodSeconds", period, "a multiple of 60 seconds");
  const total = period * def.threshold.evaluationPeriods;
  if (total > cloudwatch.maxAlarmEvaluationSeconds) {
    throw new InvalidPropsError(where, "periodSeconds x evaluationPeriods", `${period} x ${def.threshold.evaluationPeriods} = ${total} s`, `at most ${cloudwatch.maxAlarmEvaluationSeconds} s (one day)`);
  }
  // Our metrics never go below zero: ">= 0" is always in alarm, "< 0" never; neither can change state.
  requireAlarmThreshold(where, "threshold", def.threshold);
  const alwaysOrNever = (def.comparison === "GreaterThanOrEqualToThreshold" || def.comparison === "LessThanThreshold") && def.threshold.threshold <= 0;
  if (alwaysOrNever && !def.anomalyBand) throw new InvalidPropsError(where, "threshold", def.threshold.threshold, `a threshold above 0 for ${def.comparison}: at 0 or below the alarm could never change state`);
  const datapoints = def.threshold.datapointsToAlarm ?? def.threshold.evaluationPeriods;
  if (datapoints < 1 || datapoints > def.threshold.evaluationPeriods) {
    throw new InvalidPropsError(where, "threshold.datapointsToAlarm", datapoints, `from 1 to evaluationPeriods (${def.threshold.evaluationPeriods})`);
  }
  if (def.actions.length > cloudwatch.maxActionsPerAlarmState) {
    throw new InvalidPropsError(where, "actions", def.actions.length, `from 0 to ${cloudwatch.maxActionsPerAlarmState} actions per state`);
  }
  if (isMathExpression(def.metric)) {
    const ids = Object.keys(def.metric.usingMetrics);
    if (ids.length > cloudwatch.maxMetricsPerAlarm) {
      throw new InvalidPropsError(where, "metrics", ids.length, `at most ${cloudwatch.maxMetricsPerAlarm} metrics in one metric-math alarm`);
    }
    const badId = ids.find((id) => !METRIC_ID.test(id));
    if (badId !== undefined) throw new InvalidPropsError(where, "metric id", badId, "an id starting with a lowercase letter, then letters, digits or _");
  }
  if (def.anomalyBand && isMathExpression(def.metric)) {
    throw new InvalidPropsError(where, "metric", def.metric.expression, "a single metric for an anomaly detection band");
  }
}
