/**
 * The values that fill the dashboard templates, built from the metric factory
 * so a graph always shows what its alarm watches.
 */
import type { MonitoringAlarm } from "../common/alarm-factory";
import { TIERS } from "../common/tiers";
import { dashboardMetricRows, type MetricSpec } from "../common/metrics";
import { LambdaMetrics } from "../monitoring/aws-lambda/lambda-metric-factory";
import alarmStatusTemplate from "./templates/alarm-status-widget.json";
import { renderTemplate, type JsonValue } from "./template-renderer";

type Rows = JsonValue[];

const ALARMS_PER_ROW = 4;

/** Values of the 24 h summary widgets: totals over `functions` by metric math. */
export function summaryValues(functionNames: readonly string[]) {
  const hidden = (prefix: string, metric: (name: string) => MetricSpec): Rows =>
    functionNames.map((name, i) => row(metric(name), { id: `${prefix}${i}`, visible: false }));
  const durationSum = (name: string): MetricSpec => ({ ...LambdaMetrics.averageDuration(name), statistic: "Sum" });
  const invocations = hidden("inv", LambdaMetrics.invocations);
  const errors = hidden("err", LambdaMetrics.errors);
  return {
    invocationsTotalMetrics: [...invocations, [{ expression: 'SUM(METRICS("inv"))', label: "Invocations", id: "total" }]],
    errorsTotalMetrics: [...errors, [{ expression: 'SUM(METRICS("err"))', label: "Errors", id: "total" }]],
    errorRateTotalMetrics: [
      ...invocations,
      ...errors,
      [{ expression: 'SUM(METRICS("inv"))', id: "totalInvocations", visible: false }],
      [{ expression: 'SUM(METRICS("err"))', id: "totalErrors", visible: false }],
      [{ expression: "IF(totalInvocations > 0, 100 * totalErrors / totalInvocations, 0)", label: "Error rate (%)", id: "rate" }],
    ],
    // Weighted by invocations: the mean of per-function averages would overweight idle functions.
    durationTotalMetrics: [
      ...invocations,
      ...hidden("dur", durationSum),
      [{ expression: 'SUM(METRICS("inv"))', id: "totalInvocations", visible: false }],
      [{ expression: 'SUM(METRICS("dur"))', id: "totalDuration", visible: false }],
      [{ expression: "IF(totalInvocations > 0, totalDuration / totalInvocations, 0)", label: "Average duration (ms)", id: "average" }],
    ],
  } satisfies Record<string, Rows>;
}

/** Alarm status widgets, at most 100 alarms each (CloudWatch's limit), in tier order (critical first). */
export function alarmWidgets(alarms: readonly MonitoringAlarm[], maxPerWidget: number): JsonValue[] {
  const ordered = TIERS.flatMap((tier) => alarms.filter((a) => a.severity === tier));
  const widgets: JsonValue[] = [];
  for (let i = 0; i < ordered.length; i += maxPerWidget) {
    const part = ordered.slice(i, i + maxPerWidget);
    const title = ordered.length > maxPerWidget ? `Alarms (${i + 1}-${i + part.length} of ${ordered.length})` : "Alarms";
    widgets.push(
      renderTemplate("alarm-status-widget", alarmStatusTemplate, {
        title,
        height: Math.max(2, Math.ceil(part.length / ALARMS_PER_ROW) + 1),
        alarmArns: part.map((a) => a.arn),
      }),
    );
  }
  return widgets;
}

function row(metric: MetricSpec, extra: Record<string, JsonValue>): JsonValue[] {
  return [...(dashboardMetricRows(metric)[0]!.slice(0, -1) as JsonValue[]), { stat: metric.statistic, ...extra }];
}
