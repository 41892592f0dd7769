/**
 * Lambda's metrics, named after the official AWS/Lambda metric names, and the
 * metrics the log metric filters (./lambda-log-metrics.ts) derive from a
 * function's JSON logs.
 */
import { guardedPercent, metric, type MathExpressionSpec, type MetricSpec, type Statistic } from "../../common/metrics";

const lambda = (functionName: string, metricName: string, statistic: Statistic, label: string): MetricSpec =>
  metric("AWS/Lambda", metricName, { FunctionName: functionName }, statistic, label);

/** Namespace of the metrics our log metric filters publish. A filter cannot set a fixed dimension, so the function is part of the metric name. */
export const LOG_METRIC_NAMESPACE = "ServerlessMonitoring/Logs";

/** The metrics a function's log metric filters publish, by kind; the filter and the alarm both name them from here. */
export const LOG_METRICS = {
  maxMemoryUsedMb: "MaxMemoryUsedMB",
  initDurationMs: "InitDurationMs",
  coldStarts: "ColdStarts",
  errorLogLines: "ErrorLogLines",
  timeouts: "Timeouts",
} as const;
export type LogMetricKind = keyof typeof LOG_METRICS;

export function logMetricName(functionName: string, kind: LogMetricKind): string {
  return `${functionName}.${LOG_METRICS[kind]}`;
}

const fromLogs = (functionName: string, kind: LogMetricKind, statistic: Statistic, label: string): MetricSpec =>
  metric(LOG_METRIC_NAMESPACE, logMetricName(functionName, kind), {}, statistic, label);

export const LambdaMetrics = {
  invocations: (functionName: string) => lambda(functionName, "Invocations", "Sum", "Invocations"),
  errors: (functionName: string) => lambda(functionName, "Errors", "Sum", "Errors"),
  throttles: (functionName: string) => lambda(functionName, "Throttles", "Sum", "Throttles"),
  averageDuration: (functionName: string) => lambda(functionName, "Duration", "Average", "Duration average"),
  p99Duration: (functionName: string) => lambda(functionName, "Duration", "p99", "Duration p99"),
  maxDuration: (functionName: string) => lambda(functionName, "Duration", "Maximum", "Duration maximum"),
  /** Invocations that ran longer than `thresholdMs` (a trimmed count of Duration): a latency objective's bad events. */
  slowInvocations: (functionName: string, thresholdMs: number) => lambda(functionName, "Duration", `TC(${thresholdMs}:)`, `Invocations over ${thresholdMs} ms`),
  /** Invocations that ran (Duration's sample count): a latency objective's events. */
  timedInvocations: (functionName: string) => lambda(functionName, "Duration", "SampleCount", "Invocations timed"),
  /** Reported per function for functions with reserved concurrency. */
  concurrentExecutions: (functionName: string) => lambda(functionName, "ConcurrentExecutions", "Maximum", "Concurrent executions"),
  /** Account-wide, in the region: executions drawing on the unreserved pool. */
  unreservedConcurrentExecutions: (): MetricSpec => metric("AWS/Lambda", "UnreservedConcurrentExecutions", {}, "Maximum", "Unreserved concurrent executions"),
  /** Async invocations whose event could not be sent to the dead-letter queue: the event is lost. */
  deadLetterErrors: (functionName: string) => lambda(functionName, "DeadLetterErrors", "Sum", "Dead-letter errors"),

  /** Errors as a percentage of invocations; below `minimumInvocations` in the period, only once there are `minimumErrors` (see guardedPercent). */
  errorRatePercent: (functionName: string, minimumInvocations: number, minimumErrors?: number): MathExpressionSpec =>
    guardedPercent("Error rate (%)", { id: "errors", metric: LambdaMetrics.errors(functionName) }, { id: "invocations", metric: LambdaMetrics.invocations(functionName) }, minimumInvocations, minimumErrors),

  maxMemoryUsedMb: (functionName: string) => fromLogs(functionName, "maxMemoryUsedMb", "Maximum", "Max memory used (MB)"),
  p99InitDuration: (functionName: string) => fromLogs(functionName, "initDurationMs", "p99", "Init duration p99"),
  coldStarts: (functionName: string) => fromLogs(functionName, "coldStarts", "Sum", "Cold starts"),
  errorLogLines: (functionName: string) => fromLogs(functionName, "errorLogLines", "Sum", "ERROR log lines"),
  /** Invocations Lambda stopped at the function's timeout, counted from its own log records. */
  timeouts: (functionName: string) => fromLogs(functionName, "timeouts", "Sum", "Timeouts"),
  /** Cold starts as a percentage of invocations, 0 below `minimumInvocations` in the period. */
  coldStartRatePercent: (functionName: string, minimumInvocations: number): MathExpressionSpec =>
    guardedPercent("Cold-start rate (%)", { id: "coldstarts", metric: LambdaMetrics.coldStarts(functionName) }, { id: "invocations", metric: LambdaMetrics.invocations(functionName) }, minimumInvocations),
} as const;
