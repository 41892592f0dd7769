import { ENVIRONMENT_NAMES, isEnvironmentName, loadEnvironment } from "../../environments";
import { runTool, ToolError } from "../common/cli";
import { readSynthesizedStack } from "../common/synthesized-stack";
import { estimateCost, formatEstimate } from "./estimate";

const USAGE = `Usage: npm run cost -- --env <${ENVIRONMENT_NAMES.join("|")}> [--synth-dir cdktf.out] [--apply-free-tier]

Estimates the monthly CloudWatch cost of an environment's monitoring from its
synthesized stack (run \`npm run synth\` first): every metric each alarm
evaluates (metric-math alarms pay per metric), composite alarms, dashboards,
and the custom metrics the functions emit; and sets it against the
environment's CloudWatch and monthly budgets.

Exit codes:
  0  estimate within the environment's CloudWatch budget
  2  estimate over the CloudWatch budget
  1  error`;

runTool(
  { name: "cost", usage: USAGE, options: { env: { type: "string" }, "synth-dir": { type: "string" }, "apply-free-tier": { type: "boolean" } } },
  async ({ values }) => {
    const environment = values.env;
    if (!environment) throw new ToolError(`--env is required.\n\n${USAGE}`);
    if (!isEnvironmentName(environment)) throw new ToolError(`unknown environment "${environment}". Valid environments: ${ENVIRONMENT_NAMES.join(", ")}.`);
    const config = loadEnvironment(environment);
    const freeTier = values["apply-free-tier"] === true;
    const estimate = estimateCost(readSynthesizedStack(environment, values["synth-dir"]), { applyFreeTier: freeTier });
    const budget = { cloudwatchUsd: config.budgets.perServiceMonthlyLimitUsd.cloudwatch, monthlyUsd: config.budgets.monthlyLimitUsd };
    process.stdout.write(formatEstimate(environment, estimate, budget, freeTier));
    return estimate.totalUsd > budget.cloudwatchUsd ? 2 : 0;
  },
);
