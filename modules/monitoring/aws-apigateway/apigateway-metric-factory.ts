/**
 * API Gateway's metrics, named after the official AWS/ApiGateway metric names.
 * REST APIs are dimensioned by ApiName and Stage; HTTP and WebSocket APIs by
 * ApiId and Stage, and HTTP APIs spell their error metrics `4xx` and `5xx`.
 */
import { guardedPercent, metric, type MathExpressionSpec, type MetricSpec, type Statistic } from "../../common/metrics";

const NAMESPACE = "AWS/ApiGateway";

const rest = (apiName: string, stage: string, metricName: string, statistic: Statistic, label: string): MetricSpec =>
  metric(NAMESPACE, metricName, { ApiName: apiName, Stage: stage }, statistic, label);
const v2 = (apiId: string, stage: string, metricName: string, statistic: Statistic, label: string): MetricSpec =>
  metric(NAMESPACE, metricName, { ApiId: apiId, Stage: stage }, statistic, label);

export const RestApiMetrics = {
  count: (apiName: string, stage: string) => rest(apiName, stage, "Count", "Sum", "Requests"),
  clientErrors: (apiName: string, stage: string) => rest(apiName, stage, "4XXError", "Sum", "4XX errors"),
  serverErrors: (apiName: string, stage: string) => rest(apiName, stage, "5XXError", "Sum", "5XX errors"),
  p99Latency: (apiName: string, stage: string) => rest(apiName, stage, "Latency", "p99", "Latency p99"),
  p99IntegrationLatency: (apiName: string, stage: string) => rest(apiName, stage, "IntegrationLatency", "p99", "Integration latency p99"),
  cacheHits: (apiName: string, stage: string) => rest(apiName, stage, "CacheHitCount", "Sum", "Cache hits"),
  cacheMisses: (apiName: string, stage: string) => rest(apiName, stage, "CacheMissCount", "Sum", "Cache misses"),
  serverErrorRatePercent: (apiName: string, stage: string, minimumRequests: number, minimumErrors?: number): MathExpressionSpec =>
    guardedPercent("5XX rate (%)", { id: "errors", metric: RestApiMetrics.serverErrors(apiName, stage) }, { id: "requests", metric: RestApiMetrics.count(apiName, stage) }, minimumRequests, minimumErrors),
  // One method of one resource (`GET /orders/{id}`): reported only where the stage has detailed CloudWatch metrics on (method settings `metrics_enabled`).
  methodCount: (apiName: string, stage: string, methodKey: string) => restMethod(apiName, stage, methodKey, "Count", "Sum", "Requests"),
  methodServerErrors: (apiName: string, stage: string, methodKey: string) => restMethod(apiName, stage, methodKey, "5XXError", "Sum", "5XX errors"),
  methodP99Latency: (apiName: string, stage: string, methodKey: string) => restMethod(apiName, stage, methodKey, "Latency", "p99", "Latency p99"),
} as const;

function restMethod(apiName: string, stage: string, methodKey: string, metricName: string, statistic: Statistic, label: string): MetricSpec {
  const [method, resource] = methodKey.split(" ") as [string, string];
  return metric(NAMESPACE, metricName, { ApiName: apiName, Method: method, Resource: resource, Stage: stage }, statistic, `${label} ${methodKey}`);
}

export const HttpApiMetrics = {
  count: (apiId: string, stage: string) => v2(apiId, stage, "Count", "Sum", "Requests"),
  clientErrors: (apiId: string, stage: string) => v2(apiId, stage, "4xx", "Sum", "4xx errors"),
  serverErrors: (apiId: string, stage: string) => v2(apiId, stage, "5xx", "Sum", "5xx errors"),
  p99Latency: (apiId: string, stage: string) => v2(apiId, stage, "Latency", "p99", "Latency p99"),
  p99IntegrationLatency: (apiId: string, stage: string) => v2(apiId, stage, "IntegrationLatency", "p99", "Integration latency p99"),
  serverErrorRatePercent: (apiId: string, stage: string, minimumRequests: number, minimumErrors?: number): MathExpressionSpec =>
    guardedPercent("5xx rate (%)", { id: "errors", metric: HttpApiMetrics.serverErrors(apiId, stage) }, { id: "requests", metric: HttpApiMetrics.count(apiId, stage) }, minimumRequests, minimumErrors),
  /** One route's requests (`POST /payments`): reported only where the stage has detailed metrics on for the route. */
  routeCount: (apiId: string, stage: string, routeKey: string): MetricSpec => {
    const [method, resource] = routeKey.split(" ") as [string, string];
    return metric(NAMESPACE, "Count", { ApiId: apiId, Method: method, Resource: resource, Stage: stage }, "Sum", `Requests ${routeKey}`);
  },
  /** One route's 5xx (`POST /payments`): reported only where the stage has detailed metrics on for the route. */
  routeServerErrors: (apiId: string, stage: string, routeKey: string): MetricSpec => {
    const [method, resource] = routeKey.split(" ") as [string, string];
    return metric(NAMESPACE, "5xx", { ApiId: apiId, Method: method, Resource: resource, Stage: stage }, "Sum", `5xx ${routeKey}`);
  },
} as const;

export const WebSocketApiMetrics = {
  connectCount: (apiId: string, stage: string) => v2(apiId, stage, "ConnectCount", "Sum", "Connections"),
  messageCount: (apiId: string, stage: string) => v2(apiId, stage, "MessageCount", "Sum", "Messages"),
  integrationErrors: (apiId: string, stage: string) => v2(apiId, stage, "IntegrationError", "Sum", "Integration errors"),
  clientErrors: (apiId: string, stage: string) => v2(apiId, stage, "ClientError", "Sum", "Client errors"),
  executionErrors: (apiId: string, stage: string) => v2(apiId, stage, "ExecutionError", "Sum", "Execution errors"),
  p99IntegrationLatency: (apiId: string, stage: string) => v2(apiId, stage, "IntegrationLatency", "p99", "Integration latency p99"),
  /** Failures of the API or its integration (not the client's): the sum the connection-error alarm watches. */
  connectionErrors: (apiId: string, stage: string): MathExpressionSpec => ({
    expression: "FILL(integration, 0) + FILL(execution, 0)",
    label: "Integration and execution errors",
    usingMetrics: { integration: WebSocketApiMetrics.integrationErrors(apiId, stage), execution: WebSocketApiMetrics.executionErrors(apiId, stage) },
  }),
} as const;
