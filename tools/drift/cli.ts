import { isEnvironmentName, ENVIRONMENT_NAMES } from "../../environments";
import { runTool, ToolError } from "../common/cli";
import { readSynthesizedStack } from "../common/synthesized-stack";
import { SdkCloudWatchReader } from "./cloudwatch-reader";
import { detectDrift } from "./detect-drift";
import { formatDriftReport } from "./report";

const USAGE = `Usage: npm run drift -- --env <${ENVIRONMENT_NAMES.join("|")}> [--synth-dir cdktf.out] [--json]

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
  { name: "drift", usage: USAGE, options: { env: { type: "string" }, "synth-dir": { type: "string" }, json: { type: "boolean" } } },
  async ({ values }) => {
    const environment = values.env;
    if (!environment) throw new ToolError(`--env is required.\n\n${USAGE}`);
    if (!isEnvironmentName(environment)) throw new ToolError(`unknown environment "${environment}". Valid environments: ${ENVIRONMENT_NAMES.join(", ")}.`);
    const stack = readSynthesizedStack(environment, values["synth-dir"]);
    let report;
    try {
      report = await detectDrift(environment, stack, new SdkCloudWatchReader());
    } catch (error) {
      throw new ToolError(`reading CloudWatch failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatDriftReport(report));
    return report.items.length === 0 ? 0 : 2;
  },
);
