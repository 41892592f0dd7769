/**
 * A large estate split across stacks (stacks/estate-split.ts, estate-shard-stacks.ts):
 * shards by key under the resource bound, shared things passed by SSM, each stack its own state.
 */
import "../cdktf-matchers";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Testing, type TerraformStack } from "cdktf";
import { buildApp } from "../../main";
import { environmentInput, loadEnvironment, type EnvironmentConfig } from "../../environments";
import { stackMatrix } from "../../scripts/stack-matrix";
import { EstateShardStack, EstateSharedStack, MAX_RESOURCES_PER_STACK, sharedParameterNames, splitByKey } from "../../stacks";
import { BUNDLE_ROOT, type TerraformJson } from "../helpers";

const dev: EnvironmentConfig = { ...loadEnvironment("dev"), accountId: "111111111111" };
const count = (json: TerraformJson) => Object.values(json.resource).reduce((n, byId) => n + Object.keys(byId).length, 0);

describe("splitByKey", () => {
  const fns = Array.from({ length: 7 }, (_, i) => ({ name: `fn-${i}`, team: i < 5 ? "payments" : "orders" }));
  test("one shard per key, in first-seen order, while the key fits under the bound", () => {
    expect(splitByKey(fns, { keyOf: (f) => f.team, resourcesPerFunction: 30 }).map((s) => [s.key, s.functions.length])).toEqual([["payments", 5], ["orders", 2]]);
  });
  test("a key over the bound is cut into numbered parts, none over it", () => {
    const shards = splitByKey(fns, { keyOf: (f) => f.team, resourcesPerFunction: 30, maxResourcesPerStack: 60 });
    expect(shards.map((s) => [s.key, s.functions.length])).toEqual([["payments-1", 2], ["payments-2", 2], ["payments-3", 1], ["orders", 2]]);
  });
  test("a key that cannot name a stack, and a bound below one function, are refused by name", () => {
    expect(() => splitByKey(fns, { keyOf: () => "Payments Team", resourcesPerFunction: 30 })).toThrow('split key: got "Payments Team"; allowed: 1-31 lowercase letters');
    expect(() => splitByKey(fns, { keyOf: (f) => f.team, resourcesPerFunction: 30, maxResourcesPerStack: 10 })).toThrow("maxResourcesPerStack: got 10; allowed: at least 30");
    expect(MAX_RESOURCES_PER_STACK).toBe(2500);
  });
});

describe("shared and shard stacks", () => {
  const app = Testing.app();
  const shared = new EstateSharedStack(app, "monitoring-dev-shared", { config: dev, statePath: "dev/shared" });
  const shards = splitByKey(dev.functions, { keyOf: (fn) => fn.capability ?? "other", resourcesPerFunction: 30 }).map(
    (shard) => new EstateShardStack(app, `monitoring-dev-${shard.key}`, { config: { ...dev, functions: [...shard.functions] }, statePath: `dev/shards/${shard.key}`, shardKey: shard.key, bundleRoot: BUNDLE_ROOT }),
  );
  const sharedSynth = Testing.synth(shared);
  const names = sharedParameterNames("dev");

  test("the shared stack publishes each tier's topic and the error table in SSM", () => {
    for (const tier of ["critical", "warning", "business"] as const) {
      expect(sharedSynth).toHaveResourceWithProperties(SsmParameter, { name: names.topics[tier], value: expect.stringMatching(/^\$\{aws_sns_topic\./) });
    }
    expect(sharedSynth).toHaveResourceWithProperties(SsmParameter, { name: names.errorTableArn, value: expect.stringMatching(/^\$\{aws_dynamodb_table\..*\.arn\}$/) });
  });

  test.each(shards.map((s) => [s.node.id, s] as const))("%s reads them from SSM, copies no ARN, and has its own state", (_id, stack) => {
    const synth = Testing.synth(stack);
    const json = JSON.parse(synth) as TerraformJson;
    expect(synth).toHaveDataSourceWithProperties(DataAwsSsmParameter, { name: names.topics.critical });
    expect(synth).toHaveDataSourceWithProperties(DataAwsSsmParameter, { name: names.errorTableArn });
    expect(synth).not.toMatch(/arn:aws:sns:/);
    // The metric alarms notify through the stack's composites (as in the unsplit stack), and those through the topics read from SSM.
    const actions = [...Object.values(json.resource.aws_cloudwatch_metric_alarm!), ...Object.values(json.resource.aws_cloudwatch_composite_alarm!)].flatMap((a) => (a.alarm_actions as string[] | undefined) ?? []);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((arn) => /^\$\{data\.aws_ssm_parameter\.topic-/.test(arn))).toBe(true);
    expect(json.terraform.backend.s3!.key).toBe(`serverless-monitoring/dev/shards/${stack.node.id.replace("monitoring-dev-", "")}/terraform.tfstate`);
    expect(count(json)).toBeLessThanOrEqual(MAX_RESOURCES_PER_STACK);
    expect(json.resource.aws_sns_topic).toBeUndefined();
    expect(json.resource.aws_dynamodb_table).toBeUndefined();
  });

  test("every function of the environment is in exactly one shard", () => {
    expect(shards.flatMap((s) => s.functions.map((f) => f.functionName)).sort()).toEqual(dev.functions.map((f) => `${f.name}-dev`).sort());
  });
});

describe("an estate environment with split", () => {
  const app = buildApp(Testing.app(), {}, { environments: [{ config: { ...environmentInput("dev"), accountId: "111111111111" }, split: { by: "capability" } }] });
  const ids = app.node.children.map((c) => c.node.id);

  test("becomes a shared stack and one stack per capability, each with its own state under the environment's", () => {
    expect(ids).toEqual(["monitoring-dev-shared", "monitoring-dev-other", "monitoring-dev-order", "monitoring-dev-payment", "state-bootstrap"]);
    const keys = ids.slice(0, -1).map((id) => (JSON.parse(Testing.synth(app.node.findChild(id) as TerraformStack)) as TerraformJson).terraform.backend.s3!.key);
    expect(keys).toEqual(["serverless-monitoring/dev/shared/terraform.tfstate", "serverless-monitoring/dev/shards/other/terraform.tfstate", "serverless-monitoring/dev/shards/order/terraform.tfstate", "serverless-monitoring/dev/shards/payment/terraform.tfstate"]);
  });

  test("the deploy matrix runs the shared stack first, then the shards; the bootstrap never", () => {
    expect(stackMatrix(ids)).toEqual({ first: ["monitoring-dev-shared"], second: ["monitoring-dev-other", "monitoring-dev-order", "monitoring-dev-payment"] });
    expect(stackMatrix(["monitoring-account", "monitoring-qa-1-eu-west-1", "monitoring-live-2-eu-west-1", "state-bootstrap"], "qa")).toEqual({ first: ["monitoring-account"], second: ["monitoring-qa-1-eu-west-1"] });
  });
});

test("a shard refuses a function whose construct id another construct of the stack takes, naming it", () => {
  const config = { ...dev, functions: [{ ...dev.functions[0]!, name: "warnings" }] };
  expect(() => new EstateShardStack(Testing.app(), "monitoring-dev-other", { config, statePath: "dev/shards/other", shardKey: "other", bundleRoot: BUNDLE_ROOT })).toThrow(/functions\[0\]\.name: got "warnings"; allowed: a name whose construct id "warnings" is not already the stack's own "warnings"/);
});
