/**
 * Metric factory: every metric the alarms and the dashboards use, built in
 * one place, so an alarm and the graph beside it always show the same thing.
 * Named after the official CloudWatch metric names.
 */
import { METRIC_DIMENSIONS, METRIC_NAMES, METRIC_NAMESPACE } from "../../lambda-src/shared/contract";

export type Statistic = "Sum" | "Average" | "Maximum" | "Minimum" | "SampleCount" | `p${number}`;

export interface MetricSpec {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: Statistic;
  readonly label?: string;
}

/** A metric-math expression over named metrics. Ids start with a lowercase letter. */
export interface MathExpressionSpec {
  readonly expression: string;
  readonly label: string;
  readonly usingMetrics: Readonly<Record<string, MetricSpec>>;
}

export type AlarmMetric = MetricSpec | MathExpressionSpec;

export function isMathExpression(metric: AlarmMetric): metric is MathExpressionSpec {
  return "expression" in metric;
}

function lambda(functionName: string, metricName: string, statistic: Statistic, label?: string): MetricSpec {
  return { namespace: "AWS/Lambda", metricName, dimensions: { FunctionName: functionName }, statistic, ...(label ? { label } : {}) };
}

export const LambdaMetrics = {
  invocations: (functionName: string) => lambda(functionName, "Invocations", "Sum", "Invocations"),
  errors: (functionName: string) => lambda(functionName, "Errors", "Sum", "Errors"),
  throttles: (functionName: string) => lambda(functionName, "Throttles", "Sum", "Throttles"),
  averageDuration: (functionName: string) => lambda(functionName, "Duration", "Average", "Duration average"),
  p99Duration: (functionName: string) => lambda(functionName, "Duration", "p99", "Duration p99"),
  /** Async invocations whose event could not be sent to the dead-letter queue: the event is lost. */
  deadLetterErrors: (functionName: string) => lambda(functionName, "DeadLetterErrors", "Sum", "Dead-letter errors"),

  /**
   * Errors as a percentage of invocations. Guarded against a period with no
   * invocations (no division by zero, no false alarm); can exceed 100 because
   * Lambda may count more errors than invocations in one period.
   */
  errorRatePercent: (functionName: string): MathExpressionSpec => ({
    expression: "IF(invocations > 0, 100 * errors / invocations, 0)",
    label: "Error rate (%)",
    usingMetrics: { errors: LambdaMetrics.errors(functionName), invocations: LambdaMetrics.invocations(functionName) },
  }),
} as const;

export const SqsMetrics = {
  messagesVisible: (queueName: string): MetricSpec => ({
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: queueName },
    statistic: "Maximum",
    label: "Messages visible",
  }),
} as const;

export const DynamoDbMetrics = {
  writeThrottleEvents: (tableName: string): MetricSpec => ({
    namespace: "AWS/DynamoDB",
    metricName: "WriteThrottleEvents",
    dimensions: { TableName: tableName },
    statistic: "Sum",
    label: "Write throttle events",
  }),
  /** SystemErrors is reported per operation; the functions only ever PutItem. */
  putItemSystemErrors: (tableName: string): MetricSpec => ({
    namespace: "AWS/DynamoDB",
    metricName: "SystemErrors",
    dimensions: { TableName: tableName, Operation: "PutItem" },
    statistic: "Sum",
    label: "System errors (PutItem)",
  }),
} as const;

function custom(metricName: string, label: string) {
  return (serviceName: string, environment: string): MetricSpec => ({
    namespace: METRIC_NAMESPACE,
    metricName,
    dimensions: { [METRIC_DIMENSIONS.service]: serviceName, [METRIC_DIMENSIONS.environment]: environment },
    statistic: "Sum",
    label,
  });
}

/** The custom metrics the runtime library emits in Embedded Metric Format. */
export const ErrorCaptureMetrics = {
  writeFailures: custom(METRIC_NAMES.errorRecordWriteFailures, "Error records not written"),
  capturedErrors: custom(METRIC_NAMES.capturedErrors, "Captured errors"),
  clientErrors: custom(METRIC_NAMES.clientErrors, "Client errors"),
} as const;

/** The `metrics` array entries of a dashboard metric widget for one metric or expression. */
export function dashboardMetricRows(metric: AlarmMetric, options: { readonly id?: string; readonly color?: string } = {}): unknown[][] {
  if (!isMathExpression(metric)) return [metricRow(metric, { ...(options.id ? { id: options.id } : {}), ...(options.color ? { color: options.color } : {}) })];
  const hidden = Object.entries(metric.usingMetrics).map(([id, m]) => metricRow(m, { id: prefixed(options.id, id), visible: false }));
  const expression = options.id ? rewriteIds(metric, options.id) : metric.expression;
  return [
    ...hidden,
    [{ expression, label: metric.label, id: options.id ?? "expr", ...(options.color ? { color: options.color } : {}) }],
  ];
}

function metricRow(metric: MetricSpec, extra: Record<string, unknown>): unknown[] {
  const dims = Object.entries(metric.dimensions).flat();
  return [metric.namespace, metric.metricName, ...dims, { stat: metric.statistic, ...(metric.label ? { label: metric.label } : {}), ...extra }];
}

function prefixed(prefix: string | undefined, id: string): string {
  return prefix ? `${prefix}_${id}` : id;
}

/** Several expressions in one widget need distinct ids; rename the ids inside the expression too. */
function rewriteIds(metric: MathExpressionSpec, prefix: string): string {
  return Object.keys(metric.usingMetrics).reduce(
    (expression, id) => expression.replace(new RegExp(`\\b${id}\\b`, "g"), prefixed(prefix, id)),
    metric.expression,
  );
}
