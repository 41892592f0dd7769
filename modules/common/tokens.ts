/**
 * A walk that resolves a tree as cdktf's resolve does, handing cdktf only the
 * values that may hold a token: the dashboards' widget trees
 * (dashboard/resolve-tokens.ts) and, in the reference app, every value of a
 * synth (fast-resolve.ts). cdktf's resolve makes a context for every value
 * it passes and tests every string and key against three regular
 * expressions, and almost no value holds a token.
 *
 * The tests below of how cdktf encodes a token may say yes to a value that
 * holds no token, never no to one that does.
 */
import { Token, Tokenization } from "cdktf";

/** cdktf refuses to go deeper (its error for a circular reference): deeper values are handed over, so that it does. */
const CDKTF_MAX_DEPTH = 200;

/**
 * `value` resolved: plain JSON walked here, and every value that may hold a
 * token, or that is anything but plain JSON, replaced by what `handOver`
 * (cdktf's resolve) gives for it at its path. So what a token resolves to,
 * and every error, stays cdktf's. Handed over:
 * - a string with an encoded token (`${TfToken[..]}`, `#{TfToken[..]}`),
 *   text that cdktf's number-token pattern matches, or a map token's marker;
 * - a number token; an array holding a list token; an object that is a
 *   token, has a token in a key (a map token does) or is not a plain object
 *   (a Date, a construct);
 * - a function, a symbol or a bigint; anything deeper than cdktf goes.
 * Like cdktf, it leaves out `undefined` object values and array items.
 * @param path where `value` stands (cdktf's prefix); restored on return
 */
export function resolvePlainJson(value: unknown, handOver: (value: unknown, path: readonly string[]) => unknown, path: string[] = []): unknown {
  if (path.length > CDKTF_MAX_DEPTH) return handOver(value, path);
  switch (typeof value) {
    case "string":
      return mayHoldToken(value) ? handOver(value, path) : value;
    case "number":
      return isNumberToken(value) ? handOver(value, path) : value;
    case "boolean":
    case "undefined":
      return value;
    case "object":
      if (value === null) return null;
      if (Array.isArray(value)) return value.some(isListToken) ? handOver(value, path) : resolveItems(value, handOver, path);
      if (!isPlainObject(value) || Tokenization.isResolvable(value) || Object.keys(value).some(mayHoldToken)) return handOver(value, path);
      return resolveEntries(value, handOver, path);
    default:
      return handOver(value, path);
  }
}

function resolveItems(items: readonly unknown[], handOver: (value: unknown, path: readonly string[]) => unknown, path: string[]): unknown[] {
  const resolved: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    path.push(`${i}`);
    const item = resolvePlainJson(items[i], handOver, path);
    path.pop();
    if (item !== undefined) resolved.push(item);
  }
  return resolved;
}

function resolveEntries(object: Record<string, unknown>, handOver: (value: unknown, path: readonly string[]) => unknown, path: string[]): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    path.push(key);
    const value = resolvePlainJson(object[key], handOver, path);
    path.pop();
    if (value !== undefined) resolved[key] = value;
  }
  return resolved;
}

// Read once: each read of an import from a compiled-in package goes through a getter, and these are read for every value a synth walks.
const { STRING_MAP_TOKEN_VALUE, ANY_MAP_TOKEN_VALUE, NUMBER_MAP_TOKEN_VALUE } = Token;
const isUnresolved = (value: unknown): boolean => Token.isUnresolved(value);
/**
 * cdktf encodes a number token as a negative double whose top 16 bits are a
 * marker (0xFDFF, or 0xFBFF in a list): at most -2^960. No number above it
 * can be one.
 */
const LARGEST_NUMBER_TOKEN = -(2 ** 960);

/**
 * A string token or list token; text that cdktf's number-token pattern
 * matches (a number token reads as a double beyond 1e+289 in a string, and
 * cdktf looks up every match); or a map token's marker.
 */
function mayHoldToken(text: string): boolean {
  return text === STRING_MAP_TOKEN_VALUE || text === ANY_MAP_TOKEN_VALUE || /TfToken\[|[-|\d.+]e[-|\d.eE+]/.test(text);
}

/** A number token, a number list token, or a map token's marker. */
function isNumberToken(n: number): boolean {
  if (n > LARGEST_NUMBER_TOKEN) return n === NUMBER_MAP_TOKEN_VALUE;
  return isUnresolved(n) || isUnresolved([n]);
}

/** An item that makes cdktf resolve its array as a list (or that cdktf resolves in it). */
function isListToken(item: unknown): boolean {
  return (typeof item === "string" && item.includes("#{TfToken[")) || (typeof item === "number" && isNumberToken(item));
}

/** An object cdktf walks key by key (a Date or a class instance it treats otherwise, or refuses). */
function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Which of cdktf's token encodings `text` holds, or undefined: a string,
 * list or map token's marker (`${TfToken[`, `#{TfToken[`, `&{TfToken[`),
 * a map token's value, or text that cdktf's number-token pattern matches
 * and that reads as a number token's double. cdktf resolves every such
 * marker in any string it synthesizes: in text a user wrote, one would
 * become another resource's value, or fail the synth with cdktf's stack
 * trace. For configuration and props to refuse.
 */
export function tokenMarkerIn(text: string): string | undefined {
  const marker = /[$#&]\{TfToken\[/.exec(text);
  if (marker) return marker[0];
  for (const value of [STRING_MAP_TOKEN_VALUE, ANY_MAP_TOKEN_VALUE]) if (text.includes(value)) return value;
  for (const [number] of text.matchAll(/[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g)) {
    if (Number.parseFloat(number) <= LARGEST_NUMBER_TOKEN) return number;
  }
  return undefined;
}
