/**
 * ElastiCache for Redis OSS and Valkey metrics, named after the official
 * AWS/ElastiCache metric names, published every minute. A node-based cache's
 * metrics carry `CacheClusterId` (one per node of a replication group, e.g.
 * `sessions-001`); a serverless cache's carry `clusterId`, its name.
 */
import { metric, type MathExpressionSpec, type MetricSpec, type Statistic } from "../../common/metrics";

/** The dimension of a node (node-based) or of a serverless cache. */
export type CacheTarget = { readonly CacheClusterId: string } | { readonly clusterId: string };

const cache = (t: CacheTarget, metricName: string, statistic: Statistic, label: string): MetricSpec => metric("AWS/ElastiCache", metricName, { ...t }, statistic, label);

/** ElastiCache's metrics of a cache node or a serverless cache (`AWS/ElastiCache`, dimensioned by {@link CacheTarget}), as the specs graphs and alarms read. */
export const ElastiCacheMetrics = {
  /** Node-based: the host's CPU. */
  cpuUtilization: (t: CacheTarget) => cache(t, "CPUUtilization", "Average", "Host CPU (%)"),
  /** Node-based: the engine thread's CPU (Redis and Valkey run commands on one thread). */
  engineCpuUtilization: (t: CacheTarget) => cache(t, "EngineCPUUtilization", "Average", "Engine CPU (%)"),
  /** Node-based: memory used as % of what the engine may use (maxmemory). */
  databaseMemoryUsagePercentage: (t: CacheTarget) => cache(t, "DatabaseMemoryUsagePercentage", "Average", "Memory used (%)"),
  /** Serverless: bytes stored. */
  bytesUsedForCache: (t: CacheTarget) => cache(t, "BytesUsedForCache", "Average", "Bytes used"),
  /** Serverless: processing units (ECPUs) consumed. */
  processingUnits: (t: CacheTarget) => cache(t, "ElastiCacheProcessingUnits", "Sum", "ECPUs"),
  /** Serverless: requests throttled while the cache scales. */
  throttledCmds: (t: CacheTarget) => cache(t, "ThrottledCmds", "Sum", "Throttled commands"),
  evictions: (t: CacheTarget) => cache(t, "Evictions", "Sum", "Evictions"),
  currConnections: (t: CacheTarget) => cache(t, "CurrConnections", "Maximum", "Connections"),
  cacheHits: (t: CacheTarget) => cache(t, "CacheHits", "Sum", "Hits"),
  cacheMisses: (t: CacheTarget) => cache(t, "CacheMisses", "Sum", "Misses"),

  /**
   * Hits as % of lookups (hits + misses), 100 (healthy) below `minimumLookups`
   * in the period: in a quiet minute two misses of three lookups are not a
   * cold cache. Computed from the counts rather than read from CacheHitRate,
   * so the guard knows the traffic; missing data counts as none.
   */
  cacheHitRatePercent: (t: CacheTarget, minimumLookups: number): MathExpressionSpec => {
    const lookups = "(FILL(hits, 0) + FILL(misses, 0))";
    return {
      expression: `IF(${lookups} >= ${minimumLookups}, 100 * FILL(hits, 0) / ${lookups}, 100)`,
      label: "Cache hit rate (%)",
      usingMetrics: { hits: ElastiCacheMetrics.cacheHits(t), misses: ElastiCacheMetrics.cacheMisses(t) },
    };
  },
} as const;
