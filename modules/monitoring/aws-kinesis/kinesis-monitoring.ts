import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { KinesisMetrics } from "./kinesis-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the Kinesis stream segment can alarm on (the key of {@link KinesisThresholds}): `iteratorAgeMs` how far the slowest consumer is behind, in milliseconds;
 * `readThroughputExceeded` and `writeThroughputExceeded` throttled reads and writes per period; `failedRecords` records PutRecords rejected for an internal failure;
 * `consumerIteratorAgeMs` how far the consuming function is behind, in milliseconds (needs `consumerFunctionName`).
 */
export type KinesisAlarmKind = "iteratorAgeMs" | "readThroughputExceeded" | "writeThroughputExceeded" | "failedRecords" | "consumerIteratorAgeMs";
/** A stream's thresholds: per {@link KinesisAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this stream. */
export type KinesisThresholds = KindThresholds<KinesisAlarmKind>;

interface StreamResource {
  readonly streamName: string;
  readonly consumerFunctionName?: string;
}

const KINDS: AlarmKinds<KinesisAlarmKind, StreamResource> = {
  iteratorAgeMs: {
    id: "iterator-age",
    comparison: "GreaterThanThreshold",
    metric: (s) => KinesisMetrics.iteratorAge(s.streamName),
    condition: (t) => `the slowest consumer more than ${t} ms behind (GetRecords.IteratorAgeMilliseconds)`,
  },
  readThroughputExceeded: {
    id: "read-throttles",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (s) => KinesisMetrics.readProvisionedThroughputExceeded(s.streamName),
    condition: (t) => `${t} or more reads throttled (ReadProvisionedThroughputExceeded)`,
  },
  writeThroughputExceeded: {
    id: "write-throttles",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (s) => KinesisMetrics.writeProvisionedThroughputExceeded(s.streamName),
    condition: (t) => `${t} or more writes throttled (WriteProvisionedThroughputExceeded)`,
  },
  failedRecords: {
    id: "failed-records",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (s) => KinesisMetrics.putRecordsFailedRecords(s.streamName),
    condition: (t) => `${t} or more records PutRecords rejected for an internal failure`,
  },
  consumerIteratorAgeMs: {
    id: "consumer-iterator-age",
    comparison: "GreaterThanThreshold",
    metric: (s) => (s.consumerFunctionName ? KinesisMetrics.consumerIteratorAge(s.consumerFunctionName) : { notApplicable: "no consuming function is given; give consumerFunctionName" }),
    condition: (t, s) => `the consuming function ${s.consumerFunctionName ?? ""} more than ${t} ms behind (IteratorAge)`,
  },
};

/** Props of {@link KinesisStreamMonitoring}: the stream, its consuming function, and the alarms' topics, links and thresholds. */
export interface KinesisStreamMonitoringProps extends SegmentAlarmProps<KinesisAlarmKind> {
  /** The stream's name. */
  readonly streamName: string;
  /** The Lambda function that consumes the stream through an event source mapping: its IteratorAge is watched too. @default none */
  readonly consumerFunctionName?: string;
  /** Alarm names are `<alarmNamePrefix>-<kind>-<tier>`. @default the stream name */
  readonly alarmNamePrefix?: string;
}

/** The Kinesis Data Streams segment of one stream: consumers falling behind, throttled reads and writes, failed records. */
export class KinesisStreamMonitoring implements MonitoringSegment {
  /** The segment's id, `kinesis:<streamName>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `integration`: the segment's graphs go on the "Workflows, events and streams" page of the operations dashboard. */
  readonly page = "integration" as const;
  /** Heading of the segment's graphs: `stream <streamName>`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly stream: StreamResource;

  constructor(scope: Construct, props: KinesisStreamMonitoringProps) {
    requireNoTemplateSequences("KinesisStreamMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("KinesisStreamMonitoring", "KinesisStreamMonitoring", { props });
    const where = `KinesisStreamMonitoring "${String(props.streamName)}"`;
    requireMatch(where, "streamName", props.streamName, /^[A-Za-z0-9_.-]{1,128}$/, "1-128 letters, digits, _, . or -");
    if (props.consumerFunctionName !== undefined) requireMatch(where, "consumerFunctionName", props.consumerFunctionName, /^[A-Za-z0-9_-]{1,64}$/, "a function name: 1-64 letters, digits, _ or -");
    this.stream = { streamName: props.streamName, ...(props.consumerFunctionName ? { consumerFunctionName: props.consumerFunctionName } : {}) };
    this.id = `kinesis:${props.streamName}`;
    this.title = `stream ${props.streamName}`;
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: props.alarmNamePrefix ?? props.streamName }, KINDS, this.stream, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { streamName: s, consumerFunctionName } = this.stream;
    const m = KinesisMetrics;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${this.title}: ${title}`, alarms: this.alarms, width: 8, ...spec });
    return [
      graph("records in and read", { metrics: [m.incomingRecords(s), m.getRecordsRecords(s), m.putRecordsFailedRecords(s)], alarmKinds: ["failed-records"] }),
      graph("iterator age (ms)", {
        metrics: [m.iteratorAge(s), ...(consumerFunctionName ? [m.consumerIteratorAge(consumerFunctionName)] : [])],
        alarmKinds: ["iterator-age", "consumer-iterator-age"],
      }),
      graph("throttled reads and writes", { metrics: [m.readProvisionedThroughputExceeded(s), m.writeProvisionedThroughputExceeded(s)], alarmKinds: ["read-throttles", "write-throttles"] }),
    ];
  }
}
