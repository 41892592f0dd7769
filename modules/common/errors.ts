/**
 * The one error type a synth reports as a plain message: a mistake in
 * configuration or props, the user's to fix. Its message names where (the
 * environment or construct), the field, the bad value and what is allowed.
 * main.ts catches exactly this type; anything else is a bug and keeps its
 * stack trace.
 */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
