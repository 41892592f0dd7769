/**
 * Routing without workarounds: a tier on another tier's topic (`sameAs`), or
 * without a channel (`noChannel`), and no topic made that nobody uses.
 */
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Testing } from "cdktf";
import { Alerting, InvalidPropsError, requireAlertPaths, ServerlessMonitoring, type AlertingProps } from "@serverless-monitoring/constructs";
import "../cdktf-matchers";

const base = { environment: "staging", accountId: "111122223333", region: "eu-west-1" } as const;
const errorRate = { warning: { threshold: 5, evaluationPeriods: 3 }, critical: { threshold: 20, evaluationPeriods: 2 } };

/** An estate of one function on the given channels, with the synth-time alert-path check the reference stack runs. */
function estate(channels: AlertingProps["channels"]) {
  let alerting!: Alerting;
  let monitoring!: ServerlessMonitoring;
  const synth = Testing.synthScope((scope) => {
    alerting = new Alerting(scope, "alerting", { ...base, channels });
    monitoring = new ServerlessMonitoring(scope, "monitoring", { environment: "staging", region: "eu-west-1", topics: alerting.alarmActions, dashboardName: "estate", withoutBuiltInDefaults: true, defaults: { function: { errorRatePercent: errorRate } } });
    monitoring.monitorFunction({ functionName: "orders" });
    requireAlertPaths({ alarms: [...monitoring.alarms, ...alerting.deliveryAlarms], composites: [], topicArns: alerting.topicArns, subscribed: alerting.subscribed, noChannel: alerting.noChannel });
  });
  const json = JSON.parse(synth);
  const topicNames = (Object.values(json.resource.aws_sns_topic ?? {}) as { name: string }[]).map((t) => t.name).sort();
  const alarms = Object.values(json.resource.aws_cloudwatch_metric_alarm ?? {}) as { alarm_name: string; alarm_actions: string[]; ok_actions: string[] }[];
  return { synth, json, alerting, topicNames, alarm: (name: string) => alarms.find((a) => a.alarm_name === name)! };
}

describe("a tier on another tier's topic (sameAs): staging's critical alerts to the warning tier's chat", () => {
  const { synth, alerting, topicNames, alarm } = estate({ critical: { sameAs: "warning" }, warning: { emails: ["team@acme.example"] }, business: { emails: ["biz@acme.example"] } });

  test("no critical topic is made; the critical alarms notify the warning topic", () => {
    expect(topicNames).toEqual(["monitoring-business-staging", "monitoring-warnings-staging"]);
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "orders-error-rate-critical", alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alerting_warning-topic_\w+\.arn\}$/)] });
    expect(alarm("orders-error-rate-critical").alarm_actions).toEqual(alarm("orders-error-rate-warning").alarm_actions);
    expect(alerting.topicArns.critical).toBe(alerting.topicArns.warning);
    expect(alerting.subscribed.critical).toBe(true);
  });

  test("the shared topic's delivery failures go to a tier on another topic, never to itself", () => {
    const delivery = alarm("monitoring-warnings-staging-delivery-failures");
    expect(delivery.alarm_actions).toEqual([expect.stringContaining("business-topic")]);
    expect(alarm("monitoring-business-staging-delivery-failures").alarm_actions).toEqual([expect.stringContaining("warning-topic")]);
  });

  test("with no tier on another topic, no delivery alarm rather than one reporting to the failing topic", () => {
    const { json } = estate({ critical: { sameAs: "warning" }, warning: { emails: ["team@acme.example"] } });
    const names = (Object.values(json.resource.aws_cloudwatch_metric_alarm) as { alarm_name: string }[]).map((a) => a.alarm_name);
    expect(names.filter((n) => n.endsWith("-delivery-failures"))).toEqual([]);
    // The business tier, left out, keeps its topic (as before: a tier not mentioned is not a tier without a channel).
    expect(Object.keys(json.resource.aws_sns_topic).sort()).toEqual([expect.stringContaining("business-topic"), expect.stringContaining("warning-topic")]);
  });
});

describe("a tier without a channel (noChannel): staging does not page", () => {
  const { synth, json, alerting, topicNames, alarm } = estate({ critical: { noChannel: true }, warning: { emails: ["team@acme.example"] } });

  test("no critical topic, and no key or topic at all for it; its alarms are made and notify nobody", () => {
    expect(topicNames).toEqual(["monitoring-business-staging", "monitoring-warnings-staging"]);
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "orders-error-rate-critical", alarm_actions: [], ok_actions: [] });
    expect(alarm("orders-error-rate-warning").alarm_actions).toEqual([expect.stringContaining("warning-topic")]);
    expect(alerting.alarmActions.critical).toBe(false);
    expect(alerting.noChannel).toEqual(["critical"]);
    expect(Object.keys(json.resource.aws_kms_key)).toHaveLength(1);
  });

  test("asking for its topic ARN is one error naming it; listing the ARNs leaves it out", () => {
    expect(() => alerting.topicArns.critical).toThrow(InvalidPropsError);
    expect(() => alerting.topicArns.critical).toThrow(/^Alerting: channels\.critical\.noChannel is true; allowed: a channel for the critical tier/);
    expect(Object.keys(alerting.topicArns).sort()).toEqual(["business", "warning"]);
  });

  test("every tier without a channel: no key and no topic at all", () => {
    const { json: none } = estate({ critical: { noChannel: true }, warning: { noChannel: true }, business: { noChannel: true } });
    expect(none.resource.aws_sns_topic).toBeUndefined();
    expect(none.resource.aws_kms_key).toBeUndefined();
  });

  test("the alert-path check still refuses a critical tier nobody hears that is not marked noChannel", () => {
    expect(() => estate({ warning: { emails: ["team@acme.example"] } })).toThrow('Alerting: channels.critical is "no subscriber or channel"');
  });

  test("by the matchers too: the warning topic, no critical one", () => {
    expect(synth).toHaveResourceWithProperties(SnsTopic, { name: "monitoring-warnings-staging" });
    expect(synth).not.toHaveResourceWithProperties(SnsTopic, { name: "monitoring-alerts-staging" });
  });
});

describe("bad routes: one error naming the field, the value and what is allowed", () => {
  const inStack = (channels: unknown) => () => Testing.synthScope((scope) => new Alerting(scope, "alerting", { ...base, channels: channels as AlertingProps["channels"] }));
  test.each([
    ["an unknown tier", { critical: { sameAs: "warnings" } }, 'Alerting: channels.critical.sameAs is "warnings"; allowed: another tier: warning, business.'],
    ["itself", { critical: { sameAs: "critical" } }, 'Alerting: channels.critical.sameAs is "critical"; allowed: another tier: warning, business.'],
    ["a loop", { critical: { sameAs: "warning" }, warning: { sameAs: "critical" } }, 'Alerting: channels.critical.sameAs is "warning"; allowed: a tier with a topic of its own: warning uses sameAs "critical" in turn, a loop in which neither has a topic.'],
    ["a chain", { critical: { sameAs: "warning" }, warning: { sameAs: "business" } }, 'Alerting: channels.critical.sameAs is "warning"; allowed: a tier with a topic of its own: warning uses sameAs "business" in turn; name "business" directly.'],
    ["a tier without a channel", { critical: { sameAs: "warning" }, warning: { noChannel: true } }, 'Alerting: channels.critical.sameAs is "warning"; allowed: a tier with a topic of its own: warning has noChannel; give this tier noChannel too if it should notify nobody.'],
    ["sameAs with channels of its own", { critical: { sameAs: "warning", emails: ["a@acme.example"] } }, 'Alerting: channels.critical.emails is ["a@acme.example"]; allowed: nothing beside sameAs: the tier\'s alerts use the other tier\'s topic and channels.'],
    ["noChannel with a channel", { critical: { noChannel: true, sms: ["+4915112345678"] } }, 'Alerting: channels.critical.sms is ["+4915112345678"]; allowed: nothing beside noChannel: the tier has no channel.'],
    ["noChannel false", { critical: { noChannel: false } }, "Alerting: channels.critical.noChannel is false; allowed: true (or leave it out)."],
  ])("%s", (_what, channels, message) => {
    expect(inStack(channels)).toThrow(InvalidPropsError);
    expect(inStack(channels)).toThrow(message);
  });
});
