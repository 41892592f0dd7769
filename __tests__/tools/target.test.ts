/** How the tools name a stack of the estate: any environment, narrowed by --region and --account. */
import { loadEstate, ESTATE } from "../../environments";
import { ToolError } from "../../tools/common/cli";
import { resolveTarget, selectTargets } from "../../tools/common/target";
import { QA_ACCOUNTS, TWO_ACCOUNT_ESTATE } from "../stacks/support/two-account-estate";

const estate = loadEstate(TWO_ACCOUNT_ESTATE);
const stacksOf = (selection: ReturnType<typeof selectTargets>) => selection.map((s) => [s.label, s.target.stackId]);

describe("selectTargets (drill, route scan) and resolveTarget (drift, cost, maintenance, integration)", () => {
  test("the reference estate: every environment, labelled by its name, its stack as always", () => {
    expect(stacksOf(selectTargets(undefined, undefined, undefined, loadEstate(ESTATE)))).toEqual([
      ["dev", "monitoring-dev"],
      ["staging", "monitoring-staging"],
      ["production", "monitoring-production"],
    ]);
  });

  test("an environment in several accounts and regions: every stack, or those of one region and account", () => {
    expect(selectTargets(["qa"], undefined, undefined, estate)).toHaveLength(4);
    expect(stacksOf(selectTargets(["qa", "live"], "us-east-1", undefined, estate))).toEqual([
      [`qa-${QA_ACCOUNTS[0]}-us-east-1`, `monitoring-qa-${QA_ACCOUNTS[0]}-us-east-1`],
      [`qa-${QA_ACCOUNTS[1]}-us-east-1`, `monitoring-qa-${QA_ACCOUNTS[1]}-us-east-1`],
      ["live-333333333333-us-east-1", "monitoring-live-333333333333-us-east-1"],
      ["live-444444444444-us-east-1", "monitoring-live-444444444444-us-east-1"],
    ]);
    expect(stacksOf(selectTargets(["qa"], "eu-west-1", QA_ACCOUNTS[1], estate))).toEqual([[`qa-${QA_ACCOUNTS[1]}-eu-west-1`, `monitoring-qa-${QA_ACCOUNTS[1]}-eu-west-1`]]);
    expect(resolveTarget("live", "eu-west-1", "444444444444", estate).stackId).toBe("monitoring-live-444444444444-eu-west-1");
  });

  test("an unknown environment, or a region or account it does not deploy to: one ToolError saying what exists", () => {
    expect(() => selectTargets(["prod"], undefined, undefined, estate)).toThrow(new ToolError('unknown environment "prod". Valid environments: qa, live.'));
    expect(() => selectTargets(["qa"], "ap-south-1", undefined, estate)).toThrow(ToolError);
    expect(() => selectTargets(["qa"], "ap-south-1", undefined, estate)).toThrow(/Environment "qa" has no stack in ap-south-1\. It deploys to: 111111111111 eu-west-1, /);
    expect(() => resolveTarget("qa", "us-east-1", undefined, estate)).toThrow(/name one with --region \(and --account\)/);
  });
});
