/**
 * Kinesis Data Streams' stream-level metrics (free, every minute), named after
 * the official AWS/Kinesis metric names; and the consuming function's
 * IteratorAge from AWS/Lambda.
 */
import { metric, type MetricSpec, type Statistic } from "../../common/metrics";

const stream = (streamName: string, metricName: string, statistic: Statistic, label: string): MetricSpec => metric("AWS/Kinesis", metricName, { StreamName: streamName }, statistic, label);

/**
 * Kinesis Data Streams' metrics of one stream (`AWS/Kinesis`, dimension `StreamName`), and the consuming function's `IteratorAge` (`AWS/Lambda`), as the specs graphs and alarms read.
 */
export const KinesisMetrics = {
  incomingRecords: (streamName: string) => stream(streamName, "IncomingRecords", "Sum", "Incoming records"),
  getRecordsRecords: (streamName: string) => stream(streamName, "GetRecords.Records", "Sum", "Records read"),
  /** The age of the last record read by GetRecords: how far the slowest consumer is behind. */
  iteratorAge: (streamName: string) => stream(streamName, "GetRecords.IteratorAgeMilliseconds", "Maximum", "Iterator age (ms)"),
  readProvisionedThroughputExceeded: (streamName: string) => stream(streamName, "ReadProvisionedThroughputExceeded", "Sum", "Reads throttled"),
  writeProvisionedThroughputExceeded: (streamName: string) => stream(streamName, "WriteProvisionedThroughputExceeded", "Sum", "Writes throttled"),
  /** Records PutRecords rejected for an internal failure (throttled ones are WriteProvisionedThroughputExceeded). */
  putRecordsFailedRecords: (streamName: string) => stream(streamName, "PutRecords.FailedRecords", "Sum", "Failed records"),
  /** The consuming function's view: the age of the last record of each batch it got. */
  consumerIteratorAge: (functionName: string) => metric("AWS/Lambda", "IteratorAge", { FunctionName: functionName }, "Maximum", `${functionName} iterator age (ms)`),
} as const;
