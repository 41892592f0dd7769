/**
 * What a canary checks, as the construct writes it into the canary's
 * CANARY_CHECK variable for the canary code (lambda-src/canaries/check.ts
 * reads the same shape; a test holds the two names together).
 */

/** The variable the canary code reads its check from. */
export const CANARY_CHECK_VARIABLE = "CANARY_CHECK";

/** Response assertions; each one given must hold. */
export interface CanaryAssertions {
  /** Each string appears in the body. @default none */
  readonly bodyContains?: readonly string[];
  /** The JSON body has these values at these dotted paths (`ok`, `data.country`). @default none */
  readonly jsonEquals?: Readonly<Record<string, string | number | boolean | null>>;
}

/** An HTTP API route or REST method, called as a client would. */
export interface HttpRouteCanary {
  /** An HTTP route or REST method. */
  readonly kind: "http";
  /** The canary's name: 1-21 lowercase letters, digits, _ or -, e.g. `payments-production`. */
  readonly name: string;
  /** The full URL of the route, e.g. the stage's invoke URL and the path. */
  readonly url: string;
  /** e.g. `POST`. */
  readonly method: string;
  /** Sent as JSON. @default no body */
  readonly body?: unknown;
  /** The HTTP status a passing run gets. @default 200 */
  readonly expectedStatus?: number;
  /** What the response must also hold (body text, JSON fields); a run fails if any does not. @default none: the status alone */
  readonly assertions?: CanaryAssertions;
  /**
   * A JWT-authorised route: the canary signs in as its own user of the pool at
   * run time, from an SSM SecureString parameter holding
   * `{"username": ..., "password": ...}` (the team puts it there; its value is
   * never in the repository or the Terraform JSON).
   * @default no token (a public route)
   */
  readonly jwt?: { readonly parameterName: string; readonly clientId: string };
}

/** A WebSocket API: connect, send a message, expect an answer. */
export interface WebSocketCanary {
  /** A WebSocket API. */
  readonly kind: "websocket";
  /** 1-21 lowercase letters, digits, _ or -. */
  readonly name: string;
  /** `wss://.../<stage>`. */
  readonly url: string;
  /** Sent as JSON once connected. */
  readonly message: unknown;
  /** The answer contains this text, e.g. `"ok":true`. */
  readonly expectReply: string;
  /**
   * $connect takes IAM: the canary signs the connect request with its role's
   * credentials, and its role may invoke exactly this ARN.
   * @default no signing (an open $connect)
   */
  readonly iam?: { readonly connectArn: string };
}

/** Any URL answering GET with a status. */
export interface HeartbeatCanary {
  /** A URL answering GET. */
  readonly kind: "heartbeat";
  /** 1-21 lowercase letters, digits, _ or -. */
  readonly name: string;
  /** The URL called with GET, e.g. `https://status.example.com/`. */
  readonly url: string;
  /** The HTTP status a passing run gets. @default 200 */
  readonly expectedStatus?: number;
}

/** One canary: what it calls and what it expects. */
export type CanarySpec = HttpRouteCanary | WebSocketCanary | HeartbeatCanary;

/** The check's JSON, for the canary's CANARY_CHECK variable. */
export function checkJson(spec: CanarySpec, timeoutMs: number): string {
  switch (spec.kind) {
    case "http":
      return JSON.stringify({
        kind: "http",
        url: spec.url,
        method: spec.method,
        ...(spec.body !== undefined ? { body: spec.body } : {}),
        expectedStatus: spec.expectedStatus ?? 200,
        ...(spec.assertions ? { assertions: spec.assertions } : {}),
        ...(spec.jwt ? { credentials: { kind: "jwt", parameterName: spec.jwt.parameterName, clientId: spec.jwt.clientId } } : {}),
        timeoutMs,
      });
    case "websocket":
      return JSON.stringify({ kind: "websocket", url: spec.url, message: spec.message, expectReply: spec.expectReply, ...(spec.iam ? { signing: "iam" } : {}), timeoutMs });
    case "heartbeat":
      return JSON.stringify({ kind: "heartbeat", url: spec.url, expectedStatus: spec.expectedStatus ?? 200, timeoutMs });
  }
}
