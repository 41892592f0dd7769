import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Testing } from "cdktf";
import { createAlarm, FunctionAlarms, InvalidPropsError, LambdaMetrics, MonitoredFunction, SystemHealthAlarm, type MonitoringAlarm } from "../../modules";

const topics = { critical: "arn:aws:sns:us-east-1:111122223333:critical", warning: "arn:aws:sns:us-east-1:111122223333:warning" };
type AlarmJson = Record<string, unknown> & { alarm_name: string; metric_query?: Record<string, unknown>[] };
const alarmsIn = (synth: string): AlarmJson[] => Object.values(JSON.parse(synth).resource?.aws_cloudwatch_metric_alarm ?? {});

describe("FunctionAlarms", () => {
  const existing = MonitoredFunction.fromFunctionName("checkout-prod", { deadLetterQueueName: "checkout-prod-dlq" });

  test("error rate by metric math, guarded against zero invocations, both tiers", () => {
    const synth = Testing.synthScope((scope) => {
      new FunctionAlarms(scope, "alarms", {
        function: existing,
        environment: "prod",
        topics,
        thresholds: { errorRatePercent: { warning: { threshold: 2, evaluationPeriods: 3 }, critical: { threshold: 5, evaluationPeriods: 2 } } },
      });
    });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "checkout-prod-error-rate-critical",
      comparison_operator: "GreaterThanThreshold",
      threshold: 5,
      evaluation_periods: 2,
      datapoints_to_alarm: 2,
      treat_missing_data: "notBreaching",
      alarm_actions: [topics.critical],
      ok_actions: [topics.critical],
    });
    const critical = alarmsIn(synth).find((a) => a.alarm_name === "checkout-prod-error-rate-critical")!;
    const queries = critical.metric_query!;
    expect(queries.filter((q) => q.return_data === true)).toHaveLength(1);
    expect(queries.find((q) => q.return_data === true)!.expression).toBe("IF(invocations > 0, 100 * errors / invocations, 0)");
    expect(queries.map((q) => q.id).sort()).toEqual(["errors", "expression", "invocations"]);
    for (const q of queries) expect(q.id).toMatch(/^[a-z]/);
    expect(alarmsIn(synth).find((a) => a.alarm_name === "checkout-prod-error-rate-warning")!.alarm_actions).toEqual([topics.warning]);
  });

  test("every configured alarm kind, with p99 as an extended statistic", () => {
    const t = { warning: { threshold: 1, evaluationPeriods: 1 } };
    const synth = Testing.synthScope((scope) => {
      new FunctionAlarms(scope, "alarms", {
        function: existing,
        environment: "prod",
        topics,
        thresholds: { errorRatePercent: t, averageDurationMs: t, p99DurationMs: t, throttles: t, dlqMessagesVisible: { warning: { ...t.warning, periodSeconds: 300 } }, deadLetterErrors: t, errorRecordWriteFailures: t },
      });
    });
    expect(alarmsIn(synth).map((a) => a.alarm_name).sort()).toEqual(
      ["average-duration", "dead-letter-errors", "dlq-messages", "error-rate", "error-record-write-failures", "p99-duration", "throttles"].map((k) => `checkout-prod-${k}-warning`),
    );
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "checkout-prod-p99-duration-warning", extended_statistic: "p99", evaluate_low_sample_count_percentiles: "ignore" });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "checkout-prod-dlq-messages-warning",
      namespace: "AWS/SQS",
      dimensions: { QueueName: "checkout-prod-dlq" },
      period: 300,
    });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "checkout-prod-error-record-write-failures-warning",
      namespace: "ServerlessMonitoring",
      metric_name: "ErrorRecordWriteFailures",
      dimensions: { service: "checkout-prod", environment: "prod" },
    });
  });

  test("no DLQ alarms for a function whose queue is unknown", () => {
    const t = { warning: { threshold: 1, evaluationPeriods: 1 } };
    const synth = Testing.synthScope((scope) => {
      new FunctionAlarms(scope, "alarms", { function: MonitoredFunction.fromFunctionName("legacy"), environment: "prod", topics, thresholds: { dlqMessagesVisible: t, deadLetterErrors: t } });
    });
    expect(alarmsIn(synth)).toHaveLength(0);
  });

  test("anomaly detection alarm on invocations", () => {
    const synth = Testing.synthScope((scope) => {
      new FunctionAlarms(scope, "alarms", { function: existing, environment: "prod", topics, thresholds: {}, invocationsAnomalyBandWidth: 3 });
    });
    const alarm = alarmsIn(synth)[0]!;
    expect(alarm).toMatchObject({ alarm_name: "checkout-prod-invocations-anomaly-warning", comparison_operator: "GreaterThanUpperThreshold", threshold_metric_id: "band" });
    expect(alarm.metric_query!.find((q) => q.id === "band")!.expression).toBe("ANOMALY_DETECTION_BAND(observed, 3)");
  });
});

describe("alarm factory limits", () => {
  const base = { alarmName: "x", description: "d", severity: "warning" as const, comparison: "GreaterThanThreshold" as const, actions: [topics.warning] };
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
    expect(attempt({ actions: Array(6).fill(topics.warning) })).toThrow('Alarm "x": actions is 6; allowed: from 1 to 5 actions per state.');
  });
});

describe("SystemHealthAlarm", () => {
  const fakeAlarms = (scope: Parameters<Parameters<typeof Testing.synthScope>[0]>[0], n: number): MonitoringAlarm[] =>
    Array.from({ length: n }, (_, i) => createAlarm(scope, `a${i}`, {
      alarmName: `fn-${i}-error-rate-critical`,
      description: "d",
      severity: "critical",
      comparison: "GreaterThanThreshold",
      metric: LambdaMetrics.errors(`fn-${i}`),
      threshold: { threshold: 1, evaluationPeriods: 1 },
      actions: [topics.critical],
    }));

  test("one composite alarm over the critical alarms, notifying the critical topic", () => {
    const synth = Testing.synthScope((scope) => {
      new SystemHealthAlarm(scope, "health", { alarmName: "system-health-dev", alarms: fakeAlarms(scope, 3), topicArn: topics.critical });
    });
    expect(synth).toHaveResourceWithProperties(CloudwatchCompositeAlarm, {
      alarm_name: "system-health-dev",
      alarm_rule: 'ALARM("fn-0-error-rate-critical") OR ALARM("fn-1-error-rate-critical") OR ALARM("fn-2-error-rate-critical")',
      alarm_actions: [topics.critical],
    });
  });

  test("more than 100 alarms are split into parts (a rule may name at most 100)", () => {
    const synth = Testing.synthScope((scope) => {
      new SystemHealthAlarm(scope, "health", { alarmName: "system-health-big", alarms: fakeAlarms(scope, 250), topicArn: topics.critical });
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
    expect(() => Testing.synthScope((scope) => new SystemHealthAlarm(scope, "h", { alarmName: "system-health-dev", alarms: [], topicArn: topics.critical }))).toThrow(InvalidPropsError);
  });
});
