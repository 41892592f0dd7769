import { Tokenization, type IResolveContext } from "cdktf";
import { isListToken, isNumberToken, isPlainObject, mayHoldToken } from "../common/tokens";

/**
 * A page's widget tree, resolved: the same value as `context.resolve(tree)`,
 * in about half the time. cdktf's resolve makes a context for every value it
 * passes and tests every string for three kinds of token; the 17 pages of a
 * 500-function estate hold 4.4 MB of widgets and 6,500 alarm ARNs, and each
 * page is resolved twice a synth (the preparing pass and the final one).
 *
 * This walk handles plain JSON itself and hands cdktf every value that could
 * hold a token, or that is anything but plain JSON, so that what cdktf
 * resolves, and every error it raises, stays its own:
 * - a string with an encoded token (`${TfToken[..]}`, `#{TfToken[..]}`),
 *   with a number in exponent notation (as a number token reads in a
 *   string), or that is a map token's marker;
 * - a number token; an array holding a list token; an object that is a
 *   token, has a token in a key (a map token does) or is not a plain object
 *   (a Date, a construct);
 * - a function, a symbol or a bigint.
 * Like cdktf, it leaves out `undefined` object values and array items.
 */
export function resolveTokens(value: unknown, context: IResolveContext): unknown {
  switch (typeof value) {
    case "string":
      return mayHoldToken(value) ? context.resolve(value) : value;
    case "number":
      return isNumberToken(value) ? context.resolve(value) : value;
    case "boolean":
    case "undefined":
      return value;
    case "object":
      if (value === null) return null;
      if (Array.isArray(value)) return value.some(isListToken) ? context.resolve(value) : resolveItems(value, context);
      return isPlainObject(value) && !Tokenization.isResolvable(value) && !Object.keys(value).some(mayHoldToken) ? resolveEntries(value, context) : context.resolve(value);
    default:
      return context.resolve(value);
  }
}

function resolveItems(items: readonly unknown[], context: IResolveContext): unknown[] {
  const resolved: unknown[] = [];
  for (const item of items) {
    const value = resolveTokens(item, context);
    if (value !== undefined) resolved.push(value);
  }
  return resolved;
}

function resolveEntries(object: Record<string, unknown>, context: IResolveContext): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const value = resolveTokens(object[key], context);
    if (value !== undefined) resolved[key] = value;
  }
  return resolved;
}
