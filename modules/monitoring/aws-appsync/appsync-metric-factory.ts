/** AppSync's metrics, named after the official AWS/AppSync metric names (dimension GraphQLAPIId). Published every minute. */
import { guardedPercent, metric, type MathExpressionSpec, type MetricSpec, type Statistic } from "../../common/metrics";

const api = (apiId: string, metricName: string, statistic: Statistic, label: string): MetricSpec => metric("AWS/AppSync", metricName, { GraphQLAPIId: apiId }, statistic, label);

/** AppSync's metrics of one GraphQL API (`AWS/AppSync`, dimension `GraphQLAPIId`), as the specs graphs and alarms read: requests, 4xx, 5xx, latency and the guarded 5xx rate. */
export const AppSyncMetrics = {
  /** Every request reports its latency: the latency's sample count is the request count. */
  requests: (apiId: string) => api(apiId, "Latency", "SampleCount", "Requests"),
  serverErrors: (apiId: string) => api(apiId, "5XXError", "Sum", "5xx"),
  clientErrors: (apiId: string) => api(apiId, "4XXError", "Sum", "4xx"),
  p99Latency: (apiId: string) => api(apiId, "Latency", "p99", "Latency p99 (ms)"),
  serverErrorRatePercent: (apiId: string, minimumRequests: number, minimumFailures: number): MathExpressionSpec =>
    guardedPercent("5xx (% of requests)", { id: "errors", metric: AppSyncMetrics.serverErrors(apiId) }, { id: "requests", metric: AppSyncMetrics.requests(apiId) }, minimumRequests, minimumFailures),
} as const;
