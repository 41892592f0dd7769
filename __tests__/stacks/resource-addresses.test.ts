/**
 * Construct ids are Terraform addresses: every resource the stacks had before
 * the monitoring facade (the fixture, written from the tree before it) is
 * still at its address, or moved there by a `moved` block, so no deploy
 * replaces or destroys it.
 */
import { ENVIRONMENT_NAMES } from "../../environments";
import { synthEnvironment } from "../helpers";
import before from "./fixtures/resource-addresses-0.1.json";

describe.each(ENVIRONMENT_NAMES)("resource addresses of %s", (env) => {
  const { json } = synthEnvironment(env);
  const addresses = new Set([
    ...Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)),
    ...Object.entries(json.data ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `data.${type}.${name}`)),
  ]);
  const moved = new Map(((json as { moved?: { from: string; to: string }[] }).moved ?? []).map((m) => [m.from, m.to]));

  test("every address of before the facade is still there, or moved to one that is", () => {
    const lost = (before as Record<string, string[]>)[env]!.filter((address) => !addresses.has(address) && !addresses.has(moved.get(address) ?? ""));
    expect(lost).toEqual([]);
  });

  test("the only move is the error table's write-throttle alarm, to its segment's id", () => {
    expect([...moved.entries()]).toEqual([
      ["aws_cloudwatch_metric_alarm.error-table-alarms_throttles-warning_395F4001", expect.stringMatching(/^aws_cloudwatch_metric_alarm\.error-table-alarms_write-throttles-warning_[0-9A-F]{8}$/)],
    ]);
  });
});
