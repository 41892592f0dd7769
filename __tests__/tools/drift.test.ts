import { CloudWatchClient, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { SdkCloudWatchReader } from "../../tools/drift/cloudwatch-reader";
import { detectDrift, diff } from "../../tools/drift/detect-drift";
import { formatDriftReport } from "../../tools/drift/report";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { runEntry, startEntry } from "../entries";
import { synthEnvironment } from "../helpers";
import { deployedState, inMemoryCloudWatch, REGION } from "./support/cloudwatch-state";
import { startLocalCloudWatch } from "./support/local-cloudwatch";

/** What the stack manages, counted from its JSON: every metric and composite alarm, every dashboard page. */
function managedCounts(stack: StackJson): { alarms: number; dashboards: number } {
  const count = (type: string) => Object.keys((stack as unknown as { resource: Record<string, object> }).resource[type] ?? {}).length;
  return { alarms: count("aws_cloudwatch_metric_alarm") + count("aws_cloudwatch_composite_alarm"), dashboards: count("aws_cloudwatch_dashboard") };
}

describe("values Terraform learns only when it applies", () => {
  test("an API's generated id in code matches whatever id CloudWatch has; a missing one still differs", () => {
    const code = { dimensions: { ApiId: "${aws_apigatewayv2_api.apis_HttpApi_11387829.id}", Stage: "$default" } };
    expect(diff(code, { dimensions: { ApiId: "qotszrls", Stage: "$default" } }, "alarm")).toEqual([]);
    expect(diff(code, { dimensions: { Stage: "$default" } }, "alarm")).toEqual([{ field: "alarm.dimensions.ApiId", expected: code.dimensions.ApiId, actual: undefined }]);
    expect(diff(code, { dimensions: { ApiId: "qotszrls", Stage: "live" } }, "alarm")).toEqual([{ field: "alarm.dimensions.Stage", expected: "$default", actual: "live" }]);
  });
});

describe("drift detection logic (DescribeAlarms / GetDashboard response shapes)", () => {
  const stack = synthEnvironment("production").json as unknown as StackJson;
  const { alarms, dashboards } = managedCounts(stack);

  test("a clean deploy has no drift", async () => {
    const report = await detectDrift("production", stack, inMemoryCloudWatch(deployedState(stack)));
    expect(report.items).toEqual([]);
    expect(report.checkedAlarms).toBe(alarms);
    expect(report.checkedDashboards).toBe(dashboards);
    expect(formatDriftReport(report)).toContain(`No drift: ${alarms} alarms and ${dashboards} dashboards match the code.`);
  });

  test("missing, changed and unmanaged alarms and dashboards are each reported", async () => {
    const state = deployedState(stack);
    const byName = (name: string) => state.metricAlarms.find((a) => a.AlarmName === name)!;
    byName("user-service-production-error-rate-critical").Threshold = 50;
    // Warnings notify through the warnings composite: an action added by hand is drift.
    byName("order-processor-production-throttles-warning").AlarmActions = ["arn:aws:sns:us-east-1:111122223333:monitoring-warnings-production"];
    byName("payment-handler-production-error-rate-critical").Metrics![0]!.Expression = "100 * errors / invocations";
    byName("payment-handler-production-p99-duration-warning").TreatMissingData = "breaching";
    state.metricAlarms = state.metricAlarms.filter((a) => a.AlarmName !== "data-aggregator-production-throttles-critical");
    state.metricAlarms.push({ ...byName("user-service-production-throttles-warning"), AlarmName: "user-service-production-made-by-hand" });
    state.compositeAlarms.find((a) => a.AlarmName === "system-health-production")!.AlarmRule = 'ALARM("user-service-production-error-rate-critical")';
    const body = JSON.parse(state.dashboards.get("serverless-monitoring-production")!);
    body.widgets[1].properties.title = "renamed in the console";
    state.dashboards.set("serverless-monitoring-production", JSON.stringify(body));
    state.dashboards.set("serverless-monitoring-production-old", "{}");

    const report = await detectDrift("production", stack, inMemoryCloudWatch(state));
    const summary = report.items.map((i) => `${i.status} ${i.kind} ${i.name} ${(i.differences ?? []).map((d) => d.field).join(",")}`.trim());
    expect(summary).toEqual([
      "missing alarm data-aggregator-production-throttles-critical",
      "changed alarm order-processor-production-throttles-warning alarmActions[0]",
      "changed alarm payment-handler-production-error-rate-critical queries[1].expression",
      "changed alarm payment-handler-production-p99-duration-warning treatMissingData",
      "changed alarm system-health-production alarmRule",
      "changed alarm user-service-production-error-rate-critical threshold",
      "unmanaged alarm user-service-production-made-by-hand",
      "changed dashboard serverless-monitoring-production body.widgets[1].properties.title",
      "unmanaged dashboard serverless-monitoring-production-old",
    ]);
    const threshold = report.items.find((i) => i.name === "user-service-production-error-rate-critical")!.differences![0]!;
    expect(threshold).toEqual({ field: "threshold", expected: 5, actual: 50 });
    const markdown = formatDriftReport(report);
    expect(markdown).toContain("**1 missing, 6 changed, 2 unmanaged**");
    expect(markdown).toContain("  - `threshold`: code `5`, live `50`");
  });

  test("a DescribeAlarms response as AWS documents it compares equal to the code", async () => {
    const state = deployedState(stack);
    const documented: MetricAlarm = {
      AlarmName: "user-service-production-error-rate-warning",
      AlarmArn: "arn:aws:cloudwatch:us-east-1:111122223333:alarm:user-service-production-error-rate-warning",
      AlarmDescription: "ignored",
      AlarmConfigurationUpdatedTimestamp: new Date("2026-11-01T00:00:00Z"),
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [],
      InsufficientDataActions: [],
      StateValue: "INSUFFICIENT_DATA",
      StateReason: "Unchecked: Initial alarm creation",
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      Threshold: 2,
      ComparisonOperator: "GreaterThanThreshold",
      TreatMissingData: "notBreaching",
      Metrics: [
        { Id: "errors", MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName: "Errors", Dimensions: [{ Name: "FunctionName", Value: "user-service-production" }] }, Period: 60, Stat: "Sum" }, ReturnData: false },
        { Id: "expression", Expression: "IF(invocations >= 20, 100 * errors / invocations, IF(errors >= 3, 100 * errors / invocations, 0))", Label: "Error rate (%)", ReturnData: true },
        { Id: "invocations", MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName: "Invocations", Dimensions: [{ Name: "FunctionName", Value: "user-service-production" }] }, Period: 60, Stat: "Sum" }, ReturnData: false },
      ],
    };
    state.metricAlarms = [...state.metricAlarms.filter((a) => a.AlarmName !== documented.AlarmName), documented];
    expect((await detectDrift("production", stack, inMemoryCloudWatch(state))).items).toEqual([]);
  });
});

describe("SdkCloudWatchReader against a local endpoint speaking CloudWatch's JSON protocol (a test double of the service)", () => {
  let server: Server;
  let endpoint: string;
  const calls: string[] = [];

  beforeAll(async () => {
    let throttledOnce = false;
    server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString() || "{}");
      const target = String(req.headers["x-amz-target"]).split(".").pop();
      calls.push(`${target}:${body.NextToken ?? "-"}`);
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/x-amz-json-1.0", ...headers });
        res.end(JSON.stringify(payload));
      };
      if (target === "DescribeAlarms") {
        if (!throttledOnce) {
          throttledOnce = true;
          return reply(400, { __type: "Throttling", message: "Rate exceeded" }, { "x-amzn-query-error": "Throttling;Sender" });
        }
        if (!body.NextToken) return reply(200, { MetricAlarms: [{ AlarmName: `${body.AlarmNamePrefix}a` }], NextToken: "page-2" });
        return reply(200, { MetricAlarms: [{ AlarmName: `${body.AlarmNamePrefix}b` }], CompositeAlarms: [{ AlarmName: `${body.AlarmNamePrefix}health`, AlarmRule: "TRUE" }] });
      }
      if (target === "GetDashboard") {
        if (body.DashboardName === "absent") return reply(404, { __type: "ResourceNotFound", message: "Dashboard absent does not exist" }, { "x-amzn-query-error": "ResourceNotFound;Sender" });
        return reply(200, { DashboardName: body.DashboardName, DashboardBody: '{"widgets":[]}' });
      }
      return reply(400, { __type: "InvalidAction", message: String(target) });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  const reader = () => new SdkCloudWatchReader(new CloudWatchClient({ endpoint, region: REGION, credentials: { accessKeyId: "test", secretAccessKey: "test" }, maxAttempts: 4, retryMode: "standard" }));

  test("retries a throttled DescribeAlarms and follows NextToken through every page", async () => {
    const alarms = await reader().alarmsWithPrefix("user-service-dev-");
    expect(alarms.metricAlarms.map((a) => a.AlarmName)).toEqual(["user-service-dev-a", "user-service-dev-b"]);
    expect(alarms.compositeAlarms.map((a) => a.AlarmName)).toEqual(["user-service-dev-health"]);
    expect(calls.filter((c) => c.startsWith("DescribeAlarms"))).toEqual(["DescribeAlarms:-", "DescribeAlarms:-", "DescribeAlarms:page-2"]);
  });

  test("a dashboard that does not exist reads as undefined, not an error", async () => {
    expect(await reader().dashboardBody("absent")).toBeUndefined();
    expect(await reader().dashboardBody("serverless-monitoring-dev")).toBe('{"widgets":[]}');
  });
});

describe("drift command end to end, through AWS_ENDPOINT_URL, against a loopback CloudWatch stand-in", () => {
  const stack = synthEnvironment("dev").json as unknown as StackJson;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "drift-"));
    mkdirSync(join(dir, "stacks", "monitoring-dev"), { recursive: true });
    writeFileSync(join(dir, "stacks", "monitoring-dev", "cdk.tf.json"), JSON.stringify(stack));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const runAgainst = async (state: ReturnType<typeof deployedState>) => {
    const cloudwatch = await startLocalCloudWatch(state);
    try {
      const env = { ...process.env, AWS_ENDPOINT_URL: cloudwatch.endpoint, AWS_REGION: REGION, AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" };
      // Asynchronous: the stand-in serves from this process while the command runs.
      return await new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const child = startEntry("tools/drift/cli.ts", ["--env", "dev", "--synth-dir", dir], { env });
        let stdout = "";
        child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.on("close", (status) => resolve({ status, stdout }));
      });
    } finally {
      await cloudwatch.stop();
    }
  };

  test("exit 0 when CloudWatch matches the code, across several pages of alarms", async () => {
    const result = await runAgainst(deployedState(stack));
    const { alarms, dashboards } = managedCounts(stack as unknown as StackJson);
    expect(result.stdout).toContain(`No drift: ${alarms} alarms and ${dashboards} dashboards match the code.`);
    expect(result.status).toBe(0);
  });

  test("exit 2 with the report when an alarm was edited by hand", async () => {
    const state = deployedState(stack);
    state.metricAlarms.find((a) => a.AlarmName === "payment-handler-dev-throttles-warning")!.Threshold = 500;
    const result = await runAgainst(state);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain("- alarm `payment-handler-dev-throttles-warning`\n  - `threshold`: code `5`, live `500`");
  });
});

describe("drift command", () => {
  const run = (...args: string[]) => runEntry("tools/drift/cli.ts", args);

  test("exit 1 with one clear line when there is nothing synthesized, or the environment is unknown", () => {
    const noSynth = run("--env", "dev", "--synth-dir", "/nonexistent");
    expect(noSynth.status).toBe(1);
    expect(noSynth.stderr.trim()).toBe("drift: no synthesized stack at /nonexistent/stacks/monitoring-dev/cdk.tf.json. Run `npm run synth` first (or pass --synth-dir).");
    const unknown = run("--env", "qa");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe('drift: unknown environment "qa". Valid environments: dev, staging, production.');
    expect(run("--help").stdout).toContain("2  drift found");
  });
});
