import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { RdsProxyMetrics } from "./rds-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the RDS Proxy segment can alarm on (the key of {@link RdsProxyThresholds}): `borrowLatencyMs` how long clients wait to borrow a pooled connection, in milliseconds;
 * `pinnedPercent` database connections pinned to one client session (not shared by the pool), in %.
 */
export type RdsProxyAlarmKind = "borrowLatencyMs" | "pinnedPercent";
/** A proxy's thresholds: per {@link RdsProxyAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this proxy. */
export type RdsProxyThresholds = KindThresholds<RdsProxyAlarmKind>;

const KINDS: AlarmKinds<RdsProxyAlarmKind, string> = {
  borrowLatencyMs: {
    id: "borrow-latency",
    comparison: "GreaterThanThreshold",
    metric: (p) => RdsProxyMetrics.borrowLatencyMs(p),
    condition: (t) => `connection borrow latency above ${t} ms (clients wait for a pooled connection)`,
  },
  pinnedPercent: {
    id: "pinned-sessions",
    comparison: "GreaterThanThreshold",
    metric: (p) => RdsProxyMetrics.pinnedPercent(p),
    condition: (t) => `more than ${t} % of database connections pinned to a session (not shared by the pool)`,
  },
};

/** Props of {@link RdsProxyMonitoring}: the proxy, and the alarms' topics, links and thresholds. */
export interface RdsProxyMonitoringProps extends SegmentAlarmProps<RdsProxyAlarmKind> {
  /** The name of the RDS Proxy to monitor. */
  readonly proxyName: string;
}

/** The segment of one RDS Proxy: how long clients wait for a connection, and how much of the pool is pinned. */
export class RdsProxyMonitoring implements MonitoringSegment {
  /** The segment's id, `rds-proxy:<proxyName>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `database`: the segment's graphs go on the "Databases and caches" page of the operations dashboard. */
  readonly page = "database" as const;
  /** Heading of the segment's graphs: `<proxyName> (RDS Proxy)`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly proxyName: string;

  constructor(scope: Construct, props: RdsProxyMonitoringProps) {
    requireNoTemplateSequences("RdsProxyMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("RdsProxyMonitoring", "RdsProxyMonitoring", { props });
    const where = `RdsProxyMonitoring "${props.proxyName}"`;
    requireMatch(where, "proxyName", props.proxyName, /^[A-Za-z][A-Za-z0-9-]{0,62}$/, "1-63 letters, digits or -, starting with a letter");
    this.proxyName = props.proxyName;
    this.id = `rds-proxy:${props.proxyName}`;
    this.title = `${props.proxyName} (RDS Proxy)`;
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: props.proxyName }, KINDS, props.proxyName, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const p = this.proxyName;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${p}: ${title}`, alarms: this.alarms, width: 8, ...spec });
    return [
      graph("borrow latency (ms)", { metrics: [RdsProxyMetrics.borrowLatencyMs(p)], alarmKinds: ["borrow-latency"] }),
      graph("pinned (% of database connections)", { metrics: [RdsProxyMetrics.pinnedPercent(p)], alarmKinds: ["pinned-sessions"] }),
      graph("connections", { metrics: [RdsProxyMetrics.clientConnections(p), RdsProxyMetrics.databaseConnections(p), RdsProxyMetrics.sessionPinned(p)] }),
    ];
  }
}
