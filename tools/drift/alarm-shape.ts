/**
 * One comparable shape for an alarm, built either from the synthesized stack
 * (Terraform's snake_case attributes) or from DescribeAlarms (the API's
 * PascalCase fields). Drift is any difference between the two.
 */
import type { CompositeAlarm, MetricAlarm, MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { arnKey, normaliseValue } from "../common/references";
import type { StackJson } from "../common/synthesized-stack";

export interface QueryShape {
  readonly id: string;
  readonly expression?: string;
  readonly label?: string;
  readonly returnData: boolean;
  readonly metric?: { readonly namespace?: string; readonly metricName?: string; readonly dimensions: Record<string, string>; readonly period?: number; readonly stat?: string };
}

export interface AlarmShape {
  readonly name: string;
  readonly kind: "metric" | "composite";
  readonly namespace?: string;
  readonly metricName?: string;
  readonly statistic?: string;
  readonly extendedStatistic?: string;
  readonly dimensions?: Record<string, string>;
  readonly period?: number;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly threshold?: number;
  readonly thresholdMetricId?: string;
  readonly comparisonOperator?: string;
  readonly treatMissingData?: string;
  readonly queries?: readonly QueryShape[];
  readonly alarmRule?: string;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
}

/** The fields compared, in report order. */
export const COMPARED_FIELDS: readonly (keyof AlarmShape)[] = [
  "kind",
  "namespace",
  "metricName",
  "statistic",
  "extendedStatistic",
  "dimensions",
  "queries",
  "period",
  "evaluationPeriods",
  "datapointsToAlarm",
  "threshold",
  "thresholdMetricId",
  "comparisonOperator",
  "treatMissingData",
  "alarmRule",
  "alarmActions",
  "okActions",
];

type Tf = Record<string, unknown>;

export function alarmsFromStack(stack: StackJson): AlarmShape[] {
  const metric = Object.values(stack.resource?.aws_cloudwatch_metric_alarm ?? {}).map((r) => metricAlarmFromTerraform(normaliseValue(r, stack) as Tf));
  const composite = Object.values(stack.resource?.aws_cloudwatch_composite_alarm ?? {}).map((r) => {
    const a = normaliseValue(r, stack) as Tf;
    return compact({ name: String(a.alarm_name), kind: "composite" as const, alarmRule: a.alarm_rule as string, alarmActions: sorted(a.alarm_actions), okActions: sorted(a.ok_actions) });
  });
  return [...metric, ...composite].sort(byName);
}

function metricAlarmFromTerraform(a: Tf): AlarmShape {
  const queries = (a.metric_query as Tf[] | undefined)?.map((q) => {
    const m = q.metric as Tf | undefined;
    return compact({
      id: String(q.id),
      expression: q.expression as string | undefined,
      label: q.label as string | undefined,
      returnData: q.return_data === true,
      metric: m ? compact({ namespace: m.namespace as string, metricName: m.metric_name as string, dimensions: (m.dimensions ?? {}) as Record<string, string>, period: m.period as number, stat: m.stat as string }) : undefined,
    }) as QueryShape;
  });
  return compact({
    name: String(a.alarm_name),
    kind: "metric" as const,
    namespace: a.namespace as string | undefined,
    metricName: a.metric_name as string | undefined,
    statistic: a.statistic as string | undefined,
    extendedStatistic: a.extended_statistic as string | undefined,
    dimensions: queries ? undefined : ((a.dimensions ?? {}) as Record<string, string>),
    period: a.period as number | undefined,
    evaluationPeriods: a.evaluation_periods as number,
    datapointsToAlarm: (a.datapoints_to_alarm ?? a.evaluation_periods) as number,
    threshold: a.threshold as number | undefined,
    thresholdMetricId: a.threshold_metric_id as string | undefined,
    comparisonOperator: a.comparison_operator as string,
    treatMissingData: (a.treat_missing_data ?? "missing") as string,
    queries: queries ? [...queries].sort((x, y) => x.id.localeCompare(y.id)) : undefined,
    alarmActions: sorted(a.alarm_actions),
    okActions: sorted(a.ok_actions),
  });
}

export function alarmFromDescribe(alarm: MetricAlarm): AlarmShape {
  const queries = alarm.Metrics?.map((q: MetricDataQuery) =>
    compact({
      id: String(q.Id),
      expression: q.Expression,
      label: q.Label,
      returnData: q.ReturnData === true,
      metric: q.MetricStat
        ? compact({
            namespace: q.MetricStat.Metric?.Namespace,
            metricName: q.MetricStat.Metric?.MetricName,
            dimensions: dimensionMap(q.MetricStat.Metric?.Dimensions),
            period: q.MetricStat.Period,
            stat: q.MetricStat.Stat,
          })
        : undefined,
    }) as QueryShape,
  );
  const hasQueries = queries !== undefined && queries.length > 0;
  return compact({
    name: String(alarm.AlarmName),
    kind: "metric" as const,
    namespace: alarm.Namespace,
    metricName: alarm.MetricName,
    statistic: alarm.Statistic,
    extendedStatistic: alarm.ExtendedStatistic,
    dimensions: hasQueries ? undefined : dimensionMap(alarm.Dimensions),
    period: alarm.Period,
    evaluationPeriods: alarm.EvaluationPeriods,
    datapointsToAlarm: alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods,
    threshold: alarm.ThresholdMetricId ? undefined : alarm.Threshold,
    thresholdMetricId: alarm.ThresholdMetricId,
    comparisonOperator: alarm.ComparisonOperator,
    treatMissingData: alarm.TreatMissingData ?? "missing",
    queries: hasQueries ? [...queries].sort((x, y) => x.id.localeCompare(y.id)) : undefined,
    alarmActions: sorted((alarm.AlarmActions ?? []).map(arnKey)),
    okActions: sorted((alarm.OKActions ?? []).map(arnKey)),
  });
}

export function compositeFromDescribe(alarm: CompositeAlarm): AlarmShape {
  return compact({
    name: String(alarm.AlarmName),
    kind: "composite" as const,
    alarmRule: alarm.AlarmRule,
    alarmActions: sorted((alarm.AlarmActions ?? []).map(arnKey)),
    okActions: sorted((alarm.OKActions ?? []).map(arnKey)),
  });
}

function dimensionMap(dimensions: readonly { Name?: string; Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((dimensions ?? []).map((d) => [String(d.Name), String(d.Value)]).sort(([a], [b]) => a!.localeCompare(b!)));
}

function sorted(values: unknown): string[] {
  return Array.isArray(values) ? values.map(String).sort() : [];
}

const byName = (a: AlarmShape, b: AlarmShape) => a.name.localeCompare(b.name);

/** Drops undefined fields, so "not set" compares equal on both sides. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
