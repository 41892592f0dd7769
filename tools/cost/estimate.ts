/**
 * Estimates the monthly CloudWatch cost of one environment's monitoring from
 * its synthesized stack: every metric an alarm evaluates, composite alarms,
 * dashboards, the custom metrics the runtime library emits, and those the
 * log metric filters publish (memory, init duration, cold starts, ERROR lines).
 */
import { BUSINESS_METRIC_NAMES, METRIC_NAMES } from "@serverless-monitoring/contract";
import { resourcesOf, type StackJson } from "../common/synthesized-stack";
import { PRICES } from "./prices";

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly unitUsd: number;
  readonly freeQuantity: number;
  readonly monthlyUsd: number;
}

export interface CostEstimate {
  readonly lines: readonly CostLine[];
  readonly totalUsd: number;
}

/** Custom metrics per function: the contract's, but InjectedFailures (only functions that fail on purpose emit it), plus Powertools' ColdStart. */
export const CUSTOM_METRICS_PER_FUNCTION = Object.keys(METRIC_NAMES).length - 1 + 1;

/** Functions that fail on purpose (the reference workloads' ERROR_SIMULATION_RATE above 0): each emits InjectedFailures, one more custom metric. */
export function injectedFailureMetricCount(stack: StackJson): number {
  return resourcesOf(stack, "aws_lambda_function").filter((fn) => {
    const environment = fn.environment as { variables?: Record<string, string> }[] | { variables?: Record<string, string> } | undefined;
    const variables = Array.isArray(environment) ? environment[0]?.variables : environment?.variables;
    return Number(variables?.ERROR_SIMULATION_RATE ?? 0) > 0;
  }).length;
}

export function alarmMetricCount(alarm: Record<string, unknown>): number {
  const queries = alarm.metric_query as { metric?: unknown; expression?: string }[] | undefined;
  if (!queries) return 1;
  if (queries.some((q) => q.expression?.startsWith("ANOMALY_DETECTION_BAND"))) return PRICES.anomalyDetectionMetricsPerAlarm;
  return queries.filter((q) => q.metric !== undefined).length;
}

/** Metrics a dashboard references: every metric row (expressions are free). */
export function dashboardMetricCount(body: string): number {
  const widgets = (JSON.parse(body) as { widgets: { properties?: { metrics?: unknown[][] } }[] }).widgets;
  return widgets.reduce((sum, w) => sum + (w.properties?.metrics ?? []).filter((row) => typeof row[0] === "string").length, 0);
}

/** Business metrics (the contract's names) the dashboards graph, each distinct name and dimension set once: the ones the workloads emit. */
export function businessMetricCount(stack: StackJson): number {
  const names = new Set<string>(Object.values(BUSINESS_METRIC_NAMES));
  const seen = new Set<string>();
  for (const d of resourcesOf(stack, "aws_cloudwatch_dashboard")) {
    const widgets = (JSON.parse(String(d.dashboard_body)) as { widgets: { properties?: { metrics?: unknown[][] } }[] }).widgets;
    for (const row of widgets.flatMap((w) => w.properties?.metrics ?? [])) {
      if (typeof row[1] === "string" && names.has(row[1])) seen.add(JSON.stringify(row.filter((cell) => typeof cell === "string")));
    }
  }
  return seen.size;
}

/** Metrics API Gateway publishes per route with detailed metrics on (Count, 4xx, 5xx, Latency, IntegrationLatency, DataProcessed), billed as custom metrics. */
export const DETAILED_METRICS_PER_ROUTE = 6;

export function detailedRouteMetricCount(stack: StackJson): number {
  const routes = resourcesOf(stack, "aws_apigatewayv2_stage").flatMap((stage) => (stage.route_settings as { detailed_metrics_enabled?: boolean }[] | undefined) ?? []);
  return routes.filter((r) => r.detailed_metrics_enabled === true).length * DETAILED_METRICS_PER_ROUTE;
}

export function estimateCost(stack: StackJson, options: { readonly applyFreeTier: boolean }): CostEstimate {
  const free = PRICES.freeTier;
  const alarmMetrics = resourcesOf(stack, "aws_cloudwatch_metric_alarm").reduce((sum, a) => sum + alarmMetricCount(a), 0);
  const composites = resourcesOf(stack, "aws_cloudwatch_composite_alarm").length;
  const dashboards = resourcesOf(stack, "aws_cloudwatch_dashboard").map((d) => dashboardMetricCount(String(d.dashboard_body)));
  const freeDashboards = Math.min(free.dashboards, dashboards.filter((metrics) => metrics <= free.dashboardMaxMetrics).length);
  const customMetrics = resourcesOf(stack, "aws_lambda_function").length * CUSTOM_METRICS_PER_FUNCTION;
  // One metric per filter: the function is in the metric's name, not in a dimension.
  const logMetrics = resourcesOf(stack, "aws_cloudwatch_log_metric_filter").length;
  const businessMetrics = businessMetricCount(stack);
  const injectedMetrics = injectedFailureMetricCount(stack);
  const routeMetrics = detailedRouteMetricCount(stack);

  const line = (item: string, quantity: number, unitUsd: number, freeQuantity: number): CostLine => {
    const granted = options.applyFreeTier ? Math.min(quantity, freeQuantity) : 0;
    return { item, quantity, unitUsd, freeQuantity: granted, monthlyUsd: round((quantity - granted) * unitUsd) };
  };
  const lines = [
    line("alarm metrics (each metric in a metric-math alarm counts)", alarmMetrics, PRICES.standardAlarmMetric, free.alarmMetrics),
    line("composite alarms", composites, PRICES.compositeAlarm, 0),
    line(`dashboards (${dashboards.join(", ")} metrics)`, dashboards.length, PRICES.dashboard, freeDashboards),
    line(`custom metrics (${CUSTOM_METRICS_PER_FUNCTION} per function, EMF)`, customMetrics, PRICES.customMetric, free.customMetrics),
    line("custom metrics from log metric filters", logMetrics, PRICES.customMetric, Math.max(0, free.customMetrics - customMetrics)),
    line("business metrics (EMF)", businessMetrics, PRICES.customMetric, Math.max(0, free.customMetrics - customMetrics - logMetrics)),
    line(`API Gateway detailed route metrics (${DETAILED_METRICS_PER_ROUTE} per route)`, routeMetrics, PRICES.customMetric, Math.max(0, free.customMetrics - customMetrics - logMetrics - businessMetrics)),
    ...(injectedMetrics > 0 ? [line("injected-failure metrics (functions that fail on purpose, EMF)", injectedMetrics, PRICES.customMetric, Math.max(0, free.customMetrics - customMetrics - logMetrics - businessMetrics - routeMetrics))] : []),
  ];
  return { lines, totalUsd: round(lines.reduce((sum, l) => sum + l.monthlyUsd, 0)) };
}

export function formatEstimate(environment: string, estimate: CostEstimate, budget: { readonly cloudwatchUsd: number; readonly monthlyUsd: number }, freeTier: boolean): string {
  const usd = (n: number) => `$${n.toFixed(2)}`;
  const share = (limit: number) => `${((estimate.totalUsd / limit) * 100).toFixed(0)} %`;
  return [
    `## Estimated monthly CloudWatch cost of monitoring: ${environment}`,
    "",
    `List prices of ${PRICES.region}, taken ${PRICES.takenOn} (tools/cost/prices.ts). ${freeTier ? "The account's free tier is applied to this environment alone." : "No free tier applied (it is shared by every environment in the account; --apply-free-tier to count it)."}`,
    "",
    "| item | quantity | free | unit | per month |",
    "|---|---:|---:|---:|---:|",
    ...estimate.lines.map((l) => `| ${l.item} | ${l.quantity} | ${l.freeQuantity} | ${usd(l.unitUsd)} | ${usd(l.monthlyUsd)} |`),
    `| **total** | | | | **${usd(estimate.totalUsd)}** |`,
    "",
    `Against the budgets: ${share(budget.cloudwatchUsd)} of the CloudWatch budget (${usd(budget.cloudwatchUsd)}), ${share(budget.monthlyUsd)} of the environment's monthly budget (${usd(budget.monthlyUsd)}).`,
    "Not included: log ingestion and storage, X-Ray traces, API requests (GetMetricData), which depend on traffic.",
    "",
  ].join("\n");
}

const round = (n: number) => Math.round(n * 100) / 100;
