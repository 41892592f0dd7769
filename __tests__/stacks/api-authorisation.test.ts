/**
 * The reference APIs admit only authorised callers: every HTTP route takes a
 * JWT from the environment's Cognito user pool, the WebSocket $connect takes
 * IAM, and each route has its own throttle. The synthesized resources are
 * checked with cdktf's matchers; what the authorizer admits is checked with a
 * model of API Gateway's JWT authorizer (a test double: the real one runs only
 * in API Gateway) fed the synthesized settings and tokens of a local key, and
 * the admitted request is served by the real handler.
 * Against moto, the e2e suite applies the pool, client and authorizer and
 * checks a real Cognito token (__tests__/e2e/terraform.e2e.ts).
 */
import "../cdktf-matchers";
import { Apigatewayv2Authorizer } from "@cdktf/provider-aws/lib/apigatewayv2-authorizer";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { CognitoUserPool } from "@cdktf/provider-aws/lib/cognito-user-pool";
import { CognitoUserPoolClient } from "@cdktf/provider-aws/lib/cognito-user-pool-client";
import type { Context } from "aws-lambda";
import { generateKeyPairSync, type JsonWebKey } from "node:crypto";
import { ConfigurationError, ENVIRONMENT_NAMES, loadEnvironment } from "../../environments";
import { captureOutput } from "../lambda-src/support/captured-output";
import { functionEnvironment, resetEnvironment } from "../lambda-src/support/environment";
import { fakeLambdaContext } from "../lambda-src/support/lambda-context";
import { synthEnvironment, synthMonitoringStack, variantOf, resources, type TerraformJson } from "../helpers";
import { authorize, authorizerOf, routeAuthorizationOf, signJwt, type AuthorizerConfig, type JwtClaims } from "./support/jwt-authorizer-model";

const ref = (json: TerraformJson, type: string, attribute: string): string => `\${${type}.${Object.keys(json.resource[type]!)[0]}.${attribute}}`;

describe.each(ENVIRONMENT_NAMES)("authorised APIs in %s", (env) => {
  const { synth, json } = synthEnvironment(env);
  const config = loadEnvironment(env);
  const httpRoutes = config.functions.flatMap((fn) => (fn.httpRoute ? [fn.httpRoute] : []));

  test("every HTTP route takes a JWT checked by the stack's authorizer", () => {
    expect(httpRoutes).toEqual(["POST /users", "POST /orders", "POST /payments"]);
    for (const routeKey of httpRoutes) {
      expect(synth).toHaveResourceWithProperties(Apigatewayv2Route, { route_key: routeKey, authorization_type: "JWT", authorizer_id: ref(json, "aws_apigatewayv2_authorizer", "id") });
    }
  });

  test("the authorizer's issuer is the user pool's endpoint and its audience the app client", () => {
    expect(synth).toHaveResourceWithProperties(Apigatewayv2Authorizer, {
      authorizer_type: "JWT",
      identity_sources: ["$request.header.Authorization"],
      jwt_configuration: { issuer: `https://${ref(json, "aws_cognito_user_pool", "endpoint")}`, audience: [ref(json, "aws_cognito_user_pool_client", "id")] },
    });
  });

  test("the user pool: strong passwords, admin-created users, optional TOTP MFA, deletion protection as the environment's features say", () => {
    expect(synth).toHaveResourceWithProperties(CognitoUserPool, {
      name: `serverless-monitoring-api-users-${env}`,
      deletion_protection: config.features.deletionProtection ? "ACTIVE" : "INACTIVE",
      admin_create_user_config: { allow_admin_create_user_only: true },
      password_policy: { minimum_length: 14, require_lowercase: true, require_uppercase: true, require_numbers: true, require_symbols: true, temporary_password_validity_days: 3 },
      mfa_configuration: "OPTIONAL",
      software_token_mfa_configuration: { enabled: true },
    });
    expect(synth).toHaveResourceWithProperties(CognitoUserPoolClient, { generate_secret: false, prevent_user_existence_errors: "ENABLED", user_pool_id: ref(json, "aws_cognito_user_pool", "id") });
  });

  test("the WebSocket $connect takes IAM", () => {
    expect(synth).toHaveResourceWithProperties(Apigatewayv2Route, { route_key: "$connect", authorization_type: "AWS_IAM" });
  });

  test("every HTTP route has its own throttle: POST /payments the tightest, POST /users the stage's", () => {
    const stage = resources(json, "aws_apigatewayv2_stage").find((s) => s.name === "$default")!;
    const settings = Object.fromEntries((stage.route_settings as { route_key: string; throttling_rate_limit: number; throttling_burst_limit: number }[]).map((s) => [s.route_key, [s.throttling_rate_limit, s.throttling_burst_limit]]));
    expect(settings).toEqual({ "POST /users": [config.apis.throttlingRateLimit, config.apis.throttlingBurstLimit], "POST /orders": [50, 100], "POST /payments": [20, 40] });
  });

  test("every WebSocket route has its own throttle: $connect tighter than the messages", () => {
    const stage = resources(json, "aws_apigatewayv2_stage").find((s) => s.name === "live")!;
    const settings = Object.fromEntries((stage.route_settings as { route_key: string; throttling_rate_limit: number; throttling_burst_limit: number }[]).map((s) => [s.route_key, [s.throttling_rate_limit, s.throttling_burst_limit]]));
    const stageDefault = [config.apis.throttlingRateLimit, config.apis.throttlingBurstLimit];
    expect(settings).toEqual({ $connect: [10, 20], $disconnect: stageDefault, $default: stageDefault });
  });

  test("the pool and client ids are outputs", () => {
    expect(json.output.ApiUserPoolId!.value).toBe(ref(json, "aws_cognito_user_pool", "id"));
    expect(json.output.ApiClientId!.value).toBe(ref(json, "aws_cognito_user_pool_client", "id"));
  });
});

describe("apis.routes in the configuration", () => {
  test("a route marked public takes no token; the others still do", () => {
    const { json } = synthMonitoringStack(variantOf("dev", (input) => (input.apis = { routes: { "POST /users": { public: true } } })));
    expect(routeAuthorizationOf(json, "POST /users")).toEqual({ authorizationType: "NONE" });
    expect(routeAuthorizationOf(json, "POST /payments")).toEqual({ authorizationType: "JWT" });
  });

  test("a route key no function serves is one ConfigurationError naming the field and the routes served", () => {
    expect(() => variantOf("dev", (input) => (input.apis = { routes: { "POST /refunds": { public: true } } }))).toThrow(ConfigurationError);
    expect(() => variantOf("dev", (input) => (input.apis = { routes: { "POST /refunds": { public: true } } }))).toThrow(
      'apis.routes["POST /refunds"]: got "POST /refunds"; allowed: a route a function serves: POST /users, POST /orders, POST /payments, $connect, $disconnect, $default',
    );
  });

  test.each([
    [{ "POST /payments": { throttlingRateLimit: 0 } }, 'apis.routes["POST /payments"].throttlingRateLimit: got 0; allowed: an integer from 1 to 10000 requests per second'],
    [{ "POST /payments": { public: "yes" } }, 'apis.routes["POST /payments"].public: got "yes"; allowed: true or false'],
    [{ "post /payments": {} }, 'apis.routes["post /payments"]: got "post /payments"; allowed: a route a function serves: POST /users, POST /orders, POST /payments, $connect, $disconnect, $default'],
    [{ $default: { throttlingBurstLimit: 0 } }, 'apis.routes.$default.throttlingBurstLimit: got 0; allowed: an integer from 1 to 5000 requests'],
    [{ $connect: { public: true } }, 'apis.routes.$connect.public: got true; allowed: false: a WebSocket route is not made public (its $connect takes IAM)'],
  ])("bad route settings %j are refused: %s", (routes, message) => {
    expect(() => variantOf("dev", (input) => (input.apis = { routes }))).toThrow(message);
  });
});

describe("model of API Gateway's JWT authorizer (test double) over dev's synthesized settings, the real handler behind it", () => {
  const { json } = synthEnvironment("dev");
  const poolId = "us-east-1_TestPool1";
  const clientId = "testclient0123456789abcdef";
  const authorizer: AuthorizerConfig = authorizerOf(json, { poolEndpoint: `cognito-idp.us-east-1.amazonaws.com/${poolId}`, clientId });
  const payments = routeAuthorizationOf(json, "POST /payments");
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const jwks: JsonWebKey[] = [{ ...publicKey.export({ format: "jwk" }), kid: "key-1", alg: "RS256", use: "sig" }];
  const now = 1_800_000_000;
  const idClaims: JwtClaims = { iss: authorizer.issuer, aud: clientId, sub: "caller-1", token_use: "id", iat: now - 60, exp: now + 3600, "cognito:username": "caller" };
  const accessClaims: JwtClaims = { iss: authorizer.issuer, client_id: clientId, sub: "caller-1", token_use: "access", scope: "aws.cognito.signin.user.admin", iat: now - 60, exp: now + 3600 };
  const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}`, "content-type": "application/json" } });

  beforeEach(() => functionEnvironment({ serviceName: "payment-handler-test" }));
  afterEach(() => resetEnvironment());

  /** What API Gateway does with a request: the authorizer decides; an admitted request reaches the function with the claims. */
  async function post(request: { headers: Record<string, string> }, body: unknown): Promise<{ statusCode: number; body: string; logs: string }> {
    const decision = authorize(request, payments, authorizer, jwks, now);
    if (decision.status !== 200) return { statusCode: decision.status, body: JSON.stringify({ message: decision.message }), logs: "" };
    const output = captureOutput();
    try {
      let handler: ((event: unknown, context: Context) => Promise<{ statusCode: number; body: string }>) | undefined;
      jest.isolateModules(() => (handler = require("../../lambda-src/payment-handler").handler));
      const response = await handler!(
        {
          version: "2.0",
          routeKey: "POST /payments",
          rawPath: "/payments",
          headers: request.headers,
          requestContext: { http: { method: "POST", path: "/payments" }, requestId: "r1", stage: "$default", authorizer: { jwt: decision.jwt } },
          body: JSON.stringify(body),
          isBase64Encoded: false,
        },
        fakeLambdaContext("payment-handler-test"),
      );
      return { ...response, logs: JSON.stringify(output.lines()) };
    } finally {
      output.restore();
    }
  }

  const payment = require("../../lambda-src/payment-handler/sample-event.json") as unknown;

  test("GIVEN no Authorization header THEN 401 and the function never runs", async () => {
    expect(await post({ headers: { "content-type": "application/json" } }, payment)).toMatchObject({ statusCode: 401 });
  });

  test.each([
    ["an ID token (aud is the client)", idClaims],
    ["an access token (client_id is the client)", accessClaims],
  ])("GIVEN %s signed by the pool's key THEN the payment is served, and the token is in no log line", async (_, claims) => {
    const token = signJwt(claims, pem, "key-1");
    const response = await post(bearer(token), payment);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).data).toMatchObject({ status: "APPROVED" });
    expect(response.logs).not.toContain(token.split(".")[2]!);
  });

  test.each([
    ["another issuer", { ...idClaims, iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other" }],
    ["another client", { ...idClaims, aud: "someone-elses-client" }],
    ["an expired token", { ...idClaims, exp: now - 1 }],
    ["a token not yet valid", { ...idClaims, nbf: now + 60 }],
    ["no expiry", { ...idClaims, exp: undefined }],
  ])("GIVEN %s THEN 401", async (_, claims) => {
    expect(await post(bearer(signJwt(claims, pem, "key-1")), payment)).toMatchObject({ statusCode: 401 });
  });

  test("GIVEN a token signed by another key, an unknown kid, alg none or garbage THEN 401", async () => {
    const forged = signJwt(idClaims, other.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), "key-1");
    const unknownKid = signJwt(idClaims, pem, "key-2");
    const [head, body] = signJwt(idClaims, pem, "key-1").split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", kid: "key-1" })).toString("base64url")}.${body}.`;
    for (const token of [forged, unknownKid, none, `${head}.${body}`, "not-a-token"]) expect(await post(bearer(token), payment)).toMatchObject({ statusCode: 401 });
  });

  test("a route with authorization scopes refuses a token without one of them (403), admits one with it", () => {
    const scoped = { authorizationType: "JWT", authorizationScopes: ["payments/write"] };
    expect(authorize(bearer(signJwt(accessClaims, pem, "key-1")), scoped, authorizer, jwks, now)).toMatchObject({ status: 403 });
    expect(authorize(bearer(signJwt({ ...accessClaims, scope: "payments/write" }, pem, "key-1")), scoped, authorizer, jwks, now)).toMatchObject({ status: 200 });
  });
});
