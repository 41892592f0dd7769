/**
 * Makes an event safe to store: secrets replaced at any depth, cycles and
 * deep nesting cut, and the whole capped in size.
 */
import { isLuhnValid } from "./luhn";

export const REDACTED = "[REDACTED]";

/** Key fragments (lowercase, letters and digits only) whose values are never stored. */
const SECRET_KEY_PARTS = ["password", "passwd", "secret", "token", "authorization", "apikey", "cardnumber", "creditcard", "cvv", "cvc", "ssn", "privatekey", "credential", "cookie", "sessionid"];
const SECRET_KEYS_EXACT = new Set(["pan", "pin", "auth"]);
/** Card numbers inside free text: 13-19 digits, optionally grouped, checked with Luhn. */
const CARD_NUMBER = /\b(?:\d[ -]?){12,18}\d\b/g;
const MAX_DEPTH = 20;

export function isSecretKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_KEYS_EXACT.has(normalised) || SECRET_KEY_PARTS.some((part) => normalised.includes(part));
}

export function redactSecrets(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === "string") return redactCardNumbers(node);
    if (typeof node === "bigint") return node.toString();
    if (node === null || typeof node !== "object") return typeof node === "function" || typeof node === "symbol" ? undefined : node;
    if (seen.has(node)) return "[Circular]";
    if (depth >= MAX_DEPTH) return "[MaxDepth]";
    seen.add(node);
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    if (node instanceof Date) return node.toISOString();
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => [key, isSecretKey(key) ? REDACTED : walk(child, depth + 1)]),
    );
  };
  return walk(value, 0);
}

/** Redacts, then caps the JSON size; a larger event is kept as a prefix of its JSON text. */
export function sanitiseEvent(event: unknown, maxBytes: number): { readonly event: unknown; readonly truncated: boolean } {
  const redacted = redactSecrets(event);
  const json = JSON.stringify(redacted) ?? "null";
  if (Buffer.byteLength(json, "utf8") <= maxBytes) return { event: redacted, truncated: false };
  return { event: truncateUtf8(json, maxBytes), truncated: true };
}

export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  // Drop a partial trailing character rather than store invalid UTF-8.
  return bytes.subarray(0, maxBytes).toString("utf8").replace(/\uFFFD+$/, "");
}

function redactCardNumbers(text: string): string {
  return text.replace(CARD_NUMBER, (match) => (isLuhnValid(match.replace(/\D/g, "")) ? REDACTED : match));
}
