/**
 * The reference system's APIs: an HTTP API routing to three functions and a
 * WebSocket API served by notification-sender, each with a stage, JSON
 * access logs with retention, and throttling per route. Monitored by the
 * facade like any platform team's APIs.
 *
 * No route is open by default: HTTP routes take a JWT from the environment's
 * Cognito user pool (./api-user-pool.ts says why JWT), unless the
 * configuration marks one public; the WebSocket API's $connect takes IAM.
 */
import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2Authorizer } from "@cdktf/provider-aws/lib/apigatewayv2-authorizer";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Construct } from "constructs";
import type { MonitoredFunction } from "@serverless-monitoring/constructs";
import { ApiUserPool } from "./api-user-pool";
import { WEBSOCKET_ROUTE_KEYS } from "../environments";

export interface ApiThrottling {
  /** Requests per second, steady. */
  readonly rateLimit: number;
  /** Requests at once, in a burst. */
  readonly burstLimit: number;
}

export interface HttpRoute {
  /** `POST /users`. */
  readonly routeKey: string;
  readonly function: MonitoredFunction;
  /** This route's own throttling. @default the stage's `throttling` */
  readonly throttling?: ApiThrottling;
  /** Callable without a token, on purpose (a health check). @default false: the route takes a JWT */
  readonly public?: boolean;
}

export interface ReferenceApisProps {
  readonly environment: string;
  /** HTTP routes to the function serving each; none, no HTTP API (and no user pool). */
  readonly httpRoutes: readonly HttpRoute[];
  /** Serves $connect, $disconnect and $default. @default no WebSocket API */
  readonly webSocketFunction?: MonitoredFunction;
  /** The WebSocket routes' own throttling, by route key. @default each at the stage's `throttling` */
  readonly webSocketThrottling?: Partial<Record<(typeof WEBSOCKET_ROUTES)[number], ApiThrottling>>;
  readonly accessLogRetentionDays: number;
  /** The stage's throttling: every route without its own. */
  readonly throttling: ApiThrottling;
  /** The user pool's deletion protection (the environment's features.deletionProtection). */
  readonly deletionProtection: boolean;
  /** HTTP routes whose own metrics (and so their own 5xx alarms) are wanted: detailed metrics on for them. @default none */
  readonly detailedMetricsRoutes?: readonly string[];
}

/** One JSON object per request; `$context` variables are API Gateway's, not Terraform's. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  ip: "$context.identity.sourceIp",
  requestTime: "$context.requestTime",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLength: "$context.responseLength",
  integrationLatency: "$context.integrationLatency",
  integrationError: "$context.integrationErrorMessage",
  errorMessage: "$context.error.message",
});

export const WEBSOCKET_STAGE = "live";
export const WEBSOCKET_ROUTES = WEBSOCKET_ROUTE_KEYS;

export interface DeployedApi {
  readonly apiId: string;
  readonly apiName: string;
  readonly stage: string;
  /** `https://...` for HTTP, `wss://.../<stage>` for WebSocket. */
  readonly url: string;
  /** `arn:aws:execute-api:<region>:<account>:<api id>`: what IAM grants on the API are scoped to. */
  readonly executionArn?: string;
}

/** The HTTP API's callers: the pool that signs them in and the client the authorizer admits. */
export interface ApiCallers {
  readonly userPoolId: string;
  readonly clientId: string;
}

/** Where API Gateway reads the bearer token; a request without it is refused with 401 before any function runs. */
export const TOKEN_SOURCE = "$request.header.Authorization";

export class ReferenceApis extends Construct {
  readonly httpApi?: DeployedApi;
  readonly webSocketApi?: DeployedApi;
  readonly callers?: ApiCallers;

  constructor(scope: Construct, id: string, props: ReferenceApisProps) {
    super(scope, id);
    if (props.httpRoutes.length > 0) {
      const users = new ApiUserPool(this, "ApiUsers", { environment: props.environment, deletionProtection: props.deletionProtection });
      this.callers = { userPoolId: users.userPoolId, clientId: users.clientId };
      this.httpApi = this.createHttpApi(`serverless-monitoring-http-${props.environment}`, users, props);
    }
    if (props.webSocketFunction) this.webSocketApi = this.createWebSocketApi(`serverless-monitoring-ws-${props.environment}`, props.webSocketFunction, props);
  }

  private createHttpApi(apiName: string, users: ApiUserPool, props: ReferenceApisProps): DeployedApi {
    const api = new Apigatewayv2Api(this, "HttpApi", { name: apiName, protocolType: "HTTP", description: "Reference HTTP API: users, orders, payments" });
    // API Gateway checks the token's signature (the pool's JWKS), expiry, issuer, and that its `aud`
    // (ID token) or `client_id` (access token) is the app client; the function sees the claims in
    // requestContext.authorizer.jwt.
    const authorizer = new Apigatewayv2Authorizer(this, "HttpAuthorizer", {
      apiId: api.id,
      name: "cognito-api-users",
      authorizerType: "JWT",
      identitySources: [TOKEN_SOURCE],
      jwtConfiguration: { issuer: users.issuer, audience: [users.clientId] },
    });
    const routes = props.httpRoutes.map((route, i) => {
      const integration = this.integrate(`Http${i + 1}`, api, "AllowInvokeFromHttpApi", route.function, { payloadFormatVersion: "2.0" });
      const authorization = route.public ? { authorizationType: "NONE" } : { authorizationType: "JWT", authorizerId: authorizer.id };
      return new Apigatewayv2Route(this, `HttpRoute${i + 1}`, { apiId: api.id, routeKey: route.routeKey, target: `integrations/${integration.id}`, ...authorization });
    });
    const detailed = new Set(props.detailedMetricsRoutes ?? []);
    const stage = new Apigatewayv2Stage(this, "HttpStage", {
      apiId: api.id,
      name: "$default",
      autoDeploy: true,
      accessLogSettings: { destinationArn: this.accessLogGroup("HttpAccessLogs", apiName, props).arn, format: ACCESS_LOG_FORMAT },
      defaultRouteSettings: { throttlingRateLimit: props.throttling.rateLimit, throttlingBurstLimit: props.throttling.burstLimit, detailedMetricsEnabled: false },
      // Every route its own throttle (POST /payments tighter than the rest, say), so one route's flood
      // cannot spend the others' share. Per-route metrics only where an alarm reads them: each is billed as a custom metric.
      routeSettings: props.httpRoutes.map((route) => ({
        routeKey: route.routeKey,
        detailedMetricsEnabled: detailed.has(route.routeKey),
        throttlingRateLimit: (route.throttling ?? props.throttling).rateLimit,
        throttlingBurstLimit: (route.throttling ?? props.throttling).burstLimit,
      })),
      // Route settings name their routes literally: they wait for the routes to exist.
      dependsOn: routes,
    });
    return { apiId: api.id, apiName, stage: "$default", url: stage.invokeUrl };
  }

  private createWebSocketApi(apiName: string, fn: MonitoredFunction, props: ReferenceApisProps): DeployedApi {
    const api = new Apigatewayv2Api(this, "WebSocketApi", {
      name: apiName,
      protocolType: "WEBSOCKET",
      routeSelectionExpression: "$request.body.action",
      description: "Reference WebSocket API: notifications",
    });
    const integration = this.integrate("WebSocket", api, "AllowInvokeFromWebSocketApi", fn, {});
    // $connect takes IAM: WebSocket APIs accept IAM or a Lambda authorizer, not JWT, and notification-sender's
    // callers are services with AWS credentials, which sign the upgrade request with SigV4 and need
    // execute-api:Invoke on .../live/$connect. No authorizer function to build, test and pay for.
    // The other routes cannot take authorization: they run on a connection $connect admitted.
    for (const routeKey of WEBSOCKET_ROUTES) {
      const authorization = routeKey === "$connect" ? { authorizationType: "AWS_IAM" } : {};
      new Apigatewayv2Route(this, `WebSocketRoute-${routeKey.slice(1)}`, { apiId: api.id, routeKey, target: `integrations/${integration.id}`, ...authorization });
    }
    const stage = new Apigatewayv2Stage(this, "WebSocketStage", {
      apiId: api.id,
      name: WEBSOCKET_STAGE,
      autoDeploy: true,
      // WebSocket access logs need the account's API Gateway CloudWatch role (the state-bootstrap stack sets it).
      accessLogSettings: { destinationArn: this.accessLogGroup("WebSocketAccessLogs", apiName, props).arn, format: ACCESS_LOG_FORMAT },
      defaultRouteSettings: { throttlingRateLimit: props.throttling.rateLimit, throttlingBurstLimit: props.throttling.burstLimit, dataTraceEnabled: false },
      // Every route its own throttle, as on the HTTP API: a flood of connects cannot starve the messages.
      routeSettings: WEBSOCKET_ROUTES.map((routeKey) => {
        const throttling = props.webSocketThrottling?.[routeKey] ?? props.throttling;
        return { routeKey, throttlingRateLimit: throttling.rateLimit, throttlingBurstLimit: throttling.burstLimit, dataTraceEnabled: false };
      }),
    });
    return { apiId: api.id, apiName, stage: WEBSOCKET_STAGE, url: stage.invokeUrl, executionArn: api.executionArn };
  }

  private accessLogGroup(id: string, apiName: string, props: ReferenceApisProps): CloudwatchLogGroup {
    return new CloudwatchLogGroup(this, id, { name: `/aws/apigateway/${apiName}`, retentionInDays: props.accessLogRetentionDays });
  }

  /** A Lambda proxy integration with the function's live alias, and the permission for this API alone to invoke it. */
  private integrate(id: string, api: Apigatewayv2Api, statementId: string, fn: MonitoredFunction, extra: { payloadFormatVersion?: string }): Apigatewayv2Integration {
    new LambdaPermission(this, `${id}Permission`, {
      statementId,
      action: "lambda:InvokeFunction",
      functionName: fn.lambda.functionName,
      qualifier: fn.alias.name,
      principal: "apigateway.amazonaws.com",
      sourceArn: `${api.executionArn}/*`,
    });
    return new Apigatewayv2Integration(this, `${id}Integration`, {
      apiId: api.id,
      integrationType: "AWS_PROXY",
      integrationMethod: "POST",
      integrationUri: fn.alias.invokeArn,
      ...extra,
    });
  }
}
