import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { runTool, ToolError } from "../common/cli";
import { readTargetStack } from "../common/linked-stacks";
import type { StackJson } from "../common/synthesized-stack";
import { environmentChoices, resolveTarget, TARGET_OPTIONS } from "../common/target";
import { estimateCost, formatEstimate } from "./estimate";

const USAGE = `Usage: npm run cost -- --env <${environmentChoices()}> [--region <region>] [--account <id>] [--synth-dir cdktf.out] [--apply-free-tier]
       npm run cost -- --stack <dir|cdk.tf.json> [--apply-free-tier]

Estimates the monthly CloudWatch cost of an environment's monitoring from its
synthesized stack (run \`npm run synth\` first): every metric each alarm
evaluates (metric-math alarms pay per metric), composite alarms, dashboards,
and the custom metrics the functions emit; and sets it against the
environment's CloudWatch and monthly budgets. With --stack, any synthesized
stack (a library user's own, say) is priced, without budgets.

Exit codes:
  0  estimate within the environment's CloudWatch budget
  2  estimate over the CloudWatch budget
  1  error`;

runTool(
  { name: "cost", usage: USAGE, options: { env: { type: "string" }, ...TARGET_OPTIONS, "synth-dir": { type: "string" }, stack: { type: "string" }, "apply-free-tier": { type: "boolean" } } },
  async ({ values }) => {
    if (values.stack !== undefined) {
      if (values.env !== undefined || values["synth-dir"] !== undefined) throw new ToolError("--stack prices one synthesized stack; it does not go with --env or --synth-dir.");
      const freeTier = values["apply-free-tier"] === true;
      process.stdout.write(formatEstimate(values.stack, estimateCost(readStackAt(values.stack), { applyFreeTier: freeTier }), undefined, freeTier));
      return 0;
    }
    const environment = values.env;
    if (!environment) throw new ToolError(`--env is required.\n\n${USAGE}`);
    const target = resolveTarget(environment, values.region, values.account);
    const config = target.config;
    const freeTier = values["apply-free-tier"] === true;
    const estimate = estimateCost(readTargetStack(target, values["synth-dir"]), { applyFreeTier: freeTier });
    const budget = { cloudwatchUsd: config.budgets.perServiceMonthlyLimitUsd.cloudwatch, monthlyUsd: config.budgets.monthlyLimitUsd };
    process.stdout.write(formatEstimate(environment, estimate, budget, freeTier));
    return estimate.totalUsd > budget.cloudwatchUsd ? 2 : 0;
  },
);

function readStackAt(path: string): StackJson {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, "cdk.tf.json") : path;
  if (!existsSync(file)) throw new ToolError(`no synthesized stack at ${file}. Pass a directory of cdktf.out/stacks or a cdk.tf.json.`);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as StackJson;
  } catch (error) {
    throw new ToolError(`${file} is not JSON: ${(error as Error).message}`);
  }
}
