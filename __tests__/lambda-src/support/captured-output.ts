/**
 * Captures what the function writes to stdout and stderr (its CloudWatch
 * log), as parsed JSON lines: Powertools' structured logs and EMF metrics.
 */
export interface CapturedOutput {
  readonly lines: () => Record<string, unknown>[];
  /** Everything written, as it was written: what a search of the log would see. */
  readonly text: () => string;
  readonly restore: () => void;
}

export function captureOutput(): CapturedOutput {
  const raw: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, "write").mockImplementation(((chunk: string | Uint8Array) => {
      raw.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    }) as typeof stream.write),
  );
  return {
    text: () => raw.join(""),
    lines: () =>
      raw
        .join("")
        .split("\n")
        .filter((line) => line.trim().startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

/** The EMF blobs among the lines: those carrying CloudWatch metric directives. */
export function emfLines(lines: Record<string, unknown>[]): EmfLine[] {
  return lines.filter((line) => typeof line._aws === "object") as EmfLine[];
}

export interface EmfLine {
  readonly _aws: { readonly Timestamp: number; readonly CloudWatchMetrics: { readonly Namespace: string; readonly Dimensions: string[][]; readonly Metrics: { readonly Name: string; readonly Unit: string }[] }[] };
  readonly [key: string]: unknown;
}
