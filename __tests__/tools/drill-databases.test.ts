/**
 * A drill scenario per default alarm of the database, cache and custom
 * metric segments (tools/drill/scenarios/databases/), replayed through the
 * synthesized alarms of __tests__/modules/support/databases-and-metrics-stack.ts
 * as `npm run drill -- --stack <dir> --scenario <file>` does: the right tier
 * is told, once and in time, and a healthy or quiet estate stays silent.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { alarmMessages, judge } from "../../tools/drill/expectations";
import { readScenario } from "../../tools/drill/scenario";
import { runDrill } from "../../tools/drill/simulate";
import { readStackModel } from "../../tools/drill/stack-model";
import { PROJECT_ROOT } from "../../paths";
import { DatabasesAndMetricsStack } from "../modules/support/databases-and-metrics-stack";

const DIR = join(PROJECT_ROOT, "tools", "drill", "scenarios", "databases");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
const stack = JSON.parse(Testing.synth(new DatabasesAndMetricsStack(Testing.app(), "databases"))) as StackJson;
const model = readStackModel(stack);

/** Which alarm each scenario drives: the default it proves. */
const DRIVES: Readonly<Record<string, string | undefined>> = {
  "databases-cpu.json": "orders-db-cpu-warning",
  "databases-connections.json": "orders-db-connections-warning",
  "databases-freeable-memory.json": "orders-db-freeable-memory-warning",
  "databases-read-latency.json": "orders-db-read-latency-warning",
  "databases-write-latency.json": "orders-db-write-latency-warning",
  "databases-acu-utilisation.json": "orders-db-acu-utilisation-warning",
  "databases-deadlocks.json": "orders-db-deadlocks-warning",
  "databases-instance-cpu.json": "legacy-db-cpu-warning",
  "databases-proxy-borrow-latency.json": "orders-proxy-borrow-latency-warning",
  "databases-proxy-pinned-sessions.json": "orders-proxy-pinned-sessions-warning",
  "caches-cpu.json": "sessions-001-cpu-warning",
  "caches-engine-cpu.json": "sessions-001-engine-cpu-warning",
  "caches-memory.json": "sessions-001-memory-warning",
  "caches-evictions.json": "sessions-001-evictions-warning",
  "caches-connections.json": "sessions-001-connections-warning",
  "caches-hit-rate.json": "sessions-001-hit-rate-warning",
  "caches-serverless-throttled-commands.json": "carts-throttled-commands-warning",
  "caches-serverless-evictions.json": "carts-evictions-warning",
  "caches-serverless-connections.json": "carts-connections-warning",
  "caches-serverless-hit-rate.json": "carts-hit-rate-warning",
  "custom-metrics-count-above.json": "checkout-prod-payment-errors-warning",
  "custom-metrics-value-above.json": "checkout-prod-basket-latency-warning",
  "custom-metrics-rate-low-traffic-total-failure.json": "checkout-prod-payment-failure-rate-warning",
  "custom-metrics-business-orders-stop.json": "checkout-kpis-prod-orders-placed-business",
  "custom-metrics-business-success-rate.json": "checkout-kpis-prod-order-success-rate-business",
  "custom-metrics-anomaly.json": "checkout-prod-traffic-anomaly-warning",
  // Quiet: nobody told.
  "databases-and-caches-healthy.json": undefined,
  "caches-hit-rate-low-traffic.json": undefined,
  "custom-metrics-rate-low-traffic-isolated.json": undefined,
};

describe("drill scenarios of the database, cache and custom metric segments", () => {
  test("every scenario file is listed with the alarm it proves, and every default alarm of the five database and cache segments has one", () => {
    expect(FILES).toEqual(Object.keys(DRIVES).sort());
    const defaults = Object.values(stack.resource!.aws_cloudwatch_metric_alarm!).map((a) => String((a as { alarm_name: string }).alarm_name)).filter((n) => /^(orders-db|orders-proxy|sessions-001|carts)-/.test(n));
    const driven = new Set(Object.values(DRIVES));
    expect(defaults.filter((n) => !driven.has(n))).toEqual([]);
  });

  test.each(FILES)("%s: the right tier is told by the right alarm, once; or nobody", (file) => {
    const scenario = readScenario(join(DIR, file));
    const result = runDrill(model, scenario);
    const verdict = judge(scenario, result);
    expect(verdict.checks.filter((c) => !c.ok).map((c) => c.text)).toEqual([]);
    expect(verdict.passed).toBe(true);
    const told = alarmMessages(result).map((n) => n.alarm);
    const driven = DRIVES[file];
    expect([...new Set(told)]).toEqual(driven === undefined ? [] : [driven]);
  });
});
