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
  /** The canaries' storage and compute, billed under S3 and Lambda (not CloudWatch): outside the total. @default none */
  readonly canaryOtherLines?: readonly CostLine[];
}

/** Runs a canary makes in a 30-day month on its `rate(N minutes)` schedule. */
export function canaryRunsPerMonth(stack: StackJson): number {
  return resourcesOf(stack, "aws_synthetics_canary").reduce((sum, c) => {
    const rate = /^rate\((\d+) minutes?\)$/.exec(String((c.schedule as { expression?: string } | undefined)?.expression ?? ""));
    return sum + (rate ? (30 * 24 * 60) / Number(rate[1]) : 0);
  }, 0);
}

/** What a run leaves: its log and report in S3 (about 10 KB in two PUTs), and 960 MB for about 1.5 s of Lambda. */
export const CANARY_RUN_FOOTPRINT = { artifactKb: 10, puts: 2, memoryGb: 0.9375, seconds: 1.5 } as const;

/** Custom metrics per function: the contract's three, plus Powertools' ColdStart. */
export const CUSTOM_METRICS_PER_FUNCTION = Object.keys(METRIC_NAMES).length + 1;

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
  ];
  // Canaries (issue 29): their runs are CloudWatch's; what they store and compute is S3's and Lambda's.
  const runs = canaryRunsPerMonth(stack);
  if (runs > 0) lines.push(line("Synthetics canary runs (a 30-day month of each canary's schedule)", runs, PRICES.canaryRun, free.canaryRuns));
  const retentionDays = Math.max(0, ...resourcesOf(stack, "aws_synthetics_canary").map((c) => Number(c.success_retention_period ?? 30)));
  const storedGb = (runs * CANARY_RUN_FOOTPRINT.artifactKb * (Math.min(retentionDays, 30) / 30)) / 1024 / 1024;
  const canaryOtherLines =
    runs > 0
      ? [
          line(`canary artifacts in S3 (GB-months, ${CANARY_RUN_FOOTPRINT.artifactKb} KB a run, ${retentionDays} days)`, round(storedGb), PRICES.s3StorageGbMonth, 0),
          line(`canary artifact PUT requests (thousands, ${CANARY_RUN_FOOTPRINT.puts} a run)`, round((runs * CANARY_RUN_FOOTPRINT.puts) / 1000), PRICES.s3PutPerThousand, 0),
          line("canary Lambda compute (GB-seconds, 960 MB for 1.5 s a run)", Math.round(runs * CANARY_RUN_FOOTPRINT.memoryGb * CANARY_RUN_FOOTPRINT.seconds), PRICES.lambdaGbSecond, 0),
        ]
      : undefined;
  return { lines, totalUsd: round(lines.reduce((sum, l) => sum + l.monthlyUsd, 0)), ...(canaryOtherLines ? { canaryOtherLines } : {}) };
}

export function formatEstimate(environment: string, estimate: CostEstimate, budget: { readonly cloudwatchUsd: number; readonly monthlyUsd: number }, freeTier: boolean): string {
  const usd = (n: number) => `$${n.toFixed(2)}`;
  // Per-run and per-second prices are fractions of a cent.
  const unit = (n: number) => (n > 0 && n < 0.01 ? `$${n.toPrecision(2)}` : usd(n));
  const share = (limit: number) => `${((estimate.totalUsd / limit) * 100).toFixed(0)} %`;
  return [
    `## Estimated monthly CloudWatch cost of monitoring: ${environment}`,
    "",
    `List prices of ${PRICES.region}, taken ${PRICES.takenOn} (tools/cost/prices.ts). ${freeTier ? "The account's free tier is applied to this environment alone." : "No free tier applied (it is shared by every environment in the account; --apply-free-tier to count it)."}`,
    "",
    "| item | quantity | free | unit | per month |",
    "|---|---:|---:|---:|---:|",
    ...estimate.lines.map((l) => `| ${l.item} | ${l.quantity} | ${l.freeQuantity} | ${unit(l.unitUsd)} | ${usd(l.monthlyUsd)} |`),
    `| **total** | | | | **${usd(estimate.totalUsd)}** |`,
    "",
    ...(estimate.canaryOtherLines
      ? [
          `The canaries' storage and compute, billed under S3 and Lambda (outside the CloudWatch total): ${estimate.canaryOtherLines.map((l) => `${l.item}: ${l.quantity} x ${unit(l.unitUsd)} = ${usd(l.monthlyUsd)}`).join("; ")}.`,
          "",
        ]
      : []),
    `Against the budgets: ${share(budget.cloudwatchUsd)} of the CloudWatch budget (${usd(budget.cloudwatchUsd)}), ${share(budget.monthlyUsd)} of the environment's monthly budget (${usd(budget.monthlyUsd)}).`,
    "Not included: log ingestion and storage, X-Ray traces, API requests (GetMetricData), which depend on traffic.",
    "",
  ].join("\n");
}

const round = (n: number) => Math.round(n * 100) / 100;
