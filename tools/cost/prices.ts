/**
 * CloudWatch list prices used by `npm run cost`, in USD per month, us-east-1.
 * Update all of them together, with the date, from
 * https://aws.amazon.com/cloudwatch/pricing/ (prices vary by region).
 */
export const PRICES = {
  takenOn: "2026-11-22",
  region: "us-east-1",
  /** Per metric an alarm evaluates (a metric-math alarm pays for every metric in its expression). */
  standardAlarmMetric: 0.1,
  /** An anomaly detection alarm is billed as three metrics: the metric and its upper and lower band. */
  anomalyDetectionMetricsPerAlarm: 3,
  compositeAlarm: 0.5,
  /** Per dashboard beyond the free tier. */
  dashboard: 3.0,
  /** Per custom metric (unique namespace, name and dimensions), first 10,000. */
  customMetric: 0.3,
  /** CloudWatch Synthetics: per canary run. */
  canaryRun: 0.0012,
  /** S3 Standard, per GB-month, and per 1,000 PUT requests: the canaries' artifacts (billed under S3). */
  s3StorageGbMonth: 0.023,
  s3PutPerThousand: 0.005,
  /** Lambda (x86), per GB-second: the canaries' runs (billed under Lambda). */
  lambdaGbSecond: 0.0000166667,
  freeTier: {
    alarmMetrics: 10,
    /** Dashboards referencing at most `dashboardMaxMetrics` metrics each. */
    dashboards: 3,
    dashboardMaxMetrics: 50,
    customMetrics: 10,
    /** Canary runs a month, per account. */
    canaryRuns: 100,
  },
} as const;
