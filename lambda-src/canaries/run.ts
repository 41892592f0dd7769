/**
 * Runs one check and says how it went: a PASS or FAIL line in the canary's
 * log, and a thrown CanaryFailure on failure, which is how a Synthetics
 * runtime marks the run failed (SuccessPercent 0 for the run).
 *
 * The Synthetics runtime's own libraries exist only in AWS: everything this
 * needs of the runtime is the {@link CanaryRuntime} adapter (a log line), so
 * the same code runs in tests against local servers.
 */
import WebSocket from "ws";
import type { CanaryCheck, HeartbeatCheck, HttpCheck, JwtCredentials, ResponseAssertions, WebSocketCheck } from "./check";

/** The adapter over the Synthetics runtime: where a result line goes. */
export interface CanaryRuntime {
  log(line: string): void;
}

/** What a check needs from AWS at run time: a bearer token for a JWT route, a signed URL for an IAM WebSocket. */
export interface CanaryCredentials {
  bearerToken(credentials: JwtCredentials): Promise<string>;
  signWebSocketUrl(url: string): Promise<string>;
}

export interface Outcome {
  readonly ok: boolean;
  /** e.g. `http POST https://api.example.com/users`. */
  readonly target: string;
  /** e.g. `status 200 as expected`, `status 400, expected 200`, `no answer within 2000 ms (timeout)`. */
  readonly detail: string;
}

/** The run failed: thrown so the Synthetics runtime records the run as failed. */
export class CanaryFailure extends Error {
  constructor(readonly outcome: Outcome) {
    super(`${outcome.target}: ${outcome.detail}`);
    this.name = "CanaryFailure";
  }
}

/** Runs the check, logs one line, and throws {@link CanaryFailure} if it failed. */
export async function runCanary(check: CanaryCheck, runtime: CanaryRuntime, credentials: CanaryCredentials): Promise<Outcome> {
  const outcome = await evaluate(check, credentials);
  runtime.log(`CANARY ${outcome.ok ? "PASS" : "FAIL"} ${outcome.target}: ${outcome.detail}`);
  if (!outcome.ok) throw new CanaryFailure(outcome);
  return outcome;
}

async function evaluate(check: CanaryCheck, credentials: CanaryCredentials): Promise<Outcome> {
  switch (check.kind) {
    case "http":
      return httpCheck(check, credentials);
    case "heartbeat":
      return heartbeat(check);
    case "websocket":
      return webSocketCheck(check, credentials);
  }
}

async function heartbeat(check: HeartbeatCheck): Promise<Outcome> {
  return request(`heartbeat GET ${check.url}`, check.url, { method: "GET" }, check.expectedStatus, check.timeoutMs);
}

async function httpCheck(check: HttpCheck, credentials: CanaryCredentials): Promise<Outcome> {
  const target = `http ${check.method} ${check.url}`;
  const headers: Record<string, string> = {};
  if (check.body !== undefined) headers["content-type"] = "application/json";
  if (check.credentials) {
    try {
      headers.authorization = await credentials.bearerToken(check.credentials);
    } catch (error) {
      // The sign-in failed: say so, never with the credentials themselves.
      return { ok: false, target, detail: `could not sign in for a token (${(error as Error).name}: ${(error as Error).message})` };
    }
  }
  return request(target, check.url, { method: check.method, headers, ...(check.body !== undefined ? { body: JSON.stringify(check.body) } : {}) }, check.expectedStatus, check.timeoutMs, check.assertions);
}

async function request(target: string, url: string, init: RequestInit, expectedStatus: number, timeoutMs: number, assertions?: ResponseAssertions): Promise<Outcome> {
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    body = await response.text();
  } catch (error) {
    return { ok: false, target, detail: networkFailure(error, timeoutMs) };
  }
  if (response.status !== expectedStatus) return { ok: false, target, detail: `status ${response.status}, expected ${expectedStatus}` };
  const failed = assertions ? failedAssertion(body, assertions) : undefined;
  if (failed) return { ok: false, target, detail: `status ${response.status}, but ${failed}` };
  return { ok: true, target, detail: `status ${response.status} as expected` };
}

/** The first assertion that does not hold, in words; undefined when all hold. */
export function failedAssertion(body: string, assertions: ResponseAssertions): string | undefined {
  for (const text of assertions.bodyContains ?? []) if (!body.includes(text)) return `the body does not contain ${JSON.stringify(text)}`;
  const expected = Object.entries(assertions.jsonEquals ?? {});
  if (expected.length === 0) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return "the body is not JSON";
  }
  for (const [path, value] of expected) {
    const actual = path.split(".").reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), json);
    if (actual !== value) return `${path} is ${JSON.stringify(actual) ?? "missing"}, expected ${JSON.stringify(value)}`;
  }
  return undefined;
}

/** A refused connection, a timeout, a DNS failure: what went wrong, in the log's words. */
function networkFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return `no answer within ${timeoutMs} ms (timeout)`;
  const code = e.code ?? e.cause?.code;
  if (code === "ECONNREFUSED") return "connection refused (ECONNREFUSED)";
  return `request failed (${code ?? e.cause?.message ?? (error as Error).message})`;
}

async function webSocketCheck(check: WebSocketCheck, credentials: CanaryCredentials): Promise<Outcome> {
  const target = `websocket ${check.url}`;
  let url = check.url;
  if (check.signing === "iam") {
    try {
      url = await credentials.signWebSocketUrl(check.url);
    } catch (error) {
      return { ok: false, target, detail: `could not sign the connect request (${(error as Error).message})` };
    }
  }
  return new Promise<Outcome>((resolve) => {
    const socket = new WebSocket(url);
    let settled = false;
    const finish = (ok: boolean, detail: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on("error", () => undefined);
      socket.terminate();
      resolve({ ok, target, detail });
    };
    const timer = setTimeout(() => finish(false, `no answer within ${check.timeoutMs} ms (timeout)`), check.timeoutMs);
    socket.on("open", () => socket.send(JSON.stringify(check.message)));
    socket.on("message", (data) => {
      const text = data.toString();
      finish(text.includes(check.expectReply), text.includes(check.expectReply) ? "connected, sent, and the answer was as expected" : `the answer does not contain ${JSON.stringify(check.expectReply)}`);
    });
    socket.on("unexpected-response", (_req, res) => finish(false, `connect refused with status ${res.statusCode}`));
    socket.on("error", (error) => finish(false, networkFailure(error, check.timeoutMs)));
    socket.on("close", (code) => finish(false, `closed (code ${code}) before an answer`));
  });
}
