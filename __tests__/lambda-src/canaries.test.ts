/**
 * The canary code (lambda-src/canaries) against the reference handlers behind
 * a local HTTP server and a local WebSocket server on 127.0.0.1 (free ports,
 * stopped after each test): success, a wrong status, a timeout and a refused
 * connection each give the right outcome and log line.
 *
 * The Synthetics runtime's libraries exist only in AWS: the canary reaches the
 * runtime through a one-method adapter (a log line), which these tests replace
 * with a recording adapter. The AWS credentials (SSM + Cognito) are replaced by
 * a fixed-token double where a test says so.
 */
import type { Context } from "aws-lambda";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { CANARY_CHECK_ENV_VAR, readCheck, type CanaryCheck } from "../../lambda-src/canaries/check";
import { awsCredentials } from "../../lambda-src/canaries/aws-credentials";
import { CanaryFailure, runCanary, type CanaryCredentials, type CanaryRuntime } from "../../lambda-src/canaries/run";
import { CANARY_CHECK_VARIABLE } from "../../modules/monitoring/synthetics/canary-check";
import { captureOutput } from "./support/captured-output";
import { functionEnvironment, resetEnvironment } from "./support/environment";
import { fakeLambdaContext } from "./support/lambda-context";

type Handler = (event: unknown, context: Context) => Promise<{ statusCode: number; body?: string }>;
const handlerOf = (name: string): Handler => (require(`../../lambda-src/${name}`) as { handler: Handler }).handler;
const sample = (name: string): unknown => require(`../../lambda-src/${name}/sample-event.json`);

const TOKEN = "Bearer canary-test-token";
/** A test double of the SSM + Cognito sign-in: a fixed token, and URLs signed by the real signer. */
const fixedToken: CanaryCredentials = { bearerToken: async () => TOKEN, signWebSocketUrl: async (url) => url };

/** A recording adapter in place of the Synthetics runtime's logger. */
function recordingRuntime(): CanaryRuntime & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line) };
}

const ROUTES: Record<string, string> = { "POST /users": "user-service", "POST /orders": "order-processor", "POST /payments": "payment-handler" };

/** The reference HTTP API on a loopback port: the JWT check API Gateway makes (here: the test token), then the route's handler with a payload 2.0 event. */
async function startHttpApi(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.url === "/hang") return; // never answers: the canary's timeout
    if (req.url === "/health") return void res.writeHead(200).end("ok");
    const routeKey = `${req.method} ${req.url}`;
    const name = ROUTES[routeKey];
    if (!name) return void res.writeHead(404).end('{"message":"Not Found"}');
    if (req.headers.authorization !== TOKEN) return void res.writeHead(401).end('{"message":"Unauthorized"}');
    const event = { version: "2.0", routeKey, rawPath: req.url, headers: req.headers, requestContext: { http: { method: req.method, path: req.url }, requestId: "r1", stage: "$default" }, body: Buffer.concat(chunks).toString(), isBase64Encoded: false };
    const output = captureOutput();
    let response: { statusCode: number; body?: string };
    try {
      response = await handlerOf(name)(event, fakeLambdaContext(`${name}-test`));
    } catch {
      response = { statusCode: 500, body: '{"message":"Internal Server Error"}' };
    } finally {
      output.restore();
    }
    res.writeHead(response.statusCode, { "content-type": "application/json" }).end(response.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The reference WebSocket API on a loopback port: $connect (refused unsigned when `requireSignature`), then each message to notification-sender. */
async function startWebSocketApi(options: { requireSignature?: boolean; silent?: boolean } = {}): Promise<{ url: string; stop: () => Promise<void>; connectUrls: string[] }> {
  const connectUrls: string[] = [];
  const wss = new WebSocketServer({
    host: "127.0.0.1",
    port: 0,
    verifyClient: (info: { req: IncomingMessage }) => {
      connectUrls.push(info.req.url ?? "");
      return !options.requireSignature || new URL(info.req.url ?? "/", "http://x").searchParams.has("X-Amz-Signature");
    },
  });
  wss.on("connection", (socket) => {
    socket.on("message", async (data) => {
      if (options.silent) return;
      const output = captureOutput();
      try {
        const event = { requestContext: { connectionId: "c1", eventType: "MESSAGE", routeKey: "$default", stage: "live" }, isBase64Encoded: false, body: data.toString() };
        const response = await handlerOf("notification-sender")(event, fakeLambdaContext("notification-sender-test"));
        socket.send(response.body ?? "");
      } finally {
        output.restore();
      }
    });
  });
  await new Promise<void>((resolve) => wss.on("listening", () => resolve()));
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/live`,
    connectUrls,
    stop: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on: bound, then closed. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function run(check: CanaryCheck, credentials = fixedToken) {
  const runtime = recordingRuntime();
  try {
    const outcome = await runCanary(check, runtime, credentials);
    return { outcome, lines: runtime.lines, thrown: undefined };
  } catch (error) {
    if (!(error instanceof CanaryFailure)) throw error;
    return { outcome: error.outcome, lines: runtime.lines, thrown: error };
  }
}

describe("HTTP route canary against the reference handlers (recording adapter in place of the Synthetics logger)", () => {
  let api: Awaited<ReturnType<typeof startHttpApi>>;
  beforeEach(async () => {
    functionEnvironment({ serviceName: "canary-test" });
    api = await startHttpApi();
  });
  afterEach(async () => {
    await api.stop();
    resetEnvironment();
  });

  test("GIVEN POST /users with a valid body and the token THEN PASS, with the assertions held", async () => {
    const { outcome, lines, thrown } = await run({ kind: "http", method: "POST", url: `${api.url}/users`, body: sample("user-service"), expectedStatus: 200, assertions: { bodyContains: ["usr_"], jsonEquals: { ok: true, "data.country": "GB" } }, credentials: { kind: "jwt", parameterName: "/p", clientId: "c" }, timeoutMs: 5_000 });
    expect(thrown).toBeUndefined();
    expect(outcome.ok).toBe(true);
    expect(lines).toEqual([`CANARY PASS http POST ${api.url}/users: status 200 as expected`]);
  });

  test.each(["POST /orders", "POST /payments"])("GIVEN %s with its sample THEN PASS", async (routeKey) => {
    const path = routeKey.split(" ")[1]!;
    const { outcome } = await run({ kind: "http", method: "POST", url: `${api.url}${path}`, body: sample(ROUTES[routeKey]!), expectedStatus: 200, credentials: { kind: "jwt", parameterName: "/p", clientId: "c" }, timeoutMs: 5_000 });
    expect(outcome).toMatchObject({ ok: true });
  });

  test("GIVEN an invalid body (the handler answers 400) THEN FAIL naming the status, and the run throws", async () => {
    const { outcome, lines, thrown } = await run({ kind: "http", method: "POST", url: `${api.url}/users`, body: { user: {} }, expectedStatus: 200, credentials: { kind: "jwt", parameterName: "/p", clientId: "c" }, timeoutMs: 5_000 });
    expect(thrown).toBeInstanceOf(CanaryFailure);
    expect(outcome.ok).toBe(false);
    expect(lines).toEqual([`CANARY FAIL http POST ${api.url}/users: status 400, expected 200`]);
  });

  test("GIVEN no credentials on a JWT route THEN FAIL with 401", async () => {
    const { lines } = await run({ kind: "http", method: "POST", url: `${api.url}/users`, body: sample("user-service"), expectedStatus: 200, timeoutMs: 5_000 });
    expect(lines).toEqual([`CANARY FAIL http POST ${api.url}/users: status 401, expected 200`]);
  });

  test("GIVEN an assertion that does not hold THEN FAIL naming it", async () => {
    const { lines } = await run({ kind: "http", method: "POST", url: `${api.url}/users`, body: sample("user-service"), expectedStatus: 200, assertions: { jsonEquals: { "data.country": "FR" } }, credentials: { kind: "jwt", parameterName: "/p", clientId: "c" }, timeoutMs: 5_000 });
    expect(lines).toEqual([`CANARY FAIL http POST ${api.url}/users: status 200, but data.country is "GB", expected "FR"`]);
  });

  test("GIVEN a route that never answers THEN FAIL with a timeout", async () => {
    const { lines, thrown } = await run({ kind: "http", method: "GET", url: `${api.url}/hang`, expectedStatus: 200, timeoutMs: 300 });
    expect(thrown).toBeInstanceOf(CanaryFailure);
    expect(lines).toEqual([`CANARY FAIL http GET ${api.url}/hang: no answer within 300 ms (timeout)`]);
  });

  test("GIVEN the sign-in fails THEN FAIL saying so, without the credentials", async () => {
    const failing: CanaryCredentials = { bearerToken: async () => Promise.reject(Object.assign(new Error("Incorrect username or password."), { name: "NotAuthorizedException" })), signWebSocketUrl: async (u) => u };
    const { lines } = await run({ kind: "http", method: "POST", url: `${api.url}/users`, body: {}, expectedStatus: 200, credentials: { kind: "jwt", parameterName: "/p", clientId: "c" }, timeoutMs: 5_000 }, failing);
    expect(lines).toEqual([`CANARY FAIL http POST ${api.url}/users: could not sign in for a token (NotAuthorizedException: Incorrect username or password.)`]);
  });

  test("heartbeat: 200 PASS, a wrong status FAIL", async () => {
    expect((await run({ kind: "heartbeat", url: `${api.url}/health`, expectedStatus: 200, timeoutMs: 5_000 })).lines).toEqual([`CANARY PASS heartbeat GET ${api.url}/health: status 200 as expected`]);
    expect((await run({ kind: "heartbeat", url: `${api.url}/nowhere`, expectedStatus: 200, timeoutMs: 5_000 })).lines).toEqual([`CANARY FAIL heartbeat GET ${api.url}/nowhere: status 404, expected 200`]);
  });
});

test("GIVEN nothing listens on the port THEN FAIL with connection refused (HTTP and WebSocket)", async () => {
  const port = await refusedPort();
  expect((await run({ kind: "heartbeat", url: `http://127.0.0.1:${port}/`, expectedStatus: 200, timeoutMs: 5_000 })).lines).toEqual([`CANARY FAIL heartbeat GET http://127.0.0.1:${port}/: connection refused (ECONNREFUSED)`]);
  const ws = await run({ kind: "websocket", url: `ws://127.0.0.1:${port}/live`, message: {}, expectReply: "ok", timeoutMs: 5_000 });
  expect(ws.thrown).toBeInstanceOf(CanaryFailure);
  expect(ws.lines).toEqual([`CANARY FAIL websocket ws://127.0.0.1:${port}/live: connection refused (ECONNREFUSED)`]);
});

describe("WebSocket canary against notification-sender (recording adapter in place of the Synthetics logger)", () => {
  let servers: { stop: () => Promise<void> }[] = [];
  beforeEach(() => functionEnvironment({ serviceName: "canary-test" }));
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    servers = [];
    resetEnvironment();
  });

  test("GIVEN a connect signed with the role's credentials (real SigV4 signer) and a planned message THEN PASS", async () => {
    const ws = await startWebSocketApi({ requireSignature: true });
    servers.push(ws);
    Object.assign(process.env, { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret-example", AWS_SESSION_TOKEN: "session-example" });
    const { outcome, lines } = await run({ kind: "websocket", url: ws.url, message: sample("notification-sender"), expectReply: '"ok":true', signing: "iam", timeoutMs: 5_000 }, awsCredentials(process.env));
    expect(outcome.ok).toBe(true);
    expect(lines).toEqual([`CANARY PASS websocket ${ws.url}: connected, sent, and the answer was as expected`]);
    const query = new URL(ws.connectUrls[0]!, "http://x").searchParams;
    expect(query.get("X-Amz-Credential")).toMatch(/^AKIDEXAMPLE\/\d{8}\/us-east-1\/execute-api\/aws4_request$/);
    expect(query.get("X-Amz-Security-Token")).toBe("session-example");
    expect(ws.connectUrls[0]).not.toContain("secret-example");
  });

  test("GIVEN an unsigned connect to an IAM $connect THEN FAIL with the refused status", async () => {
    const ws = await startWebSocketApi({ requireSignature: true });
    servers.push(ws);
    const { lines } = await run({ kind: "websocket", url: ws.url, message: {}, expectReply: "ok", timeoutMs: 5_000 });
    expect(lines).toEqual([`CANARY FAIL websocket ${ws.url}: connect refused with status 401`]);
  });

  test("GIVEN an invalid message (the handler answers 400) THEN FAIL: the answer is not the expected one", async () => {
    const ws = await startWebSocketApi();
    servers.push(ws);
    const { lines } = await run({ kind: "websocket", url: ws.url, message: { nothing: true }, expectReply: '"ok":true', timeoutMs: 5_000 });
    expect(lines).toEqual([`CANARY FAIL websocket ${ws.url}: the answer does not contain "\\"ok\\":true"`]);
  });

  test("GIVEN a server that never answers THEN FAIL with a timeout", async () => {
    const ws = await startWebSocketApi({ silent: true });
    servers.push(ws);
    const { lines } = await run({ kind: "websocket", url: ws.url, message: {}, expectReply: "ok", timeoutMs: 300 });
    expect(lines).toEqual([`CANARY FAIL websocket ${ws.url}: no answer within 300 ms (timeout)`]);
  });
});

describe("the check from the environment", () => {
  test("the canary and the construct name the same variable", () => expect(CANARY_CHECK_VARIABLE).toBe(CANARY_CHECK_ENV_VAR));

  test.each([
    [undefined, 'CANARY_CHECK: the variable is null; allowed: a JSON check, as modules/monitoring/synthetics writes it'],
    ["{", 'CANARY_CHECK: the variable is "{"; allowed: a JSON document'],
    ['{"kind":"ftp"}', 'CANARY_CHECK: kind is "ftp"; allowed: http, websocket or heartbeat'],
    ['{"kind":"http","method":"FETCH"}', 'CANARY_CHECK: method is "FETCH"; allowed: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'],
    ['{"kind":"heartbeat","url":"ftp://x","expectedStatus":200,"timeoutMs":1}', 'CANARY_CHECK: url is "ftp://x"; allowed: a http or https URL'],
    ['{"kind":"heartbeat","url":"https://x","expectedStatus":99,"timeoutMs":1}', "CANARY_CHECK: expectedStatus is 99; allowed: an HTTP status from 100 to 599"],
  ])("%s is refused with one line naming the field", (raw, message) => {
    expect(() => readCheck(raw === undefined ? {} : { [CANARY_CHECK_ENV_VAR]: raw })).toThrow(message);
  });
});
