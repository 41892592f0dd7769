/**
 * Every default alarm of issue 28's service segments earns its place in a
 * drill: tools/drill/scenarios/segments/ holds a scenario of raw per-minute
 * series per default alarm (and a healthy one), replayed through a small
 * synthesized library stack (one resource of each segment). Each must tell
 * its tier through its alarm, and leave the other tier quiet where the
 * scenario says so. Two more show a total failure at low traffic is seen.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { judge } from "../../tools/drill/expectations";
import { readScenario } from "../../tools/drill/scenario";
import { runDrill } from "../../tools/drill/simulate";
import { readStackModel } from "../../tools/drill/stack-model";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { ServiceSegmentsStack } from "../e2e/support/service-segments-stack";
import { runEntry } from "../entries";

const DIR = join(__dirname, "..", "..", "tools", "drill", "scenarios", "segments");
const files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
const stack = new ServiceSegmentsStack(Testing.app(), "service-segments");
const stackJson = JSON.parse(Testing.synth(stack)) as StackJson;
const model = readStackModel(stackJson);
const alarmOf = (description: string | undefined) => /Alarm: (\S+)$/.exec(description ?? "")?.[1];

describe("drills of the service segments' default alarms", () => {
  test("every default alarm of the segments has its scenario, and every scenario's alarm is in the stack", () => {
    // The segments' alarms: the alerting's own (delivery failures of its topics) are drilled by the suite.
    const alarms = stack.monitoring.alarms.map((a) => a.alarmName).sort();
    const drilled = [...new Set(files.map((f) => alarmOf(readScenario(join(DIR, f)).description)).filter((a): a is string => a !== undefined))].sort();
    expect(alarms).toHaveLength(28);
    expect(drilled).toEqual(alarms);
  });

  test.each(files)("%s: the expectations hold, and the alarm it names tells its tier", (file) => {
    const scenario = readScenario(join(DIR, file));
    const result = runDrill(model, scenario);
    const verdict = judge(scenario, result);
    expect(verdict.checks.filter((c) => !c.ok).map((c) => c.text)).toEqual([]);
    expect(verdict.passed).toBe(true);
    const alarm = alarmOf(scenario.description);
    if (alarm === undefined) {
      expect(result.notifications.filter((n) => !n.initial && n.state === "ALARM")).toEqual([]);
      return;
    }
    const tier = scenario.expect!.notify[0]!.tiers[0];
    const told = result.notifications.filter((n) => !n.initial && n.state === "ALARM" && n.alarm === alarm);
    expect(told.map((n) => n.tier)).toContain(tier);
    expect(told.every((n) => n.tier === tier && n.channel === "email")).toBe(true);
  });

  test("npm run drill -- --stack <dir> --scenario <file> runs a segment scenario on the synthesized stack", () => {
    const dir = mkdtempSync(join(tmpdir(), "drill-segments-"));
    try {
      const stackDir = join(dir, "stacks", "service-segments");
      mkdirSync(stackDir, { recursive: true });
      writeFileSync(join(stackDir, "cdk.tf.json"), JSON.stringify(stackJson));
      const result = runEntry("tools/drill/cli.ts", ["--stack", stackDir, "--scenario", join(DIR, "sns-dlq-redrive-failures.json")]);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(/notify\s+critical ALARM via \S+ email oncall@example.com: order-events-dlq-redrive-failures-critical/);
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
