import { runTool, ToolError } from "../common/cli";
import { readTargetStack } from "../common/linked-stacks";
import { environmentChoices, resolveTarget, TARGET_OPTIONS } from "../common/target";
import { SdkCloudWatchReader } from "./cloudwatch-reader";
import { detectDrift } from "./detect-drift";
import { formatDriftReport } from "./report";

const USAGE = `Usage: npm run drift -- --env <${environmentChoices()}> [--region <region>] [--account <id>] [--synth-dir cdktf.out] [--json]

Compares every alarm (metric, metric-math and composite: queries, statistic,
period, evaluation periods, threshold, operator, missing-data treatment,
actions) and every dashboard body in the synthesized stack with what is live
in CloudWatch, and reports missing, changed and unmanaged items (under the
environment's name prefixes, but not in code). Run \`npm run synth\` first.

Uses the default AWS credential chain and region; AWS_ENDPOINT_URL (or
AWS_ENDPOINT_URL_CLOUDWATCH) points it at a local AWS-compatible endpoint.

Exit codes:
  0  no drift
  2  drift found (report on stdout)
  1  error (no synthesized stack, no credentials, API failure)`;

runTool(
  { name: "drift", usage: USAGE, options: { env: { type: "string" }, ...TARGET_OPTIONS, "synth-dir": { type: "string" }, json: { type: "boolean" } } },
  async ({ values }) => {
    const environment = values.env;
    if (!environment) throw new ToolError(`--env is required.\n\n${USAGE}`);
    const target = resolveTarget(environment, values.region, values.account);
    const stack = readTargetStack(target, values["synth-dir"]);
    let report;
    try {
      report = await detectDrift(target.config.name, stack, new SdkCloudWatchReader());
    } catch (error) {
      throw new ToolError(`reading CloudWatch failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDriftReport(report));
    return report.items.length === 0 ? 0 : 2;
  },
);
