/**
 * Runs `work` and returns its result, or `fallback` if it throws. For the
 * code that must never throw whatever it is handed: error capture, redaction,
 * tracing, and logging as the last resort.
 */
export function attempt<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch {
    return fallback;
  }
}
