import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import { requireKnownProps } from "../../common/known-props";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { AWS_PATTERNS } from "../../common/aws-rules";
import { requireIntegerInRange, requireMatch } from "../../common/validation";
import { isReference, requireName, requireUnique } from "../../common/prop-checks";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { createKindAlarms, type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { HttpApiMetrics, RestApiMetrics, WebSocketApiMetrics } from "./apigateway-metric-factory";
import { requireRestMethods, restMethodAlarms, restMethodGraphs } from "./rest-method-alarms";

/** Default low-traffic guard of the 5xx rate: below 20 requests in a period it does not alarm, so above 5 % means at least two failures. */
export const DEFAULT_MINIMUM_REQUESTS = 20;
/** Below the traffic guard, this many 5xx in a period still make a rate: the guard never blinds the alarm. */
export const DEFAULT_MINIMUM_API_FAILURES = 3;

/**
 * What an HTTP or REST API segment can alarm on, per stage (the key of {@link ApiThresholds}):
 * `serverErrorRatePercent` 5xx responses in % of requests (with the low-traffic guard of `minimumRequests`/`minimumFailures`),
 * `serverErrorCount` and `clientErrorCount` the number of 5xx and 4xx responses in a period,
 * `p99LatencyMs` and `p99IntegrationLatencyMs` the p99 of the whole request and of the backend integration alone, in milliseconds.
 */
export type ApiAlarmKind = "serverErrorRatePercent" | "serverErrorCount" | "clientErrorCount" | "p99LatencyMs" | "p99IntegrationLatencyMs";
/** An HTTP or REST API's thresholds: per {@link ApiAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this API. */
export type ApiThresholds = KindThresholds<ApiAlarmKind>;
/**
 * What a WebSocket API segment can alarm on (the key of {@link WebSocketThresholds}): `connectionErrors` integration and execution errors,
 * `clientErrorCount` client (4xx) errors, both counted per period, and `p99IntegrationLatencyMs` the p99 of the message integration latency in milliseconds.
 */
export type WebSocketAlarmKind = "connectionErrors" | "clientErrorCount" | "p99IntegrationLatencyMs";
/** A WebSocket API's thresholds: per {@link WebSocketAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this API. */
export type WebSocketThresholds = KindThresholds<WebSocketAlarmKind>;

/** The metrics HTTP and REST APIs share; the one factory of each kind takes the API (id or name) and the stage. */
type ApiMetricFactory = Pick<typeof HttpApiMetrics, "count" | "clientErrors" | "serverErrors" | "p99Latency" | "p99IntegrationLatency" | "serverErrorRatePercent">;

/** What an HTTP or REST API's alarms are made of: its kind's metric factory, and the API as its metrics name it. */
interface ApiResource {
  readonly metrics: ApiMetricFactory;
  /** The id of an HTTP API, the name of a REST API. */
  readonly api: string;
  readonly stage: string;
  readonly minimumRequests: number;
  readonly minimumFailures: number;
}

const API_KINDS: AlarmKinds<ApiAlarmKind, ApiResource> = {
  serverErrorRatePercent: {
    id: "5xx-rate",
    comparison: "GreaterThanThreshold",
    metric: (api) => api.metrics.serverErrorRatePercent(api.api, api.stage, api.minimumRequests, api.minimumFailures),
    condition: (t, api) => `5xx responses above ${t} % of requests (with at least ${api.minimumRequests} requests, or ${api.minimumFailures} 5xx, in the period)`,
  },
  serverErrorCount: {
    id: "5xx-count",
    comparison: "GreaterThanThreshold",
    metric: (api) => api.metrics.serverErrors(api.api, api.stage),
    condition: (t) => `more than ${t} 5xx responses`,
  },
  clientErrorCount: {
    id: "4xx-count",
    comparison: "GreaterThanThreshold",
    metric: (api) => api.metrics.clientErrors(api.api, api.stage),
    condition: (t) => `more than ${t} 4xx responses`,
  },
  p99LatencyMs: {
    id: "latency",
    comparison: "GreaterThanThreshold",
    metric: (api) => api.metrics.p99Latency(api.api, api.stage),
    condition: (t) => `latency p99 above ${t} ms`,
  },
  p99IntegrationLatencyMs: {
    id: "integration-latency",
    comparison: "GreaterThanThreshold",
    metric: (api) => api.metrics.p99IntegrationLatency(api.api, api.stage),
    condition: (t) => `integration latency p99 above ${t} ms`,
  },
};

interface WebSocketResource {
  readonly apiId: string;
  readonly stage: string;
}

const WEBSOCKET_KINDS: AlarmKinds<WebSocketAlarmKind, WebSocketResource> = {
  connectionErrors: {
    id: "connection-errors",
    comparison: "GreaterThanThreshold",
    metric: (api) => WebSocketApiMetrics.connectionErrors(api.apiId, api.stage),
    condition: (t) => `more than ${t} integration and execution errors`,
  },
  clientErrorCount: {
    id: "client-errors",
    comparison: "GreaterThanThreshold",
    metric: (api) => WebSocketApiMetrics.clientErrors(api.apiId, api.stage),
    condition: (t) => `more than ${t} client errors`,
  },
  p99IntegrationLatencyMs: {
    id: "integration-latency",
    comparison: "GreaterThanThreshold",
    metric: (api) => WebSocketApiMetrics.p99IntegrationLatency(api.apiId, api.stage),
    condition: (t) => `message integration latency p99 above ${t} ms`,
  },
};

interface CommonApiProps<K extends string> extends SegmentAlarmProps<K> {
  /** The API's name: alarm names are `<apiName>-<kind>-<severity>`. */
  readonly apiName: string;
  /** @default "$default" */
  readonly stage?: string;
}

/** Props of {@link HttpApiMonitoring}: the HTTP API (by id and name) and stage, the routes with their own 5xx alarm, and the alarms' topics, links and thresholds. */
export interface HttpApiMonitoringProps extends CommonApiProps<ApiAlarmKind> {
  /** The API id (HTTP APIs are dimensioned by id, not name); a token of an API created in the same stack works. */
  readonly apiId: string;
  /**
   * Routes (`POST /payments`) that get their own 5xx alarm, at the API's `serverErrorCount` thresholds.
   * The stage must have detailed metrics on for them (API Gateway reports route metrics only then). @default none
   */
  readonly routes?: readonly string[];
  /** Rates alarm only with at least this many requests in the period. @default 20 */
  readonly minimumRequests?: number;
  /** Below minimumRequests, the 5xx rate still alarms once the period has this many 5xx. @default 3 */
  readonly minimumFailures?: number;
}

/** Props of {@link RestApiMonitoring}: the REST API (by name) and stage, the methods with their own alarms, and the alarms' topics, links and thresholds. */
export interface RestApiMonitoringProps extends CommonApiProps<ApiAlarmKind> {
  /**
   * Methods (`GET /orders/{id}`) that get their own 5XX-count and latency alarms, at the API's `serverErrorCount` and `p99LatencyMs` thresholds.
   * The stage must have detailed CloudWatch metrics on for them (API Gateway reports method metrics only then). @default none
   */
  readonly methods?: readonly string[];
  /** Rates alarm only with at least this many requests in the period. @default 20 */
  readonly minimumRequests?: number;
  /** Below minimumRequests, the 5xx rate still alarms once the period has this many 5xx. @default 3 */
  readonly minimumFailures?: number;
}

/** Props of {@link WebSocketApiMonitoring}: the WebSocket API (by id and name) and stage, and the alarms' topics, links and thresholds. */
export interface WebSocketApiMonitoringProps extends CommonApiProps<WebSocketAlarmKind> {
  /** The API's id, the `ApiId` dimension of its metrics. */
  readonly apiId: string;
}

/** API Gateway's ids: ten lowercase letters and digits (a1b2c3d4e5); other lengths are accepted for gateways that differ. */
const API_ID = { pattern: /^[a-z0-9]{1,64}$/, allowed: "an API Gateway API id such as a1b2c3d4e5 (lowercase letters and digits)" };

function checkApi(where: string, props: CommonApiProps<string> & { readonly minimumRequests?: number; readonly minimumFailures?: number }): { stage: string; minimumRequests: number; minimumFailures: number } {
  requireNoTemplateSequences(where, props, SEGMENT_FREE_TEXT);
  requireMatch(where, "apiName", props.apiName, /^[A-Za-z0-9_-]{1,128}$/, "1-128 letters, digits, _ or - (it begins every alarm name)");
  const stage = props.stage ?? "$default";
  requireMatch(where, "stage", stage, /^(\$default|[A-Za-z0-9_-]{1,128})$/, "$default or 1-128 letters, digits, _ or -");
  const minimumRequests = props.minimumRequests ?? DEFAULT_MINIMUM_REQUESTS;
  requireIntegerInRange(where, "minimumRequests", minimumRequests, 1, 1_000_000);
  const minimumFailures = props.minimumFailures ?? DEFAULT_MINIMUM_API_FAILURES;
  requireIntegerInRange(where, "minimumFailures", minimumFailures, 1, 1_000_000);
  return { stage, minimumRequests, minimumFailures };
}

abstract class ApiSegment<K extends string, R> implements MonitoringSegment {
  readonly page = "api" as const;
  readonly title: string;
  readonly alarms: MonitoringAlarm[];

  protected constructor(
    scope: Construct,
    readonly id: string,
    where: string,
    props: CommonApiProps<K>,
    kinds: AlarmKinds<K, R>,
    resource: R,
  ) {
    this.title = props.apiName;
    this.alarms = segmentAlarms(scope, { id, where, name: props.apiName, nameField: "apiName" }, kinds, resource, props);
  }

  abstract widgets(region: string): JsonValue[];

  /** A graph of this API, titled with its name, with its alarms' threshold lines. */
  graph(region: string, title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">): JsonValue {
    return graphWidget(region, { title: `${this.title}: ${title}`, alarms: this.alarms, ...spec });
  }
}

/** The API segment of an HTTP API (API Gateway v2): requests, 4xx and 5xx, latency. */
export class HttpApiMonitoring extends ApiSegment<ApiAlarmKind, ApiResource> {
  private readonly api: ApiResource;

  constructor(scope: Construct, props: HttpApiMonitoringProps) {
    const where = `HttpApiMonitoring "${props.apiName}"`;
    requireKnownProps(where, "HttpApiMonitoring", { props });
    if (!isReference(props.apiId)) requireName(where, "apiId", props.apiId, { max: 64, pattern: API_ID });
    (props.routes ?? []).forEach((route, i) => requireName(where, `routes[${i}]`, route, { pattern: AWS_PATTERNS.httpRouteKey }));
    requireUnique(where, "routes", props.routes ?? []);
    const api: ApiResource = { metrics: HttpApiMetrics, api: props.apiId, ...checkApi(where, props) };
    super(scope, `http-api:${props.apiName}`, where, props, API_KINDS, api);
    this.api = api;
    for (const route of props.routes ?? []) this.alarms.push(...routeAlarms(scope, where, this.id, props, api, route));
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    return apiGraphs(this, region, this.api);
  }
}

/** The alarm kind of one route's 5xx count, e.g. `post-payments-5xx-count`: also how a composite finds it. */
export function routeAlarmKind(routeKey: string): string {
  return `${routeKey.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-5xx-count`;
}

function routeAlarms(scope: Construct, where: string, segment: string, props: HttpApiMonitoringProps, api: ApiResource, routeKey: string): MonitoringAlarm[] {
  requireMatch(where, "routes", routeKey, AWS_PATTERNS.httpRouteKey.pattern, AWS_PATTERNS.httpRouteKey.allowed);
  const pick = (t: ApiThresholds | undefined) => (t?.serverErrorCount === undefined ? {} : { routeServerErrorCount: t.serverErrorCount });
  const kinds: AlarmKinds<"routeServerErrorCount", ApiResource> = {
    routeServerErrorCount: {
      id: routeAlarmKind(routeKey),
      comparison: "GreaterThanThreshold",
      metric: (r) => HttpApiMetrics.routeServerErrors(r.api, r.stage, routeKey),
      condition: (t) => `more than ${t} 5xx responses on ${routeKey}`,
    },
  };
  return createKindAlarms({ scope, where, segment, subject: `${props.apiName} ${routeKey}`, alarmNamePrefix: props.apiName, kinds, resource: api, defaults: pick(props.defaults), overrides: pick(props.thresholds), topics: props.topics, links: props.links });
}

/** The API segment of a REST API (API Gateway v1): the HTTP API's alarms plus cache hits and misses on the dashboard. */
export class RestApiMonitoring extends ApiSegment<ApiAlarmKind, ApiResource> {
  private readonly api: ApiResource;
  private readonly methods: readonly string[];

  constructor(scope: Construct, props: RestApiMonitoringProps) {
    const where = `RestApiMonitoring "${props.apiName}"`;
    requireKnownProps(where, "RestApiMonitoring", { props });
    const api: ApiResource = { metrics: RestApiMetrics, api: props.apiName, ...checkApi(where, props) };
    super(scope, `rest-api:${props.apiName}`, where, props, API_KINDS, api);
    this.api = api;
    this.methods = props.methods ?? [];
    requireRestMethods(where, this.methods);
    for (const methodKey of this.methods) {
      this.alarms.push(...restMethodAlarms({ scope, where, segment: this.id, apiName: props.apiName, stage: api.stage, methodKey, topics: props.topics, links: props.links, defaults: props.defaults, thresholds: props.thresholds }));
    }
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { api, stage } = this.api;
    return [
      ...apiGraphs(this, region, this.api),
      this.graph(region, "cache hits and misses", { metrics: [RestApiMetrics.cacheHits(api, stage), RestApiMetrics.cacheMisses(api, stage)] }),
      ...this.methods.flatMap((m) => restMethodGraphs(region, api, stage, m, this.alarms)),
    ];
  }
}

function apiGraphs(segment: ApiSegment<ApiAlarmKind, ApiResource>, region: string, r: ApiResource): JsonValue[] {
  const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => segment.graph(region, title, spec);
  const { metrics, api, stage } = r;
  return [
    graph("requests and errors", { metrics: [metrics.count(api, stage), metrics.clientErrors(api, stage), metrics.serverErrors(api, stage)], alarmKinds: ["5xx-count", "4xx-count"] }),
    graph("5xx rate (%)", { metrics: [metrics.serverErrorRatePercent(api, stage, r.minimumRequests, r.minimumFailures)], alarmKinds: ["5xx-rate"] }),
    graph("latency p99 (ms)", { metrics: [metrics.p99Latency(api, stage), metrics.p99IntegrationLatency(api, stage)], alarmKinds: ["latency", "integration-latency"] }),
  ];
}

/** The API segment of a WebSocket API: connections, messages, the three error kinds, integration latency. */
export class WebSocketApiMonitoring extends ApiSegment<WebSocketAlarmKind, WebSocketResource> {
  private readonly api: WebSocketResource;

  constructor(scope: Construct, props: WebSocketApiMonitoringProps) {
    const where = `WebSocketApiMonitoring "${props.apiName}"`;
    requireKnownProps(where, "WebSocketApiMonitoring", { props });
    if (!isReference(props.apiId)) requireName(where, "apiId", props.apiId, { max: 64, pattern: API_ID });
    const { stage } = checkApi(where, props);
    const api = { apiId: props.apiId, stage };
    super(scope, `websocket-api:${props.apiName}`, where, props, WEBSOCKET_KINDS, api);
    this.api = api;
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { apiId, stage } = this.api;
    return [
      this.graph(region, "connections and messages", { metrics: [WebSocketApiMetrics.connectCount(apiId, stage), WebSocketApiMetrics.messageCount(apiId, stage)] }),
      this.graph(region, "errors", {
        metrics: [WebSocketApiMetrics.clientErrors(apiId, stage), WebSocketApiMetrics.integrationErrors(apiId, stage), WebSocketApiMetrics.executionErrors(apiId, stage)],
        alarmKinds: ["client-errors"],
      }),
      this.graph(region, "integration and execution errors", { metrics: [WebSocketApiMetrics.connectionErrors(apiId, stage)], alarmKinds: ["connection-errors"] }),
      this.graph(region, "integration latency p99 (ms)", { metrics: [WebSocketApiMetrics.p99IntegrationLatency(apiId, stage)], alarmKinds: ["integration-latency"] }),
    ];
  }
}
