import { ValidationError } from "./errors";

/**
 * Construct-time checks. Each throws one error, written from the user's side:
 * which construct, which prop, the bad value, and what is allowed.
 */
export class InvalidPropsError extends ValidationError {
  /**
   * @param construct - where: the construct or method
   * @param prop - the field, as the user wrote it
   * @param value - the bad value
   * @param allowed - what is allowed instead
   * @param verb - how the field relates to the value: `is` (the default), or e.g. `has an unknown key`
   */
  constructor(construct: string, prop: string, value: unknown, allowed: string, verb = "is") {
    super(`${construct}: ${prop} ${verb} ${formatValue(value)}; allowed: ${allowed}.`);
  }
}

/** A value as the user wrote it: JSON where JSON can say it, NaN and Infinity as themselves, long values cut. */
export function formatValue(value: unknown): string {
  const text = typeof value === "number" && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function requireMaxLength(construct: string, prop: string, value: string, max: number): void {
  if (value.length > max) throw new InvalidPropsError(construct, prop, value, `at most ${max} characters (it has ${value.length})`);
}

export function requireIntegerInRange(construct: string, prop: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidPropsError(construct, prop, value, `an integer from ${min} to ${max}`);
  }
}

export function requireMatch(construct: string, prop: string, value: string, pattern: RegExp, allowed: string): void {
  if (!pattern.test(value)) throw new InvalidPropsError(construct, prop, value, allowed);
}
