/**
 * Issue 28's service segments through the facade: the alarms each makes on
 * the built-in defaults, their metrics and dimensions as AWS names them, the
 * low-traffic guards, overrides per resource, the S3 request-metrics
 * configuration, the dashboard pages, and one clear error per bad prop.
 */
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { S3BucketMetric } from "@cdktf/provider-aws/lib/s3-bucket-metric";
import { Testing } from "cdktf";
import { InvalidPropsError, ServerlessMonitoring, type ServerlessMonitoringProps } from "@serverless-monitoring/constructs";
import "../cdktf-matchers";

const topics = { critical: "arn:aws:sns:eu-west-1:111122223333:critical", warning: "arn:aws:sns:eu-west-1:111122223333:warning" };
const SM = "arn:aws:states:eu-west-1:111122223333:stateMachine:orders";
const WORKER = "arn:aws:lambda:eu-west-1:111122223333:function:orders-worker";
const API_ID = "abcdefghijklmnopqrstuvwxyz";
type Query = { id: string; expression?: string; return_data?: boolean; metric?: Record<string, unknown> };
type AlarmJson = Record<string, unknown> & { alarm_name: string; threshold?: number; metric_query?: Query[] };

function synthWith(build: (monitoring: ServerlessMonitoring) => void, props: Partial<ServerlessMonitoringProps> = {}) {
  const synth = Testing.synthScope((scope) => build(new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate", ...props })));
  const json = JSON.parse(synth) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
  const alarms = Object.values(json.resource?.aws_cloudwatch_metric_alarm ?? {}) as AlarmJson[];
  return { synth, json, alarms, names: alarms.map((a) => a.alarm_name).sort(), alarm: (name: string) => alarms.find((a) => a.alarm_name === name)! };
}
const expressionOf = (alarm: AlarmJson) => alarm.metric_query!.find((q) => q.return_data)!.expression;
const metricOf = (alarm: AlarmJson, id: string) => alarm.metric_query!.find((q) => q.id === id)!.metric;
const expectError = (build: (m: ServerlessMonitoring) => void, message: string) => {
  expect(() => synthWith(build)).toThrow(InvalidPropsError);
  expect(() => synthWith(build)).toThrow(message);
};

describe("Step Functions segment", () => {
  test("built-in defaults: failure rate (warning), failed count (critical), timed out and throttled (warning); integrations only where given", () => {
    expect(synthWith((m) => m.monitorStateMachine({ stateMachineArn: SM })).names).toEqual(["orders-failed-critical", "orders-failed-rate-warning", "orders-throttled-warning", "orders-timed-out-warning"]);
    expect(synthWith((m) => m.monitorStateMachine({ stateMachineArn: SM, integrations: { lambdaFunctionArns: [WORKER] } })).names).toContain("orders-integration-failures-warning");
  });

  test("metrics by StateMachineArn; the failure rate is of ended executions, guarded, and never blind below the guard", () => {
    const { synth, alarm } = synthWith((m) => m.monitorStateMachine({ stateMachineArn: SM }, {}), { minimumFailures: 2 });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "orders-failed-critical", namespace: "AWS/States", metric_name: "ExecutionsFailed", dimensions: { StateMachineArn: SM }, statistic: "Sum", period: 300, threshold: 5, comparison_operator: "GreaterThanOrEqualToThreshold" });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "orders-timed-out-warning", metric_name: "ExecutionsTimedOut", threshold: 1 });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "orders-throttled-warning", metric_name: "ExecutionThrottled", threshold: 5 });
    const rate = alarm("orders-failed-rate-warning");
    const bad = "(FILL(failed, 0) + FILL(timedout, 0))";
    const ended = "(FILL(failed, 0) + FILL(timedout, 0) + FILL(succeeded, 0) + FILL(aborted, 0))";
    expect(expressionOf(rate)).toBe(`IF(${ended} >= 20, 100 * ${bad} / ${ended}, IF(${bad} >= 2, 100 * ${bad} / ${ended}, 0))`);
    expect(metricOf(rate, "succeeded")).toMatchObject({ namespace: "AWS/States", metric_name: "ExecutionsSucceeded", dimensions: { StateMachineArn: SM }, stat: "Sum" });
    expect(rate).toMatchObject({ threshold: 5, evaluation_periods: 2 });
    expect(rate.metric_query!.filter((q) => q.metric).map((q) => q.metric!.period)).toEqual([60, 60, 60, 60]);
  });

  test("integrations: Lambda and service failures and timeouts summed, by LambdaFunctionArn and ServiceIntegrationResourceArn", () => {
    const table = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders";
    const { alarm } = synthWith((m) => m.monitorStateMachine({ stateMachineArn: SM, integrations: { lambdaFunctionArns: [WORKER], serviceIntegrationResourceArns: [table] } }));
    const a = alarm("orders-integration-failures-warning");
    expect(expressionOf(a)).toBe("SUM([lambdafailed0, lambdatimedout0, servicefailed0, servicetimedout0])");
    expect(metricOf(a, "lambdatimedout0")).toMatchObject({ metric_name: "LambdaFunctionsTimedOut", dimensions: { LambdaFunctionArn: WORKER } });
    expect(metricOf(a, "servicefailed0")).toMatchObject({ metric_name: "ServiceIntegrationsFailed", dimensions: { ServiceIntegrationResourceArn: table } });
  });

  test("overrides per resource: aborted and execution time on, the count off; a threshold for integrations that are not there is an error", () => {
    const { names, alarm } = synthWith((m) =>
      m.monitorStateMachine({ stateMachineArn: SM }, { thresholds: { failedExecutions: false, abortedExecutions: { warning: { threshold: 1, evaluationPeriods: 1 } }, p99ExecutionTimeMs: { warning: { threshold: 60_000, evaluationPeriods: 3 } } } }),
    );
    expect(names).toEqual(["orders-aborted-warning", "orders-execution-time-warning", "orders-failed-rate-warning", "orders-throttled-warning", "orders-timed-out-warning"]);
    expect(alarm("orders-execution-time-warning")).toMatchObject({ metric_name: "ExecutionTime", extended_statistic: "p99", threshold: 60_000 });
    expectError((m) => m.monitorStateMachine({ stateMachineArn: SM }, { thresholds: { integrationFailures: { warning: { threshold: 1, evaluationPeriods: 1 } } } }), "no threshold here: no integrations are given");
  });

  test("bad props: one error naming the field and what is allowed", () => {
    expectError((m) => m.monitorStateMachine({ stateMachineArn: "orders" }), 'stateMachineArn is "orders"; allowed: a state machine ARN');
    expectError((m) => m.monitorStateMachine({ stateMachineArn: SM, integrations: { lambdaFunctionArns: ["orders-worker"] } }), "integrations.lambdaFunctionArns[0]");
    expectError((m) => m.monitorStateMachine({ stateMachineArn: SM, integrations: { lambdaFunctionArns: Array.from({ length: 6 }, (_, i) => `${WORKER}${i}`) } }), "at most 5");
    expectError((m) => m.monitorStateMachine({ stateMachineArn: SM, minimumExecutions: 0 }), "minimumExecutions");
    expectError((m) => m.monitorStateMachine({ stateMachineArn: `${SM}\${file("x")}` }), "no Terraform template sequence");
  });
});

describe("EventBridge segments", () => {
  test("a rule: failed, throttled, dead-letter invocations (warning) and events lost on the way to the DLQ (critical); a custom bus's rule is named by bus and rule", () => {
    const { names, synth } = synthWith((m) => m.monitorEventBridgeRule({ ruleName: "order-placed", eventBusName: "orders" }));
    expect(names).toEqual(["order-placed-dead-letter-invocations-warning", "order-placed-dlq-send-failures-critical", "order-placed-failed-invocations-warning", "order-placed-throttled-warning"]);
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "order-placed-dlq-send-failures-critical", namespace: "AWS/Events", metric_name: "InvocationsFailedToBeSentToDlq", dimensions: { EventBusName: "orders", RuleName: "order-placed" }, threshold: 1, period: 300 });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "order-placed-throttled-warning", metric_name: "ThrottledRules", threshold: 5 });
  });

  test("a rule of the default bus has RuleName alone", () => {
    const { alarm } = synthWith((m) => m.monitorEventBridgeRule({ ruleName: "nightly" }));
    expect(alarm("nightly-failed-invocations-warning")).toMatchObject({ metric_name: "FailedInvocations", dimensions: { RuleName: "nightly" } });
  });

  test("a bus: retry rate (guarded) and delivery latency p99 by EventBusName", () => {
    const { names, alarm } = synthWith((m) => m.monitorEventBus({ eventBusName: "orders" }));
    expect(names).toEqual(["orders-delivery-latency-warning", "orders-retry-rate-warning"]);
    expect(expressionOf(alarm("orders-retry-rate-warning"))).toBe("IF(attempts >= 20, 100 * retries / attempts, IF(retries >= 3, 100 * retries / attempts, 0))");
    expect(metricOf(alarm("orders-retry-rate-warning"), "retries")).toMatchObject({ metric_name: "RetryInvocationAttempts", dimensions: { EventBusName: "orders" } });
    expect(alarm("orders-delivery-latency-warning")).toMatchObject({ metric_name: "IngestionToInvocationSuccessLatency", extended_statistic: "p99", threshold: 30_000, evaluation_periods: 3 });
  });

  test("bad props", () => {
    expectError((m) => m.monitorEventBridgeRule({ ruleName: "has space" }), 'ruleName is "has space"');
    expectError((m) => m.monitorEventBridgeRule({ ruleName: "r", eventBusName: "" }), "eventBusName");
    expectError((m) => m.monitorEventBus({ eventBusName: "orders" }, { thresholds: { retryRate: { warning: { threshold: 1, evaluationPeriods: 1 } } } as never }), 'thresholds has an unknown key "retryRate"');
  });
});

describe("SNS segment", () => {
  test("failed notifications, redrives to a DLQ, invalid messages filtered out (warning); notifications lost on the way to the DLQ (critical)", () => {
    const { names, alarm, synth } = synthWith((m) => m.monitorSnsTopic({ topicName: "order-events" }));
    expect(names).toEqual(["order-events-dlq-redrive-failures-critical", "order-events-filtered-out-invalid-warning", "order-events-notifications-failed-warning", "order-events-redriven-to-dlq-warning"]);
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "order-events-notifications-failed-warning", namespace: "AWS/SNS", metric_name: "NumberOfNotificationsFailed", dimensions: { TopicName: "order-events" } });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "order-events-redriven-to-dlq-warning", metric_name: "NumberOfNotificationsRedrivenToDlq" });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "order-events-dlq-redrive-failures-critical", metric_name: "NumberOfNotificationsFailedToRedriveToDlq" });
    const invalid = alarm("order-events-filtered-out-invalid-warning");
    expect(expressionOf(invalid)).toBe("SUM([attributes, body])");
    expect([metricOf(invalid, "attributes")!.metric_name, metricOf(invalid, "body")!.metric_name]).toEqual(["NumberOfNotificationsFilteredOut-InvalidAttributes", "NumberOfNotificationsFilteredOut-InvalidMessageBody"]);
  });

  test("bad props", () => {
    expectError((m) => m.monitorSnsTopic({ topicName: "a:b" }), 'topicName is "a:b"');
  });
});

describe("Kinesis Data Streams segment", () => {
  test("iterator age (warning and critical), read and write throttles, failed records; the consumer's IteratorAge where it is given", () => {
    const { names, synth } = synthWith((m) => m.monitorKinesisStream({ streamName: "clicks", consumerFunctionName: "clicks-consumer" }));
    expect(names).toEqual(["clicks-consumer-iterator-age-warning", "clicks-failed-records-warning", "clicks-iterator-age-critical", "clicks-iterator-age-warning", "clicks-read-throttles-warning", "clicks-write-throttles-warning"]);
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "clicks-iterator-age-critical", namespace: "AWS/Kinesis", metric_name: "GetRecords.IteratorAgeMilliseconds", dimensions: { StreamName: "clicks" }, statistic: "Maximum", threshold: 3_600_000 });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "clicks-failed-records-warning", metric_name: "PutRecords.FailedRecords" });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "clicks-read-throttles-warning", metric_name: "ReadProvisionedThroughputExceeded", evaluation_periods: 3 });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "clicks-write-throttles-warning", metric_name: "WriteProvisionedThroughputExceeded" });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "clicks-consumer-iterator-age-warning", namespace: "AWS/Lambda", metric_name: "IteratorAge", dimensions: { FunctionName: "clicks-consumer" }, threshold: 300_000 });
  });

  test("without a consumer no consumer alarm, and a threshold for one is an error", () => {
    expect(synthWith((m) => m.monitorKinesisStream({ streamName: "clicks" })).names).not.toContain("clicks-consumer-iterator-age-warning");
    expectError((m) => m.monitorKinesisStream({ streamName: "clicks" }, { thresholds: { consumerIteratorAgeMs: { warning: { threshold: 1000, evaluationPeriods: 1 } } } }), "give consumerFunctionName");
    expectError((m) => m.monitorKinesisStream({ streamName: "clicks", consumerFunctionName: "a b" }), "consumerFunctionName");
  });

  test("critical is never looser than warning, after the resource's own merge", () => {
    expectError((m) => m.monitorKinesisStream({ streamName: "clicks" }, { thresholds: { iteratorAgeMs: { critical: { threshold: 1000, evaluationPeriods: 5 } } } }), "thresholds.iteratorAgeMs.critical.threshold");
  });
});

describe("Kinesis Data Firehose segment", () => {
  test("delivery success below 99 % (a ratio: 0.99) and throttled records; the destination names the metric", () => {
    const { names, synth } = synthWith((m) => m.monitorFirehose({ deliveryStreamName: "archive", destination: "Redshift" }));
    expect(names).toEqual(["archive-delivery-success-warning", "archive-throttled-records-warning"]);
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "archive-delivery-success-warning", namespace: "AWS/Firehose", metric_name: "DeliveryToRedshift.Success", dimensions: { DeliveryStreamName: "archive" }, statistic: "Average", threshold: 0.99, comparison_operator: "LessThanThreshold" });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "archive-throttled-records-warning", metric_name: "ThrottledRecords" });
    expect(synthWith((m) => m.monitorFirehose({ deliveryStreamName: "archive" })).alarm("archive-delivery-success-warning").metric_name).toBe("DeliveryToS3.Success");
  });

  test("bad props", () => {
    expectError((m) => m.monitorFirehose({ deliveryStreamName: "archive", destination: "Kafka" as never }), 'destination is "Kafka"; allowed: one of S3, Redshift');
  });
});

describe("AppSync segment", () => {
  test("5xx rate (warning, guarded, requests as Latency's sample count), 5xx count (critical), latency p99 (warning); 4xx by override", () => {
    const { names, alarm, synth } = synthWith((m) => m.monitorAppSyncApi({ apiId: API_ID, apiName: "catalog" }, { thresholds: { clientErrorCount: { warning: { threshold: 50, evaluationPeriods: 1, periodSeconds: 300 } } } }));
    expect(names).toEqual(["catalog-4xx-count-warning", "catalog-5xx-count-critical", "catalog-5xx-rate-warning", "catalog-latency-warning"]);
    const rate = alarm("catalog-5xx-rate-warning");
    expect(expressionOf(rate)).toBe("IF(requests >= 20, 100 * errors / requests, IF(errors >= 3, 100 * errors / requests, 0))");
    expect(metricOf(rate, "requests")).toMatchObject({ namespace: "AWS/AppSync", metric_name: "Latency", dimensions: { GraphQLAPIId: API_ID }, stat: "SampleCount" });
    expect(metricOf(rate, "errors")).toMatchObject({ metric_name: "5XXError", stat: "Sum" });
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "catalog-4xx-count-warning", metric_name: "4XXError", threshold: 50 });
    expect(alarm("catalog-latency-warning")).toMatchObject({ metric_name: "Latency", extended_statistic: "p99", threshold: 1000 });
  });

  test("its graphs join the API page", () => {
    const { json } = synthWith((m) => m.monitorAppSyncApi({ apiId: API_ID, apiName: "catalog" }));
    const api = Object.values(json.resource!.aws_cloudwatch_dashboard!).find((d) => d.dashboard_name === "estate-api")!;
    expect(String(api.dashboard_body)).toContain("GraphQL API catalog: 5xx rate (%)");
  });

  test("bad props", () => {
    expectError((m) => m.monitorAppSyncApi({ apiId: "short", apiName: "catalog" }), 'apiId is "short"');
  });
});

describe("S3 segment", () => {
  test("request metrics: 5xx rate and first-byte latency by default, by BucketName and FilterId; the configuration made on request", () => {
    const { names, alarm, synth } = synthWith((m) => m.monitorS3Bucket({ bucketName: "uploads-prod", createRequestMetrics: true }));
    expect(names).toEqual(["uploads-prod-5xx-rate-warning", "uploads-prod-first-byte-latency-warning"]);
    expect(synth).toHaveResourceWithProperties(S3BucketMetric, { bucket: "uploads-prod", name: "EntireBucket" });
    expect(metricOf(alarm("uploads-prod-5xx-rate-warning"), "requests")).toMatchObject({ namespace: "AWS/S3", metric_name: "AllRequests", dimensions: { BucketName: "uploads-prod", FilterId: "EntireBucket" } });
    expect(alarm("uploads-prod-first-byte-latency-warning")).toMatchObject({ metric_name: "FirstByteLatency", extended_statistic: "p99", dimensions: { BucketName: "uploads-prod", FilterId: "EntireBucket" } });
  });

  test("an existing configuration by its filter id, none created; a prefix filter on the one created", () => {
    const existing = synthWith((m) => m.monitorS3Bucket({ bucketName: "uploads-prod", filterId: "Uploads" }));
    expect(existing.synth).not.toHaveResource(S3BucketMetric);
    expect(existing.alarm("uploads-prod-5xx-rate-warning").metric_query!.find((q) => q.id === "errors")!.metric).toMatchObject({ metric_name: "5xxErrors", dimensions: { FilterId: "Uploads" } });
    expect(synthWith((m) => m.monitorS3Bucket({ bucketName: "uploads-prod", filterId: "Incoming", createRequestMetrics: true, prefix: "incoming/" })).synth).toHaveResourceWithProperties(S3BucketMetric, { name: "Incoming", filter: { prefix: "incoming/" } });
  });

  test("its page is the S3 page", () => {
    const { synth } = synthWith((m) => m.monitorS3Bucket({ bucketName: "uploads-prod" }));
    expect(synth).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: "estate-s3" });
  });

  test("bad props", () => {
    expectError((m) => m.monitorS3Bucket({ bucketName: "Uploads" }), 'bucketName is "Uploads"');
    expectError((m) => m.monitorS3Bucket({ bucketName: "uploads-prod", prefix: "x/" }), "no prefix without createRequestMetrics");
    expectError((m) => m.monitorS3Bucket({ bucketName: "uploads-prod", filterId: "a b" }), "filterId");
  });
});

describe("the estate's defaults and the integration page", () => {
  test("facade defaults reach every resource of a kind; withoutBuiltInDefaults makes none", () => {
    const tuned = synthWith((m) => m.monitorSnsTopic({ topicName: "t" }), { defaults: { snsTopic: { notificationsFailed: false, notificationsRedrivenToDlq: { warning: { threshold: 10, evaluationPeriods: 1, periodSeconds: 300 } } } } });
    expect(tuned.names).toEqual(["t-dlq-redrive-failures-critical", "t-filtered-out-invalid-warning", "t-redriven-to-dlq-warning"]);
    expect(tuned.alarm("t-redriven-to-dlq-warning").threshold).toBe(10);
    expect(synthWith((m) => m.monitorSnsTopic({ topicName: "t" }), { withoutBuiltInDefaults: true }).names).toEqual([]);
  });

  test("Step Functions, EventBridge, SNS, Kinesis and Firehose share the integration page; each alarm links its runbook section", () => {
    const { json, alarm } = synthWith((m) => {
      m.monitorStateMachine({ stateMachineArn: SM });
      m.monitorEventBridgeRule({ ruleName: "r" });
      m.monitorSnsTopic({ topicName: "t" });
      m.monitorKinesisStream({ streamName: "k" });
      m.monitorFirehose({ deliveryStreamName: "f" });
    });
    const page = Object.values(json.resource!.aws_cloudwatch_dashboard!).find((d) => d.dashboard_name === "estate-integration")!;
    for (const title of ["state machine orders", "rule r", "topic t", "stream k", "Firehose f"]) expect(String(page.dashboard_body)).toContain(`${title}: `);
    expect(alarm("orders-failed-critical").alarm_description).toContain("Runbook: docs/runbooks.md#runbook-step-functions");
    expect(alarm("k-iterator-age-warning").alarm_description).toContain("Runbook: docs/runbooks.md#runbook-kinesis");
  });
});
