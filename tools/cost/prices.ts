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
  freeTier: {
    alarmMetrics: 10,
    /** Dashboards referencing at most `dashboardMaxMetrics` metrics each. */
    dashboards: 3,
    dashboardMaxMetrics: 50,
    customMetrics: 10,
  },
} as const;
