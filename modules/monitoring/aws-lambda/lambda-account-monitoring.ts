import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { AlarmTopics, MonitoringAlarm } from "../../common/alarm-factory";
import { InvalidPropsError, requireIntegerInRange } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { createKindAlarms, type AlarmKinds, type KindThresholds, type AlarmLinks } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { LambdaMetrics } from "./lambda-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the account-wide Lambda segment can alarm on: `unreservedConcurrencyPercent`, concurrent executions on the unreserved pool in % of that pool (the account's quota less all reserved concurrency).
 */
export type LambdaAccountAlarmKind = "unreservedConcurrencyPercent";
/** The account-wide Lambda thresholds: per {@link LambdaAccountAlarmKind}, a threshold per tier, or `false` for none. */
export type LambdaAccountThresholds = KindThresholds<LambdaAccountAlarmKind>;

/** AWS's default concurrency quota per account and region. */
export const DEFAULT_ACCOUNT_CONCURRENCY_LIMIT = 1000;

interface Pool {
  readonly unreserved: number;
}

const KINDS: AlarmKinds<LambdaAccountAlarmKind, Pool> = {
  unreservedConcurrencyPercent: {
    id: "unreserved-concurrency",
    comparison: "GreaterThanThreshold",
    metric: () => LambdaMetrics.unreservedConcurrentExecutions(),
    toMetricThreshold: (t, pool) => Math.floor((t / 100) * pool.unreserved),
    condition: (t, pool) => `executions on the unreserved pool above ${t} % of its ${pool.unreserved}`,
  },
};

/** Props of {@link LambdaAccountMonitoring}: the account's concurrency quota and reservations, and the alarms' name prefix, topics, links and thresholds. */
export interface LambdaAccountMonitoringProps {
  /** Alarm names are `<alarmNamePrefix>-unreserved-concurrency-<severity>`, e.g. `lambda-account-dev`. */
  readonly alarmNamePrefix: string;
  /** Where each tier's alarms notify. */
  readonly topics: AlarmTopics;
  /** The runbook section and dashboard page every description links. @default no links */
  readonly links?: AlarmLinks;
  /** The account's concurrency quota in the region (Service Quotas: "Concurrent executions"). @default 1000 */
  readonly accountConcurrencyLimit?: number;
  /** Concurrency reserved by all functions of the account in the region: what the unreserved pool lacks. @default 0 */
  readonly reservedConcurrency?: number;
  /** Thresholds of the account-wide Lambda alarms. */
  readonly thresholds: LambdaAccountThresholds;
}

/**
 * The account's unreserved concurrency pool, which every function without
 * reserved concurrency draws on: when it runs out, they all throttle.
 */
export class LambdaAccountMonitoring implements MonitoringSegment {
  /** The segment's id, `lambda:account`: unique within a facade, and carried by every alarm of the segment. */
  readonly id = "lambda:account";
  /** Always `lambda`: the segment's graphs go on the "Lambda" page of the operations dashboard. */
  readonly page = "lambda" as const;
  /** Heading of the segment's graphs: `Lambda account`. */
  readonly title = "Lambda account";
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];

  constructor(scope: Construct, props: LambdaAccountMonitoringProps) {
    requireNoTemplateSequences("LambdaAccountMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("LambdaAccountMonitoring", "LambdaAccountMonitoring", { props });
    const where = `LambdaAccountMonitoring "${props.alarmNamePrefix}"`;
    const limit = props.accountConcurrencyLimit ?? DEFAULT_ACCOUNT_CONCURRENCY_LIMIT;
    const reserved = props.reservedConcurrency ?? 0;
    requireIntegerInRange(where, "accountConcurrencyLimit", limit, 10, 10_000_000);
    if (!Number.isInteger(reserved) || reserved < 0 || reserved > limit - 100) {
      // Lambda keeps at least 100 executions unreserved.
      throw new InvalidPropsError(where, "reservedConcurrency", reserved, `an integer from 0 to ${limit - 100} (the limit less the 100 Lambda keeps unreserved)`);
    }
    this.alarms = createKindAlarms({
      scope,
      where,
      segment: this.id,
      subject: `Lambda in this account and region`,
      alarmNamePrefix: props.alarmNamePrefix,
      nameField: "alarmNamePrefix",
      kinds: KINDS,
      resource: { unreserved: limit - reserved },
      overrides: props.thresholds,
      topics: props.topics,
      links: props.links,
    });
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    return [graphWidget(region, { title: "Account: unreserved concurrent executions", metrics: [LambdaMetrics.unreservedConcurrentExecutions()], alarms: this.alarms, alarmKinds: ["unreserved-concurrency"] })];
  }
}
