import { endWindow, openWindow, parseDuration } from "../../tools/maintenance/window";
import { runEntry } from "../entries";

describe("maintenance windows as data points", () => {
  const now = new Date("2026-11-23T10:15:42Z");

  test("durations from 1m to 2h; anything else is one error naming the limit", () => {
    expect(parseDuration("30m")).toBe(30);
    expect(parseDuration("2h")).toBe(120);
    expect(parseDuration("1h30m")).toBe(90);
    for (const bad of ["3h", "0m", "", "90", "1d", "2h1m"]) {
      expect(() => parseDuration(bad)).toThrow(`--for is "${bad}"; allowed: a duration from 1m to 2h, such as 30m, 2h or 1h30m (CloudWatch accepts data points at most two hours ahead)`);
    }
  });

  test("a window is a 1 for each of its minutes, from the current one", () => {
    const points = openWindow(now, 3);
    expect(points.map((p) => [p.timestamp.toISOString(), p.value])).toEqual([
      ["2026-11-23T10:15:00.000Z", 1],
      ["2026-11-23T10:16:00.000Z", 1],
      ["2026-11-23T10:17:00.000Z", 1],
    ]);
  });

  test("ending writes 0 over the whole two-hour horizon, so the Minimum of every minute a window covered reads 0", () => {
    const points = endWindow(now);
    expect(points).toHaveLength(120);
    expect(new Set(points.map((p) => p.value))).toEqual(new Set([0]));
    expect(points[0]!.timestamp.toISOString()).toBe("2026-11-23T10:15:00.000Z");
    expect(points.at(-1)!.timestamp.toISOString()).toBe("2026-11-23T12:14:00.000Z");
  });

  test("the command refuses a missing or doubled choice, before touching AWS", () => {
    const run = (...args: string[]) => runEntry("tools/maintenance/cli.ts", args);
    expect(run("--env", "production").stderr).toContain("maintenance: give either --for <duration> or --end (run with --help for usage)");
    expect(run("--env", "production", "--for", "2h", "--end").status).toBe(1);
    expect(run("--env", "prod", "--end").stderr).toContain('maintenance: unknown environment "prod". Valid environments: dev, staging, production.');
  });
});
