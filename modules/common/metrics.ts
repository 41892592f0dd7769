/**
 * Metric and metric-math specs: what the per-service metric factories
 * (modules/monitoring/<service>/) build, and what both the alarms and the
 * dashboard graphs take, so an alarm and the graph beside it always show the
 * same thing.
 */

/**
 * A CloudWatch statistic, a percentile such as `p99`, or a trimmed count over absolute bounds such as
 * `TC(2000:)`: the datapoints above 2000 (the lower bound excluded, the upper included), e.g. slow calls.
 */
export type Statistic = "Sum" | "Average" | "Maximum" | "Minimum" | "SampleCount" | `p${number}` | `TC(${number}:)`;

/** One CloudWatch metric, as alarms and graphs read it; build one with {@link metric}. */
export interface MetricSpec {
  /** The metric's namespace, e.g. `AWS/Lambda`. */
  readonly namespace: string;
  /** The metric's name, e.g. `Errors`. */
  readonly metricName: string;
  /** The metric's dimensions, by name. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** The statistic the alarm or graph reads, e.g. `Sum` or `p99`. */
  readonly statistic: Statistic;
  /** The label on graphs. @default CloudWatch's own: the metric name and dimensions */
  readonly label?: string;
}

/** A metric-math expression over named metrics. Ids start with a lowercase letter. */
export interface MathExpressionSpec {
  /** The CloudWatch metric math expression, over the ids of `usingMetrics`. */
  readonly expression: string;
  /** The label on graphs and in the alarm. */
  readonly label: string;
  /** The metrics the expression reads, by id. */
  readonly usingMetrics: Readonly<Record<string, MetricSpec>>;
}

/** What an alarm or a graph watches: a metric or a metric-math expression. */
export type AlarmMetric = MetricSpec | MathExpressionSpec;

export function isMathExpression(metric: AlarmMetric): metric is MathExpressionSpec {
  return "expression" in metric;
}

/**
 * `numerator` as a percentage of `denominator`, 0 while `denominator` is below
 * `minimumDenominator` in the period: one failed call in a quiet minute is
 * not a 100 % failure rate, and a period with no traffic divides by nothing.
 * With `minimumNumerator`, the guard never blinds the alarm: below the
 * minimum traffic the rate still counts once `numerator` reaches
 * `minimumNumerator` (3 failures of 10 calls is a failure, not noise).
 * The result can exceed 100 where a service counts more failures than
 * requests in one period (Lambda does, for retried async invocations).
 * @param label - the expression's label on graphs and in the alarm
 * @param numerator - the failures, with their id in the expression (a lowercase letter first)
 * @param denominator - the total, with its id
 * @param minimumDenominator - the traffic in a period below which the rate reads 0
 * @param minimumNumerator - below that traffic, the failures from which the rate counts anyway (left out: the rate reads 0)
 */
export function guardedPercent(
  label: string,
  numerator: { readonly id: string; readonly metric: MetricSpec },
  denominator: { readonly id: string; readonly metric: MetricSpec },
  minimumDenominator: number,
  minimumNumerator?: number,
): MathExpressionSpec {
  const guard = minimumDenominator > 1 ? `${denominator.id} >= ${minimumDenominator}` : `${denominator.id} > 0`;
  const rate = `100 * ${numerator.id} / ${denominator.id}`;
  const belowGuard = minimumNumerator !== undefined && minimumDenominator > 1 ? `IF(${numerator.id} >= ${minimumNumerator}, ${rate}, 0)` : "0";
  return {
    expression: `IF(${guard}, ${rate}, ${belowGuard})`,
    label,
    usingMetrics: { [numerator.id]: numerator.metric, [denominator.id]: denominator.metric },
  };
}

/**
 * A metric of `namespace` with the given dimensions; the factories of each service build on it.
 * @param namespace - e.g. `AWS/States`
 * @param metricName - e.g. `ExecutionsFailed`
 * @param dimensions - by name, e.g. `{ StateMachineArn: arn }`
 * @param statistic - e.g. `Sum` or `p99`
 * @param label - the label on graphs
 */
export function metric(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>, statistic: Statistic, label: string): MetricSpec {
  return { namespace, metricName, dimensions, statistic, label };
}

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
