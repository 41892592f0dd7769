/**
 * How cdktf encodes a token in a plain value, for walks that hand cdktf's
 * resolve only the values that may hold one (the dashboards' widget trees,
 * and the app's synth). Each test may say yes to a value that holds no
 * token, never no to one that does.
 */
import { Token } from "cdktf";

/**
 * A string token or list token; text that cdktf's number-token pattern
 * matches (a number token reads as a double beyond 1e+289 in a string, and
 * cdktf looks up every match); or a map token's marker.
 */
export function mayHoldToken(text: string): boolean {
  return /TfToken\[|[-|\d.+]e[-|\d.eE+]/.test(text) || text === Token.STRING_MAP_TOKEN_VALUE || text === Token.ANY_MAP_TOKEN_VALUE;
}

/** A number token, a number list token, or a map token's marker. */
export function isNumberToken(n: number): boolean {
  return Token.isUnresolved(n) || Token.isUnresolved([n]) || n === Token.NUMBER_MAP_TOKEN_VALUE;
}

/** An item that makes cdktf resolve its array as a list (or that cdktf resolves in it). */
export function isListToken(item: unknown): boolean {
  return (typeof item === "string" && item.includes("#{TfToken[")) || (typeof item === "number" && isNumberToken(item));
}

/** An object cdktf walks key by key (a Date or a class instance it treats otherwise, or refuses). */
export function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
