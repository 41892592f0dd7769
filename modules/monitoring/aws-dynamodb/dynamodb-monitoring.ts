import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import { requireOneOf, requireUnique } from "../../common/prop-checks";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { AWS_LIMITS } from "../../common/aws-limits";
import { InvalidPropsError, requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { DEFAULT_DYNAMODB_OPERATIONS, DynamoDbMetrics, timeToLiveDeletedItemCount } from "./dynamodb-metric-factory";
import { DYNAMODB_INDEX_ALARM_KINDS, indexAlarms, indexGraphs, requireIndexNames, type DynamoDbIndexAlarmKind } from "./dynamodb-index-alarms";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the DynamoDB segment can alarm on for a table (the key of {@link DynamoDbThresholds}): `readThrottles` and `writeThrottles` the throttle events per period,
 * `systemErrors` DynamoDB's own errors (HTTP 500) on the watched operations, `p99LatencyMs` the slowest watched operation's successful request latency p99 in milliseconds,
 * `readCapacityPercent` and `writeCapacityPercent` consumed capacity in % of provisioned (tables with billing mode `PROVISIONED` only).
 */
export type DynamoDbAlarmKind = "readThrottles" | "writeThrottles" | "systemErrors" | "p99LatencyMs" | "readCapacityPercent" | "writeCapacityPercent";
/** The table's thresholds, and those every one of its global secondary indexes gets (`index...`). */
export type DynamoDbThresholds = KindThresholds<DynamoDbAlarmKind | DynamoDbIndexAlarmKind>;
/** How the table is billed, as DynamoDB names it: `PAY_PER_REQUEST` (on demand) or `PROVISIONED`; only a provisioned table has the capacity alarms. */
export type BillingMode = "PAY_PER_REQUEST" | "PROVISIONED";

export interface TableResource {
  readonly tableName: string;
  readonly operations: readonly string[];
  readonly billingMode: BillingMode;
}

const provisionedOnly = (t: TableResource) =>
  t.billingMode === "PROVISIONED" ? undefined : { notApplicable: `the table bills per request; capacity alarms need billingMode "PROVISIONED"` };

export const DYNAMODB_TABLE_ALARM_KINDS: AlarmKinds<DynamoDbAlarmKind, TableResource> = {
  readThrottles: {
    id: "read-throttles",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (t) => DynamoDbMetrics.readThrottleEvents(t.tableName),
    condition: (n) => `${n} or more read throttle events`,
  },
  writeThrottles: {
    id: "write-throttles",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (t) => DynamoDbMetrics.writeThrottleEvents(t.tableName),
    condition: (n) => `${n} or more write throttle events`,
  },
  systemErrors: {
    id: "system-errors",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (t) => DynamoDbMetrics.systemErrors(t.tableName, t.operations),
    condition: (n, t) => `${n} or more DynamoDB system errors on ${t.operations.join(", ")}`,
  },
  p99LatencyMs: {
    id: "latency",
    comparison: "GreaterThanThreshold",
    metric: (t) => DynamoDbMetrics.p99Latency(t.tableName, t.operations),
    condition: (n, t) => `successful request latency p99 above ${n} ms (slowest of ${t.operations.join(", ")})`,
  },
  readCapacityPercent: {
    id: "read-capacity",
    comparison: "GreaterThanThreshold",
    metric: (t) => provisionedOnly(t) ?? DynamoDbMetrics.readCapacityPercent(t.tableName),
    condition: (n) => `consumed read capacity above ${n} % of provisioned`,
  },
  writeCapacityPercent: {
    id: "write-capacity",
    comparison: "GreaterThanThreshold",
    metric: (t) => provisionedOnly(t) ?? DynamoDbMetrics.writeCapacityPercent(t.tableName),
    condition: (n) => `consumed write capacity above ${n} % of provisioned`,
  },
};

/** The values of DynamoDB's Operation dimension (SuccessfulRequestLatency, SystemErrors). */
const DYNAMODB_OPERATIONS = [...DEFAULT_DYNAMODB_OPERATIONS, "TransactGetItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction", "GetRecords"];

/** Props of {@link DynamoDbTableMonitoring}: the table, its billing mode, indexes and watched operations, and the alarms' topics, links and thresholds. */
export interface DynamoDbTableMonitoringProps extends SegmentAlarmProps<DynamoDbAlarmKind | DynamoDbIndexAlarmKind> {
  /** The name of the table to monitor. */
  readonly tableName: string;
  /** Capacity alarms apply to provisioned tables only. @default "PAY_PER_REQUEST" */
  readonly billingMode?: BillingMode;
  /** The operations whose system errors and latency are watched (DynamoDB reports both per operation). @default the nine common ones */
  readonly operations?: readonly string[];
  /** Its global secondary indexes, by name: each gets the `index...` alarms (throttles; capacity if provisioned) and its graphs. @default none */
  readonly globalSecondaryIndexes?: readonly string[];
  /** Time to live is on: the dashboard graphs the items it deletes (TimeToLiveDeletedItemCount). @default false */
  readonly timeToLive?: boolean;
}

/** The DynamoDB segment of one table, any table: throttles, system errors, latency and, if provisioned, capacity. */
export class DynamoDbTableMonitoring implements MonitoringSegment {
  /** The segment's id, `dynamodb:<tableName>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `dynamodb`: the segment's graphs go on the "DynamoDB" page of the operations dashboard. */
  readonly page = "dynamodb" as const;
  /** Heading of the segment's graphs: `<tableName>`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly table: TableResource;
  private readonly indexes: readonly string[];
  private readonly timeToLive: boolean;

  constructor(scope: Construct, props: DynamoDbTableMonitoringProps) {
    requireNoTemplateSequences("DynamoDbTableMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("DynamoDbTableMonitoring", "DynamoDbTableMonitoring", { props });
    const where = `DynamoDbTableMonitoring "${props.tableName}"`;
    requireMatch(where, "tableName", props.tableName, /^[A-Za-z0-9_.-]{3,255}$/, "3-255 letters, digits, _, . or -");
    const operations = props.operations ?? DEFAULT_DYNAMODB_OPERATIONS;
    if (props.billingMode !== undefined) requireOneOf(where, "billingMode", props.billingMode, ["PAY_PER_REQUEST", "PROVISIONED"]);
    if (operations.length < 1 || operations.length > AWS_LIMITS.cloudwatch.maxMetricsPerAlarm) {
      throw new InvalidPropsError(where, "operations", operations, `1 to ${AWS_LIMITS.cloudwatch.maxMetricsPerAlarm} operations (one metric each in a metric-math alarm)`);
    }
    operations.forEach((op, i) => requireOneOf(where, `operations[${i}]`, op, DYNAMODB_OPERATIONS));
    requireUnique(where, "operations", operations);
    const billingMode = props.billingMode ?? "PAY_PER_REQUEST";
    if (billingMode !== "PAY_PER_REQUEST" && billingMode !== "PROVISIONED") throw new InvalidPropsError(where, "billingMode", billingMode, '"PAY_PER_REQUEST" or "PROVISIONED"');
    this.table = { tableName: props.tableName, operations, billingMode };
    this.id = `dynamodb:${props.tableName}`;
    this.title = props.tableName;
    const own = splitIndexThresholds(props.thresholds);
    const defaults = splitIndexThresholds(props.defaults);
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: props.tableName, nameField: "tableName" }, DYNAMODB_TABLE_ALARM_KINDS, this.table, { ...props, thresholds: own.table, defaults: defaults.table });
    this.indexes = props.globalSecondaryIndexes ?? [];
    requireIndexNames(where, this.indexes);
    if (this.indexes.length === 0) {
      const set = DYNAMODB_INDEX_ALARM_KINDS.find((k) => own.index[k] !== undefined && own.index[k] !== false);
      if (set !== undefined) throw new InvalidPropsError(where, `thresholds.${set}`, own.index[set], "no threshold here: the table has no known global secondary index; give globalSecondaryIndexes");
    }
    for (const indexName of this.indexes) {
      const provisioned = billingMode === "PROVISIONED";
      this.alarms.push(...indexAlarms({ scope, where, segment: this.id, tableName: props.tableName, indexName, provisioned, topics: props.topics, links: props.links, defaults: defaults.index, overrides: own.index }));
    }
    this.timeToLive = props.timeToLive ?? false;
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { tableName, operations, billingMode } = this.table;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${tableName}: ${title}`, alarms: this.alarms, ...spec });
    return [
      graph("throttle events", { metrics: [DynamoDbMetrics.readThrottleEvents(tableName), DynamoDbMetrics.writeThrottleEvents(tableName)], alarmKinds: ["read-throttles", "write-throttles"] }),
      graph("system errors", { metrics: [DynamoDbMetrics.systemErrors(tableName, operations)], alarmKinds: ["system-errors"] }),
      graph("latency p99 (ms)", { metrics: [DynamoDbMetrics.p99Latency(tableName, operations)], alarmKinds: ["latency"] }),
      billingMode === "PROVISIONED"
        ? graph("capacity (% of provisioned)", { metrics: [DynamoDbMetrics.readCapacityPercent(tableName), DynamoDbMetrics.writeCapacityPercent(tableName)], alarmKinds: ["read-capacity", "write-capacity"] })
        : graph("consumed capacity", { metrics: [DynamoDbMetrics.consumedReadCapacityUnits(tableName), DynamoDbMetrics.consumedWriteCapacityUnits(tableName)] }),
      ...(this.timeToLive ? [graph("items deleted by TTL", { metrics: [timeToLiveDeletedItemCount(tableName)] })] : []),
      ...this.indexes.flatMap((indexName) => indexGraphs(region, tableName, indexName, billingMode === "PROVISIONED", this.alarms)),
    ];
  }
}

/** The table's own thresholds apart from those of its indexes (each goes to its own table of kinds). */
function splitIndexThresholds(t: DynamoDbThresholds | undefined): { table: KindThresholds<DynamoDbAlarmKind>; index: KindThresholds<DynamoDbIndexAlarmKind> } {
  const entries = Object.entries(t ?? {});
  const isIndexKind = ([kind]: [string, unknown]) => (DYNAMODB_INDEX_ALARM_KINDS as readonly string[]).includes(kind);
  // Object.fromEntries keeps a key named like __proto__ as a key, so the segment refuses it by name rather than losing it.
  return { table: Object.fromEntries(entries.filter((e) => !isIndexKind(e))) as KindThresholds<DynamoDbAlarmKind>, index: Object.fromEntries(entries.filter(isIndexKind)) as KindThresholds<DynamoDbIndexAlarmKind> };
}
