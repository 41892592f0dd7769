/**
 * `npm run cost`'s estimate (tools/cost/estimate.ts) prices issue 28's
 * alarms: the new default alarms as every metric alarm (per metric, a
 * metric-math alarm per metric it reads), and discovered resources per
 * resource found at plan time.
 */
import { Testing } from "cdktf";
import { ServerlessMonitoring } from "@serverless-monitoring/constructs";
import { platformEstateStacks } from "../../examples/platform-estate";
import { alarmMetricCount, discoveredAlarmMetricsPerResource, estimateCost } from "../../tools/cost/estimate";
import { PRICES } from "../../tools/cost/prices";
import type { StackJson } from "../../tools/common/synthesized-stack";

const topics = { critical: "arn:aws:sns:eu-west-1:111122223333:critical", warning: "arn:aws:sns:eu-west-1:111122223333:warning" };
type Alarm = Record<string, unknown> & { alarm_name: string };

describe("the cost of issue 28's alarms", () => {
  const [prod] = platformEstateStacks(Testing.app());
  const json = JSON.parse(Testing.synth(prod!)) as StackJson & { resource: { aws_cloudwatch_metric_alarm: Record<string, Alarm> } };
  const alarm = (name: string) => Object.values(json.resource.aws_cloudwatch_metric_alarm).find((a) => a.alarm_name === name)!;

  test("each new default alarm is priced by the metrics it reads: one, or each metric of its math", () => {
    const metrics = Object.fromEntries(
      [
        "checkout-prod-live-provisioned-concurrency-warning",
        "checkout-prod-live-spillover-warning",
        "audit-stream-prod-audit-events-iterator-age-warning",
        "audit-stream-prod-audit-events-dropped-events-warning",
        "fulfilment-prod-fulfilment-jobs-failed-events-warning",
        "partner-gateway-prod-post-orders-5xx-count-critical",
        "partner-gateway-prod-post-orders-latency-warning",
        "orders-prod-gsi-by-customer-read-throttles-warning",
        "ledger-prod-gsi-by-account-read-capacity-warning",
        "fulfilment-jobs-prod-dlq-messages-warning",
      ].map((name) => [name, alarmMetricCount(alarm(name))]),
    );
    expect(metrics).toEqual({
      "checkout-prod-live-provisioned-concurrency-warning": 1,
      "checkout-prod-live-spillover-warning": 1,
      "audit-stream-prod-audit-events-iterator-age-warning": 1,
      "audit-stream-prod-audit-events-dropped-events-warning": 1,
      "fulfilment-prod-fulfilment-jobs-failed-events-warning": 1,
      "partner-gateway-prod-post-orders-5xx-count-critical": 1,
      "partner-gateway-prod-post-orders-latency-warning": 1,
      "orders-prod-gsi-by-customer-read-throttles-warning": 1,
      // consumed and provisioned
      "ledger-prod-gsi-by-account-read-capacity-warning": 2,
      "fulfilment-jobs-prod-dlq-messages-warning": 1,
    });
    const estimate = estimateCost(json, { applyFreeTier: false });
    const all = Object.values(json.resource.aws_cloudwatch_metric_alarm).reduce((n, a) => n + alarmMetricCount(a), 0);
    expect(estimate.lines[0]).toMatchObject({ quantity: all, monthlyUsd: Math.round(all * PRICES.standardAlarmMetric * 100) / 100 });
  });

  test("discovered resources: their alarm blocks are priced per resource found, by kind, apart from the alarms of known resources", () => {
    const stack = Testing.synthScope((scope) => {
      const m = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "d" });
      m.monitorDiscovered({ name: "payments", tags: { team: ["payments"] } });
    });
    const discovered = JSON.parse(stack) as StackJson;
    // A function: error rate (2 metrics) and throttles; a table: 2 throttles, system errors and latency over 9 operations each; a queue: 2.
    expect(discoveredAlarmMetricsPerResource(discovered)).toEqual([
      { what: "function", metrics: 3 },
      { what: "queue", metrics: 2 },
      { what: "table", metrics: 20 },
    ]);
    const estimate = estimateCost(discovered, { applyFreeTier: false });
    expect(estimate.lines[0]!.quantity).toBe(0);
    expect(estimate.lines.filter((l) => l.item.includes("discovered at plan time")).map((l) => [l.item.split(" discovered")[0], l.monthlyUsd])).toEqual([
      ["alarm metrics of each function", 0.3],
      ["alarm metrics of each queue", 0.2],
      ["alarm metrics of each table", 2],
    ]);
  });
});
