import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { Testing } from "cdktf";
import { createAlarm, InvalidPropsError, HealthAlarm, type MonitoringAlarm } from "@serverless-monitoring/constructs";
import { LambdaMetrics } from "../../modules/monitoring/aws-lambda/lambda-metric-factory";
import "../cdktf-matchers";

const topics = { critical: "arn:aws:sns:us-east-1:111122223333:critical", warning: "arn:aws:sns:us-east-1:111122223333:warning" };

describe("alarm factory limits", () => {
  const base = { alarmName: "x", description: "d", severity: "warning" as const, comparison: "GreaterThanThreshold" as const, actions: [topics.warning], segment: "lambda:f", kind: "errors" };
  const attempt = (def: Partial<Parameters<typeof createAlarm>[2]>) => () =>
    Testing.synthScope((scope) => {
      createAlarm(scope, "a", { ...base, metric: LambdaMetrics.errors("f"), threshold: { threshold: 1, evaluationPeriods: 1 }, ...def });
    });

  test("period x evaluation periods may not exceed one day", () => {
    expect(attempt({ threshold: { threshold: 1, evaluationPeriods: 25, periodSeconds: 3600 } })).toThrow(
      'Alarm "x": periodSeconds x evaluationPeriods is "3600 x 25 = 90000 s"; allowed: at most 86400 s (one day).',
    );
  });

  test("at most 10 metrics in a metric-math alarm", () => {
    const usingMetrics = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`m${i}`, LambdaMetrics.errors(`f${i}`)]));
    expect(attempt({ metric: { expression: "SUM(METRICS())", label: "sum", usingMetrics } })).toThrow('Alarm "x": metrics is 11; allowed: at most 10 metrics in one metric-math alarm.');
  });

  test("metric ids start with a lowercase letter", () => {
    expect(attempt({ metric: { expression: "Errors", label: "e", usingMetrics: { Errors: LambdaMetrics.errors("f") } } })).toThrow(
      'Alarm "x": metric id is "Errors"; allowed: an id starting with a lowercase letter, then letters, digits or _.',
    );
  });

  test("at most 5 actions per state", () => {
    expect(attempt({ actions: Array(6).fill(topics.warning) })).toThrow('Alarm "x": actions is 6; allowed: from 0 to 5 actions per state.');
  });
});

describe("HealthAlarm", () => {
  const fakeAlarms = (scope: Parameters<Parameters<typeof Testing.synthScope>[0]>[0], n: number): MonitoringAlarm[] =>
    Array.from({ length: n }, (_, i) => createAlarm(scope, `a${i}`, {
      alarmName: `fn-${i}-error-rate-critical`,
      description: "d",
      severity: "critical",
      comparison: "GreaterThanThreshold",
      metric: LambdaMetrics.errors(`fn-${i}`),
      threshold: { threshold: 1, evaluationPeriods: 1 },
      actions: [topics.critical],
      segment: `lambda:fn-${i}`,
      kind: "errors",
    }));

  test("one composite alarm over the critical alarms, notifying the critical topic", () => {
    const synth = Testing.synthScope((scope) => {
      new HealthAlarm(scope, "health", { alarmName: "system-health-dev", alarms: fakeAlarms(scope, 3), topicArn: topics.critical });
    });
    expect(synth).toHaveResourceWithProperties(CloudwatchCompositeAlarm, {
      alarm_name: "system-health-dev",
      alarm_rule: 'ALARM("fn-0-error-rate-critical") OR ALARM("fn-1-error-rate-critical") OR ALARM("fn-2-error-rate-critical")',
      alarm_actions: [topics.critical],
    });
  });

  test("more than 100 alarms are split into parts (a rule may name at most 100)", () => {
    const synth = Testing.synthScope((scope) => {
      new HealthAlarm(scope, "health", { alarmName: "system-health-big", alarms: fakeAlarms(scope, 250), topicArn: topics.critical });
    });
    const composites = Object.values(JSON.parse(synth).resource.aws_cloudwatch_composite_alarm) as { alarm_name: string; alarm_rule: string; alarm_actions?: string[] }[];
    expect(composites.map((c) => c.alarm_name).sort()).toEqual(["system-health-big", "system-health-big-part-1", "system-health-big-part-2", "system-health-big-part-3"]);
    for (const c of composites) expect(c.alarm_rule.split(" OR ").length).toBeLessThanOrEqual(100);
    expect(composites.find((c) => c.alarm_name === "system-health-big")!.alarm_rule).toBe(
      'ALARM("system-health-big-part-1") OR ALARM("system-health-big-part-2") OR ALARM("system-health-big-part-3")',
    );
    expect(composites.filter((c) => c.alarm_actions).map((c) => c.alarm_name)).toEqual(["system-health-big"]);
  });

  test("needs at least one alarm", () => {
    expect(() => Testing.synthScope((scope) => new HealthAlarm(scope, "h", { alarmName: "system-health-dev", alarms: [], topicArn: topics.critical }))).toThrow(InvalidPropsError);
  });
});
