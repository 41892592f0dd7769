import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { alarmMetricCount, CUSTOM_METRICS_PER_FUNCTION, dashboardMetricCount, estimateCost } from "../../tools/cost/estimate";
import { PRICES } from "../../tools/cost/prices";
import { runEntry } from "../entries";
import { resources, synthEnvironment } from "../helpers";

describe("cost estimate on the synthesized stacks", () => {
  const dev = synthEnvironment("dev").json;
  const production = synthEnvironment("production").json;

  test("a metric-math alarm counts every metric in its expression; anomaly alarms count three", () => {
    const alarms = resources(production, "aws_cloudwatch_metric_alarm");
    expect(alarmMetricCount(alarms.find((a) => a.alarm_name === "user-service-production-error-rate-critical")!)).toBe(2);
    expect(alarmMetricCount(alarms.find((a) => a.alarm_name === "user-service-production-throttles-warning")!)).toBe(1);
    expect(alarmMetricCount(alarms.find((a) => a.alarm_name === "user-service-production-invocations-anomaly-warning")!)).toBe(3);
  });

  test("math alarms of the estate segments count their metrics: DynamoDB over operations, API 5xx rate, WebSocket errors", () => {
    const alarms = resources(production, "aws_cloudwatch_metric_alarm");
    const named = (name: string) => alarmMetricCount(alarms.find((a) => a.alarm_name === name)!);
    expect(named("serverless-monitoring-http-production-5xx-rate-warning")).toBe(2);
    expect(named("serverless-monitoring-ws-production-connection-errors-critical")).toBe(2);
    expect(named("error-logs-production-system-errors-critical")).toBe(1);
    // A burn-rate window of a function reads Errors and Throttles over Invocations and Throttles; a capability's, its functions' Errors and Invocations and its routes' 5xx and Count.
    expect(named("payment-handler-production-slo-fast-long")).toBe(4);
    // The capability's also counts its canary's runs: SuccessPercent's SampleCount and Sum.
    expect(named("payment-production-slo-fast-long")).toBe(6);
  });

  test("production: every line, at list price", () => {
    const estimate = estimateCost(production as unknown as StackJson, { applyFreeTier: false });
    const alarmMetrics = resources(production, "aws_cloudwatch_metric_alarm").reduce((sum, a) => sum + alarmMetricCount(a), 0);
    const filters = resources(production, "aws_cloudwatch_log_metric_filter").length;
    // Memory, init duration, cold starts, ERROR lines and timeouts, per function.
    expect(filters).toBe(5 * 5);
    const composites = resources(production, "aws_cloudwatch_composite_alarm").length;
    // System health, two capabilities, the warning and business tiers and the warnings' suppressor; a page and a ticket composite
    // per objective: ten availability (five functions, three routes, two capabilities), the WebSocket messages' and four latency objectives.
    expect(composites).toBe(6 + 2 * 15);
    // Five business metrics: payments succeeded, failed and amount; orders completed and rejected.
    // Three routes with detailed metrics (payments, orders, users), six metrics each.
    // Four canaries every 5 minutes: 8,640 runs each in 30 days.
    expect(estimate.lines.map((l) => l.quantity)).toEqual([alarmMetrics, composites, 5, 5 * CUSTOM_METRICS_PER_FUNCTION, filters, 5, 18, 4 * 8_640]);
    expect(estimate.totalUsd).toBeCloseTo(alarmMetrics * PRICES.standardAlarmMetric + composites * PRICES.compositeAlarm + 5 * PRICES.dashboard + (20 + filters + 5 + 18) * PRICES.customMetric + 4 * 8_640 * PRICES.canaryRun, 2);
  });

  test("canaries: their runs in the CloudWatch total ($10.37 a canary at 5 minutes), their S3 and Lambda footprint beside it", () => {
    const estimate = estimateCost(production as unknown as StackJson, { applyFreeTier: true });
    const runs = estimate.lines.find((l) => l.item.startsWith("Synthetics canary runs"))!;
    expect(runs).toMatchObject({ quantity: 34_560, unitUsd: 0.0012, freeQuantity: 100, monthlyUsd: 41.35 });
    expect(estimate.canaryOtherLines!.map((l) => l.item.split(" (")[0])).toEqual(["canary artifacts in S3", "canary artifact PUT requests", "canary Lambda compute"]);
    expect(estimateCost(dev as unknown as StackJson, { applyFreeTier: false }).canaryOtherLines).toBeUndefined();
  });

  test("the free tier: 10 alarm metrics, 10 custom metrics, and 3 dashboards of at most 50 metrics", () => {
    const counts = resources(dev, "aws_cloudwatch_dashboard").map((d) => dashboardMetricCount(String(d.dashboard_body)));
    // The Lambda page shows more than 50 metrics: it is never free; three of the other four are.
    expect(Math.max(...counts)).toBeGreaterThan(PRICES.freeTier.dashboardMaxMetrics);
    expect(counts.filter((n) => n <= PRICES.freeTier.dashboardMaxMetrics)).toHaveLength(4);
    const paid = estimateCost(dev as unknown as StackJson, { applyFreeTier: false });
    const free = estimateCost(dev as unknown as StackJson, { applyFreeTier: true });
    // The EMF metrics use up the 10 free custom metrics: none is left for the log metrics.
    // Dev's four functions that fail on purpose emit InjectedFailures, one more metric each (the last line).
    expect(free.lines.map((l) => [l.item.split(" (")[0], l.quantity, l.freeQuantity])).toContainEqual(["injected-failure metrics", 4, 0]);
    expect(free.lines.map((l) => l.freeQuantity)).toEqual([10, 0, 3, 10, 0, 0, 0, 0]);
    expect(paid.totalUsd - free.totalUsd).toBeCloseTo(10 * PRICES.standardAlarmMetric + 3 * PRICES.dashboard + 10 * PRICES.customMetric, 2);
  });

  test("the command sets the estimate against the budget: exit 0 within it, 2 over it", () => {
    const dir = mkdtempSync(join(tmpdir(), "cost-"));
    try {
      mkdirSync(join(dir, "stacks", "monitoring-dev"), { recursive: true });
      writeFileSync(join(dir, "stacks", "monitoring-dev", "cdk.tf.json"), JSON.stringify(dev));
      const run = (...args: string[]) => runEntry("tools/cost/cli.ts", args);
      const within = run("--env", "dev", "--synth-dir", dir);
      expect(within.status).toBe(0);
      expect(within.stdout).toContain("79 % of the CloudWatch budget ($115.00)");

      // The same alarms, many times over: far past dev's $115 CloudWatch budget.
      const alarms = dev.resource.aws_cloudwatch_metric_alarm!;
      const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => Object.entries(alarms).map(([id, a]) => [`${id}-${i}`, a])).flat());
      writeFileSync(join(dir, "stacks", "monitoring-dev", "cdk.tf.json"), JSON.stringify({ ...dev, resource: { ...dev.resource, aws_cloudwatch_metric_alarm: many } }));
      expect(run("--env", "dev", "--synth-dir", dir).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
