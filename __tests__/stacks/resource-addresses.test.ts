/**
 * Construct ids are Terraform addresses: every resource the stacks had before
 * the monitoring facade (the fixture, written from the tree before it) is
 * still at its address, or moved there by a `moved` block, so no deploy
 * replaces or destroys it.
 */
import { ENVIRONMENT_NAMES } from "../../environments";
import { synthEnvironment } from "../helpers";
import before from "./fixtures/resource-addresses-0.1.json";

/**
 * Addresses removed on purpose, with the reason: each is checked to be gone, so the list cannot hide a lost one.
 * Issue 26 ("one condition, one tier"): a dead-letter arrival tells the critical tier alone in every environment
 * (DEAD_LETTER_ALARMS), so dev's and staging's dead-letter warnings gave way to critical alarms at new addresses.
 * A `moved` block could not keep them: the alarm's name changes with its tier, which replaces it anyway.
 */
const DEAD_LETTER_WARNINGS = ["dead-letter-errors-warning", "dlq-messages-warning"];
const retiredOn = (env: string, address: string): boolean => env !== "production" && /^aws_cloudwatch_metric_alarm\.[a-z-]+-alarms_([a-z-]+)_[0-9A-F]{8}$/.test(address) && DEAD_LETTER_WARNINGS.includes(/_([a-z-]+)_[0-9A-F]{8}$/.exec(address)![1]!);

describe.each(ENVIRONMENT_NAMES)("resource addresses of %s", (env) => {
  const { json } = synthEnvironment(env);
  const addresses = new Set([
    ...Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)),
    ...Object.entries(json.data ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `data.${type}.${name}`)),
  ]);
  const moved = new Map(((json as { moved?: { from: string; to: string }[] }).moved ?? []).map((m) => [m.from, m.to]));

  test("every address of before the facade is still there, or moved to one that is", () => {
    const lost = (before as Record<string, string[]>)[env]!.filter((address) => !addresses.has(address) && !addresses.has(moved.get(address) ?? "") && !retiredOn(env, address));
    expect(lost).toEqual([]);
  });

  test("the retired addresses are the dead-letter warnings of dev and staging, and are gone", () => {
    const retired = (before as Record<string, string[]>)[env]!.filter((address) => retiredOn(env, address));
    expect(retired).toHaveLength(env === "production" ? 0 : 10);
    for (const address of retired) expect(addresses.has(address)).toBe(false);
  });

  test("the only move is the error table's write-throttle alarm, to its segment's id", () => {
    expect([...moved.entries()]).toEqual([
      ["aws_cloudwatch_metric_alarm.error-table-alarms_throttles-warning_395F4001", expect.stringMatching(/^aws_cloudwatch_metric_alarm\.error-table-alarms_write-throttles-warning_[0-9A-F]{8}$/)],
    ]);
  });
});
