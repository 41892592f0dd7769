import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { requireIntegerInRange, requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { DEFAULT_MINIMUM_API_FAILURES, DEFAULT_MINIMUM_REQUESTS } from "../aws-apigateway/apigateway-monitoring";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { AppSyncMetrics } from "./appsync-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the AppSync segment can alarm on (the key of {@link AppSyncThresholds}): `serverErrorRatePercent` 5xx responses in % of requests (with a low-traffic guard),
 * `serverErrorCount` and `clientErrorCount` the number of 5xx and 4xx responses in a period, `p99LatencyMs` the request latency p99 in milliseconds.
 */
export type AppSyncAlarmKind = "serverErrorRatePercent" | "serverErrorCount" | "clientErrorCount" | "p99LatencyMs";
/** A GraphQL API's thresholds: per {@link AppSyncAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this API. */
export type AppSyncThresholds = KindThresholds<AppSyncAlarmKind>;

interface GraphqlApiResource {
  readonly apiId: string;
  readonly minimumRequests: number;
  readonly minimumFailures: number;
}

const KINDS: AlarmKinds<AppSyncAlarmKind, GraphqlApiResource> = {
  serverErrorRatePercent: {
    id: "5xx-rate",
    comparison: "GreaterThanThreshold",
    metric: (a) => AppSyncMetrics.serverErrorRatePercent(a.apiId, a.minimumRequests, a.minimumFailures),
    condition: (t, a) => `5xx responses above ${t} % of requests (with at least ${a.minimumRequests} requests, or ${a.minimumFailures} 5xx, in the period)`,
  },
  serverErrorCount: {
    id: "5xx-count",
    comparison: "GreaterThanThreshold",
    metric: (a) => AppSyncMetrics.serverErrors(a.apiId),
    condition: (t) => `more than ${t} 5xx responses`,
  },
  clientErrorCount: {
    id: "4xx-count",
    comparison: "GreaterThanThreshold",
    metric: (a) => AppSyncMetrics.clientErrors(a.apiId),
    condition: (t) => `more than ${t} 4xx responses`,
  },
  p99LatencyMs: {
    id: "latency",
    comparison: "GreaterThanThreshold",
    metric: (a) => AppSyncMetrics.p99Latency(a.apiId),
    condition: (t) => `latency p99 above ${t} ms`,
  },
};

/** Props of {@link AppSyncApiMonitoring}: the GraphQL API (by id and name), the 5xx rate's low-traffic guard, and the alarms' topics, links and thresholds. */
export interface AppSyncApiMonitoringProps extends SegmentAlarmProps<AppSyncAlarmKind> {
  /** The GraphQL API's id (its metrics' GraphQLAPIId dimension). */
  readonly apiId: string;
  /** Titles and alarm names. */
  readonly apiName: string;
  /** The 5xx rate alarms only with at least this many requests in the period... @default 20 */
  readonly minimumRequests?: number;
  /** ...or this many 5xx. @default 3 */
  readonly minimumFailures?: number;
}

/** The AppSync segment of one GraphQL API: 5xx, 4xx and latency. */
export class AppSyncApiMonitoring implements MonitoringSegment {
  /** The segment's id, `appsync:<apiId>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `api`: the segment's graphs go on the "API Gateway" page of the operations dashboard. */
  readonly page = "api" as const;
  /** Heading of the segment's graphs: `GraphQL API <apiName>`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly api: GraphqlApiResource;

  constructor(scope: Construct, props: AppSyncApiMonitoringProps) {
    requireNoTemplateSequences("AppSyncApiMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("AppSyncApiMonitoring", "AppSyncApiMonitoring", { props });
    const where = `AppSyncApiMonitoring "${String(props.apiName)}"`;
    requireMatch(where, "apiId", props.apiId, /^[a-z0-9]{26}$/, "an AppSync API id: 26 lowercase letters and digits");
    requireMatch(where, "apiName", props.apiName, /^[A-Za-z0-9_-]{1,65}$/, "1-65 letters, digits, _ or -");
    const minimumRequests = props.minimumRequests ?? DEFAULT_MINIMUM_REQUESTS;
    const minimumFailures = props.minimumFailures ?? DEFAULT_MINIMUM_API_FAILURES;
    requireIntegerInRange(where, "minimumRequests", minimumRequests, 1, 1_000_000);
    requireIntegerInRange(where, "minimumFailures", minimumFailures, 1, 1_000_000);
    this.api = { apiId: props.apiId, minimumRequests, minimumFailures };
    this.id = `appsync:${props.apiId}`;
    this.title = `GraphQL API ${props.apiName}`;
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: props.apiName }, KINDS, this.api, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { apiId, minimumRequests, minimumFailures } = this.api;
    const m = AppSyncMetrics;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${this.title}: ${title}`, alarms: this.alarms, width: 8, ...spec });
    return [
      graph("requests, 4xx and 5xx", { metrics: [m.requests(apiId), m.clientErrors(apiId), m.serverErrors(apiId)], alarmKinds: ["5xx-count", "4xx-count"] }),
      graph("5xx rate (%)", { metrics: [m.serverErrorRatePercent(apiId, minimumRequests, minimumFailures)], alarmKinds: ["5xx-rate"] }),
      graph("latency p99 (ms)", { metrics: [m.p99Latency(apiId)], alarmKinds: ["latency"] }),
    ];
  }
}
