/**
 * cdktf's token traces, kept cheap.
 *
 * cdktf records the stack trace of every token it creates (40,000 of them
 * for a 500-function estate): all frames, formatted at once, through source
 * maps when tsx or jest runs the code. That cost more than the rest of a
 * small synth. The traces are shown only in cdktf's message about a token it
 * cannot resolve, and the line that made the token is within the first few
 * frames, so while these hooks are in:
 *   - a token's trace is captured TOKEN_TRACE_FRAMES frames deep, and
 *     formatted without source maps;
 *   - an error's trace is untouched: captured as usual, and formatted by the
 *     formatter that was there before (jest's), or by V8 when it is read,
 *     which is after a synth, with source maps as they were.
 *
 * Apart from main.ts so that tests can install it without loading the app.
 */

/** How many frames of a token's creation trace are kept: enough to find the line that made it. */
export const TOKEN_TRACE_FRAMES = 10;

/** Runs `work` (a synth) with the hooks in. */
export function withCheapTokenTraces<T>(work: () => T): T {
  const uninstall = installCheapTokenTraces();
  try {
    return work();
  } finally {
    uninstall();
  }
}

/** Puts the hooks in until the returned function is called. */
export function installCheapTokenTraces(): () => void {
  const { captureStackTrace, prepareStackTrace } = Error;
  const sourceMaps = process.sourceMapsEnabled;
  Error.captureStackTrace = (...[target, below]: Parameters<ErrorConstructor["captureStackTrace"]>) => {
    if (!isTokenTrace(target)) return captureStackTrace(target, below);
    // cdktf raised the limit to the maximum just before this call.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = TOKEN_TRACE_FRAMES;
    try {
      captureStackTrace(target, below);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
    if (isTokenTrace(error)) return `\n    at ${frames.join("\n    at ")}`;
    return prepareStackTrace ? prepareStackTrace(error as Error, frames) : [String(error), ...frames].join("\n    at ");
  };
  process.setSourceMapsEnabled(false);
  return () => {
    Error.captureStackTrace = captureStackTrace;
    Error.prepareStackTrace = prepareStackTrace;
    process.setSourceMapsEnabled(sourceMaps);
  };
}

/** cdktf captures a token's trace on a plain `{ stack: "" }`; an error, of whatever realm, is no plain object. */
function isTokenTrace(target: unknown): boolean {
  return typeof target === "object" && target !== null && Object.getPrototypeOf(target) === Object.prototype;
}
