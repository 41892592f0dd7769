/**
 * Issue 28, deeper coverage of what exists, through the facade: REST methods,
 * DynamoDB global secondary indexes and TTL, Lambda aliases and event source
 * mappings, a queue with its dead-letter queue. Alarm names, metrics,
 * dimensions, thresholds, and one clear error for each mistake.
 */
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Testing } from "cdktf";
import { ServerlessMonitoring, type ServerlessMonitoringProps } from "@serverless-monitoring/constructs";
import "../cdktf-matchers";

const topics = { critical: "arn:aws:sns:eu-west-1:111122223333:critical", warning: "arn:aws:sns:eu-west-1:111122223333:warning" };
type AlarmJson = Record<string, unknown> & { alarm_name: string; threshold?: number; metric_query?: { id: string; expression?: string; return_data?: boolean; metric?: Record<string, unknown> }[] };

function synthWith(build: (monitoring: ServerlessMonitoring) => void, props: Partial<ServerlessMonitoringProps> = {}) {
  let facade!: ServerlessMonitoring;
  const synth = Testing.synthScope((scope) => build((facade = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate", ...props }))));
  const json = JSON.parse(synth);
  const alarms: AlarmJson[] = Object.values(json.resource?.aws_cloudwatch_metric_alarm ?? {});
  const own = alarms.map((a) => a.alarm_name).filter((name) => !/-slo-(fast|slow|ticket)-(long|short)$/.test(name));
  const dashboard = (name: string) => JSON.parse((Object.values(json.resource.aws_cloudwatch_dashboard) as { dashboard_name: string; dashboard_body: string }[]).find((d) => d.dashboard_name === name)!.dashboard_body);
  return { synth, json, facade, alarms, names: own.sort(), alarm: (name: string) => alarms.find((a) => a.alarm_name === name)!, dashboard };
}
const titles = (body: { widgets: { properties: { title?: string } }[] }) => body.widgets.map((w) => w.properties.title).filter((t): t is string => t !== undefined);

describe("REST API methods", () => {
  const api = { apiName: "partners", stage: "prod", methods: ["POST /orders", "GET /orders/{id}"] };

  test("each method gets a 5XX-count alarm (the API's critical threshold) and a latency alarm (the API's warning), on the method's dimensions", () => {
    const { names, alarm, synth } = synthWith((m) => m.monitorRestApi(api));
    expect(names).toEqual(
      ["partners-5xx-count-critical", "partners-5xx-rate-warning", "partners-get-orders-id-5xx-count-critical", "partners-get-orders-id-latency-warning", "partners-latency-warning", "partners-post-orders-5xx-count-critical", "partners-post-orders-latency-warning"].sort(),
    );
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "partners-post-orders-5xx-count-critical",
      namespace: "AWS/ApiGateway",
      metric_name: "5XXError",
      dimensions: { ApiName: "partners", Method: "POST", Resource: "/orders", Stage: "prod" },
      statistic: "Sum",
      threshold: 5,
      period: 300,
      comparison_operator: "GreaterThanThreshold",
    });
    expect(alarm("partners-get-orders-id-latency-warning")).toMatchObject({ metric_name: "Latency", extended_statistic: "p99", threshold: 1000, evaluation_periods: 3, dimensions: { Resource: "/orders/{id}", Method: "GET" } });
    expect(alarm("partners-post-orders-5xx-count-critical").alarm_description).toContain("[CRITICAL] partners POST /orders: more than 5 5XX responses on POST /orders");
  });

  test("each method has its objective, like an HTTP route; methodObjective: false turns it off; the API's own thresholds apply to its methods", () => {
    const { alarms, facade } = synthWith((m) => m.monitorRestApi(api, { thresholds: { p99LatencyMs: { warning: { threshold: 300, evaluationPeriods: 2 } } } }));
    expect(alarms.filter((a) => a.alarm_name.startsWith("partners-post-orders-slo-")).map((a) => a.alarm_name).sort()).toEqual(["fast-long", "fast-short", "slow-long", "slow-short", "ticket-long", "ticket-short"].map((w) => `partners-post-orders-slo-${w}`));
    expect(facade.segments.map((s) => s.id)).toEqual(["rest-api:partners", "slo:partners-post-orders", "slo:partners-get-orders-id"]);
    expect(alarms.find((a) => a.alarm_name === "partners-post-orders-latency-warning")).toMatchObject({ threshold: 300, evaluation_periods: 2 });
    const off = synthWith((m) => m.monitorRestApi(api, { methodObjective: false }));
    expect(off.alarms.some((a) => a.alarm_name.includes("-slo-"))).toBe(false);
  });

  test("the method's graphs are on the API page with their threshold lines", () => {
    const { dashboard } = synthWith((m) => m.monitorRestApi(api));
    const body = dashboard("estate-api");
    expect(titles(body)).toEqual(expect.arrayContaining(["partners POST /orders: requests and 5XX", "partners POST /orders: latency p99 (ms)"]));
    const graph = body.widgets.find((w: { properties: { title?: string } }) => w.properties.title === "partners POST /orders: requests and 5XX");
    expect(graph.properties.annotations.horizontal.map((a: { label: string }) => a.label)).toEqual(["critical post-orders-5xx-count"]);
  });

  test("a bad method key, or two that share alarm names, is one clear error", () => {
    expect(() => synthWith((m) => m.monitorRestApi({ ...api, methods: ["FETCH /orders"] }))).toThrow('RestApiMonitoring "partners": methods is "FETCH /orders"; allowed: a method key such as GET /orders/{id}');
    expect(() => synthWith((m) => m.monitorRestApi({ ...api, methods: ["GET /a-b", "GET /a/b"] }))).toThrow('RestApiMonitoring "partners": methods is "GET /a/b"; allowed: a method whose alarm names differ from those of "GET /a-b" (both read get-a-b-...).');
  });
});

describe("DynamoDB: global secondary indexes, provisioned capacity, TTL", () => {
  test("an on-demand table's index: read and write throttles, on the table and index dimensions; no capacity alarms", () => {
    const { names, synth } = synthWith((m) => m.monitorTable({ tableName: "orders", globalSecondaryIndexes: ["by-customer"] }));
    expect(names.filter((n) => n.includes("gsi"))).toEqual(["orders-gsi-by-customer-read-throttles-warning", "orders-gsi-by-customer-write-throttles-warning"]);
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "orders-gsi-by-customer-write-throttles-warning",
      namespace: "AWS/DynamoDB",
      metric_name: "WriteThrottleEvents",
      dimensions: { TableName: "orders", GlobalSecondaryIndexName: "by-customer" },
      threshold: 1,
      comparison_operator: "GreaterThanOrEqualToThreshold",
    });
  });

  test("a provisioned table's index: consumed against provisioned capacity, per second, guarded against nothing provisioned", () => {
    const { alarm } = synthWith((m) => m.monitorTable({ tableName: "ledger", billingMode: "PROVISIONED", globalSecondaryIndexes: ["by-account"] }));
    const read = alarm("ledger-gsi-by-account-read-capacity-warning");
    expect(read.threshold).toBe(80);
    expect(read.metric_query!.find((q) => q.return_data)!.expression).toBe("IF(provisioned > 0, 100 * (consumed / PERIOD(consumed)) / provisioned, 0)");
    expect(read.metric_query!.find((q) => q.id === "provisioned")!.metric).toMatchObject({ metric_name: "ProvisionedReadCapacityUnits", dimensions: { TableName: "ledger", GlobalSecondaryIndexName: "by-account" }, stat: "Average" });
    expect(alarm("ledger-gsi-by-account-write-capacity-warning")).toBeDefined();
    expect(alarm("ledger-read-capacity-warning")).toBeDefined();
  });

  test("TTL deletions and each index's graphs are on the DynamoDB page", () => {
    const { dashboard } = synthWith((m) => {
      m.monitorTable({ tableName: "sessions", timeToLive: true });
      m.monitorTable({ tableName: "orders", globalSecondaryIndexes: ["by-customer"] });
    });
    const body = dashboard("estate-dynamodb");
    expect(titles(body)).toEqual(expect.arrayContaining(["sessions: items deleted by TTL", "orders index by-customer: throttle events", "orders index by-customer: consumed capacity"]));
    const ttl = body.widgets.find((w: { properties: { title?: string } }) => w.properties.title === "sessions: items deleted by TTL");
    expect(ttl.properties.metrics).toEqual([["AWS/DynamoDB", "TimeToLiveDeletedItemCount", "TableName", "sessions", { stat: "Sum", label: "Items deleted by TTL" }]]);
    expect(titles(synthWith((m) => m.monitorTable({ tableName: "sessions" })).dashboard("estate-dynamodb"))).not.toContain("sessions: items deleted by TTL");
  });

  test("per-resource overrides of the index kinds; one for an index that is not there, or a bad index name, is an error", () => {
    const { names } = synthWith((m) => m.monitorTable({ tableName: "orders", globalSecondaryIndexes: ["by-customer"] }, { thresholds: { indexReadThrottles: false } }));
    expect(names.filter((n) => n.includes("gsi"))).toEqual(["orders-gsi-by-customer-write-throttles-warning"]);
    expect(() => synthWith((m) => m.monitorTable({ tableName: "orders" }, { thresholds: { indexWriteThrottles: { warning: { threshold: 5, evaluationPeriods: 1 } } } }))).toThrow(
      'DynamoDbTableMonitoring "orders": thresholds.indexWriteThrottles is {"warning":{"threshold":5,"evaluationPeriods":1}}; allowed: no threshold here: the table has no known global secondary index; give globalSecondaryIndexes.',
    );
    expect(() => synthWith((m) => m.monitorTable({ tableName: "orders", globalSecondaryIndexes: ["ix"] }))).toThrow('DynamoDbTableMonitoring "orders": globalSecondaryIndexes is "ix"; allowed: index names of 3-255 letters, digits, _, . or -.');
    expect(() => synthWith((m) => m.monitorTable({ tableName: "orders", globalSecondaryIndexes: ["by-customer"] }, { thresholds: { indexReadCapacityPercent: { warning: { threshold: 80, evaluationPeriods: 3 } } } }))).toThrow(
      'thresholds.indexReadCapacityPercent is {"warning":{"threshold":80,"evaluationPeriods":3}}; allowed: no threshold here: the table bills per request',
    );
  });
});

describe("Lambda aliases and event source mappings", () => {
  test("an alias with provisioned concurrency: utilisation (a fraction, configured in percent) and spillover", () => {
    const { names, alarm } = synthWith((m) => m.monitorLambdaAlias({ functionName: "checkout", alias: "live" }));
    expect(names).toEqual(["checkout-live-provisioned-concurrency-warning", "checkout-live-spillover-warning"]);
    expect(alarm("checkout-live-provisioned-concurrency-warning")).toMatchObject({ metric_name: "ProvisionedConcurrencyUtilization", statistic: "Maximum", threshold: 0.9, evaluation_periods: 5, dimensions: { FunctionName: "checkout", Resource: "checkout:live" } });
    expect(alarm("checkout-live-spillover-warning")).toMatchObject({ metric_name: "ProvisionedConcurrencySpilloverInvocations", statistic: "Sum", threshold: 10, period: 300, evaluation_periods: 3 });
    expect(() => synthWith((m) => m.monitorLambdaAlias({ functionName: "checkout", alias: "$LATEST" }))).toThrow('LambdaAliasMonitoring "checkout:$LATEST": alias is "$LATEST"; allowed: an alias name');
  });

  test("a stream mapping: iterator age on the function, failed and dropped events on the mapping's UUID", () => {
    const uuid = "14e0db71-5d35-4eb5-b481-8945cf9d10c2";
    const { names, alarm } = synthWith((m) => m.monitorEventSource({ functionName: "audit", source: "kinesis", name: "events", uuid }));
    expect(names).toEqual(["audit-events-dropped-events-warning", "audit-events-failed-events-warning", "audit-events-iterator-age-warning"]);
    expect(alarm("audit-events-iterator-age-warning")).toMatchObject({ metric_name: "IteratorAge", statistic: "Maximum", threshold: 60000, evaluation_periods: 5, dimensions: { FunctionName: "audit" } });
    expect(alarm("audit-events-failed-events-warning")).toMatchObject({ metric_name: "FailedInvokeEventCount", dimensions: { EventSourceMappingUUID: uuid }, threshold: 5, period: 300 });
    expect(alarm("audit-events-dropped-events-warning")).toMatchObject({ metric_name: "DroppedEventCount", threshold: 1 });
  });

  test("an SQS mapping has no iterator and drops nothing: failed events only (batch item failures included); without its UUID, nothing", () => {
    expect(synthWith((m) => m.monitorEventSource({ functionName: "fulfilment", source: "sqs", uuid: "14e0db71-5d35-4eb5-b481-8945cf9d10c2" })).names).toEqual(["fulfilment-sqs-failed-events-warning"]);
    expect(synthWith((m) => m.monitorEventSource({ functionName: "fulfilment", source: "sqs" })).names).toEqual([]);
    expect(() => synthWith((m) => m.monitorEventSource({ functionName: "fulfilment", source: "sqs" }, { thresholds: { iteratorAgeMs: { warning: { threshold: 1000, evaluationPeriods: 1 } } } }))).toThrow(
      'thresholds.iteratorAgeMs is {"warning":{"threshold":1000,"evaluationPeriods":1}}; allowed: no threshold here: a queue has no iterator',
    );
    expect(() => synthWith((m) => m.monitorEventSource({ functionName: "fulfilment", source: "sqs", uuid: "not-a-uuid" }))).toThrow('LambdaEventSourceMonitoring "fulfilment/sqs": uuid is "not-a-uuid"; allowed: the mapping\'s UUID');
    expect(() => synthWith((m) => m.monitorEventSource({ functionName: "fulfilment", source: "kafka" as "sqs" }))).toThrow('source is "kafka"; allowed: "kinesis", "dynamodb-streams", "sqs".');
  });
});

describe("a queue with its dead-letter queue, in one call", () => {
  test("the queue's alarms and its DLQ's, named after the queue; the DLQ on its own graphs", () => {
    const { names, alarm, facade } = synthWith((m) => m.monitorQueue({ queueName: "jobs", deadLetterQueue: "jobs-dlq" }, { thresholds: { dlqOldestMessageAgeSeconds: { warning: { threshold: 3600, evaluationPeriods: 1, periodSeconds: 300 } } } }));
    expect(names).toEqual(["jobs-dlq-messages-warning", "jobs-dlq-oldest-message-age-warning", "jobs-messages-visible-warning", "jobs-oldest-message-age-warning"]);
    expect(alarm("jobs-dlq-messages-warning")).toMatchObject({ dimensions: { QueueName: "jobs-dlq" }, threshold: 1, period: 300, comparison_operator: "GreaterThanOrEqualToThreshold" });
    expect(facade.segments.map((s) => s.title)).toEqual(["jobs", "jobs-dlq (dead-letter queue)"]);
  });

  test("without a dead-letter queue: the queue alone, as before; a DLQ threshold then is an error, as is the queue as its own DLQ", () => {
    expect(synthWith((m) => m.monitorQueue({ queueName: "jobs" })).names).toEqual(["jobs-messages-visible-warning", "jobs-oldest-message-age-warning"]);
    expect(() => synthWith((m) => m.monitorQueue({ queueName: "jobs" }, { thresholds: { dlqMessagesVisible: { warning: { threshold: 1, evaluationPeriods: 1 } } } }))).toThrow(
      'ServerlessMonitoring.monitorQueue "jobs": thresholds.dlqMessagesVisible is {"warning":{"threshold":1,"evaluationPeriods":1}}; allowed: no threshold here: the queue has no known dead-letter queue; give deadLetterQueue.',
    );
    expect(() => synthWith((m) => m.monitorQueue({ queueName: "jobs", deadLetterQueue: "jobs" }))).toThrow('deadLetterQueue is "jobs"; allowed: another queue than the queue itself.');
  });

  test("the facade's defaults reach the DLQ: a team default for dlqMessagesVisible applies to every queue's DLQ", () => {
    const { alarm } = synthWith((m) => m.monitorQueue({ queueName: "jobs", deadLetterQueue: "jobs-dlq" }), { defaults: { queue: { dlqMessagesVisible: { critical: { threshold: 10, evaluationPeriods: 1, periodSeconds: 300 } } } } });
    expect(alarm("jobs-dlq-messages-critical")).toMatchObject({ threshold: 10 });
    expect(alarm("jobs-dlq-messages-warning")).toMatchObject({ threshold: 1 });
  });
});
