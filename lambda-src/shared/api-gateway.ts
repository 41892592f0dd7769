/**
 * Handlers that answer both direct invocations and API Gateway proxy events
 * (HTTP API payload 2.0, WebSocket): the event's JSON body is what the
 * business handler sees, its result is the 200 response's body, and invalid
 * input is a 400 whose body is the ClientError response (withErrorCapture
 * answers it). A system error is thrown as always: API Gateway answers 500
 * and counts it in its 5xx metric.
 */
import type { Context } from "aws-lambda";
import { ClientError, clientErrorResponse } from "./errors";
import type { InvocationTools } from "./with-error-capture";

/** What an API Gateway proxy integration returns: status, headers and body. */
export interface ProxyResponse {
  /** The HTTP status code. */
  readonly statusCode: number;
  /** The response headers. @default none */
  readonly headers?: Readonly<Record<string, string>>;
  /** The response body, JSON. @default empty */
  readonly body?: string;
}

type ApiEvent =
  | { readonly kind: "http"; readonly body: string | undefined; readonly isBase64Encoded: boolean }
  | { readonly kind: "websocket"; readonly eventType: string; readonly body: string | undefined; readonly isBase64Encoded: boolean };

const JSON_HEADERS = { "content-type": "application/json" } as const;

/** The API Gateway event this is, or undefined for a direct invocation. */
export function apiGatewayEvent(event: unknown): ApiEvent | undefined {
  if (typeof event !== "object" || event === null) return undefined;
  const e = event as { version?: unknown; requestContext?: { http?: unknown; connectionId?: unknown; eventType?: unknown }; body?: unknown; isBase64Encoded?: unknown };
  const body = typeof e.body === "string" ? e.body : undefined;
  const isBase64Encoded = e.isBase64Encoded === true;
  if (e.version === "2.0" && typeof e.requestContext?.http === "object") return { kind: "http", body, isBase64Encoded };
  if (typeof e.requestContext?.connectionId === "string" && typeof e.requestContext.eventType === "string") {
    return { kind: "websocket", eventType: e.requestContext.eventType, body, isBase64Encoded };
  }
  return undefined;
}

/** Lets `handler` take its input from an API Gateway event's body as well as directly. */
export function acceptingApiGateway<TResult>(
  handler: (input: unknown, context: Context, tools: InvocationTools) => Promise<TResult>,
): (event: unknown, context: Context, tools: InvocationTools) => Promise<TResult | ProxyResponse> {
  return async (event, context, tools) => {
    const api = apiGatewayEvent(event);
    if (!api) return handler(event, context, tools);
    // Connecting and disconnecting carry no message: accept them.
    if (api.kind === "websocket" && api.eventType !== "MESSAGE") return { statusCode: 200 };
    const result = await handler(parseBody(api), context, tools);
    return { statusCode: 200, headers: JSON_HEADERS, body: JSON.stringify(result) };
  };
}

/** withErrorCapture's answer to invalid input: a 400 proxy response to API Gateway, the plain ClientError response otherwise. */
export function clientErrorAnswer(error: ClientError, event: unknown): unknown {
  const response = clientErrorResponse(error);
  return apiGatewayEvent(event) ? ({ statusCode: 400, headers: JSON_HEADERS, body: JSON.stringify(response) } satisfies ProxyResponse) : response;
}

function parseBody(api: ApiEvent): unknown {
  if (api.body === undefined || api.body === "") throw new ClientError("Invalid input", ["body: a JSON body is required"]);
  const text = api.isBase64Encoded ? Buffer.from(api.body, "base64").toString("utf8") : api.body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ClientError("Invalid input", ["body: not a JSON document"]);
  }
}
