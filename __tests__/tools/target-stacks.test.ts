/**
 * What the tools read for a target of the estate: its one stack, or a split target's shared stack and
 * shards linked into the account and region's one view, so cost, drift, the drill and the route scan
 * judge a split environment whole.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing, type TerraformStack } from "cdktf";
import { buildApp } from "../../main";
import { environmentInput, loadEstate, type EstateInput } from "../../environments";
import { stackIdsOf } from "../../stacks";
import { readTargetStack } from "../../tools/common/linked-stacks";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { estimateCost } from "../../tools/cost/estimate";

const role = (account: string) => `arn:aws:iam::${account}:role/monitoring-deploy`;
const ESTATE: EstateInput = {
  environments: [
    { config: { ...environmentInput("production"), name: "live", region: "eu-west-1" }, accounts: [{ accountId: "222222222222", regions: ["eu-west-1"], roleArn: role("222222222222") }] },
    { config: { ...environmentInput("production"), name: "bulk", region: "eu-west-1" }, accounts: [{ accountId: "222222222222", regions: ["us-east-1"], roleArn: role("222222222222") }], split: { by: "capability" } },
  ],
};

const app = buildApp(Testing.app(), {}, ESTATE);
const [live, bulk] = loadEstate(ESTATE).targets;
const synthDir = mkdtempSync(join(tmpdir(), "target-stacks-"));
const stacks = new Map<string, StackJson>();
for (const id of [...stackIdsOf(live!), ...stackIdsOf(bulk!)]) {
  const json = Testing.synth(app.node.findChild(id) as TerraformStack);
  mkdirSync(join(synthDir, "stacks", id), { recursive: true });
  writeFileSync(join(synthDir, "stacks", id, "cdk.tf.json"), json);
  stacks.set(id, JSON.parse(json) as StackJson);
}
afterAll(() => rmSync(synthDir, { recursive: true, force: true }));

const count = (stack: StackJson, type: string) => Object.keys(stack.resource?.[type] ?? {}).length;
const alarmNames = (stack: StackJson) =>
  ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"].flatMap((type) => Object.values(stack.resource?.[type] ?? {}).map((a) => String((a as { alarm_name: string }).alarm_name))).sort();

describe("the stack a tool reads for a target", () => {
  test("an unsplit target: its one stack, as synthesized", () => {
    expect(readTargetStack(live!, synthDir)).toEqual(stacks.get(live!.stackId));
  });

  test("a split target: every alarm, dashboard and topic of its shared stack and shards, once", () => {
    const parts = stackIdsOf(bulk!).map((id) => stacks.get(id)!);
    expect(parts.length).toBeGreaterThan(2);
    const linked = readTargetStack(bulk!, synthDir);
    expect(alarmNames(linked)).toEqual(parts.flatMap(alarmNames).sort());
    for (const type of ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm", "aws_cloudwatch_dashboard", "aws_sns_topic"]) {
      expect({ type, count: count(linked, type) }).toEqual({ type, count: parts.reduce((n, part) => n + count(part, type), 0) });
    }
    // The shards' actions name the shared stack's topics by SSM parameter; linked, they name the topic itself.
    const actions = Object.values(linked.resource?.aws_cloudwatch_composite_alarm ?? {}).flatMap((a) => (a as { alarm_actions?: string[] }).alarm_actions ?? []);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => action.includes("data.aws_ssm_parameter"))).toEqual([]);
  });

  test("a split target's cost is the sum of its stacks' costs", () => {
    const parts = stackIdsOf(bulk!).map((id) => estimateCost(stacks.get(id)!, { applyFreeTier: false }).totalUsd);
    expect(estimateCost(readTargetStack(bulk!, synthDir), { applyFreeTier: false }).totalUsd).toBeCloseTo(parts.reduce((a, b) => a + b, 0), 2);
  });
});
