/**
 * Invalid input: the caller's mistake, not the function's. The wrapper turns
 * it into a response and counts it apart from system errors; it is not
 * written to the error table and does not fail the invocation.
 */
export class ClientError extends Error {
  /** What was wrong with the input, one line per problem. */
  readonly issues: readonly string[];

  constructor(message: string, issues: readonly string[] = []) {
    super(issues.length > 0 ? `${message}: ${issues.join("; ")}` : message);
    this.name = "ClientError";
    this.issues = issues;
  }
}

/** The response a handler returns for a ClientError. */
export interface ClientErrorResponse {
  /** Always false. */
  readonly ok: false;
  /** What was wrong with the input. */
  readonly error: { readonly type: "ClientError"; readonly message: string; readonly issues: readonly string[] };
}

/** The response body for a `ClientError`: `ok: false` with its message and issues. */
export function clientErrorResponse(error: ClientError): ClientErrorResponse {
  return { ok: false, error: { type: "ClientError", message: error.message, issues: error.issues } };
}

/** A required environment variable is missing or malformed: the function cannot start. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigurationError";
  }
}
