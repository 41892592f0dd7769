/**
 * RDS, Aurora and RDS Proxy metrics, named after the official AWS/RDS metric
 * names. RDS publishes every minute. Where AWS's unit is not the one the
 * alarm speaks (seconds of latency, bytes of memory, microseconds of borrow
 * latency), a one-metric expression converts it, so the alarm, its threshold
 * line and the graph all read milliseconds, MiB or percent.
 */
import { metric, type MathExpressionSpec, type MetricSpec, type Statistic } from "../../common/metrics";

/** A DB instance (`DBInstanceIdentifier`) or an Aurora cluster (`DBClusterIdentifier`, with `Role` for its writer or readers alone): the dimensions the metrics carry. */
export type RdsTarget = { readonly DBInstanceIdentifier: string } | { readonly DBClusterIdentifier: string; readonly Role?: "WRITER" | "READER" };

const rds = (target: RdsTarget, metricName: string, statistic: Statistic, label: string): MetricSpec => metric("AWS/RDS", metricName, { ...target }, statistic, label);
const proxy = (proxyName: string, metricName: string, statistic: Statistic, label: string): MetricSpec => metric("AWS/RDS", metricName, { ProxyName: proxyName }, statistic, label);
const scaled = (label: string, expression: string, id: string, m: MetricSpec): MathExpressionSpec => ({ expression, label, usingMetrics: { [id]: m } });

/**
 * RDS and Aurora metrics of a DB instance or cluster (`AWS/RDS`, dimensioned by {@link RdsTarget}), as the specs graphs and alarms read; latencies converted to milliseconds, memory to MiB.
 */
export const RdsMetrics = {
  cpuUtilization: (t: RdsTarget) => rds(t, "CPUUtilization", "Average", "CPU (%)"),
  databaseConnections: (t: RdsTarget) => rds(t, "DatabaseConnections", "Maximum", "Connections"),
  freeableMemory: (t: RdsTarget) => rds(t, "FreeableMemory", "Minimum", "Freeable memory (bytes)"),
  /** Seconds per disk I/O, averaged over the period. */
  readLatency: (t: RdsTarget) => rds(t, "ReadLatency", "Average", "Read latency (s)"),
  writeLatency: (t: RdsTarget) => rds(t, "WriteLatency", "Average", "Write latency (s)"),
  /** Aurora Serverless v2: capacity used as % of the maximum ACUs configured. */
  acuUtilization: (t: RdsTarget) => rds(t, "ACUUtilization", "Average", "ACU utilisation (%)"),
  /** Aurora Serverless v2: the capacity in ACUs. */
  serverlessDatabaseCapacity: (t: RdsTarget) => rds(t, "ServerlessDatabaseCapacity", "Average", "Capacity (ACU)"),
  /** Aurora: deadlocks per second, averaged over the period. */
  deadlocks: (t: RdsTarget) => rds(t, "Deadlocks", "Average", "Deadlocks per second"),

  /** Connections as % of the engine's max_connections (a constant the team gives: RDS publishes no metric of it). */
  connectionsPercent: (t: RdsTarget, maxConnections: number): MathExpressionSpec =>
    scaled(`Connections (% of ${maxConnections})`, `100 * connections / ${maxConnections}`, "connections", RdsMetrics.databaseConnections(t)),
  freeableMemoryMiB: (t: RdsTarget): MathExpressionSpec => scaled("Freeable memory (MiB)", "memory / 1048576", "memory", RdsMetrics.freeableMemory(t)),
  readLatencyMs: (t: RdsTarget): MathExpressionSpec => scaled("Read latency (ms)", "1000 * latency", "latency", RdsMetrics.readLatency(t)),
  writeLatencyMs: (t: RdsTarget): MathExpressionSpec => scaled("Write latency (ms)", "1000 * latency", "latency", RdsMetrics.writeLatency(t)),
} as const;

/** RDS Proxy's metrics of one proxy (`AWS/RDS`, dimension `ProxyName`): connection borrow latency, pinned connections and client connections. */
export const RdsProxyMetrics = {
  /** Microseconds the proxy took to hand a client a database connection from its pool (or a new one). */
  borrowLatency: (proxyName: string) => proxy(proxyName, "DatabaseConnectionsBorrowLatency", "Average", "Borrow latency (µs)"),
  /** Summed over the proxy's instances, as AWS documents for these gauges. */
  sessionPinned: (proxyName: string) => proxy(proxyName, "DatabaseConnectionsCurrentlySessionPinned", "Sum", "Pinned connections"),
  databaseConnections: (proxyName: string) => proxy(proxyName, "DatabaseConnections", "Sum", "Database connections"),
  clientConnections: (proxyName: string) => proxy(proxyName, "ClientConnections", "Sum", "Client connections"),

  borrowLatencyMs: (proxyName: string): MathExpressionSpec => scaled("Borrow latency (ms)", "borrow / 1000", "borrow", RdsProxyMetrics.borrowLatency(proxyName)),
  /** Pinned connections as % of the proxy's database connections: a pinned one is not shared, so the pool stops multiplexing. 0 without connections. */
  pinnedPercent: (proxyName: string): MathExpressionSpec => ({
    expression: "IF(connections > 0, 100 * pinned / connections, 0)",
    label: "Pinned (% of database connections)",
    usingMetrics: { pinned: RdsProxyMetrics.sessionPinned(proxyName), connections: RdsProxyMetrics.databaseConnections(proxyName) },
  }),
} as const;
