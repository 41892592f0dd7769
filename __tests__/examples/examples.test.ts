import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { Testing } from "cdktf";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { OrderWorkflowMonitoring } from "../../examples/custom-segment";
import { EstateMonitoring } from "../../examples/monitor-an-estate";
import { CheckoutMonitoring } from "../../examples/monitor-existing-functions";
import { captureOutput } from "../lambda-src/support/captured-output";
import { functionEnvironment, resetEnvironment } from "../lambda-src/support/environment";
import { fakeLambdaContext } from "../lambda-src/support/lambda-context";
import "../cdktf-matchers";

describe("examples/monitor-existing-functions.ts", () => {
  const synth = Testing.synth(new CheckoutMonitoring(Testing.app(), "checkout-monitoring"));
  const json = JSON.parse(synth);

  test("creates alarms, topics, a health alarm and a dashboard, and no function", () => {
    expect(Object.keys(json.resource).sort()).toEqual([
      "aws_cloudwatch_composite_alarm",
      "aws_cloudwatch_dashboard",
      "aws_cloudwatch_log_metric_filter",
      "aws_cloudwatch_metric_alarm",
      "aws_kms_alias",
      "aws_kms_key",
      "aws_sns_topic",
      "aws_sns_topic_policy",
      "aws_sns_topic_subscription",
    ]);
    expect(Object.keys(json.resource.aws_cloudwatch_metric_alarm)).toHaveLength(2 * 4);
    expect(synth).toHaveResourceWithProperties(CloudwatchCompositeAlarm, {
      alarm_name: "checkout-health",
      alarm_rule: 'ALARM("checkout-api-error-rate-critical") OR ALARM("checkout-api-dlq-messages-critical") OR ALARM("checkout-worker-error-rate-critical") OR ALARM("checkout-worker-dlq-messages-critical")',
    });
  });
});

describe("examples/custom-segment.ts: a Step Functions segment of the team's own, with the library's helpers", () => {
  let stack!: OrderWorkflowMonitoring;
  const synth = Testing.synth((stack = new OrderWorkflowMonitoring(Testing.app(), "orders")));
  const json = JSON.parse(synth);

  test("its segment is about 15 lines: the table of kinds and the class", () => {
    const source = readFileSync(join(__dirname, "../../examples/custom-segment.ts"), "utf8").split("\n");
    const from = source.findIndex((l) => l.startsWith("const STATES"));
    const to = source.findIndex((l) => l.startsWith("export class OrderWorkflowMonitoring"));
    expect(to - from).toBeLessThanOrEqual(20);
  });

  test("alarms on failed executions (critical) and timed-out ones (warning) of the state machine, on the tiers' topics", () => {
    const dimensions = { StateMachineArn: "arn:aws:states:eu-west-1:111122223333:stateMachine:order-workflow" };
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "order-workflow-executions-failed-critical",
      namespace: "AWS/States",
      metric_name: "ExecutionsFailed",
      dimensions,
      statistic: "Sum",
      threshold: 1,
      comparison_operator: "GreaterThanOrEqualToThreshold",
      treat_missing_data: "notBreaching",
      alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alerting_critical-topic_\w+\.arn\}$/)],
      alarm_description: expect.stringContaining("[CRITICAL] order-workflow: 1 or more failed executions in 1 of 1 periods of 60 s."),
    });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "order-workflow-executions-timed-out-warning", metric_name: "ExecutionsTimedOut", dimensions });
    const names = (Object.values(json.resource.aws_cloudwatch_metric_alarm) as { alarm_name: string }[]).map((a) => a.alarm_name).filter((n) => n.startsWith("order-workflow"));
    expect(names.sort()).toEqual(["order-workflow-executions-failed-critical", "order-workflow-executions-timed-out-warning"]);
    expect(stack.monitoring.alarms.map((a) => a.segment)).toContain("states:order-workflow");
  });

  test("its graph, with both threshold lines, is on the dashboard's first page", () => {
    const dashboard = (Object.values(json.resource.aws_cloudwatch_dashboard) as { dashboard_name: string; dashboard_body: string }[]).find((d) => d.dashboard_name === "orders")!;
    const graph = JSON.parse(dashboard.dashboard_body).widgets.find((w: { properties: { title?: string } }) => w.properties.title === "order-workflow: executions");
    expect(graph.properties.metrics).toEqual([expect.arrayContaining(["AWS/States", "ExecutionsFailed"]), expect.arrayContaining(["AWS/States", "ExecutionsTimedOut"])]);
    expect(graph.properties.annotations.horizontal.map((a: { label: string }) => a.label)).toEqual(["critical executions-failed", "warning executions-timed-out"]);
  });
});

describe("examples/monitor-an-estate.ts: 30 existing functions, two APIs, two tables, a queue, existing topics", () => {
  let segments = 0;
  const synth = Testing.synth(
    (() => {
      const stack = new EstateMonitoring(Testing.app(), "estate");
      segments = stack.monitoring.segments.length;
      return stack;
    })(),
  );
  const json = JSON.parse(synth);
  const alarms = Object.values(json.resource.aws_cloudwatch_metric_alarm) as { alarm_name: string; alarm_actions: string[] }[];

  test("is under 60 lines", () => {
    expect(readFileSync(join(__dirname, "../../examples/monitor-an-estate.ts"), "utf8").trimEnd().split("\n").length).toBeLessThan(60);
  });

  test("creates monitoring only, routes to the team's own topics, and warnings to its Slack channel", () => {
    expect(Object.keys(json.resource).sort()).toEqual([
      "aws_chatbot_slack_channel_configuration",
      "aws_cloudwatch_composite_alarm",
      "aws_cloudwatch_dashboard",
      "aws_cloudwatch_log_metric_filter",
      "aws_cloudwatch_metric_alarm",
      "aws_iam_role",
      "aws_iam_role_policy",
    ]);
    // Every tier has its topic already: no topic, and no key for one.
    expect(json.resource.aws_sns_topic).toBeUndefined();
    expect(new Set(alarms.flatMap((a) => a.alarm_actions))).toEqual(new Set(["arn:aws:sns:eu-west-1:111122223333:pagerduty-critical", "arn:aws:sns:eu-west-1:111122223333:team-shop-warnings"]));
    expect(Object.values(json.resource.aws_chatbot_slack_channel_configuration)).toEqual([
      expect.objectContaining({ slack_channel_id: "C0SHOPOPS", sns_topic_arns: ["arn:aws:sns:eu-west-1:111122223333:team-shop-warnings"] }),
    ]);
    // 30 Lambda segments, 10 dead-letter queues, 2 APIs, 2 tables, 1 queue, the 30 functions' objectives and the WebSocket API's messages objective (on by default).
    expect(segments).toBe(76);
    expect(Object.keys(json.resource.aws_cloudwatch_log_metric_filter)).toHaveLength(30 * 5);
  });

  test("one page per service", () => {
    const names = (Object.values(json.resource.aws_cloudwatch_dashboard) as { dashboard_name: string }[]).map((d) => d.dashboard_name).sort();
    expect(names).toEqual(["shop-estate", "shop-estate-api", "shop-estate-dynamodb", "shop-estate-sqs"]);
  });

  test("the per-resource override and the team's default apply", () => {
    expect(alarms.map((a) => a.alarm_name)).toEqual(expect.arrayContaining(["checkout-api-errors-critical", "cart-api-p99-duration-warning", "shop-ledger-write-capacity-warning", "shop-fulfilment-oldest-message-age-critical", "shop-live-connection-errors-critical"]));
    expect(alarms.map((a) => a.alarm_name)).not.toContain("cart-api-errors-critical");
  });
});

describe("examples/instrumented-handler.ts", () => {
  afterEach(() => resetEnvironment());

  const load = () => {
    let handler: (event: unknown, context: ReturnType<typeof fakeLambdaContext>) => Promise<unknown>;
    jest.isolateModules(() => {
      handler = require("../../examples/instrumented-handler").handler;
    });
    return handler!;
  };

  test("answers valid and invalid input; a thrown error is logged with its record and re-thrown", async () => {
    functionEnvironment({ endpoint: "http://127.0.0.1:9", serviceName: "refunds" });
    const handler = load();
    const output = captureOutput();
    try {
      expect(await handler({ orderId: "o-1", amountCents: 500 }, fakeLambdaContext("refunds"))).toEqual({ ok: true, data: { orderId: "o-1", refundedCents: 500 } });
      expect(await handler({ orderId: "", amountCents: -1 }, fakeLambdaContext("refunds"))).toMatchObject({ ok: false, error: { type: "ClientError" } });
      await expect(handler({ orderId: "o-2", amountCents: 500_000 }, fakeLambdaContext("refunds"))).rejects.toThrow("needs manual approval");
      // Nothing listens on port 9: the record is in the log instead, marked.
      expect(output.lines().find((l) => l.errorRecordUndelivered === true)).toMatchObject({ errorRecord: { functionName: "refunds", errorMessage: "refund of 500000 cents for o-2 needs manual approval" } });
    } finally {
      output.restore();
    }
  });
});
