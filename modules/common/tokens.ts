/**
 * How cdktf encodes a token in a plain value, for walks that hand cdktf's
 * resolve only the values that may hold one (the dashboards' widget trees,
 * and the app's synth). Each test may say yes to a value that holds no
 * token, never no to one that does.
 */
import { Token } from "cdktf";

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
export function mayHoldToken(text: string): boolean {
  return text === STRING_MAP_TOKEN_VALUE || text === ANY_MAP_TOKEN_VALUE || /TfToken\[|[-|\d.+]e[-|\d.eE+]/.test(text);
}

/** A number token, a number list token, or a map token's marker. */
export function isNumberToken(n: number): boolean {
  if (n > LARGEST_NUMBER_TOKEN) return n === NUMBER_MAP_TOKEN_VALUE;
  return isUnresolved(n) || isUnresolved([n]);
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
