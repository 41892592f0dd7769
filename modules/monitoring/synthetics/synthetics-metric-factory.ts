/** CloudWatch Synthetics' metrics of a canary, named after the official CloudWatchSynthetics metric names. Published once per run. */
import { metric, type MetricSpec, type Statistic } from "../../common/metrics";

/** The namespace CloudWatch Synthetics publishes canary metrics to. */
export const SYNTHETICS_NAMESPACE = "CloudWatchSynthetics";

const synthetics = (canaryName: string, metricName: string, statistic: Statistic, label: string): MetricSpec => metric(SYNTHETICS_NAMESPACE, metricName, { CanaryName: canaryName }, statistic, label);

/** A canary's metrics, by what they measure. */
export const SyntheticsMetrics = {
  /** 100 for a passed run, 0 for a failed one: the Average over a period is the share of runs that passed. */
  successPercent: (canaryName: string) => synthetics(canaryName, "SuccessPercent", "Average", "Success (%)"),
  /** Runs in the period (each run publishes one SuccessPercent). */
  runs: (canaryName: string) => synthetics(canaryName, "SuccessPercent", "SampleCount", "Runs"),
  /** 100 per passed run: Sum / 100 is the runs that passed. */
  passedTimes100: (canaryName: string) => synthetics(canaryName, "SuccessPercent", "Sum", "Passed runs x 100"),
  /** The run's duration, p99 over the period. */
  durationP99Ms: (canaryName: string) => synthetics(canaryName, "Duration", "p99", "Duration p99 (ms)"),
} as const;
