/**
 * The zero-traffic outage (tools/drill/scenarios/canary-zero-traffic-outage.json)
 * through the production stack's real alarms and composites: with the canaries
 * the critical tier is paged once, within 15 minutes, with no user traffic;
 * without them the same outage tells nobody.
 */
import { environmentInput, parseEnvironment } from "../../environments";
import { judge } from "../../tools/drill/expectations";
import { readScenario } from "../../tools/drill/scenario";
import { runDrill } from "../../tools/drill/simulate";
import { readStackModel } from "../../tools/drill/stack-model";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { PROJECT_ROOT, synthEnvironment, synthMonitoringStack } from "../helpers";
import { join } from "node:path";

const scenario = readScenario(join(PROJECT_ROOT, "tools", "drill", "scenarios", "canary-zero-traffic-outage.json"));

test("production: the canaries page the critical tier once, within 15 minutes, at zero traffic", () => {
  const model = readStackModel(synthEnvironment("production").json as unknown as StackJson);
  expect(model.canaries.map((c) => `${c.name} ${c.scheduleMinutes} ${c.routeKey ?? c.kind}`).sort()).toEqual([
    "orders-production 5 POST /orders",
    "payments-production 5 POST /payments",
    "users-production 5 POST /users",
    "ws-production 5 websocket",
  ]);
  const result = runDrill(model, scenario);
  const verdict = judge(scenario, result);
  expect(verdict.checks.filter((c) => !c.ok)).toEqual([]);
  const pages = result.notifications.filter((n) => n.state === "ALARM" && n.tier === "critical");
  expect(pages[0]!.minute).toBeGreaterThanOrEqual(60);
  expect(pages[0]!.minute).toBeLessThanOrEqual(75);
  // The canaries' own alarms are in ALARM during the outage and clear after it.
  expect(result.changes.some((c) => c.alarm === "payments-production-canary-success-percent-critical" && c.to === "ALARM")).toBe(true);
});

test("production without canaries: the same outage at zero traffic tells nobody", () => {
  const config = parseEnvironment("production", { ...environmentInput("production"), canaries: { enabled: false } });
  const model = readStackModel(synthMonitoringStack(config).json as unknown as StackJson);
  expect(model.canaries).toEqual([]);
  const result = runDrill(model, scenario);
  expect(result.notifications.filter((n) => n.state === "ALARM")).toEqual([]);
  expect(judge(scenario, result).passed).toBe(false);
});
