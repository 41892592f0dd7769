/**
 * Metrics of a function's alias or version and of its event source mappings,
 * named after the official AWS/Lambda metric names.
 */
import { metric, type MetricSpec, type Statistic } from "../../common/metrics";

/** Lambda dimensions an alias's or version's metrics by `FunctionName` and `Resource` = `<function>:<alias or version>`. */
const qualified = (functionName: string, qualifier: string, metricName: string, statistic: Statistic, label: string): MetricSpec =>
  metric("AWS/Lambda", metricName, { FunctionName: functionName, Resource: `${functionName}:${qualifier}` }, statistic, label);

/** Lambda's metrics of one alias or version (`AWS/Lambda`, dimensions `FunctionName` and `Resource` = `<function>:<qualifier>`): invocations and provisioned concurrency. */
export const LambdaAliasMetrics = {
  invocations: (functionName: string, qualifier: string) => qualified(functionName, qualifier, "Invocations", "Sum", "Invocations"),
  /** Provisioned executions in use as a fraction of those provisioned (0.5 is half): Lambda reports it per alias or version with provisioned concurrency. */
  provisionedConcurrencyUtilization: (functionName: string, qualifier: string) => qualified(functionName, qualifier, "ProvisionedConcurrencyUtilization", "Maximum", "Provisioned concurrency utilisation"),
  provisionedConcurrentExecutions: (functionName: string, qualifier: string) => qualified(functionName, qualifier, "ProvisionedConcurrentExecutions", "Maximum", "Provisioned concurrent executions"),
  /** Invocations beyond the provisioned concurrency: they ran on standard concurrency, with a cold start. */
  provisionedConcurrencySpilloverInvocations: (functionName: string, qualifier: string) => qualified(functionName, qualifier, "ProvisionedConcurrencySpilloverInvocations", "Sum", "Spillover invocations"),
} as const;

const mapping = (uuid: string, metricName: string, label: string): MetricSpec => metric("AWS/Lambda", metricName, { EventSourceMappingUUID: uuid }, "Sum", label);

/**
 * Lambda's metrics of an event source mapping: the consuming function's `IteratorAge`, and the mapping's own event counts (dimension `EventSourceMappingUUID`; the mapping needs metrics_config).
 */
export const EventSourceMetrics = {
  /** Age of the last record of a stream batch when the function got it (ms): how far the consumer is behind. Streams only (Kinesis, DynamoDB Streams). */
  iteratorAge: (functionName: string): MetricSpec => metric("AWS/Lambda", "IteratorAge", { FunctionName: functionName }, "Maximum", "Iterator age (ms)"),
  // The event source mapping's own metrics: published only where its metrics_config holds "EventCount".
  polledEvents: (uuid: string) => mapping(uuid, "PolledEventCount", "Events polled"),
  invokedEvents: (uuid: string) => mapping(uuid, "InvokedEventCount", "Events invoked"),
  /** Events of failed invocations; with partial batch responses on, also events the function reported in batchItemFailures (Lambda developer guide, "Event source mapping metrics"). */
  failedInvokeEvents: (uuid: string) => mapping(uuid, "FailedInvokeEventCount", "Events failed"),
  /** Events dropped after retries ran out or the record expired: lost unless an on-failure destination took them. */
  droppedEvents: (uuid: string) => mapping(uuid, "DroppedEventCount", "Events dropped"),
} as const;
