/**
 * The drill suite over an estate of any names, accounts and regions (issue 30): a small two-account,
 * two-region estate, one of its environments split by capability. Every stack (a split target's shared
 * stack and shards drilled together, as CloudWatch sees one account and region) meets every expectation
 * but the misses listed below: the suite judges a stack by its own configuration, not by its environment's
 * name, and an incident of an API the stack does not have does not apply to it.
 */
import { Testing, type TerraformStack } from "cdktf";
import { buildApp } from "../../main";
import { environmentInput, loadEstate, type EnvironmentName, type EstateInput } from "../../environments";
import { stackIdsOf } from "../../stacks";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { linkStacks } from "../../tools/common/linked-stacks";
import { failures } from "../../tools/drill/report";
import { runSuite } from "../../tools/drill/run-suite";
import { readSuite } from "../../tools/drill/suite";

// Two functions per environment keep the suite's run short: one of a capability (with its KPIs and route), one without.
const config = (from: EnvironmentName, name: string) => {
  const input = environmentInput(from);
  const functions = input.functions!.filter((fn) => fn.name === "payment-handler" || fn.name === "data-aggregator");
  const served = new Set(functions.flatMap((fn) => (fn.httpRoute ? [fn.httpRoute] : [])));
  const apis = input.apis ? { ...input.apis, routes: Object.fromEntries(Object.entries(input.apis.routes ?? {}).filter(([route]) => served.has(route))) } : undefined;
  return { ...input, name, region: "eu-west-1", functions, ...(apis ? { apis } : {}) };
};
const role = (account: string) => `arn:aws:iam::${account}:role/monitoring-deploy`;
const ESTATE: EstateInput = {
  environments: [
    { config: config("dev", "qa"), accounts: [{ accountId: "111111111111", regions: ["eu-west-1", "us-east-1"], roleArn: role("111111111111") }] },
    { config: config("production", "live"), accounts: [{ accountId: "222222222222", regions: ["eu-west-1"], roleArn: role("222222222222") }] },
    { config: config("production", "bulk"), accounts: [{ accountId: "222222222222", regions: ["us-east-1"], roleArn: role("222222222222") }], split: { by: "capability" } },
  ],
};

/**
 * What the drill finds in this estate that the reference stacks (same defaults, other names, so other
 * incidents' timings) do not show. Each is a miss of the alarms, with its reason; the test fails when the
 * misses change in either direction, as known-misses.json does for the reference stacks.
 */
const FLAPPING_FAST_PAGE =
  "at 1,500 requests a day a 5 % failure (or slow tail) leaves 1-3 failed calls an hour; the fast burn-rate page (2 of 60 one-minute periods above 14.4x) clears when one failed call leaves the hour and fires again at the next, before the slow page (6 h) holds: one incident, two pages (modules/monitoring/slo/slo-monitoring.ts; not fixed in this change)";
const SHARED_WARNING_DURING_SHARD_PAGE =
  "split estate: the account's Lambda concurrency warning lives in the shared stack, whose warnings composite is quiet during its own page but not during a shard's (a composite may only name alarms that exist when it is created, and the shared stack deploys before its shards)";
const KNOWN_MISSES: Readonly<Record<string, string>> = {
  "monitoring-qa-111111111111-eu-west-1/reference/partial-5/payment-handler-qa-euw1: at most 1 ALARM notification(s) to critical": FLAPPING_FAST_PAGE,
  "monitoring-qa-111111111111-us-east-1/reference/partial-5/payment-handler-qa-use1: at most 1 ALARM notification(s) to critical": FLAPPING_FAST_PAGE,
  "monitoring-live-222222222222-eu-west-1/reference/partial-5/payment-handler-live: at most 1 ALARM notification(s) to critical": FLAPPING_FAST_PAGE,
  "monitoring-live-222222222222-eu-west-1/reference/p99-latency/payment-handler-live: at most 1 ALARM notification(s) to critical": FLAPPING_FAST_PAGE,
  "monitoring-bulk-222222222222-us-east-1/reference/p99-latency/payment-handler-bulk: at most 1 ALARM notification(s) to critical": FLAPPING_FAST_PAGE,
  "monitoring-bulk-222222222222-us-east-1/high/timeouts/payment-handler-bulk: one tier told": SHARED_WARNING_DURING_SHARD_PAGE,
  "monitoring-bulk-222222222222-us-east-1/high/timeouts/data-aggregator-bulk: one tier told": SHARED_WARNING_DURING_SHARD_PAGE,
};
/** A failed check without its observed outcome (after the last colon), as known-misses.json keys them. */
const missKey = (failure: string) => failure.slice(0, failure.lastIndexOf(":"));

const app = buildApp(Testing.app(), {}, ESTATE);
const synthOf = (id: string) => JSON.parse(Testing.synth(app.node.findChild(id) as TerraformStack)) as StackJson;
const targets = loadEstate(ESTATE).targets;
const suite = readSuite();
const outcomes = runSuite(
  suite,
  targets.map((t) => ({ environment: t.stackId, stack: linkStacks(stackIdsOf(t).map(synthOf)) })),
);

describe("the drill suite over a two-account, two-region estate", () => {
  test("the estate is the stacks the test means: three targets, one of them split into a shared stack and two shards", () => {
    expect(targets.map((t) => stackIdsOf(t))).toEqual([
      ["monitoring-qa-111111111111-eu-west-1"],
      ["monitoring-qa-111111111111-us-east-1"],
      ["monitoring-live-222222222222-eu-west-1"],
      ["monitoring-bulk-222222222222-us-east-1-shared", "monitoring-bulk-222222222222-us-east-1-payment", "monitoring-bulk-222222222222-us-east-1-other"],
    ]);
  });

  test.each(targets.map((t) => [t.stackId]))("%s: every scenario of the suite passes, but for the misses listed with their reasons", (stackId) => {
    const mine = outcomes.filter((o) => o.environment === stackId);
    // Every incident of the suite that applies to the stack ran, at every traffic level.
    expect(mine.length).toBeGreaterThan(30);
    expect(failures(mine).map(missKey)).toEqual(Object.keys(KNOWN_MISSES).filter((k) => k.startsWith(`${stackId}/`)));
  });

  test("the healthy week follows each stack's configuration: qa fails on purpose and may warn, live and bulk tell nobody", () => {
    const week = (stackId: string) => outcomes.find((o) => o.environment === stackId && o.case.incidentId === "healthy-week")!.verdict.checks.map((c) => c.text.replace(/:.*/, ""));
    expect(week("monitoring-qa-111111111111-eu-west-1")).toEqual(["critical, business silent in minutes 0-10080", "at most 7 ALARM notification(s) to warning"]);
    expect(week("monitoring-live-222222222222-eu-west-1")).toEqual(["critical, warning, business silent in minutes 0-10080"]);
    expect(week("monitoring-bulk-222222222222-us-east-1")).toEqual(["critical, warning, business silent in minutes 0-10080"]);
  });
});
