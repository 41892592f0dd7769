/**
 * Objectives and their burn-rate alarms, through the facade a platform team
 * uses; and the alert path: delivery failures told to another tier, and the
 * synth-time errors for a tier nobody hears or a page with no path.
 */
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Testing } from "cdktf";
import { Alerting, HealthAlarm, requireAlertPaths, ServerlessMonitoring, type ServerlessMonitoringProps } from "@serverless-monitoring/constructs";
import "../cdktf-matchers";

const topics = { critical: "arn:aws:sns:eu-west-1:111122223333:critical", warning: "arn:aws:sns:eu-west-1:111122223333:warning" };
type Json = Record<string, unknown> & { alarm_name: string; alarm_rule?: string; metric_query?: { id: string; expression?: string; return_data?: boolean; metric?: Record<string, unknown> }[] };

function synthWith(build: (monitoring: ServerlessMonitoring) => void, props: Partial<ServerlessMonitoringProps> = {}) {
  const synth = Testing.synthScope((scope) => build(new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate", ...props })));
  const resources = JSON.parse(synth).resource ?? {};
  const alarms: Json[] = Object.values(resources.aws_cloudwatch_metric_alarm ?? {});
  const composites: Json[] = Object.values(resources.aws_cloudwatch_composite_alarm ?? {});
  return { synth, alarm: (name: string) => alarms.find((a) => a.alarm_name === name)!, composite: (name: string) => composites.find((c) => c.alarm_name === name)!, alarms, composites };
}
const expressionOf = (alarm: Json) => alarm.metric_query!.find((q) => q.return_data)!.expression;

describe("objectives: multi-window, multi-burn-rate alarms", () => {
  test("every function gets the default 99.9 % objective: six window alarms that notify nobody, as M of N short periods", () => {
    const { alarm, alarms } = synthWith((m) => m.monitorFunction({ functionName: "checkout" }));
    const windows = alarms.filter((a) => a.alarm_name.startsWith("checkout-slo-"));
    expect(windows.map((a) => a.alarm_name).sort()).toEqual(["fast-long", "fast-short", "slow-long", "slow-short", "ticket-long", "ticket-short"].map((w) => `checkout-slo-${w}`));
    for (const a of windows) expect(a).toMatchObject({ alarm_actions: [], ok_actions: [], treat_missing_data: "notBreaching", comparison_operator: "GreaterThanThreshold" });
    const shape = (name: string) => {
      const a = alarm(`checkout-slo-${name}`);
      return { threshold: a.threshold, periods: a.evaluation_periods, toAlarm: a.datapoints_to_alarm, period: a.metric_query!.find((q) => q.metric)!.metric!.period };
    };
    expect(shape("fast-long")).toEqual({ threshold: 14.4, periods: 60, toAlarm: 2, period: 60 });
    expect(shape("fast-short")).toEqual({ threshold: 14.4, periods: 30, toAlarm: 1, period: 60 });
    expect(shape("slow-long")).toEqual({ threshold: 6, periods: 12, toAlarm: 3, period: 1800 });
    expect(shape("slow-short")).toEqual({ threshold: 6, periods: 4, toAlarm: 1, period: 1800 });
    expect(shape("ticket-long")).toEqual({ threshold: 3, periods: 24, toAlarm: 6, period: 3600 });
    expect(shape("ticket-short")).toEqual({ threshold: 3, periods: 3, toAlarm: 1, period: 3600 });
    // The burn rate: failed calls (errors and throttles) over all calls, over the 0.1 % budget; no datapoint without traffic.
    expect(expressionOf(alarm("checkout-slo-fast-long"))).toBe("IF((FILL(total1, 0) + FILL(total2, 0)) > 0, (FILL(bad1, 0) + FILL(bad2, 0)) / (FILL(total1, 0) + FILL(total2, 0)) / 0.001, 0)");
    expect(alarm("checkout-slo-fast-long").metric_query!.filter((q) => q.metric).map((q) => q.metric!.metric_name)).toEqual(["Errors", "Throttles", "Invocations", "Throttles"]);
  });

  test("composites: the page is either page pair (long AND short), the ticket is quiet while the page is in ALARM", () => {
    const { synth, composite } = synthWith((m) => m.monitorFunction({ functionName: "checkout" }));
    expect(composite("checkout-slo-page")).toMatchObject({
      alarm_rule: '(ALARM("checkout-slo-fast-long") AND ALARM("checkout-slo-fast-short")) OR (ALARM("checkout-slo-slow-long") AND ALARM("checkout-slo-slow-short"))',
      alarm_actions: [topics.critical],
      ok_actions: [topics.critical],
    });
    expect(composite("checkout-slo-ticket")).toMatchObject({
      alarm_rule: '(ALARM("checkout-slo-ticket-long") AND ALARM("checkout-slo-ticket-short")) AND NOT ALARM("checkout-slo-page")',
      alarm_actions: [topics.warning],
    });
    expect(synth).toHaveResourceWithProperties(CloudwatchCompositeAlarm, { alarm_name: "checkout-slo-page" });
  });

  test("an objective of the function's own, routes' objectives, and a capability's over its functions and routes", () => {
    const { alarm, composite } = synthWith((m) => {
      m.monitorFunction({ functionName: "pay" }, { objective: { targetPercent: 99.95 } });
      m.monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "shop", routes: ["POST /payments"] });
      m.monitorCapability({ name: "payment-prod", title: "payment system health", functionNames: ["pay"], routes: [{ apiId: "a1b2c3d4e5", routeKey: "POST /payments" }] });
    });
    expect(expressionOf(alarm("pay-slo-fast-long"))).toContain("/ 0.0005, 0)");
    const route = alarm("shop-post-payments-slo-fast-long").metric_query!.filter((q) => q.metric).map((q) => q.metric);
    expect(route).toEqual([
      expect.objectContaining({ metric_name: "5xx", dimensions: { ApiId: "a1b2c3d4e5", Method: "POST", Resource: "/payments", Stage: "$default" } }),
      expect.objectContaining({ metric_name: "Count", dimensions: { ApiId: "a1b2c3d4e5", Method: "POST", Resource: "/payments", Stage: "$default" } }),
    ]);
    expect(expressionOf(alarm("payment-prod-slo-fast-long"))).toBe("IF((FILL(total1, 0) + FILL(total2, 0)) > 0, (FILL(bad1, 0) + FILL(bad2, 0)) / (FILL(total1, 0) + FILL(total2, 0)) / 0.001, 0)");
    expect(composite("payment-prod-slo-page")).toBeDefined();
  });

  test("objectives off: no burn-rate alarms; and the fast tier's minimum failing minutes is the facade's", () => {
    expect(synthWith((m) => m.monitorFunction({ functionName: "checkout" }), { objectives: { function: false } }).alarms.filter((a) => a.alarm_name.includes("-slo-"))).toEqual([]);
    const { alarm } = synthWith((m) => m.monitorFunction({ functionName: "checkout" }), { objectives: { pageMinimumFailures: 3 } });
    expect(alarm("checkout-slo-fast-long").datapoints_to_alarm).toBe(3);
  });

  test.each([
    [94.9, "facade", 'ServerlessMonitoring "monitoring": objectives.function.targetPercent is 94.9'],
    [99.995, "facade", 'ServerlessMonitoring "monitoring": objectives.function.targetPercent is 99.995'],
    [90, "function", 'ServerlessMonitoring.monitorFunction "checkout": objective.targetPercent is 90'],
  ])("an objective of %s (%s) is rejected with the range the alarms work in", (target, where, head) => {
    const attempt = () =>
      where === "facade"
        ? synthWith((m) => m.monitorFunction({ functionName: "checkout" }), { objectives: { function: { targetPercent: target } } })
        : synthWith((m) => m.monitorFunction({ functionName: "checkout" }, { objective: { targetPercent: target } }));
    expect(attempt).toThrow(`${head}; allowed: a percentage from 95 to 99.99: below, a 14.4x burn needs more failures than there are calls; above, one failure in a quiet hour is a fast burn.`);
  });
});

describe("the alert path", () => {
  const synthAlerting = (channels: ConstructorParameters<typeof Alerting>[2]["channels"]) => {
    let alerting: Alerting | undefined;
    const synth = Testing.synthScope((scope) => {
      alerting = new Alerting(scope, "alerting", { environment: "prod", accountId: "111122223333", channels });
    });
    return { synth, alerting: alerting!, alarms: Object.values(JSON.parse(synth).resource.aws_cloudwatch_metric_alarm ?? {}) as Json[] };
  };

  test("each tier's undelivered notifications (and the pager's dead-letter queue) alarm on another tier's topic", () => {
    const { alarms } = synthAlerting({ critical: { emails: ["oncall@example.com"], paging: { ssmParameter: "/pager" } }, warning: { emails: ["team@example.com"] } });
    const critical = alarms.find((a) => a.alarm_name === "monitoring-alerts-prod-delivery-failures")!;
    expect(expressionOf(critical)).toBe("FILL(failed, 0) + FILL(deadletters, 0)");
    expect(critical.metric_query!.map((q) => q.metric?.metric_name).filter(Boolean)).toEqual(["NumberOfNotificationsFailed", "NumberOfMessagesSent"]);
    expect(critical.metric_query!.find((q) => q.id === "deadletters")!.metric).toMatchObject({ dimensions: { QueueName: "monitoring-critical-paging-dlq-prod" } });
    // The pager's failures are told to the warning tier, the warnings' to the pager; a tier nobody hears watches nobody.
    expect(critical.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.alerting_warning-topic_[0-9A-F]{8}\.arn\}$/)]);
    expect(alarms.find((a) => a.alarm_name === "monitoring-warnings-prod-delivery-failures")!.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.alerting_critical-topic_[0-9A-F]{8}\.arn\}$/)]);
    expect(alarms.find((a) => a.alarm_name === "monitoring-business-prod-delivery-failures")).toBeUndefined();
  });

  test("a tier nobody hears that an alarm notifies is a synth-time error naming the tier", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const alerting = new Alerting(scope, "alerting", { environment: "prod", accountId: "111122223333", channels: { critical: { emails: ["oncall@example.com"] } } });
        const m = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics: alerting.alarmActions, dashboardName: "estate", objectives: { function: false } });
        m.monitorFunction({ functionName: "checkout" });
        requireAlertPaths({ alarms: m.alarms, composites: [], topicArns: alerting.topicArns, subscribed: alerting.subscribed });
      }),
    ).toThrow(/^Alerting: channels\.warning is "no subscriber or channel"; allowed: at least one of emails, sms, paging, slack, teams or existingTopicArn: alarm "checkout-[a-z-]+-warning" notifies the warning tier, and nobody would hear it\.$/);
  });

  test("a paging alarm with no path to a subscriber is a synth-time error naming it", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const m = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate", objectives: { function: false }, defaults: { function: { errorRatePercent: { critical: { threshold: 5, evaluationPeriods: 1 } } } } });
        const critical = m.monitorFunction({ functionName: "checkout" }).alarms.filter((a) => a.severity === "critical");
        // A composite that covers the page (its own action goes) but notifies a topic that is no tier's.
        const health = new HealthAlarm(scope, "health", { alarmName: "health", alarms: critical, topicArn: topics.critical });
        (health.alarm as CloudwatchCompositeAlarm).alarmActions = [];
        requireAlertPaths({ alarms: m.alarms, composites: [{ alarm: health.monitoringAlarm, covers: health.covers }], topicArns: { ...topics, business: "arn:aws:sns:eu-west-1:111122223333:business" }, subscribed: { critical: true, warning: true, business: true } });
      }),
    ).toThrow('Alarm "checkout-error-rate-critical": notification path is "none"; allowed: a path to a subscriber of the critical tier: its own action on a tier\'s topic, or a composite covering it that has one.');
  });

  test("a tier composite says its tier: the warnings composite over warning alarms", () => {
    const synth = Testing.synthScope((scope) => {
      const m = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate", objectives: { function: false } });
      const warnings = m.monitorFunction({ functionName: "checkout" }).alarms.filter((a) => a.severity === "warning");
      new HealthAlarm(scope, "warnings", { alarmName: "warnings-prod", severity: "warning", alarms: warnings, topicArn: topics.warning });
    });
    expect(synth).toHaveResourceWithProperties(CloudwatchCompositeAlarm, { alarm_name: "warnings-prod", alarm_description: expect.stringMatching(/^\[WARNING\] warnings-prod: in ALARM while any of \d+ alarms is in ALARM\./) });
    // The covered warnings stop notifying the warning topic themselves.
    for (const a of Object.values(JSON.parse(synth).resource.aws_cloudwatch_metric_alarm) as Json[]) expect(a.alarm_actions).toEqual([]);
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "checkout-error-rate-warning" });
  });
});
