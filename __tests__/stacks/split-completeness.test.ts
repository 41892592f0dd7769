/**
 * A split estate monitors what the unsplit stack does (issue 30): the same environment synthesized in one
 * stack and split by capability. Each thing exists once, in the stack it belongs to; every composite covers
 * alarms of its own stack; each function's alarms reach the same tier, silenced the same way.
 */
import "../cdktf-matchers";
import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { XraySamplingRule } from "@cdktf/provider-aws/lib/xray-sampling-rule";
import { Testing, type TerraformStack } from "cdktf";
import { buildApp } from "../../main";
import { environmentInput, type EnvironmentName } from "../../environments";
import { MAX_RESOURCES_PER_STACK, sharedParameterNames } from "../../stacks";
import type { TerraformJson } from "../helpers";

type Resource = Record<string, unknown>;
const ACCOUNT = "111111111111";

function synthEstate(name: EnvironmentName, split: boolean): Map<string, { synth: string; json: TerraformJson }> {
  const app = buildApp(Testing.app(), {}, { environments: [{ config: { ...environmentInput(name), accountId: ACCOUNT }, ...(split ? { split: { by: "capability" as const } } : {}) }] });
  return new Map(
    app.node.children
      .filter((c) => c.node.id !== "state-bootstrap")
      .map((c) => {
        const synth = Testing.synth(c as TerraformStack);
        return [c.node.id, { synth, json: JSON.parse(synth) as TerraformJson }];
      }),
  );
}

const of = (json: TerraformJson, type: string): Resource[] => Object.values(json.resource[type] ?? {});
const alarmsOf = (json: TerraformJson) => [...of(json, "aws_cloudwatch_metric_alarm"), ...of(json, "aws_cloudwatch_composite_alarm")];
const ruleAlarms = (rule: string) => [...rule.matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]!);
const count = (json: TerraformJson) => Object.values(json.resource).reduce((n, byId) => n + Object.keys(byId).length, 0);

/** The tier a topic action stands for: a topic of the stack (by its name's suffix) or the SSM parameter of a tier's topic. */
function tierOfAction(action: string, json: TerraformJson): string | undefined {
  const parameter = /^\$\{data\.aws_ssm_parameter\.topic-([a-z]+)\.value\}$/.exec(action);
  if (parameter) return parameter[1];
  const topic = /^\$\{aws_sns_topic\.([^.]+)\.arn\}$/.exec(action);
  const name = topic ? String(json.resource.aws_sns_topic?.[topic[1]!]?.name ?? "") : "";
  return ["critical", "warning", "business"].find((tier) => name.includes(`-${tier === "critical" ? "alerts" : tier === "warning" ? "warnings" : "business"}-`) || name.endsWith(tier));
}

/** What silences a composite: the maintenance window alone, or the window and the page (the warnings' suppressor). */
function silencedBy(composite: Resource, json: TerraformJson): string {
  const suppressor = String((composite.actions_suppressor as Resource | undefined)?.alarm ?? "");
  if (suppressor === "") return "nothing";
  if (/maintenance-window/.test(suppressor)) return "window";
  const rule = String(alarmsOf(json).find((a) => a.alarm_name === suppressor)?.alarm_rule ?? "");
  return /maintenance-window/.test(rule) && /system-health/.test(rule) ? "window or page" : `unknown ${suppressor}`;
}

/** How an alarm's ALARM reaches people: each `<tier> (silenced by ...)` along its own actions and the composites over it. */
function routes(alarmName: string, json: TerraformJson, seen = new Set<string>()): string[] {
  if (seen.has(alarmName)) return [];
  seen.add(alarmName);
  const alarm = alarmsOf(json).find((a) => a.alarm_name === alarmName)!;
  const own = ((alarm.alarm_actions as string[] | undefined) ?? []).map((a) => `${tierOfAction(a, json)} (silenced by ${alarm.alarm_rule ? silencedBy(alarm, json) : "nothing"})`);
  const over = of(json, "aws_cloudwatch_composite_alarm").filter((c) => ruleAlarms(String(c.alarm_rule)).includes(alarmName));
  return [...new Set([...own, ...over.flatMap((c) => routes(String(c.alarm_name), json, seen))])].sort();
}

describe.each(["dev", "production"] as const)("%s split by capability", (name) => {
  const whole = [...synthEstate(name, false).values()][0]!.json;
  const split = synthEstate(name, true);
  const shared = split.get(`monitoring-${name}-shared`)!;
  const shards = [...split].filter(([id]) => id !== `monitoring-${name}-shared`);
  const all = [...split.values()].map((s) => s.json);

  test("every alarm of the unsplit stack but the APIs' and canaries' is in the split estate once", () => {
    // The APIs (and their routes' objectives) and the canaries that call them are not split yet (docs/multi-account.md).
    const api = (a: Resource) => {
      const namespaces = [String(a.namespace ?? ""), ...((a.metric_query as Resource[] | undefined) ?? []).map((q) => String((q.metric as Resource | undefined)?.namespace ?? ""))];
      return namespaces.some((n) => n === "AWS/ApiGateway" || n === "CloudWatchSynthetics") && !/^[a-z]+-[a-z]+-slo-/.test(String(a.alarm_name)) && !String(a.alarm_name).startsWith(`capability-`);
    };
    const names = all.flatMap((json) => alarmsOf(json).map((a) => String(a.alarm_name)));
    expect(names.length).toBe(new Set(names).size);
    const wanted = of(whole, "aws_cloudwatch_metric_alarm").filter((a) => !api(a)).map((a) => String(a.alarm_name));
    expect(wanted.filter((n) => !names.includes(n))).toEqual([]);
  });

  test("budgets, X-Ray sampling rules, the fault group and cost anomalies are in the shared stack, as in the unsplit stack", () => {
    for (const type of ["aws_budgets_budget", "aws_xray_sampling_rule", "aws_xray_group", "aws_ce_anomaly_monitor", "aws_ce_anomaly_subscription"]) {
      expect(shards.filter(([, s]) => s.json.resource[type] !== undefined).map(([id]) => id)).toEqual([]);
      expect(shared.json.resource[type]).toEqual(whole.resource[type]);
    }
    expect(shared.synth).toHaveResourceWithProperties(BudgetsBudget, { name: `serverless-monitoring-monthly-${name}` });
    expect(shared.synth).toHaveResource(XraySamplingRule);
  });

  test("the shared stack pages through system-health, silenced by its maintenance window, whose name it publishes", () => {
    expect(shared.synth).toHaveResourceWithProperties(SsmParameter, { name: sharedParameterNames(name).maintenanceWindow, value: `maintenance-window-${name}` });
    for (const composite of of(shared.json, "aws_cloudwatch_composite_alarm").filter((c) => c.alarm_actions !== undefined && (c.alarm_actions as string[]).length > 0)) {
      expect(silencedBy(composite, shared.json)).not.toBe("nothing");
    }
  });

  test.each(shards.map(([id]) => [id]))("%s: a capability composite, a page and tier composites over its own alarms, each silenced by the window read from SSM", (id) => {
    const { synth, json } = split.get(id)!;
    const own = new Set(alarmsOf(json).map((a) => String(a.alarm_name)));
    const composites = of(json, "aws_cloudwatch_composite_alarm");
    for (const c of composites) expect(ruleAlarms(String(c.alarm_rule)).filter((n) => !own.has(n) && n !== "${data.aws_ssm_parameter.maintenance-window-name.value}")).toEqual([]);
    const key = id.replace(`monitoring-${name}-`, "");
    expect(synth).toHaveResourceWithProperties(CloudwatchCompositeAlarm, { alarm_name: `system-health-${key}-${name}`, actions_suppressor: { alarm: "${data.aws_ssm_parameter.maintenance-window-name.value}", extension_period: 300, wait_period: 120 } });
    if (key !== "other") expect(synth).toHaveResourceWithProperties(CloudwatchCompositeAlarm, { alarm_name: `${key}-health-${name}` });
    expect(count(json)).toBeLessThanOrEqual(MAX_RESOURCES_PER_STACK);
  });

  test("each function's alarms reach the same tiers, silenced the same way, as in the unsplit stack", () => {
    const functions = of(whole, "aws_lambda_function").map((f) => String(f.function_name));
    const checked: string[] = [];
    for (const [, { json }] of shards) {
      for (const alarm of of(json, "aws_cloudwatch_metric_alarm")) {
        const alarmName = String(alarm.alarm_name);
        if (!functions.some((fn) => alarmName.startsWith(fn))) continue;
        const route = routes(alarmName, json);
        expect({ alarmName, route }).toEqual({ alarmName, route: routes(alarmName, whole) });
        checked.push(...route);
      }
    }
    expect(checked.length).toBeGreaterThan(functions.length * 10);
    // The page and the warnings, each once per alarm and silenced as DESIGN.md says (and KPIs to the business tier).
    expect([...new Set(checked)].sort()).toEqual(["business (silenced by window)", "critical (silenced by window)", "warning (silenced by window or page)"]);
  });
});

test("the monitoring account's estate-health view lists each page of a split environment, and only alarms that exist", () => {
  const role = (account: string) => `arn:aws:iam::${account}:role/monitoring-deploy`;
  const app = buildApp(Testing.app(), {}, {
    environments: [{ config: { ...environmentInput("dev"), name: "qa" }, accounts: [{ accountId: ACCOUNT, regions: ["eu-west-1"], roleArn: role(ACCOUNT) }], split: { by: "capability" } }],
    monitoringAccount: { accountId: "999999999999", region: "eu-west-1", roleArn: role("999999999999") },
  });
  const json = (id: string) => JSON.parse(Testing.synth(app.node.findChild(id) as TerraformStack)) as TerraformJson;
  const dashboard = of(json("monitoring-account"), "aws_cloudwatch_dashboard").find((d) => d.dashboard_name === "serverless-monitoring-estate-health")!;
  const widget = (JSON.parse(String(dashboard.dashboard_body)) as { widgets: { type: string; properties: { alarms?: string[] } }[] }).widgets.find((w) => w.type === "alarm")!;
  const listed = widget.properties.alarms!.map((arn) => arn.split(":alarm:")[1]);
  const existing = app.node.children.filter((c) => c.node.id.startsWith("monitoring-qa-")).flatMap((c) => alarmsOf(json(c.node.id)).map((a) => String(a.alarm_name)));
  expect(listed).toEqual(["system-health-other-qa", "system-health-order-qa", "system-health-payment-qa"]);
  expect(listed.every((name) => existing.includes(name))).toBe(true);
});
