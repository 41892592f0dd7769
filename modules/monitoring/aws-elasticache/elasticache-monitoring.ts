import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { InvalidPropsError, requireIntegerInRange, requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { ElastiCacheMetrics, type CacheTarget } from "./elasticache-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the ElastiCache segment can alarm on (the key of {@link ElastiCacheThresholds}): `cpuPercent` host CPU and `engineCpuPercent` the engine thread's CPU, in %;
 * `memoryPercent` memory used in % of maxmemory (these three for node-based caches only); `evictions` keys evicted per period; `connections` client connections;
 * `cacheHitRatePercent` hits in % of lookups, alarming when below (with a low-traffic guard);
 * `throttledCommands` commands throttled per period (serverless caches only).
 */
export type ElastiCacheAlarmKind = "cpuPercent" | "engineCpuPercent" | "memoryPercent" | "evictions" | "connections" | "cacheHitRatePercent" | "throttledCommands";
/** A cache's thresholds: per {@link ElastiCacheAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this cache. */
export type ElastiCacheThresholds = KindThresholds<ElastiCacheAlarmKind>;

/** Below 20 lookups in a period the hit rate reads 100 %: a handful of misses in a quiet minute is not a cold cache. */
export const DEFAULT_MINIMUM_CACHE_LOOKUPS = 20;

interface CacheResource {
  readonly target: CacheTarget;
  readonly name: string;
  readonly serverless: boolean;
  readonly minimumLookups: number;
}

const nodeBased = (c: CacheResource, what: string) => (c.serverless ? { notApplicable: `${what} is published for node-based caches only; a serverless cache scales its own compute and memory` } : undefined);

const KINDS: AlarmKinds<ElastiCacheAlarmKind, CacheResource> = {
  cpuPercent: {
    id: "cpu",
    comparison: "GreaterThanThreshold",
    metric: (c) => nodeBased(c, "CPUUtilization") ?? ElastiCacheMetrics.cpuUtilization(c.target),
    condition: (t) => `host CPU above ${t} %`,
  },
  engineCpuPercent: {
    id: "engine-cpu",
    comparison: "GreaterThanThreshold",
    metric: (c) => nodeBased(c, "EngineCPUUtilization") ?? ElastiCacheMetrics.engineCpuUtilization(c.target),
    condition: (t) => `engine CPU above ${t} % (the engine's one command thread is saturating)`,
  },
  memoryPercent: {
    id: "memory",
    comparison: "GreaterThanThreshold",
    metric: (c) => nodeBased(c, "DatabaseMemoryUsagePercentage") ?? ElastiCacheMetrics.databaseMemoryUsagePercentage(c.target),
    condition: (t) => `memory used above ${t} % of maxmemory`,
  },
  evictions: {
    id: "evictions",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (c) => ElastiCacheMetrics.evictions(c.target),
    condition: (t) => `${t} or more keys evicted for lack of memory`,
  },
  connections: {
    id: "connections",
    comparison: "GreaterThanThreshold",
    metric: (c) => ElastiCacheMetrics.currConnections(c.target),
    condition: (t) => `more than ${t} client connections`,
  },
  cacheHitRatePercent: {
    id: "hit-rate",
    comparison: "LessThanThreshold",
    metric: (c) => ElastiCacheMetrics.cacheHitRatePercent(c.target, c.minimumLookups),
    condition: (t, c) => `cache hit rate below ${t} % (with at least ${c.minimumLookups} lookups in the period)`,
  },
  throttledCommands: {
    id: "throttled-commands",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (c) => (c.serverless ? ElastiCacheMetrics.throttledCmds(c.target) : { notApplicable: "ThrottledCmds is published for serverless caches only" }),
    condition: (t) => `${t} or more commands throttled while the cache scales`,
  },
};

/** Props of {@link ElastiCacheMonitoring}: the cache node or serverless cache, and the alarms' topics, links and thresholds. */
export interface ElastiCacheMonitoringProps extends SegmentAlarmProps<ElastiCacheAlarmKind> {
  /** A node of a node-based cache (its cache cluster id, e.g. `sessions-001`). Give this or serverlessCacheName. @default none */
  readonly cacheClusterId?: string;
  /** A serverless cache, by name. Give this or cacheClusterId. @default none */
  readonly serverlessCacheName?: string;
  /** The hit rate alarms only with at least this many lookups in the period. @default 20 */
  readonly minimumLookups?: number;
}

/** The segment of one ElastiCache for Redis OSS or Valkey node, or one serverless cache: CPU, memory, evictions, connections, hit rate. */
export class ElastiCacheMonitoring implements MonitoringSegment {
  /** The segment's id, `elasticache:<name>` (the cache node or serverless cache): unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `database`: the segment's graphs go on the "Databases and caches" page of the operations dashboard. */
  readonly page = "database" as const;
  /** Heading of the segment's graphs: `<name> (cache node)` or `<name> (serverless cache)`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly cache: CacheResource;

  constructor(scope: Construct, props: ElastiCacheMonitoringProps) {
    requireNoTemplateSequences("ElastiCacheMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("ElastiCacheMonitoring", "ElastiCacheMonitoring", { props });
    const name = props.cacheClusterId ?? props.serverlessCacheName;
    const where = `ElastiCacheMonitoring "${String(name)}"`;
    if ((props.cacheClusterId === undefined) === (props.serverlessCacheName === undefined)) {
      throw new InvalidPropsError(where, "cacheClusterId / serverlessCacheName", { cacheClusterId: props.cacheClusterId, serverlessCacheName: props.serverlessCacheName }, "exactly one of the two");
    }
    const serverless = props.serverlessCacheName !== undefined;
    requireMatch(where, serverless ? "serverlessCacheName" : "cacheClusterId", name!, serverless ? /^[A-Za-z][A-Za-z0-9-]{0,39}$/ : /^[A-Za-z][A-Za-z0-9-]{0,49}$/, `1-${serverless ? 40 : 50} letters, digits or -, starting with a letter`);
    const minimumLookups = props.minimumLookups ?? DEFAULT_MINIMUM_CACHE_LOOKUPS;
    requireIntegerInRange(where, "minimumLookups", minimumLookups, 1, 1_000_000);
    this.cache = { target: serverless ? { clusterId: name! } : { CacheClusterId: name! }, name: name!, serverless, minimumLookups };
    this.id = `elasticache:${name}`;
    this.title = `${name} (${serverless ? "serverless cache" : "cache node"})`;
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: name! }, KINDS, this.cache, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const c = this.cache;
    const t = c.target;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${c.name}: ${title}`, alarms: this.alarms, width: 8, ...spec });
    const load = c.serverless
      ? [
          graph("processing units and throttles", { metrics: [ElastiCacheMetrics.processingUnits(t), ElastiCacheMetrics.throttledCmds(t)], alarmKinds: ["throttled-commands"] }),
          graph("bytes used", { metrics: [ElastiCacheMetrics.bytesUsedForCache(t)] }),
        ]
      : [
          graph("CPU (%)", { metrics: [ElastiCacheMetrics.cpuUtilization(t), ElastiCacheMetrics.engineCpuUtilization(t)], alarmKinds: ["cpu", "engine-cpu"] }),
          graph("memory used (%)", { metrics: [ElastiCacheMetrics.databaseMemoryUsagePercentage(t)], alarmKinds: ["memory"] }),
        ];
    return [
      ...load,
      graph("cache hit rate (%)", { metrics: [ElastiCacheMetrics.cacheHitRatePercent(t, c.minimumLookups)], alarmKinds: ["hit-rate"], periodSeconds: 300 }),
      graph("evictions", { metrics: [ElastiCacheMetrics.evictions(t)], alarmKinds: ["evictions"], periodSeconds: 300 }),
      graph("connections", { metrics: [ElastiCacheMetrics.currConnections(t)], alarmKinds: ["connections"] }),
    ];
  }
}
