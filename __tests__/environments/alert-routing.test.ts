/**
 * Routing without workarounds in the environments' configuration (issue 27
 * item 4): a tier may use another tier's topic (`sameAs`) or, for the
 * business tier, go without a channel (`noChannel`), as the library's
 * Alerting does; no unused topic is created; mistakes are one
 * ConfigurationError naming the field.
 */
import { ConfigurationError, parseEnvironment } from "../../environments";
import { mutatedInput, resources, synthMonitoringStack, variantOf } from "../helpers";

const topicNames = (json: Parameters<typeof resources>[0]) => resources(json, "aws_sns_topic").map((t) => t.name as string).sort();

describe("staging without paging: critical sameAs warning", () => {
  const config = variantOf("staging", (input) => {
    input.alerting.critical = { sameAs: "warning" };
  });
  const { json } = synthMonitoringStack(config);

  test("no topic of its own: only the warning and business topics exist", () => {
    expect(topicNames(json)).toEqual(["monitoring-business-staging", "monitoring-warnings-staging"]);
  });

  test("the critical alarms and the system-health page notify the warning topic", () => {
    const warningTopic = Object.keys(json.resource.aws_sns_topic!).find((k) => k.includes("warning"))!;
    const health = resources(json, "aws_cloudwatch_composite_alarm").find((a) => a.alarm_name === "system-health-staging")!;
    expect(health.alarm_actions).toEqual([`\${aws_sns_topic.${warningTopic}.arn}`]);
  });
});

describe("business without a channel: noChannel", () => {
  const config = variantOf("dev", (input) => {
    input.alerting.business = { noChannel: true };
  });
  const { json } = synthMonitoringStack(config);

  test("no business topic, no business composite, no anomaly alerts (nobody would hear them)", () => {
    expect(topicNames(json)).toEqual(["monitoring-alerts-dev", "monitoring-warnings-dev"]);
    expect(resources(json, "aws_cloudwatch_composite_alarm").map((a) => a.alarm_name)).not.toContain("business-alerts-dev");
    expect(resources(json, "aws_ce_anomaly_monitor")).toEqual([]);
    expect(Object.keys(json.output ?? {})).not.toContain("BusinessTopicArn");
  });

  test("the KPI alarms are made and notify nobody", () => {
    const kpis = resources(json, "aws_cloudwatch_metric_alarm").filter((a) => String(a.alarm_name).includes("completion-rate") || String(a.alarm_name).includes("payment-failure"));
    expect(kpis.length).toBeGreaterThan(0);
    for (const alarm of kpis) expect(alarm.alarm_actions ?? []).toEqual([]);
  });
});

describe("routing mistakes: one ConfigurationError naming the field", () => {
  const error = (change: Parameters<typeof mutatedInput>[1]): string => {
    try {
      parseEnvironment("staging", mutatedInput("staging", change));
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigurationError);
      return (e as Error).message;
    }
    throw new Error("accepted");
  };

  test.each([
    ["sameAs with channels beside it", (i: Record<string, any>) => void (i.alerting.critical = { sameAs: "warning", emails: ["a@example.com"] }), 'alerting.critical.emails: got ["a@example.com"]; allowed: nothing beside sameAs'],
    ["sameAs itself", (i: Record<string, any>) => void (i.alerting.warning = { sameAs: "warning" }), 'alerting.warning.sameAs: got "warning"; allowed: another tier: critical, business'],
    ["sameAs a tier that is routed itself", (i: Record<string, any>) => {
      i.alerting.critical = { sameAs: "warning" };
      i.alerting.warning = { sameAs: "business" };
    }, 'alerting.critical.sameAs: got "warning"; allowed: a tier with a topic of its own: alerting.warning is routed with sameAs itself'],
    ["sameAs an unknown tier", (i: Record<string, any>) => void (i.alerting.critical = { sameAs: "pager" }), 'alerting.critical.sameAs: got "pager"; allowed: a tier: critical, warning, business'],
    ["noChannel on the paging tier", (i: Record<string, any>) => void (i.alerting.critical = { noChannel: true }), "alerting.critical.noChannel: got true; allowed: noChannel on the business tier only; give the critical tier a channel or sameAs another tier: it pages through the system-health composite"],
    ["noChannel false", (i: Record<string, any>) => void (i.alerting.business = { noChannel: false }), "alerting.business.noChannel: got false; allowed: true (or leave it out)"],
  ])("%s", (_name, change, expected) => {
    expect(error(change)).toContain(expected);
  });
});
