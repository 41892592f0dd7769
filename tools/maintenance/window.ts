/**
 * A maintenance window as CloudWatch data points: 1 for every minute of the
 * window, published ahead of time (CloudWatch takes points up to two hours
 * in the future), and 0 for every minute of that horizon to end one early.
 * The suppressor alarm reads each minute's Minimum, so a 0 always wins.
 */
import { MAX_MAINTENANCE_WINDOW_MINUTES } from "@serverless-monitoring/constructs";
import { ToolError } from "../common/cli";

export interface DataPoint {
  readonly timestamp: Date;
  readonly value: 0 | 1;
}

/** `90m`, `2h`, `1h30m` as minutes; at most two hours. */
export function parseDuration(text: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(text);
  const minutes = match && (match[1] || match[2]) ? Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0) : NaN;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MAINTENANCE_WINDOW_MINUTES) {
    throw new ToolError(`--for is "${text}"; allowed: a duration from 1m to 2h, such as 30m, 2h or 1h30m (CloudWatch accepts data points at most two hours ahead)`);
  }
  return minutes;
}

/** The minute `now` falls in, as the first minute of the window. */
function minuteOf(now: Date): number {
  return Math.floor(now.getTime() / 60_000) * 60_000;
}

export function openWindow(now: Date, minutes: number): DataPoint[] {
  const start = minuteOf(now);
  return Array.from({ length: minutes }, (_, i) => ({ timestamp: new Date(start + i * 60_000), value: 1 as const }));
}

/** Zeros over the whole horizon a window could still cover. */
export function endWindow(now: Date): DataPoint[] {
  const start = minuteOf(now);
  return Array.from({ length: MAX_MAINTENANCE_WINDOW_MINUTES }, (_, i) => ({ timestamp: new Date(start + i * 60_000), value: 0 as const }));
}
