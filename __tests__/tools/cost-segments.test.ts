/**
 * The price of each of issue 28's service segments on its defaults, as
 * `npm run cost` reckons it: the metrics its alarms evaluate, and S3's request
 * metrics where the segment creates their configuration. Each segment's guide
 * (docs/library/<segment>.md) states the figure; this test holds it true.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { ServerlessMonitoring } from "@serverless-monitoring/constructs";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { estimateCost, METRICS_PER_S3_REQUEST_METRICS_CONFIGURATION } from "../../tools/cost/estimate";
import { PRICES } from "../../tools/cost/prices";
import { ServiceSegmentsStack } from "../e2e/support/service-segments-stack";
import { runEntry } from "../entries";

const topics = { critical: "arn:aws:sns:eu-west-1:111122223333:critical", warning: "arn:aws:sns:eu-west-1:111122223333:warning" };
const usd = (n: number) => `$${n.toFixed(2)}`;

/** Segment guide, the resource on its defaults, its alarms' metrics. */
const SEGMENTS: readonly [string, (m: ServerlessMonitoring) => void, number][] = [
  ["step-functions", (m) => m.monitorStateMachine({ stateMachineArn: "arn:aws:states:eu-west-1:111122223333:stateMachine:orders" }), 7],
  ["eventbridge", (m) => m.monitorEventBridgeRule({ ruleName: "order-placed" }), 4],
  ["eventbridge", (m) => m.monitorEventBus({ eventBusName: "orders" }), 3],
  ["sns", (m) => m.monitorSnsTopic({ topicName: "order-events" }), 5],
  ["kinesis", (m) => m.monitorKinesisStream({ streamName: "clicks", consumerFunctionName: "clicks-consumer" }), 6],
  ["firehose", (m) => m.monitorFirehose({ deliveryStreamName: "archive" }), 2],
  ["appsync", (m) => m.monitorAppSyncApi({ apiId: "abcdefghijklmnopqrstuvwxyz", apiName: "catalog" }), 4],
  ["s3", (m) => m.monitorS3Bucket({ bucketName: "uploads-prod" }), 3],
];

function estimateOf(build: (m: ServerlessMonitoring) => void) {
  const json = JSON.parse(Testing.synthScope((scope) => build(new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate" })))) as StackJson;
  return estimateCost(json, { applyFreeTier: false });
}

describe("the price of each service segment on its defaults", () => {
  test.each(SEGMENTS)("%s: %#", (guide, build, metrics) => {
    const estimate = estimateOf(build);
    expect(estimate.lines[0]!.quantity).toBe(metrics);
    const price = metrics * PRICES.standardAlarmMetric;
    expect(estimate.lines[0]!.monthlyUsd).toBeCloseTo(price, 2);
    const text = readFileSync(join(__dirname, "..", "..", "docs", "library", `${guide}.md`), "utf8");
    expect(text).toContain(`${metrics} alarm metrics, ${usd(price)} a month`);
  });

  test("S3: the request-metrics configuration adds 16 custom metrics", () => {
    const estimate = estimateOf((m) => m.monitorS3Bucket({ bucketName: "uploads-prod", createRequestMetrics: true }));
    const line = estimate.lines.find((l) => l.item.startsWith("S3 request metrics"))!;
    expect(line.quantity).toBe(METRICS_PER_S3_REQUEST_METRICS_CONFIGURATION);
    expect(line.monthlyUsd).toBeCloseTo(16 * PRICES.customMetric, 2);
    expect(readFileSync(join(__dirname, "..", "..", "docs", "library", "s3.md"), "utf8")).toContain(`${METRICS_PER_S3_REQUEST_METRICS_CONFIGURATION} custom metrics, ${usd(16 * PRICES.customMetric)} a month`);
    // No configuration, no line: the environments' estimates keep their lines.
    expect(estimateOf((m) => m.monitorS3Bucket({ bucketName: "uploads-prod" })).lines.some((l) => l.item.startsWith("S3 request metrics"))).toBe(false);
  });

  test("npm run cost -- --stack prices any synthesized stack, without budgets; --stack with --env is refused", () => {
    const json = Testing.synth(new ServiceSegmentsStack(Testing.app(), "service-segments"));
    const dir = mkdtempSync(join(tmpdir(), "cost-segments-"));
    try {
      writeFileSync(join(dir, "cdk.tf.json"), json);
      const result = runEntry("tools/cost/cli.ts", ["--stack", dir]);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("| S3 request metrics (16 per configuration) | 16 | 0 | $0.30 | $4.80 |");
      expect(result.stdout).not.toContain("Against the budgets");
      const refused = runEntry("tools/cost/cli.ts", ["--stack", dir, "--env", "dev"]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("--stack prices one synthesized stack; it does not go with --env or --synth-dir.");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
