import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { SqsMetrics } from "./sqs-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the SQS segment can alarm on (the key of {@link SqsThresholds}): `messagesVisible` messages waiting in the queue (in a dead-letter queue: messages whose processing failed),
 * `oldestMessageAgeSeconds` the age of the oldest message, in seconds.
 */
export type SqsAlarmKind = "messagesVisible" | "oldestMessageAgeSeconds";
/** A queue's thresholds: per {@link SqsAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this queue. */
export type SqsThresholds = KindThresholds<SqsAlarmKind>;

/** SQS publishes every 5 minutes: a shorter alarm period only ever sees missing data. */
export const SQS_PERIOD_SECONDS = 300;

export interface QueueResource {
  readonly queueName: string;
  /** Alarm ids and names say `dlq-` for a dead-letter queue. */
  readonly prefix: string;
}

export const sqsAlarmKinds = (idPrefix: string): AlarmKinds<SqsAlarmKind, QueueResource> => ({
  // A function's DLQ alarm was `dlq-messages` before segments existed: the id stays.
  messagesVisible: {
    id: idPrefix ? `${idPrefix}messages` : "messages-visible",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (q) => SqsMetrics.messagesVisible(q.queueName),
    condition: (t, q) => `${t} or more messages waiting in ${q.prefix ? "the dead-letter queue" : "the queue"} ${q.queueName}`,
  },
  oldestMessageAgeSeconds: {
    id: `${idPrefix}oldest-message-age`,
    comparison: "GreaterThanThreshold",
    metric: (q) => SqsMetrics.oldestMessageAgeSeconds(q.queueName),
    condition: (t, q) => `oldest message in ${q.queueName} older than ${t} s`,
  },
});

/** Props of {@link SqsQueueMonitoring}: the queue (or dead-letter queue), and the alarms' topics, links and thresholds. */
export interface SqsQueueMonitoringProps extends SegmentAlarmProps<SqsAlarmKind> {
  /** The name of the queue to monitor. */
  readonly queueName: string;
  /** A dead-letter queue: alarm ids and names read `dlq-...`, and any message in it is a failure. @default false */
  readonly deadLetterQueue?: boolean;
  /** Alarm names are `<alarmNamePrefix>-<kind>-<severity>`. @default the queue name */
  readonly alarmNamePrefix?: string;
}

/** The SQS segment of one queue (or a function's dead-letter queue): its alarms and graphs, created in `scope`. */
export class SqsQueueMonitoring implements MonitoringSegment {
  /** The segment's id, `sqs:<queueName>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `sqs`: the segment's graphs go on the "SQS" page of the operations dashboard. */
  readonly page = "sqs" as const;
  /** Heading of the segment's graphs: the queue name, with ` (dead-letter queue)` for a dead-letter queue. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly queueName: string;

  constructor(scope: Construct, props: SqsQueueMonitoringProps) {
    requireNoTemplateSequences("SqsQueueMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("SqsQueueMonitoring", "SqsQueueMonitoring", { props });
    const where = `SqsQueueMonitoring "${props.queueName}"`;
    requireMatch(where, "queueName", props.queueName, /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/, "1-80 letters, digits, _ or -, optionally ending in .fifo");
    this.queueName = props.queueName;
    this.id = `sqs:${props.queueName}`;
    this.title = props.deadLetterQueue ? `${props.queueName} (dead-letter queue)` : props.queueName;
    const prefix = props.deadLetterQueue ? "dlq-" : "";
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: props.alarmNamePrefix ?? props.queueName, nameField: props.alarmNamePrefix === undefined ? "queueName" : "alarmNamePrefix" }, sqsAlarmKinds(prefix), { queueName: props.queueName, prefix }, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const q = this.queueName;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms" | "periodSeconds">) =>
      graphWidget(region, { title: `${this.title}: ${title}`, alarms: this.alarms, periodSeconds: SQS_PERIOD_SECONDS, width: 8, ...spec });
    return [
      graph("messages visible", { metrics: [SqsMetrics.messagesVisible(q)], alarmKinds: this.alarms.filter((a) => a.kind.endsWith("messages") || a.kind === "messages-visible").map((a) => a.kind) }),
      graph("age of oldest message (s)", { metrics: [SqsMetrics.oldestMessageAgeSeconds(q)], alarmKinds: ["oldest-message-age", "dlq-oldest-message-age"] }),
      graph("sent and deleted", { metrics: [SqsMetrics.messagesSent(q), SqsMetrics.messagesDeleted(q)] }),
    ];
  }
}
