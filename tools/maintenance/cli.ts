import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { MAINTENANCE_METRIC, maintenanceAlarmName } from "@serverless-monitoring/constructs";
import { cloudWatchClient } from "../common/aws-clients";
import { runTool, ToolError } from "../common/cli";
import { environmentChoices, resolveTarget, TARGET_OPTIONS } from "../common/target";
import { endWindow, openWindow, parseDuration, type DataPoint } from "./window";

const USAGE = `Usage: npm run maintenance -- --env <${environmentChoices()}> [--region <region>] [--account <id>] (--for <30m|2h|1h30m> | --end)

Opens or ends a maintenance window: while it is open, the environment's
composite alarms (system health and the capabilities) take no action, so a
planned deploy or migration pages no one. Individual alarms still change
state and show on the dashboards. A window ends by itself when its time is
up (at most two hours: CloudWatch takes data points that far ahead); run it
again to extend, or --end to close it early.

Uses the AWS credentials and AWS_ENDPOINT_URL of the environment; the region
is the environment's. An environment deployed to several accounts or regions
(environments/estate.ts) takes --region (and --account) to name one stack:
each stack has its own window.

Exit codes:
  0  window opened or ended
  1  error`;

/** PutMetricData takes at most 1,000 values per request. */
const PER_REQUEST = 1000;

runTool(
  { name: "maintenance", usage: USAGE, options: { env: { type: "string" }, ...TARGET_OPTIONS, for: { type: "string" }, end: { type: "boolean" } } },
  async ({ values }) => {
    const environment = values.env;
    if (!environment) throw new ToolError(`--env is required (run with --help for usage)`);
    const target = resolveTarget(environment, values.region, values.account);
    if ((values.for === undefined) === (values.end !== true)) throw new ToolError(`give either --for <duration> or --end (run with --help for usage)`);
    const config = target.config;
    const now = new Date();
    const points = values.end ? endWindow(now) : openWindow(now, parseDuration(values.for!));
    const endpoint = endpointOverride(process.env["AWS_ENDPOINT_URL"]);
    // The window's dimension is the stack's own name suffix (`<env>` or `<env>-<region code>`), as its alarm reads it.
    await publish(config.region, config.name, points).catch((error: unknown) => {
      throw new ToolError(publishFailure(error, config.region, endpoint));
    });
    const suppressor = maintenanceAlarmName(config.name);
    if (values.end) {
      process.stdout.write(`Maintenance window of ${environment} ended: ${suppressor} returns to OK within a minute, and the composite alarms act again.\n`);
    } else {
      const until = new Date(points.at(-1)!.timestamp.getTime() + 60_000).toISOString().slice(0, 16).replace("T", " ");
      process.stdout.write(
        `Maintenance window of ${environment} open until ${until} UTC (${points.length} minutes): ${suppressor} goes into ALARM within a minute, and the composite alarms take no action until it ends.\n` +
          `End it early: npm run maintenance -- --env ${environment}${target.stackId === `monitoring-${environment}` ? "" : ` --region ${target.region} --account ${target.accountId}`} --end\n`,
      );
    }
    return 0;
  },
);

async function publish(region: string, environment: string, points: readonly DataPoint[]): Promise<void> {
  const client = cloudWatchClient(region);
  for (let i = 0; i < points.length; i += PER_REQUEST) {
    await client.send(
      new PutMetricDataCommand({
        Namespace: MAINTENANCE_METRIC.namespace,
        MetricData: points.slice(i, i + PER_REQUEST).map((p) => ({
          MetricName: MAINTENANCE_METRIC.metricName,
          Dimensions: [{ Name: MAINTENANCE_METRIC.dimension, Value: environment }],
          Timestamp: p.timestamp,
          Value: p.value,
          Unit: "None",
        })),
      }),
    );
  }
}

/** AWS_ENDPOINT_URL, when set, must be a URL: the SDK would fail on it with a stack trace. */
function endpointOverride(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new ToolError(`AWS_ENDPOINT_URL is ${JSON.stringify(value)}; allowed: an http or https URL such as http://127.0.0.1:5000, or unset for AWS itself`);
  }
  return value;
}

/** Why the data points did not reach CloudWatch, in one line: no credentials, no connection, or CloudWatch's own refusal. */
function publishFailure(error: unknown, region: string, endpoint: string | undefined): string {
  const where = endpoint ? `CloudWatch at ${endpoint}` : `CloudWatch in ${region}`;
  const name = error instanceof Error ? error.name : "Error";
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
  const code = (error as { code?: unknown } | null)?.code;
  if (name === "CredentialsProviderError") {
    return `no AWS credentials found (${message}): set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; nothing was published`;
  }
  if (typeof code === "string" && /^(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH)$/.test(code)) {
    return `cannot reach ${where} (${code}): check AWS_ENDPOINT_URL and the network; nothing was published`;
  }
  return `${where} refused the maintenance data points: ${name}: ${message}`;
}
