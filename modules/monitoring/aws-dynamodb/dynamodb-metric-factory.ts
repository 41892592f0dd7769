/** DynamoDB's metrics, named after the official AWS/DynamoDB metric names. */
import { metric, type MathExpressionSpec, type MetricSpec, type Statistic } from "../../common/metrics";

const table = (tableName: string, metricName: string, statistic: Statistic, label: string): MetricSpec =>
  metric("AWS/DynamoDB", metricName, { TableName: tableName }, statistic, label);
const operation = (tableName: string, op: string, metricName: string, statistic: Statistic, label: string): MetricSpec =>
  metric("AWS/DynamoDB", metricName, { TableName: tableName, Operation: op }, statistic, label);

/** The operations whose SystemErrors and latency a table's alarms watch by default: one metric each (an alarm takes at most 10). */
export const DEFAULT_DYNAMODB_OPERATIONS = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem", "TransactWriteItems"] as const;

/** A metric id for metric math: lowercase first letter, letters and digits. */
const opId = (prefix: string, op: string) => `${prefix}${op.replace(/[^A-Za-z0-9]/g, "")}`;

export const DynamoDbMetrics = {
  readThrottleEvents: (tableName: string) => table(tableName, "ReadThrottleEvents", "Sum", "Read throttle events"),
  writeThrottleEvents: (tableName: string) => table(tableName, "WriteThrottleEvents", "Sum", "Write throttle events"),
  consumedReadCapacityUnits: (tableName: string) => table(tableName, "ConsumedReadCapacityUnits", "Sum", "Consumed read capacity"),
  consumedWriteCapacityUnits: (tableName: string) => table(tableName, "ConsumedWriteCapacityUnits", "Sum", "Consumed write capacity"),
  provisionedReadCapacityUnits: (tableName: string) => table(tableName, "ProvisionedReadCapacityUnits", "Average", "Provisioned read capacity"),
  provisionedWriteCapacityUnits: (tableName: string) => table(tableName, "ProvisionedWriteCapacityUnits", "Average", "Provisioned write capacity"),
  /** Account-wide in the region: DynamoDB reports UserErrors (HTTP 400s) without a table dimension. */
  userErrors: (): MetricSpec => metric("AWS/DynamoDB", "UserErrors", {}, "Sum", "User errors (account)"),

  /** SystemErrors is reported per operation: one operation is the metric itself, several are summed. */
  systemErrors: (tableName: string, operations: readonly string[]): MetricSpec | MathExpressionSpec => {
    if (operations.length === 1) return operation(tableName, operations[0]!, "SystemErrors", "Sum", `System errors (${operations[0]})`);
    const usingMetrics = Object.fromEntries(operations.map((op) => [opId("errors", op), operation(tableName, op, "SystemErrors", "Sum", op)]));
    return { expression: `SUM([${Object.keys(usingMetrics).join(", ")}])`, label: "System errors", usingMetrics };
  },

  /** The slowest operation's p99 SuccessfulRequestLatency (percentiles do not add up across operations). */
  p99Latency: (tableName: string, operations: readonly string[]): MetricSpec | MathExpressionSpec => {
    if (operations.length === 1) return operation(tableName, operations[0]!, "SuccessfulRequestLatency", "p99", `Latency p99 (${operations[0]})`);
    const usingMetrics = Object.fromEntries(operations.map((op) => [opId("latency", op), operation(tableName, op, "SuccessfulRequestLatency", "p99", op)]));
    return { expression: `MAX([${Object.keys(usingMetrics).join(", ")}])`, label: "Latency p99, slowest operation (ms)", usingMetrics };
  },

  /** Consumed capacity per second as a percentage of what is provisioned. */
  readCapacityPercent: (tableName: string): MathExpressionSpec => capacityPercent("read", DynamoDbMetrics.consumedReadCapacityUnits(tableName), DynamoDbMetrics.provisionedReadCapacityUnits(tableName)),
  writeCapacityPercent: (tableName: string): MathExpressionSpec => capacityPercent("write", DynamoDbMetrics.consumedWriteCapacityUnits(tableName), DynamoDbMetrics.provisionedWriteCapacityUnits(tableName)),
} as const;

const gsi = (tableName: string, indexName: string, metricName: string, statistic: Statistic, label: string): MetricSpec =>
  metric("AWS/DynamoDB", metricName, { TableName: tableName, GlobalSecondaryIndexName: indexName }, statistic, `${label} (${indexName})`);

/** A global secondary index's metrics: DynamoDB reports throttles and capacity per index, dimensioned by table and index. */
export const DynamoDbIndexMetrics = {
  readThrottleEvents: (tableName: string, indexName: string) => gsi(tableName, indexName, "ReadThrottleEvents", "Sum", "Read throttle events"),
  /** A write throttled on an index throttles the write to the table too: the index's capacity holds the table back. */
  writeThrottleEvents: (tableName: string, indexName: string) => gsi(tableName, indexName, "WriteThrottleEvents", "Sum", "Write throttle events"),
  consumedReadCapacityUnits: (tableName: string, indexName: string) => gsi(tableName, indexName, "ConsumedReadCapacityUnits", "Sum", "Consumed read capacity"),
  consumedWriteCapacityUnits: (tableName: string, indexName: string) => gsi(tableName, indexName, "ConsumedWriteCapacityUnits", "Sum", "Consumed write capacity"),
  provisionedReadCapacityUnits: (tableName: string, indexName: string) => gsi(tableName, indexName, "ProvisionedReadCapacityUnits", "Average", "Provisioned read capacity"),
  provisionedWriteCapacityUnits: (tableName: string, indexName: string) => gsi(tableName, indexName, "ProvisionedWriteCapacityUnits", "Average", "Provisioned write capacity"),
  readCapacityPercent: (tableName: string, indexName: string): MathExpressionSpec =>
    capacityPercent(`${indexName} read`, DynamoDbIndexMetrics.consumedReadCapacityUnits(tableName, indexName), DynamoDbIndexMetrics.provisionedReadCapacityUnits(tableName, indexName)),
  writeCapacityPercent: (tableName: string, indexName: string): MathExpressionSpec =>
    capacityPercent(`${indexName} write`, DynamoDbIndexMetrics.consumedWriteCapacityUnits(tableName, indexName), DynamoDbIndexMetrics.provisionedWriteCapacityUnits(tableName, indexName)),
} as const;

/** Items the table's time to live deleted: reported per table, only where TTL is on. */
export const timeToLiveDeletedItemCount = (tableName: string): MetricSpec => table(tableName, "TimeToLiveDeletedItemCount", "Sum", "Items deleted by TTL");

function capacityPercent(what: string, consumed: MetricSpec, provisioned: MetricSpec): MathExpressionSpec {
  return {
    expression: "IF(provisioned > 0, 100 * (consumed / PERIOD(consumed)) / provisioned, 0)",
    label: `Consumed ${what} capacity (% of provisioned)`,
    usingMetrics: { consumed, provisioned },
  };
}
