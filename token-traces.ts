/**
 * cdktf's token traces, kept cheap. Apart from main.ts so that tests can
 * install the formatter without loading the app.
 */
/** How many frames of a token's creation trace are kept: enough to find the line that made it. */
export const TOKEN_TRACE_FRAMES = 10;

/**
 * Runs `work` (a synth) with cdktf's token traces kept cheap. cdktf records
 * the full stack trace of every token it creates, 40,000 of them for a
 * 500-function estate, and formatting them (through source maps, when tsx
 * runs the app) cost more than a second. They are shown only in cdktf's
 * message about a token it cannot resolve, so inside `work` a token's trace
 * keeps its first TOKEN_TRACE_FRAMES frames, not source-mapped. A real
 * error's trace is untouched: V8 formats it when it is first read, and that
 * is after `work`, with source maps as they were, or through whatever
 * formatter was installed before (jest's).
 */
export function withCheapTokenTraces<T>(work: () => T): T {
  const previous = Error.prepareStackTrace;
  const sourceMaps = process.sourceMapsEnabled;
  Error.prepareStackTrace = cheapTokenTraces(previous);
  process.setSourceMapsEnabled(false);
  try {
    return work();
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
    Error.prepareStackTrace = previous;
  }
}

/** A stack trace formatter that shortens cdktf's token traces and leaves errors to `previous` (or V8's format). */
export function cheapTokenTraces(previous: ErrorConstructor["prepareStackTrace"]): NonNullable<ErrorConstructor["prepareStackTrace"]> {
  return (error: unknown, frames: NodeJS.CallSite[]) => {
    // cdktf captures a token's trace on a plain object; anything else is an error being read inside `work`.
    if (error instanceof Error) return previous ? previous(error, frames) : [String(error), ...frames].join("\n    at ");
    return `\n    at ${frames.slice(0, TOKEN_TRACE_FRAMES).join("\n    at ")}`;
  };
}
