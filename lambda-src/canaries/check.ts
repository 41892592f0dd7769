/**
 * What a canary checks, as the construct (modules/monitoring/synthetics)
 * writes it into the canary's CANARY_CHECK environment variable, and its
 * validation: a canary with a check it cannot read fails its run with a line
 * naming the field, instead of passing on nothing.
 */

/** The environment variable holding the check, JSON. The construct writes the same name (a test holds them together). */
export const CANARY_CHECK_ENV_VAR = "CANARY_CHECK";

/** Where an HTTP check gets a bearer token for a JWT-authorised route, at run time. */
export interface JwtCredentials {
  readonly kind: "jwt";
  /** SSM SecureString parameter holding `{"username": ..., "password": ...}` of the canary's user in the pool. */
  readonly parameterName: string;
  /** The app client the API's JWT authorizer admits (USER_PASSWORD_AUTH enabled). */
  readonly clientId: string;
}

/** Checks that the answer is the one expected. Every one given must hold. */
export interface ResponseAssertions {
  /** Each of these strings appears in the body. */
  readonly bodyContains?: readonly string[];
  /** The body is JSON and each dotted path (`ok`, `data.userId`) has this value. */
  readonly jsonEquals?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface HttpCheck {
  readonly kind: "http";
  readonly url: string;
  readonly method: string;
  /** Sent as JSON with content-type application/json. */
  readonly body?: unknown;
  readonly expectedStatus: number;
  readonly assertions?: ResponseAssertions;
  readonly credentials?: JwtCredentials;
  readonly timeoutMs: number;
}

export interface WebSocketCheck {
  readonly kind: "websocket";
  /** `wss://.../<stage>`. */
  readonly url: string;
  /** Sent once connected, JSON. */
  readonly message: unknown;
  /** The answer must contain this string. */
  readonly expectReply: string;
  /** `iam`: the connect request is signed with the canary role's own credentials (SigV4, execute-api). */
  readonly signing?: "iam";
  readonly timeoutMs: number;
}

export interface HeartbeatCheck {
  readonly kind: "heartbeat";
  readonly url: string;
  readonly expectedStatus: number;
  readonly timeoutMs: number;
}

export type CanaryCheck = HttpCheck | WebSocketCheck | HeartbeatCheck;

/** A check that cannot be read: one message naming the field, the value and what is allowed. */
export class CheckConfigurationError extends Error {
  constructor(field: string, value: unknown, allowed: string) {
    super(`${CANARY_CHECK_ENV_VAR}: ${field} is ${JSON.stringify(value)}; allowed: ${allowed}`);
    this.name = "CheckConfigurationError";
  }
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Reads and validates the check from the environment. */
export function readCheck(env: NodeJS.ProcessEnv): CanaryCheck {
  const raw = env[CANARY_CHECK_ENV_VAR];
  if (raw === undefined || raw === "") throw new CheckConfigurationError("the variable", raw ?? null, "a JSON check, as modules/monitoring/synthetics writes it");
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new CheckConfigurationError("the variable", raw.slice(0, 80), "a JSON document");
  }
  return parseCheck(parsed);
}

export function parseCheck(input: unknown): CanaryCheck {
  if (typeof input !== "object" || input === null) throw new CheckConfigurationError("the check", input, "an object");
  const c = input as Record<string, unknown>;
  const url = (field: string, schemes: readonly string[]) => {
    const value = c[field];
    if (typeof value !== "string" || !schemes.some((s) => value.startsWith(`${s}://`))) throw new CheckConfigurationError(field, value, `a ${schemes.join(" or ")} URL`);
    return value;
  };
  const positive = (field: string) => {
    const value = c[field];
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw new CheckConfigurationError(field, value, "a whole number above 0");
    return value;
  };
  const status = (field: string) => {
    const value = c[field];
    if (typeof value !== "number" || !Number.isInteger(value) || value < 100 || value > 599) throw new CheckConfigurationError(field, value, "an HTTP status from 100 to 599");
    return value;
  };
  switch (c.kind) {
    case "http": {
      const method = c.method;
      if (typeof method !== "string" || !HTTP_METHODS.includes(method)) throw new CheckConfigurationError("method", method, HTTP_METHODS.join(", "));
      return { ...(c as unknown as HttpCheck), url: url("url", ["http", "https"]), method, expectedStatus: status("expectedStatus"), timeoutMs: positive("timeoutMs") };
    }
    case "websocket":
      if (typeof c.expectReply !== "string" || c.expectReply === "") throw new CheckConfigurationError("expectReply", c.expectReply, "a non-empty string the answer contains");
      return { ...(c as unknown as WebSocketCheck), url: url("url", ["ws", "wss"]), timeoutMs: positive("timeoutMs") };
    case "heartbeat":
      return { kind: "heartbeat", url: url("url", ["http", "https"]), expectedStatus: status("expectedStatus"), timeoutMs: positive("timeoutMs") };
    default:
      throw new CheckConfigurationError("kind", c.kind, "http, websocket or heartbeat");
  }
}
