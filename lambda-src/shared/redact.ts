/**
 * Makes any value safe to store and log: a total walk (it never throws,
 * whatever it is given) that redacts secrets at any depth and in free text,
 * cuts cycles, depth and size, and turns what JSON or DynamoDB cannot hold
 * (BigInt, non-finite or out-of-range numbers, binary data, Maps, Sets,
 * Symbols, functions, getters that throw) into plain values.
 */
import { attempt } from "./attempt";
import { isLuhnValid } from "./luhn";

/** What a redacted value is replaced with. */
export const REDACTED = "[REDACTED]";

/** Key fragments (lowercase, letters and digits only) whose values are never stored. */
const SECRET_KEY_PARTS = ["password", "passwd", "secret", "token", "authorization", "apikey", "cardnumber", "creditcard", "cvv", "cvc", "ssn", "privatekey", "credential", "cookie", "sessionid"];
const SECRET_KEYS_EXACT = new Set(["pan", "pin", "auth"]);
/**
 * Digit runs inside free text: digits joined by single spaces or dashes, not
 * touching another digit. A run is a card number when its 13-19 digits pass
 * Luhn, or when a part of it that starts and ends on a group boundary does
 * ("ref 1234 4111 1111 1111 1111").
 */
const DIGIT_RUN = /(?<!\d)\d(?:[ -]?\d)*(?!\d)/g;
/** Credentials inside free text. */
const TEXT_SECRETS: readonly [RegExp, string][] = [
  // HTTP bearer and basic credentials.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
  // JSON Web Tokens (header and payload are base64url JSON, so they start "eyJ").
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)?/g, REDACTED],
  // AWS access key ids.
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, REDACTED],
  // Passwords in URLs (scheme://user:password@host) and in key=value text (query strings, connection strings).
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${REDACTED}@`],
  [/\b([A-Za-z0-9_-]*(?:password|passwd|pwd|secret|token|api[_-]?key|credential)[A-Za-z0-9_-]*=)[^\s&;,"']+/gi, `$1${REDACTED}`],
];
/** AWS secret access keys: 40 characters of base64 standing alone, with upper case, lower case and a digit. */
const AWS_SECRET_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

const MAX_DEPTH = 20;
/** Values visited per walk: a bound on time and memory whatever the input's size. */
const MAX_NODES = 5_000;
const MAX_STRING_BYTES = 8 * 1024;
/** DynamoDB numbers: 38 digits of precision, magnitudes from 1e-130 to below 1e126. */
const DYNAMODB_MAX_MAGNITUDE = 9.9999999999999999e125;
const DYNAMODB_MIN_MAGNITUDE = 1e-130;

/** Whether a key names a secret (password, token, card number, ...), compared without case or punctuation: its value is never stored or logged. */
export function isSecretKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_KEYS_EXACT.has(normalised) || SECRET_KEY_PARTS.some((part) => normalised.includes(part));
}

/** Card numbers (Luhn-checked) and credentials in free text replaced by [REDACTED]. */
export function redactText(text: string): string {
  let result = text.replace(DIGIT_RUN, redactCardNumbers);
  for (const [pattern, replacement] of TEXT_SECRETS) result = result.replace(pattern, replacement);
  return result.replace(AWS_SECRET_KEY, (match) => (/[A-Z]/.test(match) && /[a-z]/.test(match) && /\d/.test(match) ? REDACTED : match));
}

/** A digit run with every card number in it redacted: the whole run, or a part of it from one group boundary to another. */
function redactCardNumbers(run: string): string {
  const digits = run.replace(/\D/g, "");
  if (digits.length < 13) return run;
  if (digits.length <= 19 && isLuhnValid(digits)) return REDACTED;
  // Groups of the run, with where each starts: a card inside a longer run starts and ends on a group boundary.
  const groups = [...run.matchAll(/\d+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  if (groups.length < 2) return run;
  for (let first = 0; first < groups.length; first++) {
    for (let last = first; last < groups.length; last++) {
      const span = run.slice(groups[first]!.start, groups[last]!.end);
      const spanDigits = span.replace(/\D/g, "");
      if (spanDigits.length > 19) break;
      if (spanDigits.length >= 13 && isLuhnValid(spanDigits)) {
        return `${run.slice(0, groups[first]!.start)}${REDACTED}${redactCardNumbers(run.slice(groups[last]!.end))}`;
      }
    }
  }
  return run;
}

/** A number as DynamoDB and JSON can hold it: out-of-range, imprecise or non-finite numbers become strings. */
export function storableNumber(value: number): number | string {
  if (!Number.isFinite(value)) return String(value);
  // Below 1e21 (where JavaScript switches to exponents), the exact integer the double holds:
  // 2 ** 60 is "1152921504606846976", not "1152921504606847000".
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= DYNAMODB_MAX_MAGNITUDE || magnitude < DYNAMODB_MIN_MAGNITUDE)) return String(value);
  return value;
}

/** Any value as plain JSON data, secrets redacted; never throws. */
export function redactSecrets(value: unknown): unknown {
  return sanitise(value).value;
}

/** The walk behind redactSecrets; `truncated` tells whether anything was cut (a string, a list, depth). */
function sanitise(value: unknown): { readonly value: unknown; readonly truncated: boolean } {
  let nodes = 0;
  let truncated = false;
  const cut = (marker: string): string => {
    truncated = true;
    return marker;
  };
  const seen = new WeakSet<object>();
  const walk = (node: unknown, depth: number): unknown => {
    nodes += 1;
    switch (typeof node) {
      case "string": {
        const kept = truncateUtf8(node, MAX_STRING_BYTES);
        if (kept !== node) truncated = true;
        return redactText(kept);
      }
      case "number":
        return storableNumber(node);
      case "bigint":
        return node.toString();
      case "boolean":
        return node;
      case "undefined":
        return undefined;
      case "symbol":
        return attempt(() => node.toString(), "[Symbol]");
      case "function":
        return `[Function ${attempt(() => String(node.name || "anonymous"), "anonymous")}]`;
    }
    if (node === null) return null;
    const object = node as object;
    if (seen.has(object)) return "[Circular]";
    if (depth >= MAX_DEPTH) return cut("[MaxDepth]");
    if (nodes > MAX_NODES) return cut("[Truncated]");
    seen.add(object);
    try {
      return walkObject(object, depth);
    } catch (error) {
      return `[Unreadable: ${attempt(() => String((error as Error)?.message ?? error), "error")}]`;
    } finally {
      seen.delete(object);
    }
  };
  const walkObject = (object: object, depth: number): unknown => {
    if (ArrayBuffer.isView(object)) return `[${object.constructor?.name ?? "binary"} ${object.byteLength} bytes]`;
    if (object instanceof ArrayBuffer) return `[ArrayBuffer ${object.byteLength} bytes]`;
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? "Invalid Date" : object.toISOString();
    // A Map or Set of a million entries is read no further than the walk could go.
    if (object instanceof Map) return walkEntries(firstOf(object.entries(), MAX_NODES + 1).map(([k, v]) => [safeKey(k), v] as const), depth);
    if (object instanceof Set) return walkList(firstOf(object.values(), MAX_NODES + 1), depth);
    if (Array.isArray(object)) return walkList(object, depth);
    if (object instanceof Error) {
      const fields = ["name", "message", "stack", "cause"].map((key) => [key, safeGet(object, key)] as const);
      return walkEntries([...fields, ...ownEntries(object)].filter(([, v]) => v !== undefined), depth);
    }
    return walkEntries(ownEntries(object), depth);
  };
  const walkList = (items: readonly unknown[], depth: number): unknown[] => {
    const kept = items.slice(0, Math.max(0, MAX_NODES - nodes));
    const result = kept.map((item) => walk(item, depth + 1));
    if (kept.length < items.length) result.push(cut(`[${items.length - kept.length} more items]`));
    return result;
  };
  const walkEntries = (entries: readonly (readonly [string, unknown])[], depth: number): Record<string, unknown> => {
    // No prototype while filling: a key "__proto__" becomes a plain entry, not a prototype change.
    const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [key, child] of entries) {
      if (nodes > MAX_NODES) {
        result["[truncated]"] = cut(`${entries.length} keys in all`);
        break;
      }
      const safe = isSecretKey(key) ? REDACTED : walk(child, depth + 1);
      if (safe !== undefined) result[key] = safe;
    }
    return { ...result };
  };
  const result = walk(value, 0);
  return { value: result, truncated };
}

function firstOf<T>(items: IterableIterator<T>, count: number): T[] {
  const taken: T[] = [];
  for (const item of items) {
    if (taken.length >= count) break;
    taken.push(item);
  }
  return taken;
}

/**
 * Own enumerable string-keyed properties, each read on its own so a throwing
 * getter spoils only itself; at most MAX_NODES of them, so an object with a
 * million keys costs no more than a large one.
 */
function ownEntries(object: object): [string, unknown][] {
  const keys = Object.keys(object);
  const read = keys.slice(0, MAX_NODES).map((key): [string, unknown] => [key, safeGet(object, key)]);
  if (keys.length > MAX_NODES) read.push(["[truncated]", `${keys.length} keys in all`]);
  return read;
}

function safeGet(object: object, key: string): unknown {
  try {
    return (object as Record<string, unknown>)[key];
  } catch (error) {
    return `[Getter threw: ${attempt(() => String((error as Error)?.message ?? error), "error")}]`;
  }
}

function safeKey(key: unknown): string {
  return typeof key === "string" ? key : attempt(() => String(key), "[key]");
}

/** Redacts, then caps the JSON size; a larger event is kept as a prefix of its JSON text. */
export function sanitiseEvent(event: unknown, maxBytes: number): { readonly event: unknown; readonly truncated: boolean } {
  const { value: redacted, truncated } = sanitise(event);
  const json = JSON.stringify(redacted) ?? "null";
  if (Buffer.byteLength(json, "utf8") <= maxBytes) return { event: redacted, truncated };
  return { event: truncateUtf8(json, maxBytes), truncated: true };
}

/** Marks where text was cut, and how long it was. */
export const TRUNCATION_MARKER = "…[truncated]";

/** At most `maxBytes` of UTF-8, marked with TRUNCATION_MARKER when cut; never splits a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  // A UTF-16 unit is at most 3 bytes of UTF-8: most strings need no encoding at all.
  if (text.length * 3 <= maxBytes) return text;
  // At most maxBytes units can fit, so a 10 MB string costs no more than a short one.
  const head = text.length > maxBytes ? text.slice(0, maxBytes) : text;
  const bytes = Buffer.from(head, "utf8");
  if (head === text && bytes.length <= maxBytes) return text;
  const room = Math.max(0, maxBytes - Buffer.byteLength(TRUNCATION_MARKER));
  // Drop a partial trailing character rather than store invalid UTF-8.
  return `${bytes.subarray(0, room).toString("utf8").replace(/\uFFFD+$/, "")}${TRUNCATION_MARKER}`;
}
