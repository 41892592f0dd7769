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

/** Metrics S3 publishes per request-metrics configuration, billed as custom metrics: AllRequests; Get, Put, Delete, Head, Post, List and Select requests; Select bytes scanned and returned; bytes downloaded and uploaded; 4xx and 5xx; first-byte and total latency. */
export const METRICS_PER_S3_REQUEST_METRICS_CONFIGURATION = 16;

export function s3RequestMetricCount(stack: StackJson): number {
  return resourcesOf(stack, "aws_s3_bucket_metric").length * METRICS_PER_S3_REQUEST_METRICS_CONFIGURATION;
}

/**
 * The alarm metrics one discovered resource costs, per discovery (the local
 * its alarm blocks repeat over): what a resource found at plan time adds.
 */
export function discoveredAlarmMetricsPerResource(stack: StackJson): { what: string; metrics: number }[] {
  const byLocal = new Map<string, number>();
  for (const alarm of resourcesOf(stack, "aws_cloudwatch_metric_alarm")) {
    if (typeof alarm.for_each !== "string") continue;
    byLocal.set(alarm.for_each, (byLocal.get(alarm.for_each) ?? 0) + alarmMetricCount(alarm));
  }
  return [...byLocal].sort(([a], [b]) => a.localeCompare(b)).map(([forEach, metrics]) => ({ what: /_(functions|tables|queues)_/.exec(forEach)?.[1]?.replace(/s$/, "") ?? "resource", metrics }));
}

export function estimateCost(stack: StackJson, options: { readonly applyFreeTier: boolean }): CostEstimate {
  const free = PRICES.freeTier;
  // An alarm block with for_each (discovery, issue 28) is one alarm per resource found at plan time: priced apart, per resource.
  const alarmMetrics = resourcesOf(stack, "aws_cloudwatch_metric_alarm").filter((a) => a.for_each === undefined).reduce((sum, a) => sum + alarmMetricCount(a), 0);
  const discoveredMetrics = discoveredAlarmMetricsPerResource(stack);
  const composites = resourcesOf(stack, "aws_cloudwatch_composite_alarm").length;
  const dashboards = resourcesOf(stack, "aws_cloudwatch_dashboard").map((d) => dashboardMetricCount(String(d.dashboard_body)));
  const freeDashboards = Math.min(free.dashboards, dashboards.filter((metrics) => metrics <= free.dashboardMaxMetrics).length);
  const customMetrics = resourcesOf(stack, "aws_lambda_function").length * CUSTOM_METRICS_PER_FUNCTION;
  // One metric per filter: the function is in the metric's name, not in a dimension.
  const logMetrics = resourcesOf(stack, "aws_cloudwatch_log_metric_filter").length;
  const businessMetrics = businessMetricCount(stack);
  const injectedMetrics = injectedFailureMetricCount(stack);
  const routeMetrics = detailedRouteMetricCount(stack);
  const s3Metrics = s3RequestMetricCount(stack);

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
    // Only where the stack makes request-metrics configurations (monitorS3Bucket's createRequestMetrics).
    ...(s3Metrics > 0 ? [line(`S3 request metrics (${METRICS_PER_S3_REQUEST_METRICS_CONFIGURATION} per configuration)`, s3Metrics, PRICES.customMetric, Math.max(0, free.customMetrics - customMetrics - logMetrics - businessMetrics - routeMetrics))] : []),
    ...discoveredMetrics.map((d) => line(`alarm metrics of each ${d.what} discovered at plan time (for_each: times the resources found; one counted)`, d.metrics, PRICES.standardAlarmMetric, 0)),
    ...(injectedMetrics > 0 ? [line("injected-failure metrics (functions that fail on purpose, EMF)", injectedMetrics, PRICES.customMetric, Math.max(0, free.customMetrics - customMetrics - logMetrics - businessMetrics - routeMetrics))] : []),
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

/** @param budget - the environment's budgets; left out (any stack, `--stack`), no comparison is printed */
export function formatEstimate(environment: string, estimate: CostEstimate, budget: { readonly cloudwatchUsd: number; readonly monthlyUsd: number } | undefined, freeTier: boolean): string {
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
    ...(budget ? [`Against the budgets: ${share(budget.cloudwatchUsd)} of the CloudWatch budget (${usd(budget.cloudwatchUsd)}), ${share(budget.monthlyUsd)} of the environment's monthly budget (${usd(budget.monthlyUsd)}).`] : []),
    "Not included: log ingestion and storage, X-Ray traces, API requests (GetMetricData), which depend on traffic.",
    "",
  ].join("\n");
}

const round = (n: number) => Math.round(n * 100) / 100;
