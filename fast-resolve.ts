/**
 * cdktf's resolve, with the plain JSON around the tokens walked without it.
 *
 * A synth resolves every value of every stack three times: a preparing pass,
 * each element's document, then the merged document. cdktf's resolve makes a
 * context (three closures) and the text of the path for every value it
 * passes, and tests every string, object keys included, against three
 * regular expressions. A 500-function estate holds 267,000 values a pass,
 * and few of them hold a token.
 *
 * While the hook is in, `Tokenization.resolve`, through which a stack
 * resolves all three passes, walks plain JSON itself and hands cdktf's
 * resolve every value that may hold a token, or that is anything but plain
 * JSON (see modules/common/tokens.ts), with the path it stands at. So what a
 * token resolves to, and every error (with the path it names), stays
 * cdktf's. __tests__/scripts/fast-resolve.test.ts holds the two equal for
 * any tree of JSON and tokens, and the app's synth byte-identical.
 *
 * Apart from main.ts so that the benchmark and the CDK Terrain check install
 * it as the app does.
 */
import { Tokenization, type ResolveOptions } from "cdktf";
// The function Tokenization.resolve calls, which takes the path a value stands at (its error messages name it).
import { resolve as resolveAtPath } from "cdktf/lib/tokens/private/resolve";
import { isListToken, isNumberToken, isPlainObject, mayHoldToken } from "./modules/common/tokens";

/** cdktf refuses to go deeper (its error for a circular reference): deeper values are handed to it, so that it does. */
const CDKTF_MAX_DEPTH = 200;

/** Runs `work` (a synth) with the hook in. */
export function withFastResolve<T>(work: () => T): T {
  const uninstall = installFastResolve();
  try {
    return work();
  } finally {
    uninstall();
  }
}

/** Puts the hook in until the returned function is called. */
export function installFastResolve(): () => void {
  const original = Object.getOwnPropertyDescriptor(Tokenization, "resolve")!;
  Tokenization.resolve = (obj: unknown, options: ResolveOptions): unknown => resolveValue(obj, options, []);
  return () => Object.defineProperty(Tokenization, "resolve", original);
}

/** `Tokenization.resolve(value, options)` of a value that stands at `path` (cdktf's prefix); `path` is restored on return. */
function resolveValue(value: unknown, options: ResolveOptions, path: string[]): unknown {
  if (path.length > CDKTF_MAX_DEPTH) return byCdktf(value, options, path);
  switch (typeof value) {
    case "string":
      return mayHoldToken(value) ? byCdktf(value, options, path) : value;
    case "number":
      return isNumberToken(value) ? byCdktf(value, options, path) : value;
    case "boolean":
    case "undefined":
      return value;
    case "object":
      if (value === null) return null;
      if (Array.isArray(value)) return value.some(isListToken) ? byCdktf(value, options, path) : resolveItems(value, options, path);
      if (!isPlainObject(value) || Tokenization.isResolvable(value) || Object.keys(value).some(mayHoldToken)) return byCdktf(value, options, path);
      return resolveEntries(value, options, path);
    default:
      // Functions, symbols, bigints: cdktf's to refuse or keep.
      return byCdktf(value, options, path);
  }
}

/** Like cdktf, leaves out items that resolve to undefined. */
function resolveItems(items: readonly unknown[], options: ResolveOptions, path: string[]): unknown[] {
  const resolved: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    path.push(`${i}`);
    const item = resolveValue(items[i], options, path);
    path.pop();
    if (item !== undefined) resolved.push(item);
  }
  return resolved;
}

/** Like cdktf, leaves out entries whose value resolves to undefined. */
function resolveEntries(object: Record<string, unknown>, options: ResolveOptions, path: string[]): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    path.push(key);
    const value = resolveValue(object[key], options, path);
    path.pop();
    if (value !== undefined) resolved[key] = value;
  }
  return resolved;
}

/** What cdktf's resolve gives for `value` at `path`, called as Tokenization.resolve calls it. */
function byCdktf(value: unknown, options: ResolveOptions, path: readonly string[]): unknown {
  return resolveAtPath(value, { scope: options.scope, resolver: options.resolver, preparing: options.preparing ?? false, prefix: [...path] });
}
