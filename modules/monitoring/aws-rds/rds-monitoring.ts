import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { InvalidPropsError, requireIntegerInRange, requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { RdsMetrics, type RdsTarget } from "./rds-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the RDS segment can alarm on (the key of {@link RdsThresholds}): `cpuPercent` CPU in %; `connectionsPercent` connections in % of max_connections (needs `maxConnections`);
 * `freeableMemoryMiB` freeable memory, alarming when below, in MiB; `readLatencyMs` and `writeLatencyMs` disk I/O latency in milliseconds;
 * `acuUtilisationPercent` capacity in % of the maximum ACUs (Aurora Serverless v2 only); `deadlocksPerSecond` deadlocks per second (Aurora only).
 */
export type RdsAlarmKind = "cpuPercent" | "connectionsPercent" | "freeableMemoryMiB" | "readLatencyMs" | "writeLatencyMs" | "acuUtilisationPercent" | "deadlocksPerSecond";
/** A database's thresholds: per {@link RdsAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this database. */
export type RdsThresholds = KindThresholds<RdsAlarmKind>;

/** The engines RDS and Aurora run; Aurora's publish deadlocks and, Serverless v2, ACU utilisation. */
export const RDS_ENGINES = ["aurora-mysql", "aurora-postgresql", "mysql", "postgres", "mariadb", "oracle", "sqlserver"] as const;
/** The database engine, as RDS names it: one of {@link RDS_ENGINES}. The Aurora engines publish the deadlock metric. */
export type RdsEngine = (typeof RDS_ENGINES)[number];

/** The targets of the database page, drawn on its graphs beside the alarms' lines: a query over 2 s is slow. */
export const DATABASE_TARGETS = { slowQueryMs: 2000 } as const;

interface DatabaseResource {
  readonly target: RdsTarget;
  readonly name: string;
  readonly engine: RdsEngine;
  readonly serverless: boolean;
  readonly maxConnections: number | undefined;
}

const aurora = (d: DatabaseResource) => d.engine.startsWith("aurora-");

const KINDS: AlarmKinds<RdsAlarmKind, DatabaseResource> = {
  cpuPercent: {
    id: "cpu",
    comparison: "GreaterThanThreshold",
    metric: (d) => RdsMetrics.cpuUtilization(d.target),
    condition: (t) => `CPU above ${t} %`,
  },
  connectionsPercent: {
    id: "connections",
    comparison: "GreaterThanThreshold",
    metric: (d) => (d.maxConnections ? RdsMetrics.connectionsPercent(d.target, d.maxConnections) : { notApplicable: "the database's max_connections is not known; give maxConnections" }),
    condition: (t, d) => `connections above ${t} % of the ${d.maxConnections} allowed (max_connections)`,
  },
  freeableMemoryMiB: {
    id: "freeable-memory",
    comparison: "LessThanThreshold",
    metric: (d) => RdsMetrics.freeableMemoryMiB(d.target),
    condition: (t) => `freeable memory below ${t} MiB`,
  },
  readLatencyMs: {
    id: "read-latency",
    comparison: "GreaterThanThreshold",
    metric: (d) => RdsMetrics.readLatencyMs(d.target),
    condition: (t) => `read latency above ${t} ms`,
  },
  writeLatencyMs: {
    id: "write-latency",
    comparison: "GreaterThanThreshold",
    metric: (d) => RdsMetrics.writeLatencyMs(d.target),
    condition: (t) => `write latency above ${t} ms`,
  },
  acuUtilisationPercent: {
    id: "acu-utilisation",
    comparison: "GreaterThanThreshold",
    metric: (d) => (d.serverless ? RdsMetrics.acuUtilization(d.target) : { notApplicable: "ACU utilisation is published for Aurora Serverless v2 only; give serverless: true if it is one" }),
    condition: (t) => `capacity above ${t} % of the maximum ACUs (Serverless v2 cannot scale further)`,
  },
  deadlocksPerSecond: {
    id: "deadlocks",
    comparison: "GreaterThanThreshold",
    metric: (d) => (aurora(d) ? RdsMetrics.deadlocks(d.target) : { notApplicable: `Deadlocks is published by Aurora only, not by ${d.engine}` }),
    condition: (t) => `deadlocks above ${t} per second`,
  },
};

/** Props of {@link RdsDatabaseMonitoring}: the DB instance or Aurora cluster (and role), its engine and limits, and the alarms' topics, links and thresholds. */
export interface RdsDatabaseMonitoringProps extends SegmentAlarmProps<RdsAlarmKind> {
  /** A DB instance to monitor (RDS, or one Aurora instance). Give this or dbClusterIdentifier. @default none */
  readonly dbInstanceIdentifier?: string;
  /** An Aurora cluster to monitor, its metrics over all its instances. Give this or dbInstanceIdentifier. @default none */
  readonly dbClusterIdentifier?: string;
  /** The database engine. */
  readonly engine: RdsEngine;
  /** With dbClusterIdentifier: the cluster's writer or its readers alone (CloudWatch's `Role` dimension), e.g. the writer's CPU. @default the whole cluster */
  readonly clusterRole?: "WRITER" | "READER";
  /** An Aurora Serverless v2 instance or cluster: enables the ACU utilisation alarm. @default false */
  readonly serverless?: boolean;
  /** The engine's max_connections (from its parameter group): enables the connections alarm, in % of it. @default unknown: no connections alarm */
  readonly maxConnections?: number;
}

/** The segment of one RDS instance or Aurora cluster (Serverless v2 included): CPU, connections, memory, latency, capacity, deadlocks. */
export class RdsDatabaseMonitoring implements MonitoringSegment {
  /** The segment's id, `rds:<name>`, with `:writer` or `:reader` for a cluster role: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `database`: the segment's graphs go on the "Databases and caches" page of the operations dashboard. */
  readonly page = "database" as const;
  /** Heading of the segment's graphs: `<name> (<engine>)`, with `, Serverless v2` and the cluster role where they apply. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly database: DatabaseResource;

  constructor(scope: Construct, props: RdsDatabaseMonitoringProps) {
    requireNoTemplateSequences("RdsDatabaseMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("RdsDatabaseMonitoring", "RdsDatabaseMonitoring", { props });
    const name = props.dbInstanceIdentifier ?? props.dbClusterIdentifier;
    const where = `RdsDatabaseMonitoring "${String(name)}"`;
    if ((props.dbInstanceIdentifier === undefined) === (props.dbClusterIdentifier === undefined)) {
      throw new InvalidPropsError(where, "dbInstanceIdentifier / dbClusterIdentifier", { dbInstanceIdentifier: props.dbInstanceIdentifier, dbClusterIdentifier: props.dbClusterIdentifier }, "exactly one of the two");
    }
    requireMatch(where, props.dbInstanceIdentifier !== undefined ? "dbInstanceIdentifier" : "dbClusterIdentifier", name!, /^[A-Za-z][A-Za-z0-9-]{0,62}$/, "1-63 letters, digits or -, starting with a letter");
    if (!RDS_ENGINES.includes(props.engine)) throw new InvalidPropsError(where, "engine", props.engine, RDS_ENGINES.join(", "));
    const isAurora = props.engine.startsWith("aurora-");
    if (props.dbClusterIdentifier !== undefined && !isAurora) throw new InvalidPropsError(where, "engine", props.engine, "an Aurora engine (aurora-mysql, aurora-postgresql) for a cluster; give dbInstanceIdentifier for an RDS instance");
    if (props.serverless === true && !isAurora) throw new InvalidPropsError(where, "serverless", props.serverless, "false for a non-Aurora engine: Serverless v2 is Aurora's");
    if (props.maxConnections !== undefined) requireIntegerInRange(where, "maxConnections", props.maxConnections, 1, 1_000_000);
    if (props.clusterRole !== undefined && (props.dbClusterIdentifier === undefined || (props.clusterRole !== "WRITER" && props.clusterRole !== "READER"))) {
      throw new InvalidPropsError(where, "clusterRole", props.clusterRole, '"WRITER" or "READER", with dbClusterIdentifier');
    }
    const target: RdsTarget =
      props.dbInstanceIdentifier !== undefined ? { DBInstanceIdentifier: props.dbInstanceIdentifier } : { DBClusterIdentifier: props.dbClusterIdentifier!, ...(props.clusterRole ? { Role: props.clusterRole } : {}) };
    // Alarm names and graph titles carry the role: the writer's and the readers' alarms may not share a name.
    const label = `${name!}${props.clusterRole ? `-${props.clusterRole.toLowerCase()}` : ""}`;
    this.database = { target, name: label, engine: props.engine, serverless: props.serverless ?? false, maxConnections: props.maxConnections };
    // One segment per cluster and role: the writer and the readers of one cluster may both be monitored.
    this.id = `rds:${name}${props.clusterRole ? `:${props.clusterRole.toLowerCase()}` : ""}`;
    this.title = `${name} (${props.engine}${this.database.serverless ? ", Serverless v2" : ""}${props.clusterRole ? `, ${props.clusterRole.toLowerCase()}` : ""})`;
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: label }, KINDS, this.database, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const d = this.database;
    const t = d.target;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${d.name}: ${title}`, alarms: this.alarms, width: 8, ...spec });
    return [
      graph("CPU (%)", { metrics: [RdsMetrics.cpuUtilization(t)], alarmKinds: ["cpu"] }),
      d.maxConnections
        ? graph(`connections (% of ${d.maxConnections})`, { metrics: [RdsMetrics.connectionsPercent(t, d.maxConnections)], alarmKinds: ["connections"] })
        : graph("connections", { metrics: [RdsMetrics.databaseConnections(t)] }),
      graph("freeable memory (MiB)", { metrics: [RdsMetrics.freeableMemoryMiB(t)], alarmKinds: ["freeable-memory"] }),
      withTargetLine(graph("read and write latency (ms)", { metrics: [RdsMetrics.readLatencyMs(t), RdsMetrics.writeLatencyMs(t)], alarmKinds: ["read-latency", "write-latency"] }), `target: no slow query over ${DATABASE_TARGETS.slowQueryMs / 1000} s`, DATABASE_TARGETS.slowQueryMs),
      ...(d.serverless ? [graph("capacity", { metrics: [RdsMetrics.acuUtilization(t), RdsMetrics.serverlessDatabaseCapacity(t)], alarmKinds: ["acu-utilisation"] })] : []),
      ...(aurora(d) ? [graph("deadlocks per second", { metrics: [RdsMetrics.deadlocks(t)], alarmKinds: ["deadlocks"] })] : []),
    ];
  }
}

/**
 * A target the page shows that no alarm watches: CloudWatch has no per-query
 * metric (slow queries are in the engine's slow query log), so the 2 s line
 * sits on the latency graph, in grey, as the bar the team reads it against.
 */
function withTargetLine(widget: JsonValue, label: string, value: number): JsonValue {
  const w = widget as { properties: { annotations: { horizontal: JsonValue[] } } };
  return { ...w, properties: { ...w.properties, annotations: { horizontal: [...w.properties.annotations.horizontal, { label, value, color: "#7f7f7f" }] } } } as JsonValue;
}
