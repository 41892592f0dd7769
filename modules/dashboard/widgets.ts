/**
 * The values that fill the dashboard templates, built from the metric factory
 * so a graph always shows what its alarm watches.
 */
import type { AlarmThreshold, MonitoringAlarm, Severity, SeverityThresholds } from "../common/alarm-factory";
import { dashboardMetricRows, LambdaMetrics, type MetricSpec } from "../common/metrics";
import type { IMonitoredFunction } from "../monitored-function/monitored-function";
import alarmStatusTemplate from "./templates/alarm-status-widget.json";
import functionWidgetsTemplate from "./templates/function-widgets.json";
import { renderTemplate, type JsonValue } from "./template-renderer";

type Rows = JsonValue[];

/** Threshold lines drawn on a function's graphs. */
export interface FunctionAnnotations {
  readonly errorRatePercent?: SeverityThresholds;
  readonly averageDurationMs?: SeverityThresholds;
}

const SEVERITY_COLORS: Record<Severity, string> = { warning: "#ff7f0e", critical: "#d62728" };
const ALARMS_PER_ROW = 4;

/** Values of the 24 h summary widgets: totals over `functions` by metric math. */
export function summaryValues(functions: readonly IMonitoredFunction[]) {
  const hidden = (prefix: string, metric: (name: string) => MetricSpec): Rows =>
    functions.map((fn, i) => row(metric(fn.functionName), { id: `${prefix}${i}`, visible: false }));
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

export function functionWidgets(fn: IMonitoredFunction, region: string, annotations: FunctionAnnotations): JsonValue[] {
  const name = fn.functionName;
  const rendered = renderTemplate("function-widgets", functionWidgetsTemplate, {
    functionName: name,
    region,
    invocationMetrics: [...dashboardMetricRows(LambdaMetrics.invocations(name)), ...dashboardMetricRows(LambdaMetrics.errors(name), { color: SEVERITY_COLORS.critical })] as Rows,
    errorRateMetrics: dashboardMetricRows(LambdaMetrics.errorRatePercent(name), { id: "rate" }) as Rows,
    errorRateAnnotations: thresholdLines(annotations.errorRatePercent, "error rate %"),
    durationMetrics: [...dashboardMetricRows(LambdaMetrics.averageDuration(name)), ...dashboardMetricRows(LambdaMetrics.p99Duration(name))] as Rows,
    durationAnnotations: thresholdLines(annotations.averageDurationMs, "average ms"),
  });
  return rendered as JsonValue[];
}

/** Alarm status widgets, at most 100 alarms each (CloudWatch's limit), critical first. */
export function alarmWidgets(alarms: readonly MonitoringAlarm[], maxPerWidget: number): JsonValue[] {
  const ordered = [...alarms.filter((a) => a.severity === "critical"), ...alarms.filter((a) => a.severity === "warning")];
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

function thresholdLines(thresholds: SeverityThresholds | undefined, what: string): JsonValue[] {
  return (Object.entries(thresholds ?? {}) as [Severity, AlarmThreshold][]).map(([severity, t]) => ({
    label: `${severity} ${what}`,
    value: t.threshold,
    color: SEVERITY_COLORS[severity],
  }));
}

function row(metric: MetricSpec, extra: Record<string, JsonValue>): JsonValue[] {
  return [...(dashboardMetricRows(metric)[0]!.slice(0, -1) as JsonValue[]), { stat: metric.statistic, ...extra }];
}
