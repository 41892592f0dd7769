import type { CompositeAlarm, MetricAlarm } from "@aws-sdk/client-cloudwatch";
import type { CloudWatchReader } from "../../../tools/drift/cloudwatch-reader";
import type { StackJson } from "../../../tools/common/synthesized-stack";

export const ACCOUNT = "111122223333";
export const REGION = "us-east-1";
const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

/** Resolves the stack's Terraform references the way AWS would report them (ARNs with account and region). */
function liveValue(value: string, stack: StackJson): string {
  return value.replace(/\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.arn\}/g, (_m, type: string, id: string) => {
    const r = stack.resource![type]![id]!;
    return type === "aws_sns_topic" ? arn("sns", String(r.name)) : arn("cloudwatch", `alarm:${String(r.alarm_name)}`);
  });
}

/** CloudWatch's state right after a clean deploy of `stack`, in DescribeAlarms and GetDashboard response shapes. */
export function deployedState(stack: StackJson) {
  const dims = (d: Record<string, string> | undefined) => Object.entries(d ?? {}).map(([Name, Value]) => ({ Name, Value }));
  const metricAlarms: MetricAlarm[] = Object.values(stack.resource!.aws_cloudwatch_metric_alarm!).map((a: any) => ({
    AlarmName: a.alarm_name,
    AlarmArn: arn("cloudwatch", `alarm:${a.alarm_name}`),
    AlarmDescription: a.alarm_description,
    ActionsEnabled: a.actions_enabled ?? true,
    StateValue: "OK",
    Namespace: a.namespace,
    MetricName: a.metric_name,
    Statistic: a.statistic,
    ExtendedStatistic: a.extended_statistic,
    Dimensions: a.metric_query ? undefined : dims(a.dimensions),
    Period: a.period,
    EvaluationPeriods: a.evaluation_periods,
    DatapointsToAlarm: a.datapoints_to_alarm,
    Threshold: a.threshold,
    ThresholdMetricId: a.threshold_metric_id,
    ComparisonOperator: a.comparison_operator,
    TreatMissingData: a.treat_missing_data,
    EvaluateLowSampleCountPercentile: a.evaluate_low_sample_count_percentiles,
    AlarmActions: (a.alarm_actions ?? []).map((x: string) => liveValue(x, stack)),
    OKActions: (a.ok_actions ?? []).map((x: string) => liveValue(x, stack)),
    InsufficientDataActions: [],
    Metrics: a.metric_query?.map((q: any) => ({
      Id: q.id,
      Expression: q.expression,
      Label: q.label,
      ReturnData: q.return_data,
      MetricStat: q.metric && { Metric: { Namespace: q.metric.namespace, MetricName: q.metric.metric_name, Dimensions: dims(q.metric.dimensions) }, Period: q.metric.period, Stat: q.metric.stat },
    })),
  }));
  const compositeAlarms: CompositeAlarm[] = Object.values(stack.resource!.aws_cloudwatch_composite_alarm!).map((a: any) => ({
    AlarmName: a.alarm_name,
    AlarmArn: arn("cloudwatch", `alarm:${a.alarm_name}`),
    AlarmRule: a.alarm_rule,
    AlarmActions: (a.alarm_actions ?? []).map((x: string) => liveValue(x, stack)),
    OKActions: (a.ok_actions ?? []).map((x: string) => liveValue(x, stack)),
    StateValue: "OK",
  }));
  const dashboards = new Map(Object.values(stack.resource!.aws_cloudwatch_dashboard!).map((d: any) => [d.dashboard_name as string, liveValue(d.dashboard_body, stack)]));
  return { metricAlarms, compositeAlarms, dashboards };
}

/** A CloudWatch stand-in holding the state above and answering the reader's calls with prefix filtering (test double). */
export function inMemoryCloudWatch(state: ReturnType<typeof deployedState>): CloudWatchReader {
  return {
    alarmsWithPrefix: async (prefix) => ({
      metricAlarms: state.metricAlarms.filter((a) => a.AlarmName!.startsWith(prefix)),
      compositeAlarms: state.compositeAlarms.filter((a) => a.AlarmName!.startsWith(prefix)),
    }),
    dashboardNamesWithPrefix: async (prefix) => [...state.dashboards.keys()].filter((n) => n.startsWith(prefix)),
    dashboardBody: async (name) => state.dashboards.get(name),
  };
}

