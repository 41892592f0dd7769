/** Kinesis Data Firehose's metrics, named after the official AWS/Firehose metric names (dimension DeliveryStreamName). */
import { metric, type MetricSpec, type Statistic } from "../../common/metrics";

/** Firehose's destinations, as its `DeliveryTo<destination>.Success` metrics name them. */
export const FIREHOSE_DESTINATIONS = ["S3", "Redshift", "AmazonOpenSearchService", "AmazonOpenSearchServerless", "Splunk", "HttpEndpoint", "Snowflake"] as const;
/** Where a Firehose stream delivers, as its `DeliveryTo<destination>.Success` metric names it: one of {@link FIREHOSE_DESTINATIONS}. */
export type FirehoseDestination = (typeof FIREHOSE_DESTINATIONS)[number];

const stream = (name: string, metricName: string, statistic: Statistic, label: string): MetricSpec => metric("AWS/Firehose", metricName, { DeliveryStreamName: name }, statistic, label);

/** Firehose's metrics of one delivery stream (`AWS/Firehose`, dimension `DeliveryStreamName`): incoming records, delivery to the destination, throttled records. */
export const FirehoseMetrics = {
  incomingRecords: (name: string) => stream(name, "IncomingRecords", "Sum", "Incoming records"),
  /** Successful deliveries over attempted ones in the period, 0 to 1. */
  deliverySuccess: (name: string, destination: FirehoseDestination) => stream(name, `DeliveryTo${destination}.Success`, "Average", `Delivery to ${destination} success (0-1)`),
  deliveryRecords: (name: string, destination: FirehoseDestination) => stream(name, `DeliveryTo${destination}.Records`, "Sum", `Records delivered to ${destination}`),
  /** Records refused because ingestion exceeded a limit of the stream. */
  throttledRecords: (name: string) => stream(name, "ThrottledRecords", "Sum", "Throttled records"),
} as const;
