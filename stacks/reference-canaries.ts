/**
 * The reference system's canaries: one per HTTP route (the route's function's
 * sample event, 200 and `"ok":true` expected) and one for the WebSocket API
 * (notification-sender's sample message, `"ok":true` in the answer), where the
 * environment switches them on (`canaries.enabled`).
 *
 * Credentials: the HTTP routes take a JWT, so each route canary signs in at run
 * time as the environment's canary user of the API's user pool, whose sign-in
 * the team keeps in the SSM SecureString parameter CANARY_USER_PARAMETER (see
 * docs/canaries.md: create the user, then put the parameter). The WebSocket's
 * $connect takes IAM: its canary signs with its role, which may invoke that one
 * $connect.
 */
import type { CanarySpec } from "@serverless-monitoring/constructs";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LAMBDA_SOURCE_ROOT } from "../paths";
import { ConfigurationError, type EnvironmentConfig } from "../environments";
import type { ApiCallers, DeployedApi } from "./reference-apis";

/** The SSM SecureString parameter of the canary user's sign-in, `{"username": ..., "password": ...}`. */
export const canaryUserParameter = (environment: string): string => `/serverless-monitoring/${environment}/canary-api-user`;

/** Short names (canary names are at most 21 characters): the route's last path segment, or `ws`. */
const canaryName = (base: string, environment: string): string => `${base}-${environment}`;

export interface ReferenceCanary {
  readonly spec: CanarySpec;
  /** The capability of the function behind it. */
  readonly capability?: string;
}

export function referenceCanaries(config: EnvironmentConfig, apis: { httpApi?: DeployedApi; webSocketApi?: DeployedApi; callers?: ApiCallers }): ReferenceCanary[] {
  const env = config.name;
  const canaries: ReferenceCanary[] = [];
  for (const fn of config.functions) {
    if (fn.httpRoute && apis.httpApi) {
      const [method, path] = fn.httpRoute.split(" ") as [string, string];
      const isPublic = config.apis.routes[fn.httpRoute]?.public === true;
      canaries.push({
        spec: {
          kind: "http",
          name: canaryName(path.replace(/^\//, "").replace(/[^a-z0-9_-]+/g, "-"), env),
          // The $default stage's invoke URL ends in "/".
          url: `${apis.httpApi.url}${path.replace(/^\//, "")}`,
          method,
          body: sample(config, fn.name),
          expectedStatus: 200,
          assertions: { jsonEquals: { ok: true } },
          ...(!isPublic && apis.callers ? { jwt: { parameterName: canaryUserParameter(env), clientId: apis.callers.clientId } } : {}),
        },
        ...(fn.capability ? { capability: fn.capability } : {}),
      });
    }
    if (fn.webSocket && apis.webSocketApi) {
      canaries.push({
        spec: {
          kind: "websocket",
          name: canaryName("ws", env),
          url: apis.webSocketApi.url,
          message: sample(config, fn.name),
          expectReply: '"ok":true',
          ...(apis.webSocketApi.executionArn ? { iam: { connectArn: `${apis.webSocketApi.executionArn}/${apis.webSocketApi.stage}/$connect` } } : {}),
        },
        ...(fn.capability ? { capability: fn.capability } : {}),
      });
    }
  }
  return canaries;
}

/** A workload's sample event (lambda-src/<name>/sample-event.json): a request its handler answers with 200. */
function sample(config: EnvironmentConfig, name: string): unknown {
  const file = join(LAMBDA_SOURCE_ROOT, name, "sample-event.json");
  if (!existsSync(file)) {
    const allowed = `false, or true where every function with a route or WebSocket has a sample request in lambda-src/${name}/sample-event.json (what its canary sends)`;
    throw ConfigurationError.forEnvironment(config.name, [{ path: ["canaries", "enabled"], value: true, allowed }]);
  }
  return JSON.parse(readFileSync(file, "utf8")) as unknown;
}
