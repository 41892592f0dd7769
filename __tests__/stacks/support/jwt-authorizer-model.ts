/**
 * A model of API Gateway's JWT authorizer for HTTP APIs: a test double,
 * because the real one runs only inside API Gateway (moto stores authorizers
 * but does not serve HTTP APIs). It follows the documented rules
 * ("Controlling access to HTTP APIs with JWT authorizers", API Gateway
 * developer guide) and nothing more:
 *
 * 1. the identity source (the Authorization header) must be present, else 401;
 * 2. the token is a JWS signed with RS256 by a key of the issuer's JWKS (matched by `kid`);
 * 3. `iss` equals the authorizer's issuer;
 * 4. `aud`, or where there is none `client_id` (Cognito's access tokens), is one of its audience entries;
 * 5. `exp` is in the future, `nbf` and `iat` not in the future;
 * 6. with authorization scopes on the route, `scope` holds one of them, else 403.
 * Any failure of 2-5 is a 401. A route with authorization NONE admits every request.
 *
 * Its inputs are read from the synthesized JSON (route and authorizer), so a
 * change to the stack changes what the model admits.
 */
import { createPublicKey, createSign, verify, type JsonWebKey, type KeyObject } from "node:crypto";

export interface AuthorizerConfig {
  readonly issuer: string;
  readonly audience: readonly string[];
  /** `$request.header.Authorization`. */
  readonly identitySource: string;
}

export interface RouteAuthorization {
  readonly authorizationType: string;
  readonly authorizationScopes?: readonly string[];
}

export interface JwtClaims {
  readonly [claim: string]: unknown;
}

export type AuthorizerDecision =
  | { readonly status: 200; readonly jwt?: { readonly claims: JwtClaims; readonly scopes: readonly string[] | null } }
  | { readonly status: 401 | 403; readonly message: string };

export function authorize(
  request: { readonly headers: Readonly<Record<string, string | undefined>> },
  route: RouteAuthorization,
  authorizer: AuthorizerConfig,
  jwks: readonly JsonWebKey[],
  nowSeconds: number,
): AuthorizerDecision {
  if (route.authorizationType === "NONE") return { status: 200 };
  if (route.authorizationType !== "JWT") throw new Error(`the model knows JWT and NONE routes, not ${route.authorizationType}`);
  const header = /^\$request\.header\.(.+)$/.exec(authorizer.identitySource)?.[1]?.toLowerCase();
  const value = Object.entries(request.headers).find(([name]) => name.toLowerCase() === header)?.[1];
  if (!value) return { status: 401, message: "Unauthorized: no token" };
  const token = value.replace(/^Bearer /, "");
  const parts = token.split(".");
  if (parts.length !== 3) return unauthorized("not a JWS");
  const [head, body, signature] = parts as [string, string, string];
  const jose = decodeJson(head);
  const claims = decodeJson(body);
  if (!jose || !claims) return unauthorized("malformed header or payload");
  if (jose.alg !== "RS256") return unauthorized(`algorithm ${String(jose.alg)}`);
  const key = jwks.find((k) => (k as { kid?: string }).kid === jose.kid);
  if (!key) return unauthorized(`no key ${String(jose.kid)} in the issuer's JWKS`);
  if (!verify("RSA-SHA256", Buffer.from(`${head}.${body}`), publicKey(key), Buffer.from(signature, "base64url"))) return unauthorized("bad signature");
  if (claims.iss !== authorizer.issuer) return unauthorized(`issuer ${String(claims.iss)}`);
  const audience = claims.aud ?? claims.client_id;
  const audiences = Array.isArray(audience) ? audience : [audience];
  if (!audiences.some((a) => authorizer.audience.includes(String(a)))) return unauthorized("audience");
  if (typeof claims.exp !== "number" || claims.exp <= nowSeconds) return unauthorized("expired");
  if (typeof claims.nbf === "number" && claims.nbf > nowSeconds) return unauthorized("not yet valid");
  if (typeof claims.iat === "number" && claims.iat > nowSeconds) return unauthorized("issued in the future");
  const scopes = typeof claims.scope === "string" ? claims.scope.split(" ") : null;
  if (route.authorizationScopes?.length && !route.authorizationScopes.some((s) => scopes?.includes(s))) return { status: 403, message: "Forbidden: scope" };
  return { status: 200, jwt: { claims, scopes } };
}

const unauthorized = (why: string): AuthorizerDecision => ({ status: 401, message: `Unauthorized: ${why}` });

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function publicKey(jwk: JsonWebKey): KeyObject {
  return createPublicKey({ key: jwk, format: "jwk" });
}

/** Signs claims as Cognito does (RS256, `kid` in the header): for tokens of a local test key. */
export function signJwt(claims: JwtClaims, privateKeyPem: string, kid: string, alg = "RS256"): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const signingInput = `${encode({ kid, alg, typ: "JWT" })}.${encode(claims)}`;
  return `${signingInput}.${createSign("RSA-SHA256").update(signingInput).sign(privateKeyPem, "base64url")}`;
}

/** The authorizer and route settings of a synthesized stack, with the pool's endpoint and client id filled in as a deploy would resolve them. */
export function authorizerOf(json: { resource: Record<string, Record<string, Record<string, unknown>>> }, resolved: { readonly poolEndpoint: string; readonly clientId: string }): AuthorizerConfig {
  const authorizers = Object.values(json.resource.aws_apigatewayv2_authorizer ?? {});
  if (authorizers.length !== 1) throw new Error(`expected one authorizer, found ${authorizers.length}`);
  const a = authorizers[0]!;
  const jwt = a.jwt_configuration as { issuer: string; audience: string[] };
  const resolve = (text: string) => text.replace(/\$\{aws_cognito_user_pool\.[^.]+\.endpoint\}/, resolved.poolEndpoint).replace(/\$\{aws_cognito_user_pool_client\.[^.]+\.id\}/, resolved.clientId);
  return { issuer: resolve(jwt.issuer), audience: jwt.audience.map(resolve), identitySource: (a.identity_sources as string[])[0]! };
}

export function routeAuthorizationOf(json: { resource: Record<string, Record<string, Record<string, unknown>>> }, routeKey: string): RouteAuthorization {
  const route = Object.values(json.resource.aws_apigatewayv2_route ?? {}).find((r) => r.route_key === routeKey);
  if (!route) throw new Error(`no route ${routeKey}`);
  return { authorizationType: String(route.authorization_type ?? "NONE"), ...(route.authorization_scopes ? { authorizationScopes: route.authorization_scopes as string[] } : {}) };
}
