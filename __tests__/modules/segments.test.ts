/**
 * The monitoring segments, one per AWS service, through the facade a platform
 * team uses: alarm counts, metric names, dimensions, thresholds and math.
 */
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Testing } from "cdktf";
import { InvalidPropsError, ServerlessMonitoring, type ServerlessMonitoringProps } from "@serverless-monitoring/constructs";
import "../cdktf-matchers";

const topics = { critical: "arn:aws:sns:eu-west-1:111122223333:critical", warning: "arn:aws:sns:eu-west-1:111122223333:warning" };
type AlarmJson = Record<string, unknown> & { alarm_name: string; threshold?: number; metric_query?: { id: string; expression?: string; return_data?: boolean; metric?: Record<string, unknown> }[] };

function synthWith(build: (monitoring: ServerlessMonitoring) => void, props: Partial<ServerlessMonitoringProps> = {}) {
  const synth = Testing.synthScope((scope) => build(new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate", ...props })));
  const alarms: AlarmJson[] = Object.values(JSON.parse(synth).resource?.aws_cloudwatch_metric_alarm ?? {});
  // The objectives' burn-rate window alarms (on by default) are checked in slo.test.ts; `names` lists the segments' own.
  const own = alarms.map((a) => a.alarm_name).filter((name) => !/-slo-(fast|slow|ticket)-(long|short)$/.test(name));
  return { synth, alarms, names: own.sort(), alarm: (name: string) => alarms.find((a) => a.alarm_name === name)! };
}
const expressionOf = (alarm: AlarmJson) => alarm.metric_query!.find((q) => q.return_data)!.expression;

describe("Lambda segment", () => {
  const fn = { functionName: "checkout", deadLetterQueueName: "checkout-dlq", timeoutSeconds: 30, memoryMiB: 512, reservedConcurrency: 100, logFormat: "JSON" as const };

  test("built-in defaults: every Lambda kind the function's facts allow, at warning", () => {
    const { names } = synthWith((m) => m.monitorFunction(fn));
    expect(names).toEqual(
      ["cold-start-rate", "concurrency", "dead-letter-errors", "dlq-messages", "error-log-lines", "error-rate", "init-duration", "max-duration", "memory", "throttles", "timeouts"].map((k) => `checkout-${k}-warning`),
    );
  });

  test("error rate: metric math guarded by the low-traffic minimum, which never blinds it: below it, 3 errors still make a rate", () => {
    const { alarm } = synthWith((m) => m.monitorFunction(fn), { minimumInvocations: 50 });
    const rate = alarm("checkout-error-rate-warning");
    expect(expressionOf(rate)).toBe("IF(invocations >= 50, 100 * errors / invocations, IF(errors >= 3, 100 * errors / invocations, 0))");
    expect(rate.metric_query!.map((q) => q.id).sort()).toEqual(["errors", "expression", "invocations"]);
    expect(rate.metric_query!.find((q) => q.id === "errors")!.metric).toMatchObject({ namespace: "AWS/Lambda", metric_name: "Errors", dimensions: { FunctionName: "checkout" }, stat: "Sum" });
  });

  test("capacity kinds turn percentages into the metric's unit: timeout, reserved concurrency, memory", () => {
    const { alarm } = synthWith((m) => m.monitorFunction(fn));
    expect(alarm("checkout-max-duration-warning")).toMatchObject({ metric_name: "Duration", statistic: "Maximum", threshold: 24_000 });
    expect(alarm("checkout-concurrency-warning")).toMatchObject({ metric_name: "ConcurrentExecutions", statistic: "Maximum", threshold: 80, dimensions: { FunctionName: "checkout" } });
    expect(alarm("checkout-memory-warning")).toMatchObject({ namespace: "ServerlessMonitoring/Logs", metric_name: "checkout.MaxMemoryUsedMB", threshold: 409, period: 300 });
    expect(alarm("checkout-max-duration-warning").alarm_description).toContain("maximum duration above 80 % of the 30 s timeout (24000 ms)");
  });

  test("cold starts and ERROR lines come from metric filters on the JSON platform report records", () => {
    const { synth, alarm } = synthWith((m) => m.monitorFunction(fn));
    expect(synth).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
      name: "checkout.InitDurationMs",
      log_group_name: "/aws/lambda/checkout",
      pattern: '{ $.type = "platform.report" && $.record.metrics.initDurationMs > 0 }',
      metric_transformation: { name: "checkout.InitDurationMs", namespace: "ServerlessMonitoring/Logs", value: "$.record.metrics.initDurationMs", unit: "Milliseconds" },
    });
    expect(synth).toHaveResourceWithProperties(CloudwatchLogMetricFilter, { name: "checkout.ErrorLogLines", pattern: '{ $.level = "ERROR" }' });
    expect(expressionOf(alarm("checkout-cold-start-rate-warning"))).toBe("IF(invocations >= 20, 100 * coldstarts / invocations, 0)");
    expect(alarm("checkout-init-duration-warning")).toMatchObject({ extended_statistic: "p99", threshold: 1000 });
  });

  test("a text-format function gets only the ERROR-line and timeout filters, and no memory or cold-start alarm", () => {
    const { synth, names } = synthWith((m) => m.monitorFunction({ functionName: "legacy" }));
    expect(Object.keys(JSON.parse(synth).resource.aws_cloudwatch_log_metric_filter)).toHaveLength(2);
    expect(synth).toHaveResourceWithProperties(CloudwatchLogMetricFilter, { name: "legacy.ErrorLogLines", pattern: '"ERROR"' });
    expect(synth).toHaveResourceWithProperties(CloudwatchLogMetricFilter, { name: "legacy.Timeouts", pattern: '"Task timed out"' });
    expect(names).toEqual(["legacy-error-log-lines-warning", "legacy-error-rate-warning", "legacy-throttles-warning", "legacy-timeouts-warning"]);
  });

  test("timeouts: Lambda's own record of a timeout counted by a metric filter, a warning at 1 in 5 minutes by default", () => {
    const { synth, alarm } = synthWith((m) => m.monitorFunction(fn));
    expect(synth).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
      name: "checkout.Timeouts",
      log_group_name: "/aws/lambda/checkout",
      pattern: '{ $.type = "platform.report" && $.record.status = "timeout" }',
      metric_transformation: { name: "checkout.Timeouts", namespace: "ServerlessMonitoring/Logs", value: "1", unit: "Count" },
    });
    expect(alarm("checkout-timeouts-warning")).toMatchObject({
      namespace: "ServerlessMonitoring/Logs",
      metric_name: "checkout.Timeouts",
      statistic: "Sum",
      comparison_operator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      period: 300,
      evaluation_periods: 1,
    });
    expect(alarm("checkout-timeouts-warning").alarm_description).toContain('1 or more invocations timed out (Lambda\'s "Task timed out")');
  });

  test("timeouts: thresholds per tier, and off with false", () => {
    const critical = synthWith((m) => m.monitorFunction(fn, { thresholds: { timeouts: { critical: { threshold: 3, evaluationPeriods: 1, periodSeconds: 60 } } } }));
    expect(critical.alarm("checkout-timeouts-critical")).toMatchObject({ threshold: 3, period: 60 });
    expect(synthWith((m) => m.monitorFunction(fn, { thresholds: { timeouts: false } })).names).not.toContain("checkout-timeouts-warning");
  });

  test("Errors > 0 in 5 minutes as critical where configured; a kind turned off with false", () => {
    const { alarm, names } = synthWith((m) =>
      m.monitorFunction(fn, { thresholds: { errorCount: { critical: { threshold: 0, evaluationPeriods: 1, periodSeconds: 300 } }, memoryUtilisationPercent: false } }),
    );
    expect(alarm("checkout-errors-critical")).toMatchObject({ metric_name: "Errors", comparison_operator: "GreaterThanThreshold", threshold: 0, period: 300, alarm_actions: [topics.critical] });
    expect(names).not.toContain("checkout-memory-warning");
  });

  test("per-resource thresholds merge over the facade's, tier by tier", () => {
    const { alarm } = synthWith(
      (m) => m.monitorFunction(fn, { thresholds: { errorRatePercent: { critical: { threshold: 10, evaluationPeriods: 2 } } } }),
      { defaults: { function: { errorRatePercent: { warning: { threshold: 2, evaluationPeriods: 3 } } } } },
    );
    expect(alarm("checkout-error-rate-warning")).toMatchObject({ threshold: 2, evaluation_periods: 3 });
    expect(alarm("checkout-error-rate-critical")).toMatchObject({ threshold: 10, evaluation_periods: 2 });
  });

  test("the account's unreserved pool: 80 % of the limit less what is reserved", () => {
    const { alarm } = synthWith((m) => m.monitorLambdaAccount({ alarmNamePrefix: "lambda-account", accountConcurrencyLimit: 1000, reservedConcurrency: 200, thresholds: { unreservedConcurrencyPercent: { warning: { threshold: 80, evaluationPeriods: 3 } } } }));
    expect(alarm("lambda-account-unreserved-concurrency-warning")).toMatchObject({ namespace: "AWS/Lambda", metric_name: "UnreservedConcurrentExecutions", dimensions: {}, threshold: 640 });
  });
});

describe("SQS segment", () => {
  test("any queue: age of the oldest message and messages visible, on SQS's 5-minute period", () => {
    const { alarm, names } = synthWith((m) => m.monitorQueue({ queueName: "jobs" }, { thresholds: { oldestMessageAgeSeconds: { critical: { threshold: 3600, evaluationPeriods: 1, periodSeconds: 300 } } } }));
    expect(names).toEqual(["jobs-messages-visible-warning", "jobs-oldest-message-age-critical", "jobs-oldest-message-age-warning"]);
    expect(alarm("jobs-oldest-message-age-critical")).toMatchObject({ namespace: "AWS/SQS", metric_name: "ApproximateAgeOfOldestMessage", dimensions: { QueueName: "jobs" }, statistic: "Maximum", threshold: 3600, period: 300 });
    expect(alarm("jobs-messages-visible-warning")).toMatchObject({ metric_name: "ApproximateNumberOfMessagesVisible", threshold: 1000, comparison_operator: "GreaterThanOrEqualToThreshold" });
  });

  test("a function's dead-letter queue keeps the preset: any message is a failure", () => {
    const { alarm } = synthWith((m) => m.monitorFunction({ functionName: "worker", deadLetterQueueName: "worker-dlq" }));
    expect(alarm("worker-dlq-messages-warning")).toMatchObject({ dimensions: { QueueName: "worker-dlq" }, threshold: 1, period: 300 });
  });
});

describe("DynamoDB segment", () => {
  test("any table: throttles, system errors summed over operations, slowest operation's p99 latency", () => {
    const { alarm, names } = synthWith((m) => m.monitorTable({ tableName: "orders", operations: ["GetItem", "Query"] }));
    expect(names).toEqual(["orders-latency-warning", "orders-read-throttles-warning", "orders-system-errors-warning", "orders-write-throttles-warning"]);
    expect(expressionOf(alarm("orders-system-errors-warning"))).toBe("SUM([errorsGetItem, errorsQuery])");
    expect(expressionOf(alarm("orders-latency-warning"))).toBe("MAX([latencyGetItem, latencyQuery])");
    expect(alarm("orders-latency-warning").metric_query!.find((q) => q.id === "latencyQuery")!.metric).toMatchObject({ metric_name: "SuccessfulRequestLatency", dimensions: { TableName: "orders", Operation: "Query" }, stat: "p99" });
    expect(alarm("orders-read-throttles-warning")).toMatchObject({ metric_name: "ReadThrottleEvents", dimensions: { TableName: "orders" } });
  });

  test("a provisioned table adds consumed capacity above 80 % of provisioned", () => {
    const { alarm } = synthWith((m) => m.monitorTable({ tableName: "ledger", billingMode: "PROVISIONED", operations: ["PutItem"] }));
    const capacity = alarm("ledger-write-capacity-warning");
    expect(expressionOf(capacity)).toBe("IF(provisioned > 0, 100 * (consumed / PERIOD(consumed)) / provisioned, 0)");
    expect(capacity.threshold).toBe(80);
    expect(alarm("ledger-system-errors-warning")).toMatchObject({ metric_name: "SystemErrors", dimensions: { TableName: "ledger", Operation: "PutItem" } });
  });

  test("UserErrors, which DynamoDB reports per account, once", () => {
    const { alarm } = synthWith((m) => m.monitorDynamoDbAccount({ alarmNamePrefix: "dynamodb-account", thresholds: { userErrors: { warning: { threshold: 10, evaluationPeriods: 1, periodSeconds: 300 } } } }));
    expect(alarm("dynamodb-account-user-errors-warning")).toMatchObject({ metric_name: "UserErrors", dimensions: {} });
  });
});

describe("API Gateway segments", () => {
  test("HTTP API: guarded 5xx rate, 5xx count critical, latency p99 over 3 periods, by ApiId and Stage", () => {
    const { alarm, names } = synthWith((m) => m.monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "shop" }));
    expect(names).toEqual(["shop-5xx-count-critical", "shop-5xx-rate-warning", "shop-latency-warning"]);
    expect(expressionOf(alarm("shop-5xx-rate-warning"))).toBe("IF(requests >= 20, 100 * errors / requests, IF(errors >= 3, 100 * errors / requests, 0))");
    expect(alarm("shop-5xx-rate-warning").metric_query!.find((q) => q.id === "errors")!.metric).toMatchObject({ metric_name: "5xx", dimensions: { ApiId: "a1b2c3d4e5", Stage: "$default" } });
    expect(alarm("shop-5xx-count-critical")).toMatchObject({ metric_name: "5xx", threshold: 5, period: 300, alarm_actions: [topics.critical] });
    expect(alarm("shop-latency-warning")).toMatchObject({ metric_name: "Latency", extended_statistic: "p99", threshold: 1000, evaluation_periods: 3 });
  });

  test("REST API: the official 4XXError and 5XXError names, by ApiName and Stage", () => {
    const { alarm } = synthWith((m) => m.monitorRestApi({ apiName: "legacy-rest", stage: "prod" }));
    expect(alarm("legacy-rest-5xx-count-critical")).toMatchObject({ metric_name: "5XXError", dimensions: { ApiName: "legacy-rest", Stage: "prod" } });
  });

  test("WebSocket API: connection errors above 10 in 5 minutes critical, integration latency above 1 s", () => {
    const { alarm } = synthWith((m) => m.monitorWebSocketApi({ apiId: "w1x2y3z4", apiName: "notify", stage: "live" }));
    expect(expressionOf(alarm("notify-connection-errors-critical"))).toBe("FILL(integration, 0) + FILL(execution, 0)");
    const errors = alarm("notify-connection-errors-critical");
    expect(errors.threshold).toBe(10);
    expect(errors.metric_query!.find((q) => q.id === "integration")!.metric).toMatchObject({ metric_name: "IntegrationError", period: 300 });
    expect(alarm("notify-integration-latency-warning")).toMatchObject({ metric_name: "IntegrationLatency", dimensions: { ApiId: "w1x2y3z4", Stage: "live" }, threshold: 1000 });
  });
});

describe("every alarm knows its segment and threshold line", () => {
  test("segment ids and kinds", () => {
    Testing.synthScope((scope) => {
      const m = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate" });
      m.monitorFunction({ functionName: "checkout", deadLetterQueueName: "checkout-dlq" });
      const alarm = m.alarms.find((a) => a.alarmName === "checkout-dlq-messages-warning")!;
      expect(alarm).toMatchObject({ segment: "sqs:checkout-dlq", kind: "dlq-messages", thresholdLine: { label: "warning dlq-messages", value: 1, severity: "warning" } });
      expect(m.alarms.find((a) => a.alarmName === "checkout-error-rate-warning")).toMatchObject({ segment: "lambda:checkout", kind: "error-rate" });
      expect(m.segments.map((s) => s.id)).toEqual(["lambda:checkout", "sqs:checkout-dlq", "slo:checkout"]);
    });
  });
});

describe("bad input: one error naming it", () => {
  const attempt = (build: (m: ServerlessMonitoring) => void) => () => synthWith(build);
  test.each([
    [
      "a custom segment on a page the dashboard does not have",
      (m: ServerlessMonitoring) => m.addSegment({ id: "states:orders", page: "stepfunctions" as "lambda", title: "orders", alarms: [], widgets: () => [] }),
      'ServerlessMonitoring.addSegment "states:orders": page is "stepfunctions"; allowed: one of lambda, api, dynamodb, sqs, business, integration, s3, database, custom.',
    ],
    [
      "a custom segment with an empty id",
      (m: ServerlessMonitoring) => m.addSegment({ id: "", page: "lambda", title: "orders", alarms: [], widgets: () => [] }),
      'ServerlessMonitoring.addSegment "": id is ""; allowed: 1-200 characters without spaces, e.g. states:orders-prod.',
    ],
    [
      "a DLQ threshold on a function without a known queue",
      (m: ServerlessMonitoring) => m.monitorFunction({ functionName: "legacy" }, { thresholds: { dlqMessagesVisible: { warning: { threshold: 1, evaluationPeriods: 1, periodSeconds: 300 } } } }),
      'ServerlessMonitoring.monitorFunction "legacy": thresholds.dlqMessagesVisible is {"warning":{"threshold":1,"evaluationPeriods":1,"periodSeconds":300}}; allowed: no threshold here: the function has no known dead-letter queue; give deadLetterQueueName.',
    ],
    [
      "a memory threshold on a text-format function",
      (m: ServerlessMonitoring) => m.monitorFunction({ functionName: "legacy", memoryMiB: 128 }, { thresholds: { memoryUtilisationPercent: { warning: { threshold: 90, evaluationPeriods: 1 } } } }),
      'LambdaFunctionMonitoring "legacy": thresholds.memoryUtilisationPercent is {"warning":{"threshold":90,"evaluationPeriods":1}}; allowed: no threshold here: memory metrics come from the platform report records of JSON-formatted logs; give the function logFormat "JSON" (and keep logMetrics on).',
    ],
    [
      "a concurrency threshold on a function without reserved concurrency",
      (m: ServerlessMonitoring) => m.monitorFunction({ functionName: "legacy" }, { thresholds: { concurrencyPercent: { warning: { threshold: 90, evaluationPeriods: 1 } } } }),
      'LambdaFunctionMonitoring "legacy": thresholds.concurrencyPercent is {"warning":{"threshold":90,"evaluationPeriods":1}}; allowed: no threshold here: the function has no reserved concurrency; the account\'s unreserved pool is watched by monitorLambdaAccount.',
    ],
    [
      "a capacity threshold on an on-demand table",
      (m: ServerlessMonitoring) => m.monitorTable({ tableName: "orders" }, { thresholds: { readCapacityPercent: { warning: { threshold: 70, evaluationPeriods: 3 } } } }),
      'DynamoDbTableMonitoring "orders": thresholds.readCapacityPercent is {"warning":{"threshold":70,"evaluationPeriods":3}}; allowed: no threshold here: the table bills per request; capacity alarms need billingMode "PROVISIONED".',
    ],
    [
      "an error-record threshold on a function without the runtime library",
      (m: ServerlessMonitoring) => m.monitorFunction({ functionName: "legacy" }, { thresholds: { errorRecordWriteFailures: { warning: { threshold: 1, evaluationPeriods: 1 } } } }),
      'ServerlessMonitoring.monitorFunction "legacy": thresholds.errorRecordWriteFailures is {"warning":{"threshold":1,"evaluationPeriods":1}}; allowed: no threshold here: the function does not use the runtime library (withErrorCapture); give usesErrorCapture: true if it does.',
    ],
    [
      "a misspelt threshold kind",
      (m: ServerlessMonitoring) => m.monitorTable({ tableName: "orders" }, { thresholds: { latencyP99Ms: { warning: { threshold: 70, evaluationPeriods: 3 } } } as never }),
      'ServerlessMonitoring.monitorTable: options.thresholds has an unknown key "latencyP99Ms"; allowed: the keys indexReadCapacityPercent, indexReadThrottles, indexWriteCapacityPercent, indexWriteThrottles, p99LatencyMs, readCapacityPercent, readThrottles, systemErrors, writeCapacityPercent, writeThrottles (did you mean p99LatencyMs?).',
    ],
    [
      "the same function twice",
      (m: ServerlessMonitoring) => {
        m.monitorFunction({ functionName: "a" });
        m.monitorFunction({ functionName: "a" });
      },
      'ServerlessMonitoring "monitoring" function "a": functionName is "a"; allowed: a resource not already monitored by this facade (function "a" is): monitor each once, or give options.constructId to tell two apart.',
    ],
    [
      "eleven DynamoDB operations (an alarm takes at most 10 metrics)",
      (m: ServerlessMonitoring) => m.monitorTable({ tableName: "orders", operations: Array.from({ length: 11 }, (_, i) => `Op${i}`) }),
      'DynamoDbTableMonitoring "orders": operations is ["Op0","Op1","Op2","Op3","Op4","Op5","Op6","Op7","Op8","Op9","Op10"]; allowed: 1 to 10 operations (one metric each in a metric-math alarm).',
    ],
    [
      "an HTTP API stage with a space",
      (m: ServerlessMonitoring) => m.monitorHttpApi({ apiId: "a1", apiName: "shop", stage: "my stage" }),
      'HttpApiMonitoring "shop": stage is "my stage"; allowed: $default or 1-128 letters, digits, _ or -.',
    ],
  ])("%s", (_case, build, message) => {
    expect(attempt(build)).toThrow(new InvalidPropsError("x", "y", "z", "w").constructor as never);
    expect(attempt(build)).toThrow(message);
  });

  test("every alarm notifies its tier's topic", () => {
    const { synth } = synthWith((m) => m.monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "shop" }));
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "shop-5xx-count-critical", ok_actions: [topics.critical] });
  });
});

describe("tiers", () => {
  test("critical is never looser than warning, after the resource's thresholds merge over the defaults", () => {
    expect(() =>
      synthWith((m) => m.monitorFunction({ functionName: "batch" }, { thresholds: { p99DurationMs: { warning: { threshold: 60_000, evaluationPeriods: 3 }, critical: { threshold: 5000, evaluationPeriods: 3 } } } })),
    ).toThrow(
      'LambdaFunctionMonitoring "batch": thresholds.p99DurationMs.critical.threshold is 5000; allowed: at least the warning threshold (60000): the critical tier must be as strict as the warning or stricter, or it fires first and the warning never fires alone.',
    );
    // "Less than": critical at most the warning.
    expect(() =>
      synthWith((m) => m.monitorBusinessKpis({ serviceName: "orders", emits: "orders" }, { thresholds: { orderCompletionRatePercent: { warning: { threshold: 90, evaluationPeriods: 3, periodSeconds: 300 }, critical: { threshold: 95, evaluationPeriods: 3, periodSeconds: 300 } } } })),
    ).toThrow("thresholds.orderCompletionRatePercent.critical.threshold is 95; allowed: at most the warning threshold (90)");
  });

  test("a tier configured without a topic is an error naming the tier", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const m = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics: { warning: topics.warning }, dashboardName: "estate" });
        m.monitorQueue({ queueName: "jobs" }, { thresholds: { messagesVisible: { critical: { threshold: 5000, evaluationPeriods: 1, periodSeconds: 300 } } } });
      }),
    ).toThrow('Alarm "jobs-messages-visible-critical": topics.critical is undefined; allowed: a topic ARN for the critical tier, false for no channel, or no critical threshold.');
  });
});

describe("business segment", () => {
  const business = "arn:aws:sns:eu-west-1:111122223333:business";
  const synthBusiness = (emits: "payments" | "orders") =>
    Testing.synthScope((scope) => {
      const m = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics: { ...topics, business }, dashboardName: "estate" });
      m.monitorBusinessKpis({ serviceName: emits === "payments" ? "payment-handler" : "order-processor", emits });
    });
  const alarms = (synth: string): AlarmJson[] => Object.values(JSON.parse(synth).resource.aws_cloudwatch_metric_alarm);

  test("payment failure rate above 5 %, guarded, in the business tier: email on ALARM, none on OK", () => {
    const [alarm] = alarms(synthBusiness("payments"));
    expect(alarm).toMatchObject({ alarm_name: "payment-handler-payment-failure-rate-business", comparison_operator: "GreaterThanThreshold", threshold: 5, alarm_actions: [business], ok_actions: [] });
    expect(expressionOf(alarm!)).toBe("IF((FILL(failed, 0) + FILL(succeeded, 0)) >= 20, 100 * FILL(failed, 0) / (FILL(failed, 0) + FILL(succeeded, 0)), 0)");
    expect(alarm!.metric_query!.find((q) => q.id === "failed")!.metric).toMatchObject({ namespace: "ServerlessMonitoring", metric_name: "PaymentsFailed", dimensions: { service: "payment-handler", environment: "prod" } });
  });

  test("order completion rate below 95 %, guarded (quiet periods read 100 %)", () => {
    const [alarm] = alarms(synthBusiness("orders"));
    expect(alarm).toMatchObject({ alarm_name: "order-processor-order-completion-rate-business", comparison_operator: "LessThanThreshold", threshold: 95 });
    expect(expressionOf(alarm!)).toBe("IF((FILL(completed, 0) + FILL(rejected, 0)) >= 20, 100 * FILL(completed, 0) / (FILL(completed, 0) + FILL(rejected, 0)), 100)");
  });

  test("a KPI the function does not emit is an error", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const m = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics: { ...topics, business }, dashboardName: "estate" });
        m.monitorBusinessKpis({ serviceName: "order-processor", emits: "orders" }, { thresholds: { paymentFailureRatePercent: { business: { threshold: 2, evaluationPeriods: 3, periodSeconds: 300 } } } });
      }),
    ).toThrow("thresholds.paymentFailureRatePercent is");
  });
});
