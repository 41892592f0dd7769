import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { alarmMetricCount, CUSTOM_METRICS_PER_FUNCTION, dashboardMetricCount, estimateCost } from "../../tools/cost/estimate";
import { PRICES } from "../../tools/cost/prices";
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

  test("production: every line, at list price", () => {
    const estimate = estimateCost(production as unknown as StackJson, { applyFreeTier: false });
    const errorRateAlarms = 10;
    const anomalyAlarms = 5;
    const otherAlarms = resources(production, "aws_cloudwatch_metric_alarm").length - errorRateAlarms - anomalyAlarms;
    expect(estimate.lines.map((l) => l.quantity)).toEqual([errorRateAlarms * 2 + anomalyAlarms * 3 + otherAlarms, 1, 1, 5 * CUSTOM_METRICS_PER_FUNCTION]);
    expect(estimate.totalUsd).toBeCloseTo(82 * PRICES.standardAlarmMetric + PRICES.compositeAlarm + PRICES.dashboard + 20 * PRICES.customMetric, 2);
  });

  test("the free tier: 10 alarm metrics and 10 custom metrics; no free dashboard when it shows more than 50 metrics", () => {
    const body = String(resources(dev, "aws_cloudwatch_dashboard")[0]!.dashboard_body);
    expect(dashboardMetricCount(body)).toBeGreaterThan(PRICES.freeTier.dashboardMaxMetrics);
    const paid = estimateCost(dev as unknown as StackJson, { applyFreeTier: false });
    const free = estimateCost(dev as unknown as StackJson, { applyFreeTier: true });
    expect(free.lines.map((l) => l.freeQuantity)).toEqual([10, 0, 0, 10]);
    expect(paid.totalUsd - free.totalUsd).toBeCloseTo(10 * PRICES.standardAlarmMetric + 10 * PRICES.customMetric, 2);
  });

  test("the command sets the estimate against the budget: exit 0 within it, 2 over it", () => {
    const dir = mkdtempSync(join(tmpdir(), "cost-"));
    try {
      mkdirSync(join(dir, "stacks", "monitoring-dev"), { recursive: true });
      writeFileSync(join(dir, "stacks", "monitoring-dev", "cdk.tf.json"), JSON.stringify(dev));
      const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", join(__dirname, "../../tools/cost/cli.ts"), ...args], { encoding: "utf8" });
      const within = run("--env", "dev", "--synth-dir", dir);
      expect(within.status).toBe(0);
      expect(within.stdout).toContain("59 % of the CloudWatch budget ($25.00)");

      // The same alarms, many times over: far past dev's $25 CloudWatch budget.
      const alarms = dev.resource.aws_cloudwatch_metric_alarm!;
      const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => Object.entries(alarms).map(([id, a]) => [`${id}-${i}`, a])).flat());
      writeFileSync(join(dir, "stacks", "monitoring-dev", "cdk.tf.json"), JSON.stringify({ ...dev, resource: { ...dev.resource, aws_cloudwatch_metric_alarm: many } }));
      expect(run("--env", "dev", "--synth-dir", dir).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
