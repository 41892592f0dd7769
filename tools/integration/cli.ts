import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LAMBDA_SOURCE_ROOT } from "../../paths";
import { runTool, ToolError } from "../common/cli";
import { readStackById, resourcesOf } from "../common/synthesized-stack";
import { environmentChoices, resolveTarget, TARGET_OPTIONS } from "../common/target";
import { CloudWatchAlarmInspector, DynamoDbErrorRecordQuery, LambdaInvoker, requireCredentials, SnsPublisher } from "./aws";
import { runIntegrationChecks } from "./checks";
import { readStackOutputs } from "./outputs";

const USAGE = `Usage: npm run test:integration -- --env <${environmentChoices()}> [--region <region>] [--account <id>] --outputs <file> [--synth-dir cdktf.out] [--skip-invoke]

Checks a deployed environment: invokes each function 10 times (alias live)
with its sample event, confirms the failures left error records queryable
through FunctionNameIndex, publishes a test message to the alert topic, and
confirms every alarm of the synthesized stack exists in a valid state.

--skip-invoke leaves out the invocations (for an AWS-compatible endpoint that
cannot run functions): the error table's index is still queried.

  npx cdktf output monitoring-dev --outputs-file outputs.json
  npm run test:integration -- --env dev --outputs outputs.json

Uses the default AWS credential chain and region.

Exit codes:
  0  every check passed
  2  a check failed (report on stdout)
  1  error (no credentials, missing outputs or synth output)`;

runTool(
  { name: "test:integration", usage: USAGE, options: { env: { type: "string" }, ...TARGET_OPTIONS, outputs: { type: "string" }, "synth-dir": { type: "string" }, "skip-invoke": { type: "boolean" } } },
  async ({ values }) => {
    const environment = values.env;
    if (!environment) throw new ToolError(`--env is required.\n\n${USAGE}`);
    const target = resolveTarget(environment, values.region, values.account);
    if (!values.outputs) throw new ToolError(`--outputs is required.\n\n${USAGE}`);
    const outputs = readStackOutputs(values.outputs, target.stackId);
    const stack = readStackById(target.stackId, values["synth-dir"]);
    await requireCredentials();

    const alarmNames = [...resourcesOf(stack, "aws_cloudwatch_metric_alarm"), ...resourcesOf(stack, "aws_cloudwatch_composite_alarm")].map((a) => String(a.alarm_name));
    const functions = Object.entries(outputs.functionNames).map(([workload, functionName]) => ({
      functionName,
      event: JSON.parse(readFileSync(join(LAMBDA_SOURCE_ROOT, workload, "sample-event.json"), "utf8")) as unknown,
    }));
    const results = await runIntegrationChecks(
      { environment, alertTopicArn: outputs.alertTopicArn, functions, alarmNames, invoke: !values["skip-invoke"] },
      { invoker: new LambdaInvoker(), errorRecords: new DynamoDbErrorRecordQuery(outputs.errorLogsTableName), publisher: new SnsPublisher(), alarms: new CloudWatchAlarmInspector() },
    );
    for (const r of results) console.log(`${r.ok ? "ok  " : "FAIL"} ${r.check}: ${r.detail}`);
    const failed = results.filter((r) => !r.ok).length;
    console.log(`${results.length - failed} passed, ${failed} failed`);
    return failed === 0 ? 0 : 2;
  },
);
