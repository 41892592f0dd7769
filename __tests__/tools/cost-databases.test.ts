/**
 * What the database, cache and custom metric segments cost a month at list
 * price, as `npm run cost -- --stack <dir>` prices any synthesized stack:
 * each segment's default alarms (a metric-math alarm pays per metric, an
 * anomaly band three) and the pages they add. docs/library/databases.md,
 * caches.md and custom-metrics.md quote these figures.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { ServerlessMonitoring } from "@serverless-monitoring/constructs";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { alarmMetricCount, estimateCost } from "../../tools/cost/estimate";
import { runEntry } from "../entries";
import { DatabasesAndMetricsStack } from "../modules/support/databases-and-metrics-stack";

const topics = { critical: "arn:aws:sns:us-east-1:111122223333:critical", warning: "arn:aws:sns:us-east-1:111122223333:warning", business: "arn:aws:sns:us-east-1:111122223333:business" };

/** The alarm metrics one segment's defaults evaluate, and their price a month. */
function priceOf(build: (m: ServerlessMonitoring) => void): { alarms: number; alarmMetrics: number; alarmUsd: number } {
  const json = JSON.parse(Testing.synthScope((scope) => build(new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "us-east-1", topics, dashboardName: "shop", withoutBuiltInDefaults: false })))) as StackJson;
  const alarms = Object.values(json.resource?.aws_cloudwatch_metric_alarm ?? {});
  const alarmMetrics = alarms.reduce((n, a) => n + alarmMetricCount(a), 0);
  const estimate = estimateCost(json, { applyFreeTier: false });
  return { alarms: alarms.length, alarmMetrics, alarmUsd: estimate.lines[0]!.monthlyUsd };
}

describe("cost of the database, cache and custom metric segments", () => {
  test("per segment, defaults only: alarms, alarm metrics and their monthly price", () => {
    expect(priceOf((m) => m.monitorDatabase({ dbClusterIdentifier: "orders-db", engine: "aurora-postgresql", serverless: true, maxConnections: 1000 }))).toEqual({ alarms: 7, alarmMetrics: 7, alarmUsd: 0.7 });
    expect(priceOf((m) => m.monitorDatabase({ dbInstanceIdentifier: "legacy-db", engine: "postgres", maxConnections: 200 }))).toEqual({ alarms: 5, alarmMetrics: 5, alarmUsd: 0.5 });
    // Pinned sessions read two metrics (pinned over database connections).
    expect(priceOf((m) => m.monitorDatabaseProxy({ proxyName: "orders-proxy" }))).toEqual({ alarms: 2, alarmMetrics: 3, alarmUsd: 0.3 });
    // The hit rate reads hits and misses.
    expect(priceOf((m) => m.monitorCache({ cacheClusterId: "sessions-001" }))).toEqual({ alarms: 6, alarmMetrics: 7, alarmUsd: 0.7 });
    expect(priceOf((m) => m.monitorCache({ serverlessCacheName: "carts" }))).toEqual({ alarms: 4, alarmMetrics: 5, alarmUsd: 0.5 });
  });

  test("custom watches: a count or value one metric, a rate two, an anomaly band three", () => {
    const m = { namespace: "Acme/Checkout", metricName: "Orders" };
    const warning = { warning: { threshold: 5, evaluationPeriods: 3 } };
    const price = (watch: Parameters<ServerlessMonitoring["monitorMetrics"]>[0]["watches"][number]) => priceOf((f) => f.monitorMetrics({ name: "x", watches: [watch] })).alarmMetrics;
    expect([
      price({ id: "a", type: "count", metric: m, when: "above", thresholds: warning }),
      price({ id: "a", type: "value", metric: m, when: "above", thresholds: warning }),
      price({ id: "a", type: "rate", numerator: m, denominator: { ...m, metricName: "Checkouts" }, thresholds: warning }),
      price({ id: "a", type: "anomaly", metric: m, when: "outside", thresholds: { warning: { threshold: 2, evaluationPeriods: 3 } } }),
    ]).toEqual([1, 1, 2, 3]);
  });

  test("npm run cost -- --stack prices any synthesized stack, without budgets; --stack with --env is refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "cost-stack-"));
    try {
      const json = Testing.synth(new DatabasesAndMetricsStack(Testing.app(), "databases"));
      mkdirSync(join(dir, "databases"));
      writeFileSync(join(dir, "databases", "cdk.tf.json"), json);
      const run = (...args: string[]) => runEntry("tools/cost/cli.ts", args);
      const priced = run("--stack", join(dir, "databases"));
      expect(priced.stderr).toBe("");
      expect(priced.status).toBe(0);
      // 7 + 5 + 3 + 7 + 5 database and cache metrics; the team's watches 1 + 1 + 2 + 3, its KPIs 1 + 2; Alerting's 3 delivery alarms.
      expect(priced.stdout).toContain("| alarm metrics (each metric in a metric-math alarm counts) | 40 | 0 | $0.10 | $4.00 |");
      // Four pages: Lambda (always), the database page, the custom metrics page and the business page.
      expect(priced.stdout).toMatch(/\| dashboards \([\d, ]+ metrics\) \| 4 \| 0 \| \$3\.00 \| \$12\.00 \|/);
      expect(priced.stdout).toContain("**$16.00**");
      expect(priced.stdout).not.toContain("Against the budgets");
      const refused = run("--stack", join(dir, "databases"), "--env", "dev");
      expect([refused.status, refused.stderr.trim()]).toEqual([1, "cost: --stack prices one synthesized stack; it does not go with --env or --synth-dir."]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
