/**
 * The graphs of a segment, from the graph and log widget templates: a graph
 * shows metrics from the metric factories and the threshold lines of the
 * alarms that watch them, so a graph always shows what its alarm watches.
 */
import type { MonitoringAlarm, Severity } from "../common/alarm-factory";
import { dashboardMetricRows, type AlarmMetric } from "../common/metrics";
import { ALERT_TIERS, TIERS } from "../common/tiers";
import graphTemplate from "./templates/graph-widget.json";
import logTemplate from "./templates/log-widget.json";
import spendTemplate from "./templates/spend-widget.json";
import { renderTemplate, type JsonValue } from "./template-renderer";

/** Each tier's colour on graphs: its threshold lines and series. */
export const SEVERITY_COLORS = Object.fromEntries(TIERS.map((tier) => [tier, ALERT_TIERS[tier].color])) as Record<Severity, string>;

/** One graph of a segment, as {@link graphWidget} takes it. */
export interface GraphSpec {
  /** The widget's title. */
  readonly title: string;
  /** The metrics and math expressions on the graph. */
  readonly metrics: readonly AlarmMetric[];
  /** Draw the threshold lines of these alarms whose kind is listed. @default none */
  readonly alarms?: readonly MonitoringAlarm[];
  /** The alarm kinds whose threshold lines the graph draws. @default none */
  readonly alarmKinds?: readonly string[];
  /**
   * The widget's width in dashboard grid columns, of the 24 a row has.
   * @default 6 (four graphs a row)
   */
  readonly width?: number;
  /**
   * The period, in seconds, each point of the graph aggregates.
   * @default 60
   */
  readonly periodSeconds?: number;
}

/**
 * A graph widget of metrics and math expressions, with the threshold lines
 * of the alarms that watch them: what {@link MonitoringSegment.widgets} returns.
 * @param region - the region of the metrics
 * @param spec - title, metrics, and the alarms whose lines it draws
 * @returns the widget's JSON, laid out by the dashboard
 */
export function graphWidget(region: string, spec: GraphSpec): JsonValue {
  const metrics = spec.metrics.flatMap((metric, i) => dashboardMetricRows(metric, isMath(metric) && spec.metrics.length > 1 ? { id: `m${i}` } : isMath(metric) ? { id: "rate" } : {})) as JsonValue[];
  return renderTemplate("graph-widget", graphTemplate, {
    title: spec.title,
    width: spec.width ?? 6,
    region,
    period: spec.periodSeconds ?? 60,
    metrics,
    annotations: thresholdLines(spec.alarms ?? [], spec.alarmKinds ?? []),
  });
}

/**
 * A Logs Insights table of a log group's latest lines matching `filter` (Logs Insights syntax).
 * @param region - the region of the log group
 * @param spec - title, log group, filter and width (default 6)
 * @returns the widget's JSON
 */
export function logWidget(region: string, spec: { readonly title: string; readonly logGroupName: string; readonly filter: string; readonly width?: number }): JsonValue {
  return renderTemplate("log-widget", logTemplate, { title: spec.title, width: spec.width ?? 6, region, logGroupName: spec.logGroupName, filter: spec.filter });
}

/**
 * Horizontal annotations for the static thresholds of `alarms` of the given kinds, in their tiers' colours.
 * @param alarms - the alarms, e.g. a segment's
 * @param kinds - the kinds whose lines to draw
 * @returns the annotations, for a widget of the team's own
 */
export function thresholdLines(alarms: readonly MonitoringAlarm[], kinds: readonly string[]): JsonValue[] {
  return alarms
    .filter((a) => a.thresholdLine && kinds.includes(a.kind))
    .map((a) => ({ label: a.thresholdLine!.label, value: a.thresholdLine!.value, color: SEVERITY_COLORS[a.thresholdLine!.severity] }));
}

function isMath(metric: AlarmMetric): boolean {
  return "expression" in metric;
}

/**
 * The month's spend against the budget. AWS publishes EstimatedCharges in
 * us-east-1 only (with billing alerts turned on), for the whole account.
 * @param monthlyBudgetUsd - the budget line
 * @returns the widget's JSON
 */
export function spendWidget(monthlyBudgetUsd: number): JsonValue {
  return renderTemplate("spend-widget", spendTemplate, { budgetLabel: `Monthly budget ($${monthlyBudgetUsd})`, monthlyBudgetUsd, color: SEVERITY_COLORS.business });
}
