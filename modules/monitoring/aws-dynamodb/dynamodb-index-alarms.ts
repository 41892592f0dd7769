/**
 * A table's global secondary indexes: each has its own throttles and, on a
 * provisioned table, its own capacity. A write throttled on an index
 * throttles the write to the table, so an index short of capacity holds the
 * whole table back: every index gets the alarms the table has.
 */
import type { Construct } from "constructs";
import type { AlarmTopics, MonitoringAlarm } from "../../common/alarm-factory";
import { InvalidPropsError, requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { createKindAlarms, type AlarmKinds, type AlarmLinks, type KindThresholds } from "../alarm-kinds";
import { DynamoDbIndexMetrics } from "./dynamodb-metric-factory";

/**
 * What a table's global secondary indexes can alarm on, each index on its own (keys of {@link DynamoDbThresholds} too):
 * `indexReadThrottles` and `indexWriteThrottles` the throttle events per period (an index's write throttles throttle the table's writes too),
 * `indexReadCapacityPercent` and `indexWriteCapacityPercent` consumed capacity in % of provisioned (provisioned tables only).
 */
export type DynamoDbIndexAlarmKind = "indexReadThrottles" | "indexWriteThrottles" | "indexReadCapacityPercent" | "indexWriteCapacityPercent";
export const DYNAMODB_INDEX_ALARM_KINDS: readonly DynamoDbIndexAlarmKind[] = ["indexReadThrottles", "indexWriteThrottles", "indexReadCapacityPercent", "indexWriteCapacityPercent"];

interface IndexResource {
  readonly tableName: string;
  readonly indexName: string;
  readonly provisioned: boolean;
}

const provisionedOnly = (i: IndexResource) => (i.provisioned ? undefined : { notApplicable: `the table bills per request; index capacity alarms need billingMode "PROVISIONED"` });

/** The kinds of one index; ids start `gsi-<index>-` so they never meet the table's own. */
function indexKinds(indexName: string): AlarmKinds<DynamoDbIndexAlarmKind, IndexResource> {
  return {
    indexReadThrottles: {
      id: `gsi-${indexName}-read-throttles`,
      comparison: "GreaterThanOrEqualToThreshold",
      metric: (i) => DynamoDbIndexMetrics.readThrottleEvents(i.tableName, i.indexName),
      condition: (n) => `${n} or more read throttle events on the index ${indexName}`,
    },
    indexWriteThrottles: {
      id: `gsi-${indexName}-write-throttles`,
      comparison: "GreaterThanOrEqualToThreshold",
      metric: (i) => DynamoDbIndexMetrics.writeThrottleEvents(i.tableName, i.indexName),
      condition: (n) => `${n} or more write throttle events on the index ${indexName} (they throttle the table's writes too)`,
    },
    indexReadCapacityPercent: {
      id: `gsi-${indexName}-read-capacity`,
      comparison: "GreaterThanThreshold",
      metric: (i) => provisionedOnly(i) ?? DynamoDbIndexMetrics.readCapacityPercent(i.tableName, i.indexName),
      condition: (n) => `consumed read capacity of the index ${indexName} above ${n} % of provisioned`,
    },
    indexWriteCapacityPercent: {
      id: `gsi-${indexName}-write-capacity`,
      comparison: "GreaterThanThreshold",
      metric: (i) => provisionedOnly(i) ?? DynamoDbIndexMetrics.writeCapacityPercent(i.tableName, i.indexName),
      condition: (n) => `consumed write capacity of the index ${indexName} above ${n} % of provisioned`,
    },
  };
}

export function requireIndexNames(where: string, indexNames: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of indexNames) {
    requireMatch(where, "globalSecondaryIndexes", name, /^[A-Za-z0-9_.-]{3,255}$/, "index names of 3-255 letters, digits, _, . or -");
    if (seen.has(name)) throw new InvalidPropsError(where, "globalSecondaryIndexes", name, "each index once");
    seen.add(name);
  }
}

export interface IndexAlarmsSpec {
  readonly scope: Construct;
  readonly where: string;
  readonly segment: string;
  readonly tableName: string;
  readonly indexName: string;
  readonly provisioned: boolean;
  readonly topics: AlarmTopics;
  readonly links?: AlarmLinks | undefined;
  readonly defaults: KindThresholds<DynamoDbIndexAlarmKind>;
  readonly overrides: KindThresholds<DynamoDbIndexAlarmKind>;
}

/** One index's alarms, named `<table>-gsi-<index>-<kind>-<tier>`. */
export function indexAlarms(spec: IndexAlarmsSpec): MonitoringAlarm[] {
  return createKindAlarms({
    scope: spec.scope,
    where: spec.where,
    segment: spec.segment,
    subject: `${spec.tableName} (index ${spec.indexName})`,
    alarmNamePrefix: spec.tableName,
    kinds: indexKinds(spec.indexName),
    resource: { tableName: spec.tableName, indexName: spec.indexName, provisioned: spec.provisioned },
    defaults: spec.defaults,
    overrides: spec.overrides,
    topics: spec.topics,
    links: spec.links,
  });
}

/** One index's graphs: its throttles, and its capacity against what is provisioned (or consumed, on demand). */
export function indexGraphs(region: string, tableName: string, indexName: string, provisioned: boolean, alarms: readonly MonitoringAlarm[]): JsonValue[] {
  const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${tableName} index ${indexName}: ${title}`, alarms, ...spec });
  const m = DynamoDbIndexMetrics;
  return [
    graph("throttle events", { metrics: [m.readThrottleEvents(tableName, indexName), m.writeThrottleEvents(tableName, indexName)], alarmKinds: [`gsi-${indexName}-read-throttles`, `gsi-${indexName}-write-throttles`] }),
    provisioned
      ? graph("capacity (% of provisioned)", { metrics: [m.readCapacityPercent(tableName, indexName), m.writeCapacityPercent(tableName, indexName)], alarmKinds: [`gsi-${indexName}-read-capacity`, `gsi-${indexName}-write-capacity`] })
      : graph("consumed capacity", { metrics: [m.consumedReadCapacityUnits(tableName, indexName), m.consumedWriteCapacityUnits(tableName, indexName)] }),
  ];
}
