/**
 * S3's request metrics, named after the official AWS/S3 metric names. They
 * exist only for a bucket with a request-metrics configuration (its FilterId
 * dimension), published every minute and billed as custom metrics.
 */
import { guardedPercent, metric, type MathExpressionSpec, type MetricSpec, type Statistic } from "../../common/metrics";

const request = (bucketName: string, filterId: string, metricName: string, statistic: Statistic, label: string): MetricSpec => metric("AWS/S3", metricName, { BucketName: bucketName, FilterId: filterId }, statistic, label);

/** S3's request metrics of one bucket and filter (`AWS/S3`, dimensions `BucketName` and `FilterId`), published only where the bucket has that request-metrics configuration. */
export const S3RequestMetrics = {
  allRequests: (bucket: string, filterId: string) => request(bucket, filterId, "AllRequests", "Sum", "Requests"),
  clientErrors: (bucket: string, filterId: string) => request(bucket, filterId, "4xxErrors", "Sum", "4xx"),
  serverErrors: (bucket: string, filterId: string) => request(bucket, filterId, "5xxErrors", "Sum", "5xx"),
  p99FirstByteLatency: (bucket: string, filterId: string) => request(bucket, filterId, "FirstByteLatency", "p99", "First-byte latency p99 (ms)"),
  serverErrorRatePercent: (bucket: string, filterId: string, minimumRequests: number, minimumFailures: number): MathExpressionSpec =>
    guardedPercent("5xx (% of requests)", { id: "errors", metric: S3RequestMetrics.serverErrors(bucket, filterId) }, { id: "requests", metric: S3RequestMetrics.allRequests(bucket, filterId) }, minimumRequests, minimumFailures),
} as const;
