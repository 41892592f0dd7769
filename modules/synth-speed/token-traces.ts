/**
 * cdktf's token traces, kept cheap, or not kept until they are needed.
 *
 * cdktf records the stack trace of every token it creates (40,000 of them
 * for a 500-function estate): all frames, formatted at once, through source
 * maps when tsx or jest runs the code. That cost more than the rest of a
 * small synth. The traces are shown only in cdktf's message about a token it
 * cannot resolve, and the line that made the token is within the first few
 * frames, so while these hooks are in:
 *   - a token's trace is captured TOKEN_TRACE_FRAMES frames deep, and
 *     formatted without source maps; or, with 0 frames, not captured at all;
 *   - an error's trace is untouched: captured as usual, and formatted by the
 *     formatter that was there before (jest's), or by V8 when it is read,
 *     which is after a synth, with source maps as they were.
 *
 * Even 10 frames a token took a second of the 500-function synth, so the app
 * synthesizes without them (withTokenTracesOnFailure), and only a synth that
 * fails runs again with them, so that cdktf's message names the line that
 * made the token. A synth is deterministic: the second run fails the same way.
 * The traces of construct metadata (cdktf's annotations: warnings, errors)
 * are captured on the same plain objects, so they are left out too; their
 * messages are not. This app adds none.
 *
 * Part of the package, opt-in (runApp's `fastSynth`); the reference app and
 * the tests install it from here.
 */

/** How many frames of a token's creation trace are kept: enough to find the line that made it. */
export const TOKEN_TRACE_FRAMES = 10;

/**
 * Runs `work` (a synth, which must build its app anew each time it is called)
 * without token traces. Should it throw, it runs again with them, and what
 * that run throws is thrown: the same error, with the trace of each token
 * cdktf names in it. Should the second run not throw, the first error is.
 * An error that `tracesCannotHelp` (a configuration mistake, say) is thrown
 * as it is, without a second run.
 */
export function withTokenTracesOnFailure<T>(work: () => T, tracesCannotHelp: (error: unknown) => boolean = () => false): T {
  try {
    return withCheapTokenTraces(work, 0);
  } catch (error) {
    if (!tracesCannotHelp(error)) withCheapTokenTraces(work);
    throw error;
  }
}

/** Runs `work` (a synth) with the hooks in, keeping `frames` frames of each token's trace. */
export function withCheapTokenTraces<T>(work: () => T, frames: number = TOKEN_TRACE_FRAMES): T {
  const uninstall = installCheapTokenTraces(frames);
  try {
    return work();
  } finally {
    uninstall();
  }
}

/** Puts the hooks in until the returned function is called. */
export function installCheapTokenTraces(frames: number = TOKEN_TRACE_FRAMES): () => void {
  const { captureStackTrace, prepareStackTrace } = Error;
  const sourceMaps = process.sourceMapsEnabled;
  Error.captureStackTrace = (...[target, below]: Parameters<ErrorConstructor["captureStackTrace"]>) => {
    if (!isTokenTrace(target)) return captureStackTrace(target, below);
    // cdktf reads an empty trace as none (its holder starts as { stack: "" }).
    if (frames === 0) return;
    // cdktf raised the limit to the maximum just before this call.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = frames;
    try {
      captureStackTrace(target, below);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  Error.prepareStackTrace = (error: unknown, callSites: NodeJS.CallSite[]) => {
    if (isTokenTrace(error)) return `\n    at ${callSites.join("\n    at ")}`;
    return prepareStackTrace ? prepareStackTrace(error as Error, callSites) : [String(error), ...callSites].join("\n    at ");
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
