/**
 * The route-authorisation scan: every API Gateway v2 route in a synthesized
 * stack that anyone on the internet can call without credentials, unless the
 * configuration marks it public on purpose.
 *
 * Rating:
 * - HIGH: a write route (POST, PUT, PATCH, DELETE, ANY) whose function handles
 *   money or orders (it emits the payments or orders business metrics);
 * - MEDIUM: any other unauthorised route.
 *
 * WebSocket APIs take authorization on `$connect` only: `$disconnect` and
 * `$default` run on a connection `$connect` admitted, so they are judged by it.
 */
import type { EnvironmentConfig } from "../../environments";
import type { StackJson } from "../common/synthesized-stack";

export type Severity = "HIGH" | "MEDIUM";

export interface RouteFinding {
  readonly severity: Severity;
  /** The Terraform address, `aws_apigatewayv2_route.<name>`. */
  readonly address: string;
  readonly api: string;
  readonly routeKey: string;
  /** Deployed name of the function behind the route, where it resolves. */
  readonly functionName?: string;
  readonly reason: string;
}

export interface RouteScanPolicy {
  /** Route keys the configuration marks public on purpose (a health check, say). */
  readonly publicRoutes: readonly string[];
  /** Deployed names of the functions that handle money or orders. */
  readonly moneyOrOrderFunctions: readonly string[];
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE", "ANY"]);
const JUDGED_BY_CONNECT = new Set(["$disconnect", "$default"]);
/** `${aws_x.name.attr}` -> `name`. */
const referencedName = (value: unknown, type: string): string | undefined => new RegExp(`^(?:integrations/)?\\$\\{${type}\\.([^.}]+)\\.[a-z_]+\\}$`).exec(String(value))?.[1];

export function scanRoutes(stack: StackJson, policy: RouteScanPolicy): RouteFinding[] {
  const of = (type: string) => stack.resource?.[type] ?? {};
  const apis = of("aws_apigatewayv2_api");
  const findings: RouteFinding[] = [];
  for (const [name, route] of Object.entries(of("aws_apigatewayv2_route"))) {
    const routeKey = String(route.route_key);
    const api = apis[referencedName(route.api_id, "aws_apigatewayv2_api") ?? ""];
    const webSocket = api?.protocol_type === "WEBSOCKET";
    if (webSocket && JUDGED_BY_CONNECT.has(routeKey)) continue;
    const authorization = String(route.authorization_type ?? "NONE");
    const functionName = functionBehind(stack, route.target);
    const base = { address: `aws_apigatewayv2_route.${name}`, api: String(api?.name ?? route.api_id), routeKey, ...(functionName ? { functionName } : {}) };
    if ((authorization === "JWT" || authorization === "CUSTOM") && route.authorizer_id === undefined) {
      findings.push({ ...base, severity: "HIGH", reason: `authorization_type ${authorization} without an authorizer_id` });
      continue;
    }
    if (authorization !== "NONE") continue;
    if (!webSocket && policy.publicRoutes.includes(routeKey)) continue;
    const method = routeKey.split(" ")[0]!;
    const money = functionName !== undefined && policy.moneyOrOrderFunctions.includes(functionName);
    const severity: Severity = money && (webSocket || WRITE_METHODS.has(method)) ? "HIGH" : "MEDIUM";
    findings.push({ ...base, severity, reason: `authorization_type NONE and not marked public: anyone can call it${money ? `, and ${functionName} handles money or orders` : ""}` });
  }
  return findings.sort((a, b) => a.severity.localeCompare(b.severity) || a.address.localeCompare(b.address));
}

/** route target -> integration -> alias -> function name, as far as the references go. */
function functionBehind(stack: StackJson, target: unknown): string | undefined {
  const integration = stack.resource?.aws_apigatewayv2_integration?.[referencedName(target, "aws_apigatewayv2_integration") ?? ""];
  const alias = stack.resource?.aws_lambda_alias?.[referencedName(integration?.integration_uri, "aws_lambda_alias") ?? ""];
  const fn = stack.resource?.aws_lambda_function?.[referencedName(alias?.function_name, "aws_lambda_function") ?? ""];
  return typeof fn?.function_name === "string" ? fn.function_name : undefined;
}

export function countBySeverity(findings: readonly RouteFinding[]): Record<Severity, number> {
  return { HIGH: findings.filter((f) => f.severity === "HIGH").length, MEDIUM: findings.filter((f) => f.severity === "MEDIUM").length };
}

/** The policy an environment's configuration implies: its public routes, and the functions that emit payments or orders metrics. */
export function scanPolicyOf(config: EnvironmentConfig): RouteScanPolicy {
  return {
    publicRoutes: Object.entries(config.apis.routes).flatMap(([routeKey, route]) => (route.public ? [routeKey] : [])),
    moneyOrOrderFunctions: config.functions.filter((fn) => fn.businessMetrics !== undefined).map((fn) => `${fn.name}-${config.name}`),
  };
}
