import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { InvalidPropsError, requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { segmentAlarms, type AlarmKinds, type KindThresholds, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { EventSourceMetrics } from "./lambda-alias-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the event source mapping segment can alarm on (the key of {@link EventSourceThresholds}): `iteratorAgeMs` how far the consumer is behind the stream, in milliseconds (streams only);
 * `failedInvokeEvents` events in failed invocations (for SQS also those reported as batch item failures), per period (needs the mapping's `uuid`);
 * `droppedEvents` stream records dropped after the retries ran out or the record expired, per period (streams only; needs the mapping's `uuid`).
 */
export type EventSourceAlarmKind = "iteratorAgeMs" | "failedInvokeEvents" | "droppedEvents";
/** An event source mapping's thresholds: per {@link EventSourceAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this mapping. */
export type EventSourceThresholds = KindThresholds<EventSourceAlarmKind>;
/** What the mapping reads: a stream (records in order, an iterator that can fall behind) or a queue. */
export type EventSourceKind = "kinesis" | "dynamodb-streams" | "sqs";
/** Every {@link EventSourceKind}: what `source` of {@link LambdaEventSourceMonitoringProps} allows. */
export const EVENT_SOURCE_KINDS: readonly EventSourceKind[] = ["kinesis", "dynamodb-streams", "sqs"];

interface MappingResource {
  readonly functionName: string;
  readonly source: EventSourceKind;
  readonly uuid: string | undefined;
}

const needsUuid = (m: MappingResource) =>
  m.uuid ? undefined : { notApplicable: 'the event source mapping\'s own metrics need its UUID (give uuid) and its metrics_config { metrics = ["EventCount"] }' };

const KINDS: AlarmKinds<EventSourceAlarmKind, MappingResource> = {
  iteratorAgeMs: {
    id: "iterator-age",
    comparison: "GreaterThanThreshold",
    metric: (m) => (m.source === "sqs" ? { notApplicable: "a queue has no iterator; its backlog is the queue's age of oldest message (monitorQueue)" } : EventSourceMetrics.iteratorAge(m.functionName)),
    condition: (t) => `the consumer is more than ${t} ms behind the stream (IteratorAge maximum)`,
  },
  failedInvokeEvents: {
    id: "failed-events",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (m) => needsUuid(m) ?? EventSourceMetrics.failedInvokeEvents(m.uuid!),
    condition: (t, m) => `${t} or more events in failed invocations${m.source === "sqs" ? " or reported as batch item failures" : ""}`,
  },
  droppedEvents: {
    id: "dropped-events",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (m) =>
      m.source === "sqs" ? { notApplicable: "Lambda drops no SQS message: a failed one returns to the queue and, after maxReceiveCount, to its dead-letter queue" } : (needsUuid(m) ?? EventSourceMetrics.droppedEvents(m.uuid!)),
    condition: (t) => `${t} or more stream records dropped after the retries ran out or the record expired`,
  },
};

/** Props of {@link LambdaEventSourceMonitoring}: the function, the stream or queue it reads and the mapping's UUID, and the alarms' topics, links and thresholds. */
export interface LambdaEventSourceMonitoringProps extends SegmentAlarmProps<EventSourceAlarmKind> {
  /** The function the mapping invokes. */
  readonly functionName: string;
  /** What the mapping reads. */
  readonly source: EventSourceKind;
  /** The mapping's UUID, the dimension of its own metrics (which it publishes only with metrics_config EventCount). @default none: iterator age only */
  readonly uuid?: string;
  /** Names the segment and its alarms, e.g. the stream or queue. @default the source kind */
  readonly name?: string;
}

/**
 * An event source mapping of a function: for a stream, how far the consumer
 * is behind (IteratorAge) and the records it dropped; for every source, the
 * events of failed invocations (FailedInvokeEventCount, which also counts
 * SQS messages reported as batch item failures).
 */
export class LambdaEventSourceMonitoring implements MonitoringSegment {
  /** The segment's id, `event-source:<functionName>:<source name>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `lambda`: the segment's graphs go on the "Lambda" page of the operations dashboard. */
  readonly page = "lambda" as const;
  /** Heading of the segment's graphs: `<functionName> from <source name>`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly mapping: MappingResource;

  constructor(scope: Construct, props: LambdaEventSourceMonitoringProps) {
    requireNoTemplateSequences("LambdaEventSourceMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("LambdaEventSourceMonitoring", "LambdaEventSourceMonitoring", { props });
    const name = props.name ?? props.source;
    const where = `LambdaEventSourceMonitoring "${props.functionName}/${name}"`;
    requireMatch(where, "functionName", props.functionName, /^[A-Za-z0-9_-]{1,64}$/, "1-64 letters, digits, _ or -");
    if (!EVENT_SOURCE_KINDS.includes(props.source)) throw new InvalidPropsError(where, "source", props.source, EVENT_SOURCE_KINDS.map((k) => `"${k}"`).join(", "));
    requireMatch(where, "name", name, /^[A-Za-z0-9_.-]{1,80}$/, "1-80 letters, digits, _, . or -");
    if (props.uuid !== undefined) requireMatch(where, "uuid", props.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "the mapping's UUID, e.g. 14e0db71-5d35-4eb5-b481-8945cf9d10c2");
    this.mapping = { functionName: props.functionName, source: props.source, uuid: props.uuid };
    this.id = `event-source:${props.functionName}:${name}`;
    this.title = `${props.functionName} from ${name}`;
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: `${props.functionName}-${name}` }, KINDS, this.mapping, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { functionName, source, uuid } = this.mapping;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${this.title}: ${title}`, alarms: this.alarms, ...spec });
    return [
      ...(source === "sqs" ? [] : [graph("iterator age (ms)", { metrics: [EventSourceMetrics.iteratorAge(functionName)], alarmKinds: ["iterator-age"] })]),
      ...(uuid
        ? [
            graph("events", {
              metrics: [EventSourceMetrics.polledEvents(uuid), EventSourceMetrics.invokedEvents(uuid), EventSourceMetrics.failedInvokeEvents(uuid), ...(source === "sqs" ? [] : [EventSourceMetrics.droppedEvents(uuid)])],
              alarmKinds: ["failed-events", "dropped-events"],
            }),
          ]
        : []),
    ];
  }
}
