/**
 * Metrics of any namespace, the team's own or AWS's, as the custom metric
 * segment reads them: a reference the team writes is checked against
 * CloudWatch's rules here, once, and becomes a MetricSpec like every other
 * factory's.
 */
import { guardedPercent, metric, type MathExpressionSpec, type MetricSpec, type Statistic } from "../../common/metrics";
import { InvalidPropsError, requireMatch } from "../../common/validation";

/** A metric by namespace, name and dimensions, e.g. `{ namespace: "Acme/Checkout", metricName: "OrdersPlaced", dimensions: { Service: "checkout" } }`. */
export interface MetricReference {
  /** e.g. `Acme/Checkout`, or an AWS namespace such as `AWS/Lambda`. */
  readonly namespace: string;
  /** e.g. `OrdersPlaced`. */
  readonly metricName: string;
  /** The dimensions exactly as the metric is published with them. @default none */
  readonly dimensions?: Readonly<Record<string, string>>;
  /**
   * The statistic graphs and alarms read: `Sum`, `Average`, `Maximum`, `Minimum`, `SampleCount` or a percentile such as `p99`.
   * @default "Sum" for counts and rates, "Average" for values and anomaly bands
   */
  readonly statistic?: Statistic;
  /** The label on graphs. @default the metric name */
  readonly label?: string;
}

/** CloudWatch allows 30 dimensions a metric. */
export const MAX_METRIC_DIMENSIONS = 30;
const STATISTIC = /^(Sum|Average|Minimum|Maximum|SampleCount|p(\d{1,2}(\.\d{1,2})?|100))$/;
/** Printable ASCII, as CloudWatch takes in names and dimension values. */
const NAME = /^[\x20-\x7e]{1,255}$/;

/**
 * A checked reference as a MetricSpec: one InvalidPropsError naming the field otherwise.
 * @param where - the segment, as errors name it
 * @param field - where the reference sits in the props, e.g. `watches[0].metric`
 * @param ref - the reference
 * @param defaultStatistic - the statistic where the reference names none
 */
export function customMetric(where: string, field: string, ref: MetricReference, defaultStatistic: Statistic): MetricSpec {
  if (ref === null || typeof ref !== "object") throw new InvalidPropsError(where, field, ref, "a metric: { namespace, metricName, dimensions?, statistic? }");
  requireMatch(where, `${field}.namespace`, String(ref.namespace), NAME, "1-255 printable ASCII characters, e.g. Acme/Checkout");
  requireMatch(where, `${field}.metricName`, String(ref.metricName), NAME, "1-255 printable ASCII characters");
  const dimensions = ref.dimensions ?? {};
  const entries = Object.entries(dimensions);
  if (entries.length > MAX_METRIC_DIMENSIONS) throw new InvalidPropsError(where, `${field}.dimensions`, entries.length, `at most ${MAX_METRIC_DIMENSIONS} dimensions (CloudWatch's limit)`);
  for (const [key, value] of entries) {
    requireMatch(where, `${field}.dimensions key`, key, NAME, "1-255 printable ASCII characters");
    requireMatch(where, `${field}.dimensions.${key}`, String(value), NAME, "1-255 printable ASCII characters");
  }
  const statistic = ref.statistic ?? defaultStatistic;
  requireMatch(where, `${field}.statistic`, String(statistic), STATISTIC, "Sum, Average, Minimum, Maximum, SampleCount or a percentile such as p99");
  return metric(ref.namespace, ref.metricName, { ...dimensions }, statistic, ref.label ?? ref.metricName);
}

/**
 * One metric as % of another (failures of requests, say), with the built-in
 * rates' low-traffic rule (guardedPercent): 0 below `minimumDenominator` in the
 * period unless `minimumNumerator` is reached, so a quiet minute's one failure
 * is not 100 %, and a total failure still counts at any traffic.
 */
export function customRatePercent(label: string, numerator: MetricSpec, denominator: MetricSpec, minimumDenominator: number, minimumNumerator: number): MathExpressionSpec {
  return guardedPercent(label, { id: "numerator", metric: numerator }, { id: "denominator", metric: denominator }, minimumDenominator, minimumNumerator);
}
