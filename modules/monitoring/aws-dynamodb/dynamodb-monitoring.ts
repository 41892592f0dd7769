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
import { DEFAULT_DYNAMODB_OPERATIONS, DynamoDbMetrics } from "./dynamodb-metric-factory";

export type DynamoDbAlarmKind = "readThrottles" | "writeThrottles" | "systemErrors" | "p99LatencyMs" | "readCapacityPercent" | "writeCapacityPercent";
export type DynamoDbThresholds = KindThresholds<DynamoDbAlarmKind>;
export type BillingMode = "PAY_PER_REQUEST" | "PROVISIONED";

interface TableResource {
  readonly tableName: string;
  readonly operations: readonly string[];
  readonly billingMode: BillingMode;
}

const provisionedOnly = (t: TableResource) =>
  t.billingMode === "PROVISIONED" ? undefined : { notApplicable: `the table bills per request; capacity alarms need billingMode "PROVISIONED"` };

const KINDS: AlarmKinds<DynamoDbAlarmKind, TableResource> = {
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

export interface DynamoDbTableMonitoringProps extends SegmentAlarmProps<DynamoDbAlarmKind> {
  /** The name of the table to monitor. */
  readonly tableName: string;
  /** Capacity alarms apply to provisioned tables only. @default "PAY_PER_REQUEST" */
  readonly billingMode?: BillingMode;
  /** The operations whose system errors and latency are watched (DynamoDB reports both per operation). @default the nine common ones */
  readonly operations?: readonly string[];
}

/** The DynamoDB segment of one table, any table: throttles, system errors, latency and, if provisioned, capacity. */
export class DynamoDbTableMonitoring implements MonitoringSegment {
  readonly id: string;
  readonly page = "dynamodb" as const;
  readonly title: string;
  readonly alarms: MonitoringAlarm[];
  private readonly table: TableResource;

  constructor(scope: Construct, props: DynamoDbTableMonitoringProps) {
    requireNoTemplateSequences("DynamoDbTableMonitoring", props, SEGMENT_FREE_TEXT);
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
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: props.tableName, nameField: "tableName" }, KINDS, this.table, props);
  }

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
    ];
  }
}
