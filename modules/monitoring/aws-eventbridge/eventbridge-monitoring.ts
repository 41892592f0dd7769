import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { requireIntegerInRange, requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { DEFAULT_EVENT_BUS, EventBridgeRuleMetrics, EventBusMetrics } from "./eventbridge-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the EventBridge rule segment can alarm on, each counted per period (the key of {@link EventBridgeRuleThresholds}): `failedInvocations` target invocations that failed permanently,
 * `throttledRules` throttled rule triggers, `deadLetterInvocations` events sent to the rule's dead-letter queue instead of the target,
 * `invocationsFailedToBeSentToDlq` events lost, neither delivered nor sent to the dead-letter queue.
 */
export type EventBridgeRuleAlarmKind = "failedInvocations" | "throttledRules" | "deadLetterInvocations" | "invocationsFailedToBeSentToDlq";
/** A rule's thresholds: per {@link EventBridgeRuleAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this rule. */
export type EventBridgeRuleThresholds = KindThresholds<EventBridgeRuleAlarmKind>;
/**
 * What the event bus segment can alarm on (the key of {@link EventBusThresholds}): `retryRatePercent` retries in % of invocation attempts (with a low-traffic guard),
 * `p99IngestionToInvocationSuccessLatencyMs` the p99 time from an event's ingestion to its successful delivery, in milliseconds.
 */
export type EventBusAlarmKind = "retryRatePercent" | "p99IngestionToInvocationSuccessLatencyMs";
/** An event bus's thresholds: per {@link EventBusAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this bus. */
export type EventBusThresholds = KindThresholds<EventBusAlarmKind>;

const BUS_NAME = /^[A-Za-z0-9._/-]{1,256}$/;
const RULE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

interface RuleResource {
  readonly eventBusName: string;
  readonly ruleName: string;
}

const RULE_KINDS: AlarmKinds<EventBridgeRuleAlarmKind, RuleResource> = {
  failedInvocations: {
    id: "failed-invocations",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (r) => EventBridgeRuleMetrics.failedInvocations(r.eventBusName, r.ruleName),
    condition: (t) => `${t} or more target invocations failed permanently`,
  },
  throttledRules: {
    id: "throttled",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (r) => EventBridgeRuleMetrics.throttledRules(r.eventBusName, r.ruleName),
    condition: (t) => `${t} or more throttled rule triggers`,
  },
  deadLetterInvocations: {
    id: "dead-letter-invocations",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (r) => EventBridgeRuleMetrics.deadLetterInvocations(r.eventBusName, r.ruleName),
    condition: (t) => `${t} or more events sent to the dead-letter queue instead of the target`,
  },
  invocationsFailedToBeSentToDlq: {
    id: "dlq-send-failures",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (r) => EventBridgeRuleMetrics.invocationsFailedToBeSentToDlq(r.eventBusName, r.ruleName),
    condition: (t) => `${t} or more events lost: neither delivered nor sent to the dead-letter queue`,
  },
};

/** Props of {@link EventBridgeRuleMonitoring}: the rule and its bus, and the alarms' topics, links and thresholds. */
export interface EventBridgeRuleMonitoringProps extends SegmentAlarmProps<EventBridgeRuleAlarmKind> {
  /** The rule's name. */
  readonly ruleName: string;
  /** The bus the rule is on: a custom bus's rules are named by bus and rule. @default "default" */
  readonly eventBusName?: string;
  /** Alarm names are `<alarmNamePrefix>-<kind>-<tier>`. @default the rule name */
  readonly alarmNamePrefix?: string;
}

/** The EventBridge segment of one rule: its targets' failed and throttled invocations and its dead-letter queue. */
export class EventBridgeRuleMonitoring implements MonitoringSegment {
  /** The segment's id, `events-rule:<eventBusName>/<ruleName>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `integration`: the segment's graphs go on the "Workflows, events and streams" page of the operations dashboard. */
  readonly page = "integration" as const;
  /** Heading of the segment's graphs: `rule <ruleName>`, with ` (<eventBusName>)` on a bus other than the default. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly rule: RuleResource;

  constructor(scope: Construct, props: EventBridgeRuleMonitoringProps) {
    requireNoTemplateSequences("EventBridgeRuleMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("EventBridgeRuleMonitoring", "EventBridgeRuleMonitoring", { props });
    const where = `EventBridgeRuleMonitoring "${String(props.ruleName)}"`;
    requireMatch(where, "ruleName", props.ruleName, RULE_NAME, "1-64 letters, digits, ., _ or -");
    const eventBusName = props.eventBusName ?? DEFAULT_EVENT_BUS;
    requireMatch(where, "eventBusName", eventBusName, BUS_NAME, "1-256 letters, digits, ., _, / or -");
    this.rule = { eventBusName, ruleName: props.ruleName };
    this.id = `events-rule:${eventBusName}/${props.ruleName}`;
    this.title = eventBusName === DEFAULT_EVENT_BUS ? `rule ${props.ruleName}` : `rule ${props.ruleName} (${eventBusName})`;
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: props.alarmNamePrefix ?? props.ruleName }, RULE_KINDS, this.rule, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { eventBusName: b, ruleName: r } = this.rule;
    const m = EventBridgeRuleMetrics;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${this.title}: ${title}`, alarms: this.alarms, width: 8, ...spec });
    return [
      graph("triggered and invoked", { metrics: [m.triggeredRules(b, r), m.invocations(b, r)] }),
      graph("failed and throttled", { metrics: [m.failedInvocations(b, r), m.throttledRules(b, r)], alarmKinds: ["failed-invocations", "throttled"] }),
      graph("dead-letter queue", { metrics: [m.deadLetterInvocations(b, r), m.invocationsFailedToBeSentToDlq(b, r)], alarmKinds: ["dead-letter-invocations", "dlq-send-failures"] }),
    ];
  }
}

interface BusResource {
  readonly eventBusName: string;
  readonly minimumAttempts: number;
  readonly minimumRetries: number;
}

const BUS_KINDS: AlarmKinds<EventBusAlarmKind, BusResource> = {
  retryRatePercent: {
    id: "retry-rate",
    comparison: "GreaterThanThreshold",
    metric: (b) => EventBusMetrics.retryRatePercent(b.eventBusName, b.minimumAttempts, b.minimumRetries),
    condition: (t, b) => `retries above ${t} % of invocation attempts (with at least ${b.minimumAttempts} attempts, or ${b.minimumRetries} retries, in the period)`,
  },
  p99IngestionToInvocationSuccessLatencyMs: {
    id: "delivery-latency",
    comparison: "GreaterThanThreshold",
    metric: (b) => EventBusMetrics.p99IngestionToInvocationSuccessLatency(b.eventBusName),
    condition: (t) => `p99 time from ingestion to successful delivery above ${t} ms`,
  },
};

/** Props of {@link EventBusMonitoring}: the event bus, the retry rate's low-traffic guard, and the alarms' topics, links and thresholds. */
export interface EventBusMonitoringProps extends SegmentAlarmProps<EventBusAlarmKind> {
  /** The bus's name (`default` for the account's default bus). */
  readonly eventBusName: string;
  /** The retry rate alarms only with at least this many invocation attempts in the period... @default 20 */
  readonly minimumAttempts?: number;
  /** ...or this many retries. @default 3 */
  readonly minimumRetries?: number;
  /** Alarm names are `<alarmNamePrefix>-<kind>-<tier>`. @default the bus name */
  readonly alarmNamePrefix?: string;
}

/** The EventBridge segment of one event bus: delivery to all its rules' targets, retries and latency. */
export class EventBusMonitoring implements MonitoringSegment {
  /** The segment's id, `events-bus:<eventBusName>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `integration`: the segment's graphs go on the "Workflows, events and streams" page of the operations dashboard. */
  readonly page = "integration" as const;
  /** Heading of the segment's graphs: `event bus <eventBusName>`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly bus: BusResource;

  constructor(scope: Construct, props: EventBusMonitoringProps) {
    requireNoTemplateSequences("EventBusMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("EventBusMonitoring", "EventBusMonitoring", { props });
    const where = `EventBusMonitoring "${String(props.eventBusName)}"`;
    requireMatch(where, "eventBusName", props.eventBusName, BUS_NAME, "1-256 letters, digits, ., _, / or -");
    const minimumAttempts = props.minimumAttempts ?? 20;
    const minimumRetries = props.minimumRetries ?? 3;
    requireIntegerInRange(where, "minimumAttempts", minimumAttempts, 1, 1_000_000);
    requireIntegerInRange(where, "minimumRetries", minimumRetries, 1, 1_000_000);
    this.bus = { eventBusName: props.eventBusName, minimumAttempts, minimumRetries };
    this.id = `events-bus:${props.eventBusName}`;
    this.title = `event bus ${props.eventBusName}`;
    // A bus name may hold `/` (partner buses): alarm names may too, construct ids are the facade's.
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: props.alarmNamePrefix ?? props.eventBusName }, BUS_KINDS, this.bus, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { eventBusName: b, minimumAttempts, minimumRetries } = this.bus;
    const m = EventBusMetrics;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${this.title}: ${title}`, alarms: this.alarms, width: 8, ...spec });
    return [
      graph("invocation attempts", { metrics: [m.invocationAttempts(b), m.successfulInvocationAttempts(b), m.retryInvocationAttempts(b)] }),
      graph("retries (%)", { metrics: [m.retryRatePercent(b, minimumAttempts, minimumRetries)], alarmKinds: ["retry-rate"] }),
      graph("ingestion to delivery p99 (ms)", { metrics: [m.p99IngestionToInvocationSuccessLatency(b)], alarmKinds: ["delivery-latency"] }),
    ];
  }
}
