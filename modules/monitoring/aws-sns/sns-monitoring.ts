import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { SnsMetrics } from "./sns-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the SNS segment can alarm on, each counted per period (the key of {@link SnsThresholds}): `notificationsFailed` notifications SNS failed to deliver;
 * `notificationsRedrivenToDlq` notifications moved to a subscription's dead-letter queue; `notificationsFailedToRedriveToDlq` notifications lost, neither delivered nor moved to the dead-letter queue;
 * `notificationsFilteredOutInvalid` messages filtered out because a filter policy could not read their attributes or body.
 */
export type SnsAlarmKind = "notificationsFailed" | "notificationsRedrivenToDlq" | "notificationsFailedToRedriveToDlq" | "notificationsFilteredOutInvalid";
/** A topic's thresholds: per {@link SnsAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this topic. */
export type SnsThresholds = KindThresholds<SnsAlarmKind>;

const KINDS: AlarmKinds<SnsAlarmKind, string> = {
  notificationsFailed: {
    id: "notifications-failed",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (t) => SnsMetrics.notificationsFailed(t),
    condition: (n) => `${n} or more notifications SNS failed to deliver`,
  },
  notificationsRedrivenToDlq: {
    id: "redriven-to-dlq",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (t) => SnsMetrics.notificationsRedrivenToDlq(t),
    condition: (n) => `${n} or more notifications moved to a subscription's dead-letter queue`,
  },
  notificationsFailedToRedriveToDlq: {
    id: "dlq-redrive-failures",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (t) => SnsMetrics.notificationsFailedToRedriveToDlq(t),
    condition: (n) => `${n} or more notifications lost: neither delivered nor moved to the dead-letter queue`,
  },
  notificationsFilteredOutInvalid: {
    id: "filtered-out-invalid",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (t) => SnsMetrics.filteredOutInvalid(t),
    condition: (n) => `${n} or more messages filtered out as invalid (attributes or body a filter policy cannot read)`,
  },
};

/** Props of {@link SnsTopicMonitoring}: the topic, and the alarms' name prefix, topics, links and thresholds. */
export interface SnsTopicMonitoringProps extends SegmentAlarmProps<SnsAlarmKind> {
  /** The topic's name (`.fifo` included for a FIFO topic). */
  readonly topicName: string;
  /** Alarm names are `<alarmNamePrefix>-<kind>-<tier>`. @default the topic name */
  readonly alarmNamePrefix?: string;
}

/** The SNS segment of one topic: failed deliveries, redrives to dead-letter queues, and messages filtered out as invalid. */
export class SnsTopicMonitoring implements MonitoringSegment {
  /** The segment's id, `sns:<topicName>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `integration`: the segment's graphs go on the "Workflows, events and streams" page of the operations dashboard. */
  readonly page = "integration" as const;
  /** Heading of the segment's graphs: `topic <topicName>`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly topicName: string;

  constructor(scope: Construct, props: SnsTopicMonitoringProps) {
    requireNoTemplateSequences("SnsTopicMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("SnsTopicMonitoring", "SnsTopicMonitoring", { props });
    const where = `SnsTopicMonitoring "${String(props.topicName)}"`;
    requireMatch(where, "topicName", props.topicName, /^[A-Za-z0-9_-]{1,256}(\.fifo)?$/, "1-256 letters, digits, _ or -, optionally ending in .fifo");
    this.topicName = props.topicName;
    this.id = `sns:${props.topicName}`;
    this.title = `topic ${props.topicName}`;
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: props.alarmNamePrefix ?? props.topicName }, KINDS, props.topicName, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const t = this.topicName;
    const m = SnsMetrics;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${this.title}: ${title}`, alarms: this.alarms, width: 8, ...spec });
    return [
      graph("published, delivered, failed", { metrics: [m.messagesPublished(t), m.notificationsDelivered(t), m.notificationsFailed(t)], alarmKinds: ["notifications-failed"] }),
      graph("dead-letter queues", { metrics: [m.notificationsRedrivenToDlq(t), m.notificationsFailedToRedriveToDlq(t)], alarmKinds: ["redriven-to-dlq", "dlq-redrive-failures"] }),
      graph("filtered out as invalid", { metrics: [m.filteredOutInvalid(t)], alarmKinds: ["filtered-out-invalid"] }),
    ];
  }
}
