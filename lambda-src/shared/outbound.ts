/**
 * Redaction at the edge: every response the wrapper returns and every log
 * line it writes passes through here, so no handler has to remember it.
 *
 * Two kinds of secret are removed:
 * - what can be recognised anywhere (card numbers, bearer tokens, JWTs, AWS
 *   keys, passwords in URLs: redactText), and values under keys named like
 *   secrets (isSecretKey);
 * - what can only be known from the input: the values the event carries under
 *   secret-named keys (a `password`, a `pushToken`, an `authorization`
 *   header), at any depth and inside JSON request bodies. An answer or a log
 *   line that echoes one of them, under whatever name, has it replaced.
 */
import { attempt } from "./attempt";
import { isSecretKey, REDACTED, redactText } from "./redact";

/**
 * Shorter values are not looked for in the output: a 3-digit CVV or a claim
 * such as `token_use: "access"` would match ordinary text ("123" in an
 * amount, "access" in a message) and corrupt answers. Values this short are
 * still redacted wherever they stand under a secret-named key.
 */
export const MIN_ECHOED_SECRET_LENGTH = 8;

const MAX_DEPTH = 64;
/** Values read from the event per walk: the taint set costs no more for a huge event than for a large one. */
const MAX_NODES = 10_000;

/** What is redacted from one invocation's output. */
export interface OutboundRedactor {
  /** A value as it may leave: strings redacted, secret-named keys' values replaced, the shape kept. Never throws. */
  value<T>(value: T): T;
  /** A Lambda result as it may leave: a proxy response's JSON body redacted inside. Never throws. */
  response<T>(result: T): T;
}

/** The redactor for an invocation with this event. */
export function outboundRedactor(event: unknown): OutboundRedactor {
  const secrets = attempt(() => secretValuesIn(event), []);
  const text = (input: string): string => {
    let result = redactText(input);
    for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    return result;
  };
  // What cannot be serialised (a cycle, a BigInt) is passed on as it is: Lambda and the logger cannot send it either, and their error names no value.
  const value = <T>(input: T): T => attempt(() => redactValue(input, text), input);
  return { value, response: <T>(result: T): T => attempt(() => redactResponse(result, text, value), result) };
}

/** The strings the event holds under secret-named keys (and their words, for "Bearer <token>"), longest first. */
export function secretValuesIn(event: unknown): string[] {
  const found = new Set<string>();
  let nodes = 0;
  const seen = new WeakSet<object>();
  const add = (secret: string) => {
    for (const candidate of [secret, ...secret.split(/\s+/)]) if (candidate.length >= MIN_ECHOED_SECRET_LENGTH) found.add(candidate);
  };
  const walk = (node: unknown, secret: boolean, depth: number): void => {
    nodes += 1;
    if (nodes > MAX_NODES || depth > MAX_DEPTH) return;
    if (typeof node === "string") {
      if (secret) add(node);
      const body = parsedJson(node);
      if (body !== undefined) walk(body, secret, depth + 1);
      return;
    }
    if (typeof node === "number" || typeof node === "bigint") {
      if (secret) add(String(node));
      return;
    }
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node.slice(0, MAX_NODES)) walk(item, secret, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record).slice(0, MAX_NODES)) {
      const child = attempt(() => record[key], undefined);
      // An API Gateway body may be base64: its secrets are those of the decoded text.
      const decoded = key === "body" && typeof child === "string" && attempt(() => record.isBase64Encoded === true, false) ? Buffer.from(child, "base64").toString("utf8") : child;
      walk(decoded, secret || isSecretKey(key), depth + 1);
    }
  };
  walk(event, false, 0);
  // Longest first: a secret that contains another is replaced whole.
  return [...found].sort((a, b) => b.length - a.length);
}

/** A JSON object or array held in a string (a request body), or undefined. */
function parsedJson(text: string): unknown {
  const start = text.trimStart()[0];
  if (start !== "{" && start !== "[") return undefined;
  return attempt(() => JSON.parse(text) as unknown, undefined);
}

/**
 * The value as Lambda would send it (its JSON form), redacted. Strings are
 * redacted; keys too (a key may echo input); numbers, booleans and the
 * shape stay as they are.
 */
function redactValue<T>(input: T, text: (s: string) => string): T {
  if (input === undefined) return input;
  const json = JSON.stringify(input) as string | undefined;
  if (json === undefined) return input;
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === "string") return text(node);
    if (typeof node !== "object" || node === null) return node;
    if (depth > MAX_DEPTH) return REDACTED;
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      Object.defineProperty(result, text(key), { value: isSecretKey(key) && child !== null && typeof child !== "object" ? REDACTED : walk(child, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return result;
  };
  return walk(JSON.parse(json), 0) as T;
}

/** A proxy response's body is JSON text: redacted as a value when it parses, as text otherwise. */
function redactResponse<T>(result: T, text: (s: string) => string, value: <V>(v: V) => V): T {
  if (typeof result !== "object" || result === null || !("statusCode" in result)) return value(result);
  const proxy = result as { body?: unknown };
  if (typeof proxy.body !== "string") return value(result);
  const parsed = attempt(() => JSON.parse(proxy.body as string) as unknown, undefined);
  const body = parsed === undefined ? text(proxy.body) : JSON.stringify(value(parsed));
  return { ...value({ ...result, body: "" }), body } as T;
}
