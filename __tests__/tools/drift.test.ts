import { CloudWatchClient, type CompositeAlarm, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { spawnSync } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { SdkCloudWatchReader, type CloudWatchReader } from "../../tools/drift/cloudwatch-reader";
import { detectDrift } from "../../tools/drift/detect-drift";
import { formatDriftReport } from "../../tools/drift/report";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { synthEnvironment } from "../helpers";

const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

/** Resolves the stack's Terraform references the way AWS would report them (ARNs with account and region). */
function liveValue(value: string, stack: StackJson): string {
  return value.replace(/\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.arn\}/g, (_m, type: string, id: string) => {
    const r = stack.resource![type]![id]!;
    return type === "aws_sns_topic" ? arn("sns", String(r.name)) : arn("cloudwatch", `alarm:${String(r.alarm_name)}`);
  });
}

/** CloudWatch's state right after a clean deploy of `stack`, in DescribeAlarms and GetDashboard response shapes. */
function deployedState(stack: StackJson) {
  const dims = (d: Record<string, string> | undefined) => Object.entries(d ?? {}).map(([Name, Value]) => ({ Name, Value }));
  const metricAlarms: MetricAlarm[] = Object.values(stack.resource!.aws_cloudwatch_metric_alarm!).map((a: any) => ({
    AlarmName: a.alarm_name,
    AlarmArn: arn("cloudwatch", `alarm:${a.alarm_name}`),
    AlarmDescription: a.alarm_description,
    ActionsEnabled: true,
    StateValue: "OK",
    Namespace: a.namespace,
    MetricName: a.metric_name,
    Statistic: a.statistic,
    ExtendedStatistic: a.extended_statistic,
    Dimensions: a.metric_query ? undefined : dims(a.dimensions),
    Period: a.period,
    EvaluationPeriods: a.evaluation_periods,
    DatapointsToAlarm: a.datapoints_to_alarm,
    Threshold: a.threshold,
    ThresholdMetricId: a.threshold_metric_id,
    ComparisonOperator: a.comparison_operator,
    TreatMissingData: a.treat_missing_data,
    EvaluateLowSampleCountPercentile: a.evaluate_low_sample_count_percentiles,
    AlarmActions: a.alarm_actions.map((x: string) => liveValue(x, stack)),
    OKActions: a.ok_actions.map((x: string) => liveValue(x, stack)),
    InsufficientDataActions: [],
    Metrics: a.metric_query?.map((q: any) => ({
      Id: q.id,
      Expression: q.expression,
      Label: q.label,
      ReturnData: q.return_data,
      MetricStat: q.metric && { Metric: { Namespace: q.metric.namespace, MetricName: q.metric.metric_name, Dimensions: dims(q.metric.dimensions) }, Period: q.metric.period, Stat: q.metric.stat },
    })),
  }));
  const compositeAlarms: CompositeAlarm[] = Object.values(stack.resource!.aws_cloudwatch_composite_alarm!).map((a: any) => ({
    AlarmName: a.alarm_name,
    AlarmArn: arn("cloudwatch", `alarm:${a.alarm_name}`),
    AlarmRule: a.alarm_rule,
    AlarmActions: (a.alarm_actions ?? []).map((x: string) => liveValue(x, stack)),
    OKActions: (a.ok_actions ?? []).map((x: string) => liveValue(x, stack)),
    StateValue: "OK",
  }));
  const dashboards = new Map(Object.values(stack.resource!.aws_cloudwatch_dashboard!).map((d: any) => [d.dashboard_name as string, liveValue(d.dashboard_body, stack)]));
  return { metricAlarms, compositeAlarms, dashboards };
}

/** A CloudWatch stand-in holding the state above and answering the reader's calls with prefix filtering (test double). */
function inMemoryCloudWatch(state: ReturnType<typeof deployedState>): CloudWatchReader {
  return {
    alarmsWithPrefix: async (prefix) => ({
      metricAlarms: state.metricAlarms.filter((a) => a.AlarmName!.startsWith(prefix)),
      compositeAlarms: state.compositeAlarms.filter((a) => a.AlarmName!.startsWith(prefix)),
    }),
    dashboardNamesWithPrefix: async (prefix) => [...state.dashboards.keys()].filter((n) => n.startsWith(prefix)),
    dashboardBody: async (name) => state.dashboards.get(name),
  };
}

describe("drift detection logic (DescribeAlarms / GetDashboard response shapes)", () => {
  const stack = synthEnvironment("production").json as unknown as StackJson;

  test("a clean deploy has no drift", async () => {
    const report = await detectDrift("production", stack, inMemoryCloudWatch(deployedState(stack)));
    expect(report.items).toEqual([]);
    expect(report.checkedAlarms).toBe(63);
    expect(report.checkedDashboards).toBe(1);
    expect(formatDriftReport(report)).toContain("No drift: 63 alarms and 1 dashboards match the code.");
  });

  test("missing, changed and unmanaged alarms and dashboards are each reported", async () => {
    const state = deployedState(stack);
    const byName = (name: string) => state.metricAlarms.find((a) => a.AlarmName === name)!;
    byName("user-service-production-error-rate-critical").Threshold = 50;
    byName("order-processor-production-throttles-warning").AlarmActions = [];
    byName("payment-handler-production-error-rate-critical").Metrics![0]!.Expression = "100 * errors / invocations";
    byName("payment-handler-production-p99-duration-warning").TreatMissingData = "breaching";
    state.metricAlarms = state.metricAlarms.filter((a) => a.AlarmName !== "data-aggregator-production-throttles-critical");
    state.metricAlarms.push({ ...byName("user-service-production-throttles-warning"), AlarmName: "user-service-production-made-by-hand" });
    state.compositeAlarms[0]!.AlarmRule = 'ALARM("user-service-production-error-rate-critical")';
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
      OKActions: ["arn:aws:sns:us-east-1:111122223333:monitoring-warnings-production"],
      AlarmActions: ["arn:aws:sns:us-east-1:111122223333:monitoring-warnings-production"],
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
        { Id: "expression", Expression: "IF(invocations > 0, 100 * errors / invocations, 0)", Label: "Error rate (%)", ReturnData: true },
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

describe("drift command", () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", join(__dirname, "../../tools/drift/cli.ts"), ...args], { encoding: "utf8" });

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
