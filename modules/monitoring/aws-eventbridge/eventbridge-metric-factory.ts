/**
 * EventBridge's metrics, named after the official AWS/Events metric names.
 * A rule of the default bus is named by `RuleName` alone; a rule of a custom
 * bus by `EventBusName` and `RuleName`. Published every minute, the failure
 * counts only when not zero.
 */
import { guardedPercent, metric, type MathExpressionSpec, type MetricSpec, type Statistic } from "../../common/metrics";

/** The default bus: its rules' metrics carry no EventBusName dimension. */
export const DEFAULT_EVENT_BUS = "default";

const rule = (eventBusName: string, ruleName: string, metricName: string, statistic: Statistic, label: string): MetricSpec =>
  metric("AWS/Events", metricName, eventBusName === DEFAULT_EVENT_BUS ? { RuleName: ruleName } : { EventBusName: eventBusName, RuleName: ruleName }, statistic, label);
const bus = (eventBusName: string, metricName: string, statistic: Statistic, label: string): MetricSpec => metric("AWS/Events", metricName, { EventBusName: eventBusName }, statistic, label);

/** EventBridge's metrics of one rule (`AWS/Events`, dimension `RuleName`, with `EventBusName` on a custom bus), as the specs graphs and alarms read. */
export const EventBridgeRuleMetrics = {
  triggeredRules: (busName: string, ruleName: string) => rule(busName, ruleName, "TriggeredRules", "Sum", "Triggered"),
  invocations: (busName: string, ruleName: string) => rule(busName, ruleName, "Invocations", "Sum", "Invocations"),
  failedInvocations: (busName: string, ruleName: string) => rule(busName, ruleName, "FailedInvocations", "Sum", "Failed invocations"),
  throttledRules: (busName: string, ruleName: string) => rule(busName, ruleName, "ThrottledRules", "Sum", "Throttled"),
  deadLetterInvocations: (busName: string, ruleName: string) => rule(busName, ruleName, "DeadLetterInvocations", "Sum", "Dead-letter invocations"),
  invocationsFailedToBeSentToDlq: (busName: string, ruleName: string) => rule(busName, ruleName, "InvocationsFailedToBeSentToDlq", "Sum", "Failed to be sent to the DLQ"),
} as const;

/** EventBridge's metrics of one event bus (`AWS/Events`, dimension `EventBusName`): invocation attempts, retries and ingestion-to-delivery latency. */
export const EventBusMetrics = {
  invocationAttempts: (busName: string) => bus(busName, "InvocationAttempts", "Sum", "Invocation attempts"),
  successfulInvocationAttempts: (busName: string) => bus(busName, "SuccessfulInvocationAttempts", "Sum", "Successful attempts"),
  retryInvocationAttempts: (busName: string) => bus(busName, "RetryInvocationAttempts", "Sum", "Retry attempts"),
  p99IngestionToInvocationSuccessLatency: (busName: string) => bus(busName, "IngestionToInvocationSuccessLatency", "p99", "Ingestion to successful invocation p99 (ms)"),
  /** Retries as a percentage of all attempts to invoke the bus's targets: the first sign of an undersized or failing target. */
  retryRatePercent: (busName: string, minimumAttempts: number, minimumRetries: number): MathExpressionSpec =>
    guardedPercent("Retries (% of invocation attempts)", { id: "retries", metric: EventBusMetrics.retryInvocationAttempts(busName) }, { id: "attempts", metric: EventBusMetrics.invocationAttempts(busName) }, minimumAttempts, minimumRetries),
} as const;
