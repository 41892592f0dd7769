import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { InvalidPropsError, requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { FIREHOSE_DESTINATIONS, FirehoseMetrics, type FirehoseDestination } from "./firehose-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the Firehose segment can alarm on (the key of {@link FirehoseThresholds}): `deliverySuccessPercent` delivery attempts to the destination that succeeded, in %, alarming when below;
 * `throttledRecords` records throttled per period because ingestion went above the stream's limits.
 */
export type FirehoseAlarmKind = "deliverySuccessPercent" | "throttledRecords";
/** A delivery stream's thresholds: per {@link FirehoseAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this stream. */
export type FirehoseThresholds = KindThresholds<FirehoseAlarmKind>;

interface DeliveryStreamResource {
  readonly name: string;
  readonly destination: FirehoseDestination;
}

const KINDS: AlarmKinds<FirehoseAlarmKind, DeliveryStreamResource> = {
  deliverySuccessPercent: {
    id: "delivery-success",
    comparison: "LessThanThreshold",
    metric: (f) => FirehoseMetrics.deliverySuccess(f.name, f.destination),
    // Firehose publishes the success as a ratio (0 to 1); thresholds are written in percent.
    toMetricThreshold: (percent) => percent / 100,
    condition: (t, f) => `delivery to ${f.destination} succeeded for less than ${t} % of attempts (DeliveryTo${f.destination}.Success)`,
  },
  throttledRecords: {
    id: "throttled-records",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (f) => FirehoseMetrics.throttledRecords(f.name),
    condition: (t) => `${t} or more records throttled: ingestion above the stream's limits`,
  },
};

/** Props of {@link FirehoseMonitoring}: the delivery stream and its destination, and the alarms' topics, links and thresholds. */
export interface FirehoseMonitoringProps extends SegmentAlarmProps<FirehoseAlarmKind> {
  /** The Firehose stream's name. */
  readonly deliveryStreamName: string;
  /** Where it delivers: names its `DeliveryTo<destination>.Success` metric. @default "S3" */
  readonly destination?: FirehoseDestination;
  /** Alarm names are `<alarmNamePrefix>-<kind>-<tier>`. @default the stream name */
  readonly alarmNamePrefix?: string;
}

/** The Kinesis Data Firehose segment of one stream: delivery success and throttled records. */
export class FirehoseMonitoring implements MonitoringSegment {
  /** The segment's id, `firehose:<deliveryStreamName>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `integration`: the segment's graphs go on the "Workflows, events and streams" page of the operations dashboard. */
  readonly page = "integration" as const;
  /** Heading of the segment's graphs: `Firehose <deliveryStreamName>`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly stream: DeliveryStreamResource;

  constructor(scope: Construct, props: FirehoseMonitoringProps) {
    requireNoTemplateSequences("FirehoseMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("FirehoseMonitoring", "FirehoseMonitoring", { props });
    const where = `FirehoseMonitoring "${String(props.deliveryStreamName)}"`;
    requireMatch(where, "deliveryStreamName", props.deliveryStreamName, /^[A-Za-z0-9_.-]{1,64}$/, "1-64 letters, digits, _, . or -");
    const destination = props.destination ?? "S3";
    if (!FIREHOSE_DESTINATIONS.includes(destination)) throw new InvalidPropsError(where, "destination", destination, `one of ${FIREHOSE_DESTINATIONS.join(", ")}`);
    this.stream = { name: props.deliveryStreamName, destination };
    this.id = `firehose:${props.deliveryStreamName}`;
    this.title = `Firehose ${props.deliveryStreamName}`;
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: props.alarmNamePrefix ?? props.deliveryStreamName }, KINDS, this.stream, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { name, destination } = this.stream;
    const m = FirehoseMetrics;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${this.title}: ${title}`, alarms: this.alarms, width: 8, ...spec });
    return [
      graph("records in and delivered", { metrics: [m.incomingRecords(name), m.deliveryRecords(name, destination)] }),
      graph(`delivery to ${destination} success (0-1)`, { metrics: [m.deliverySuccess(name, destination)], alarmKinds: ["delivery-success"] }),
      graph("throttled records", { metrics: [m.throttledRecords(name)], alarmKinds: ["throttled-records"] }),
    ];
  }
}
