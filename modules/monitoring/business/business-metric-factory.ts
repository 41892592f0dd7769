/** The business metrics of the reference workloads (names in the shared contract), and the KPIs computed from them. */
import { BUSINESS_METRIC_NAMES, METRIC_DIMENSIONS, METRIC_NAMESPACE } from "@serverless-monitoring/contract";
import { metric, type MathExpressionSpec, type MetricSpec, type Statistic } from "../../common/metrics";

const business = (serviceName: string, environment: string, metricName: string, statistic: Statistic, label: string): MetricSpec =>
  metric(METRIC_NAMESPACE, metricName, { [METRIC_DIMENSIONS.service]: serviceName, [METRIC_DIMENSIONS.environment]: environment }, statistic, label);

export const BusinessMetrics = {
  paymentsSucceeded: (service: string, env: string) => business(service, env, BUSINESS_METRIC_NAMES.paymentsSucceeded, "Sum", "Payments succeeded"),
  paymentsFailed: (service: string, env: string) => business(service, env, BUSINESS_METRIC_NAMES.paymentsFailed, "Sum", "Payments failed"),
  /** In the currency's minor unit (cents). */
  paymentAmount: (service: string, env: string) => business(service, env, BUSINESS_METRIC_NAMES.paymentAmount, "Sum", "Payment amount (cents)"),
  ordersCompleted: (service: string, env: string) => business(service, env, BUSINESS_METRIC_NAMES.ordersCompleted, "Sum", "Orders completed"),
  ordersRejected: (service: string, env: string) => business(service, env, BUSINESS_METRIC_NAMES.ordersRejected, "Sum", "Orders rejected"),

  /** Failed payments as % of all payments, 0 below `minimumPayments` in the period. */
  paymentFailureRatePercent: (service: string, env: string, minimumPayments: number): MathExpressionSpec =>
    totalGuarded("Payment failure rate (%)", "failed", BusinessMetrics.paymentsFailed(service, env), "succeeded", BusinessMetrics.paymentsSucceeded(service, env), minimumPayments, 0),
  /** Completed orders as % of all orders, 100 (healthy) below `minimumOrders` in the period. */
  orderCompletionRatePercent: (service: string, env: string, minimumOrders: number): MathExpressionSpec =>
    totalGuarded("Order completion rate (%)", "completed", BusinessMetrics.ordersCompleted(service, env), "rejected", BusinessMetrics.ordersRejected(service, env), minimumOrders, 100),
} as const;

/**
 * `part` as % of part + other, and `quiet` while fewer than `minimum`
 * happened in the period. Missing data counts as none (FILL), so a period of
 * only failures still divides by its failures.
 */
function totalGuarded(label: string, partId: string, part: MetricSpec, otherId: string, other: MetricSpec, minimum: number, quiet: number): MathExpressionSpec {
  const total = `(FILL(${partId}, 0) + FILL(${otherId}, 0))`;
  return {
    expression: `IF(${total} >= ${minimum}, 100 * FILL(${partId}, 0) / ${total}, ${quiet})`,
    label,
    usingMetrics: { [partId]: part, [otherId]: other },
  };
}

