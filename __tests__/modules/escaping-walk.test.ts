/**
 * Every string prop of every public construct and facade method, with a
 * Terraform template in it: `${file("x")}` (an interpolation the plan would
 * evaluate) and `%{ if true }x%{ endif }` (a directive), one string at a time.
 * Each either reaches the synthesized JSON literally, escaped (`$${`, `%%{`),
 * or is refused with one InvalidPropsError naming the prop. The table below
 * lists each public entry of modules/index.ts with minimal valid props; the
 * walk finds their strings itself, so a string prop added to a table entry is
 * walked too.
 */
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { join } from "node:path";
import * as library from "@serverless-monitoring/constructs";
import {
  Alerting,
  BusinessMonitoring,
  CostAnomalyAlerts,
  CostBudgets,
  DynamoDbAccountMonitoring,
  DynamoDbTableMonitoring,
  ErrorCaptureMonitoring,
  ErrorTable,
  HealthAlarm,
  HttpApiMonitoring,
  InvalidPropsError,
  LambdaAccountMonitoring,
  LambdaFunctionMonitoring,
  MaintenanceWindowAlarm,
  MonitoredFunction,
  OperationsDashboard,
  RestApiMonitoring,
  ServerlessMonitoring,
  SloMonitoring,
  SqsQueueMonitoring,
  SyntheticsCanaries,
  CanaryMonitoring,
  StateBucket,
  WebSocketApiMonitoring,
  XrayFaultGroup,
  XraySamplingRules,
  createAlarm,
  metric,
  type MonitoringAlarm,
  RdsDatabaseMonitoring,
  RdsProxyMonitoring,
  ElastiCacheMonitoring,
  CustomMetricMonitoring,
} from "@serverless-monitoring/constructs";
import { BUNDLE_ROOT } from "../helpers";

const PAYLOADS = ['${file("x")}', "%{ if true }x%{ endif }"] as const;
/** The payloads as Terraform would evaluate them: not preceded by the escaping `$` or `%`. */
const UNESCAPED = [/(?<!\$)\$\{file\(/, /(?<!%)%\{ if true \}/];
const ESCAPED = ["$${file(", "%%{ if true }x%%{ endif }"];

const ACCOUNT = "111122223333";
const TOPICS = { critical: `arn:aws:sns:eu-west-1:${ACCOUNT}:critical`, warning: `arn:aws:sns:eu-west-1:${ACCOUNT}:warning`, business: `arn:aws:sns:eu-west-1:${ACCOUNT}:business` };
const LINKS = { runbook: "https://wiki.acme.example/runbook", dashboard: "https://console.aws.amazon.com/cloudwatch/home#dashboards:name=estate" };
const T = { threshold: 1, evaluationPeriods: 1 };
const TIERED = { critical: T, warning: T };

type Props = Record<string, unknown>;
interface Entry {
  /** The construct or facade method, as the report names it. */
  readonly name: string;
  /** Minimal valid props, with every optional string prop given, so that it is walked. */
  readonly props: Props;
  readonly build: (scope: Construct, props: Props) => void;
}

const facade = (scope: Construct) => new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics: TOPICS, dashboardName: "estate", withoutBuiltInDefaults: true });
const someAlarms = (scope: Construct): MonitoringAlarm[] => [
  createAlarm(scope, "a", { alarmName: "a-critical", description: "a", severity: "critical", metric: metric("AWS/Lambda", "Errors", { FunctionName: "a" }, "Sum", "Errors"), comparison: "GreaterThanThreshold", threshold: T, actions: [TOPICS.critical], segment: "s", kind: "k" }),
];
/** Props are passed as the table has them: the walk changes strings, never the shape. */
const as = <P,>(props: Props) => props as unknown as P;

const ENTRIES: readonly Entry[] = [
  // The facade and each of its methods.
  {
    name: "ServerlessMonitoring",
    props: { environment: "prod", region: "eu-west-1", topics: TOPICS, dashboardName: "estate", tracesUrl: "https://console.aws.amazon.com/xray", runbookUrl: "https://wiki.acme.example/README.md", withoutBuiltInDefaults: true },
    build: (scope, p) => new ServerlessMonitoring(scope, "monitoring", as(p)).monitorFunction({ functionName: "orders" }, { thresholds: { errorCount: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorFunction",
    props: { functionName: "orders", deadLetterQueueName: "orders-dlq", logFormat: "JSON", logGroupName: "/aws/lambda/orders", timeoutSeconds: 30, memoryMiB: 512, constructId: "orders-alarms" },
    build: (scope, p) => {
      const { constructId, ...fn } = p;
      facade(scope).monitorFunction(as(fn), { constructId: constructId as string, usesErrorCapture: true, thresholds: { errorCount: TIERED, dlqMessagesVisible: { critical: { ...T, periodSeconds: 300 } }, errorRecordWriteFailures: TIERED } });
    },
  },
  {
    name: "ServerlessMonitoring.monitorLambdaAccount",
    props: { alarmNamePrefix: "acct", constructId: "acct-alarms" },
    build: (scope, p) => facade(scope).monitorLambdaAccount({ ...as<{ alarmNamePrefix: string }>(p), thresholds: { unreservedConcurrencyPercent: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorHttpApi",
    props: { apiId: "a1b2c3d4e5", apiName: "shop", stage: "prod", routes: ["GET /orders"], constructId: "shop-api" },
    build: (scope, p) => {
      const { constructId, ...api } = p;
      facade(scope).monitorHttpApi(as(api), { constructId: constructId as string, thresholds: { serverErrorRatePercent: TIERED }, routeObjective: { targetPercent: 99.9 } });
    },
  },
  {
    name: "ServerlessMonitoring.monitorCapability",
    props: { name: "payment", title: "payment health", functionNames: ["pay"], routes: [{ apiId: "a1b2c3d4e5", stage: "prod", routeKey: "POST /pay" }] },
    build: (scope, p) => facade(scope).monitorCapability(as(p)),
  },
  {
    name: "ServerlessMonitoring.monitorRestApi",
    props: { apiName: "shop", stage: "prod", constructId: "rest" },
    build: (scope, p) => {
      const { constructId, ...api } = p;
      facade(scope).monitorRestApi(as(api), { constructId: constructId as string, thresholds: { serverErrorRatePercent: TIERED } });
    },
  },
  {
    name: "ServerlessMonitoring.monitorWebSocketApi",
    props: { apiId: "a1b2c3d4e5", apiName: "live", stage: "prod" },
    build: (scope, p) => facade(scope).monitorWebSocketApi(as(p), { thresholds: { connectionErrors: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorTable",
    props: { tableName: "orders", billingMode: "PROVISIONED", operations: ["PutItem"] },
    build: (scope, p) => facade(scope).monitorTable(as(p), { thresholds: { systemErrors: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorDynamoDbAccount",
    props: { alarmNamePrefix: "acct" },
    build: (scope, p) => facade(scope).monitorDynamoDbAccount({ ...as<{ alarmNamePrefix: string }>(p), thresholds: { userErrors: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorQueue",
    props: { queueName: "jobs" },
    build: (scope, p) => facade(scope).monitorQueue(as(p), { thresholds: { messagesVisible: TIERED } }),
  },
  // Issue 28's service segments through the facade.
  {
    name: "ServerlessMonitoring.monitorStateMachine",
    props: { stateMachineArn: `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:orders`, integrations: { lambdaFunctionArns: [`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:worker`], serviceIntegrationResourceArns: [`arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`] } },
    build: (scope, p) => facade(scope).monitorStateMachine(as(p), { thresholds: { failedExecutions: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorEventBridgeRule",
    props: { ruleName: "order-placed", eventBusName: "orders" },
    build: (scope, p) => facade(scope).monitorEventBridgeRule(as(p), { thresholds: { failedInvocations: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorEventBus",
    props: { eventBusName: "orders" },
    build: (scope, p) => facade(scope).monitorEventBus(as(p), { thresholds: { retryRatePercent: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorSnsTopic",
    props: { topicName: "order-events" },
    build: (scope, p) => facade(scope).monitorSnsTopic(as(p), { thresholds: { notificationsFailed: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorKinesisStream",
    props: { streamName: "clicks", consumerFunctionName: "clicks-consumer" },
    build: (scope, p) => facade(scope).monitorKinesisStream(as(p), { thresholds: { consumerIteratorAgeMs: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorFirehose",
    props: { deliveryStreamName: "archive", destination: "S3" },
    build: (scope, p) => facade(scope).monitorFirehose(as(p), { thresholds: { throttledRecords: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorAppSyncApi",
    props: { apiId: "abcdefghijklmnopqrstuvwxyz", apiName: "catalog" },
    build: (scope, p) => facade(scope).monitorAppSyncApi(as(p), { thresholds: { serverErrorCount: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorS3Bucket",
    props: { bucketName: "uploads-prod", filterId: "Incoming", createRequestMetrics: true, prefix: "incoming/" },
    build: (scope, p) => facade(scope).monitorS3Bucket(as(p), { thresholds: { serverErrorCount: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorBusinessKpis",
    props: { serviceName: "orders", emits: "orders" },
    build: (scope, p) => facade(scope).monitorBusinessKpis(as(p), { thresholds: { orderCompletionRatePercent: { business: { threshold: 50, evaluationPeriods: 1 } } } }),
  },
  {
    name: "ServerlessMonitoring.addWidgets",
    props: { widget: { type: "text", width: 24, height: 2, properties: { markdown: "Runbook" } } },
    build: (scope, p) => facade(scope).addWidgets("lambda", [as(p.widget as Props)]),
  },
  {
    name: "ServerlessMonitoring.addTemplatePage",
    props: { name: "team", template: { widgets: [{ type: "text", width: 24, height: 2, properties: { markdown: "{{title}}" } }] }, values: { title: "Orders" } },
    build: (scope, p) => facade(scope).addTemplatePage(as(p)),
  },
  // Databases, caches and metrics of any namespace.
  {
    name: "ServerlessMonitoring.monitorDatabase",
    props: { dbInstanceIdentifier: "orders", engine: "postgres" },
    build: (scope, p) => facade(scope).monitorDatabase(as(p), { thresholds: { cpuPercent: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorDatabaseProxy",
    props: { proxyName: "orders-proxy" },
    build: (scope, p) => facade(scope).monitorDatabaseProxy(as(p), { thresholds: { borrowLatencyMs: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorCache",
    props: { cacheClusterId: "sessions-001" },
    build: (scope, p) => facade(scope).monitorCache(as(p), { thresholds: { evictions: TIERED } }),
  },
  {
    name: "ServerlessMonitoring.monitorMetrics",
    props: { name: "checkout", title: "Checkout", watches: [{ id: "errors", type: "rate", numerator: { namespace: "Acme/Checkout", metricName: "Errors", dimensions: { Service: "checkout" }, label: "Errors" }, denominator: { namespace: "Acme/Checkout", metricName: "Requests" } }] },
    build: (scope, p) => facade(scope).monitorMetrics(as({ ...p, watches: (p.watches as Props[]).map((w) => ({ ...w, thresholds: TIERED })) })),
  },
  {
    name: "ServerlessMonitoring.monitorBusinessMetrics",
    props: { name: "kpis", watches: [{ id: "orders", type: "count", when: "below", metric: { namespace: "Acme/Checkout", metricName: "Orders" } }] },
    build: (scope, p) => facade(scope).monitorBusinessMetrics(as({ ...p, watches: (p.watches as Props[]).map((w) => ({ ...w, thresholds: { business: T } })) })),
  },
  {
    name: "RdsDatabaseMonitoring",
    props: { dbClusterIdentifier: "orders", engine: "aurora-mysql", links: LINKS },
    build: (scope, p) => new RdsDatabaseMonitoring(scope, { ...as<library.RdsDatabaseMonitoringProps>(p), topics: TOPICS, thresholds: { deadlocksPerSecond: TIERED } }),
  },
  {
    name: "RdsProxyMonitoring",
    props: { proxyName: "orders-proxy", links: LINKS },
    build: (scope, p) => new RdsProxyMonitoring(scope, { ...as<library.RdsProxyMonitoringProps>(p), topics: TOPICS, thresholds: { pinnedPercent: TIERED } }),
  },
  {
    name: "ElastiCacheMonitoring",
    props: { serverlessCacheName: "carts", links: LINKS },
    build: (scope, p) => new ElastiCacheMonitoring(scope, { ...as<library.ElastiCacheMonitoringProps>(p), topics: TOPICS, thresholds: { throttledCommands: TIERED } }),
  },
  {
    name: "CustomMetricMonitoring",
    props: { name: "checkout", title: "Checkout", page: "custom", links: LINKS, watches: [{ id: "latency", type: "anomaly", when: "outside", metric: { namespace: "Acme/Checkout", metricName: "Latency", statistic: "p99", label: "Latency" } }] },
    build: (scope, p) => new CustomMetricMonitoring(scope, { ...as<library.CustomMetricMonitoringProps>({ ...p, watches: (p.watches as Props[]).map((w) => ({ ...w, thresholds: { warning: { threshold: 2, evaluationPeriods: 3 } } })) }), topics: TOPICS }),
  },
  // Alert routing, composites, maintenance.
  {
    name: "Alerting",
    props: {
      environment: "prod",
      accountId: ACCOUNT,
      region: "eu-west-1",
      namePrefix: "shop",
      deliveryRunbookUrl: "https://wiki.acme.example/delivery",
      channels: {
        critical: { emails: ["oncall@acme.example"], sms: ["+4915112345678"], paging: { ssmParameter: "/monitoring/pager" }, lambdaActionArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:restart` },
        warning: { emails: ["team@acme.example"], slack: { workspaceId: "T0123ABCD", channelId: "C0123ABCD" }, teams: { tenantId: "11111111-2222-3333-4444-555555555555", teamId: "66666666-7777-8888-9999-000000000000", channelId: "19:abc@thread.tacv2" } },
        business: { existingTopicArn: `arn:aws:sns:eu-west-1:${ACCOUNT}:biz` },
      },
    },
    build: (scope, p) => new Alerting(scope, "alerting", as(p)),
  },
  {
    name: "HealthAlarm",
    props: { alarmName: "health", title: "system health", topicArn: TOPICS.critical, notifyDirectly: [TOPICS.warning], dashboardUrl: LINKS.dashboard, runbookUrl: LINKS.runbook, severity: "critical" },
    build: (scope, p) => new HealthAlarm(scope, "health", { ...as<library.HealthAlarmProps>(p), alarms: someAlarms(scope) }),
  },
  {
    name: "MaintenanceWindowAlarm",
    props: { environment: "prod", runbookUrl: LINKS.runbook },
    build: (scope, p) => new MaintenanceWindowAlarm(scope, "maintenance", as(p)),
  },
  {
    name: "createAlarm",
    props: { alarmName: "a-critical", description: "what to do", severity: "critical", namespace: "Acme/Orders", metricName: "Failed", dimension: "orders", label: "Failed", actions: [TOPICS.critical], segment: "s", kind: "k" },
    build: (scope, p) => {
      const { namespace, metricName, dimension, label, ...def } = p as Record<string, string>;
      createAlarm(scope, "a", { ...as<library.AlarmDefinition>(def), metric: metric(namespace!, metricName!, { Service: dimension! }, "Sum", label!), comparison: "GreaterThanThreshold", threshold: T, actions: p.actions as string[] });
    },
  },
  // The segments, usable without the facade.
  {
    name: "LambdaFunctionMonitoring",
    props: { function: { functionName: "orders", deadLetterQueueName: "orders-dlq", logFormat: "JSON", logGroupName: "/aws/lambda/orders" }, links: LINKS },
    build: (scope, p) => new LambdaFunctionMonitoring(scope, { ...as<library.LambdaFunctionMonitoringProps>(p), topics: TOPICS, thresholds: { errorCount: TIERED } }),
  },
  {
    name: "LambdaAccountMonitoring",
    props: { alarmNamePrefix: "acct", links: LINKS },
    build: (scope, p) => new LambdaAccountMonitoring(scope, { ...as<library.LambdaAccountMonitoringProps>(p), topics: TOPICS, thresholds: { unreservedConcurrencyPercent: TIERED } }),
  },
  {
    name: "HttpApiMonitoring",
    props: { apiId: "a1b2c3d4e5", apiName: "shop", stage: "prod", routes: ["GET /orders"], links: LINKS },
    build: (scope, p) => new HttpApiMonitoring(scope, { ...as<library.HttpApiMonitoringProps>(p), topics: TOPICS, thresholds: { serverErrorRatePercent: TIERED } }),
  },
  {
    name: "RestApiMonitoring",
    props: { apiName: "shop", stage: "prod", links: LINKS },
    build: (scope, p) => new RestApiMonitoring(scope, { ...as<library.RestApiMonitoringProps>(p), topics: TOPICS, thresholds: { serverErrorRatePercent: TIERED } }),
  },
  {
    name: "WebSocketApiMonitoring",
    props: { apiId: "a1b2c3d4e5", apiName: "live", stage: "prod", links: LINKS },
    build: (scope, p) => new WebSocketApiMonitoring(scope, { ...as<library.WebSocketApiMonitoringProps>(p), topics: TOPICS, thresholds: { connectionErrors: TIERED } }),
  },
  {
    name: "DynamoDbTableMonitoring",
    props: { tableName: "orders", billingMode: "PROVISIONED", operations: ["PutItem"], links: LINKS },
    build: (scope, p) => new DynamoDbTableMonitoring(scope, { ...as<library.DynamoDbTableMonitoringProps>(p), topics: TOPICS, thresholds: { systemErrors: TIERED } }),
  },
  {
    name: "DynamoDbAccountMonitoring",
    props: { alarmNamePrefix: "acct", links: LINKS },
    build: (scope, p) => new DynamoDbAccountMonitoring(scope, { ...as<{ alarmNamePrefix: string }>(p), topics: TOPICS, thresholds: { userErrors: TIERED } }),
  },
  {
    name: "SqsQueueMonitoring",
    props: { queueName: "jobs", alarmNamePrefix: "jobs", links: LINKS },
    build: (scope, p) => new SqsQueueMonitoring(scope, { ...as<library.SqsQueueMonitoringProps>(p), topics: TOPICS, thresholds: { messagesVisible: TIERED } }),
  },
  // Issue 28's service segments.
  {
    name: "StepFunctionsMonitoring",
    props: { stateMachineArn: `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:orders`, alarmNamePrefix: "orders", links: LINKS },
    build: (scope, p) => new library.StepFunctionsMonitoring(scope, { ...as<library.StepFunctionsMonitoringProps>(p), topics: TOPICS, thresholds: { failedExecutions: TIERED } }),
  },
  {
    name: "EventBridgeRuleMonitoring",
    props: { ruleName: "order-placed", eventBusName: "orders", alarmNamePrefix: "order-placed", links: LINKS },
    build: (scope, p) => new library.EventBridgeRuleMonitoring(scope, { ...as<library.EventBridgeRuleMonitoringProps>(p), topics: TOPICS, thresholds: { failedInvocations: TIERED } }),
  },
  {
    name: "EventBusMonitoring",
    props: { eventBusName: "orders", alarmNamePrefix: "orders", links: LINKS },
    build: (scope, p) => new library.EventBusMonitoring(scope, { ...as<library.EventBusMonitoringProps>(p), topics: TOPICS, thresholds: { retryRatePercent: TIERED } }),
  },
  {
    name: "SnsTopicMonitoring",
    props: { topicName: "order-events", alarmNamePrefix: "order-events", links: LINKS },
    build: (scope, p) => new library.SnsTopicMonitoring(scope, { ...as<library.SnsTopicMonitoringProps>(p), topics: TOPICS, thresholds: { notificationsFailed: TIERED } }),
  },
  {
    name: "LambdaAliasMonitoring",
    props: { functionName: "checkout", alias: "live", links: LINKS },
    build: (scope, p) => new library.LambdaAliasMonitoring(scope, { ...as<library.LambdaAliasMonitoringProps>(p), topics: TOPICS, thresholds: { provisionedConcurrencySpilloverInvocations: TIERED } }),
  },
  {
    name: "LambdaEventSourceMonitoring",
    props: { functionName: "audit", source: "kinesis", uuid: "5f0e4c2a-8d1b-4e7f-9a3c-2b6d8e1f0a47", name: "audit-events", links: LINKS },
    build: (scope, p) => new library.LambdaEventSourceMonitoring(scope, { ...as<library.LambdaEventSourceMonitoringProps>(p), topics: TOPICS, thresholds: { iteratorAgeMs: TIERED, failedInvokeEvents: TIERED } }),
  },
  {
    name: "DiscoveredMonitoring",
    props: { name: "payments", tags: { team: ["payments"] }, namePrefix: "pay-" },
    build: (scope, p) => new library.DiscoveredMonitoring(scope, { ...as<library.DiscoveredMonitoringProps>(p), topics: TOPICS, links: { function: LINKS, table: LINKS, queue: LINKS }, defaults: { function: { errorCount: TIERED }, table: { systemErrors: TIERED }, queue: { messagesVisible: TIERED } } }, "function"),
  },
  {
    name: "KinesisStreamMonitoring",
    props: { streamName: "clicks", consumerFunctionName: "clicks-consumer", alarmNamePrefix: "clicks", links: LINKS },
    build: (scope, p) => new library.KinesisStreamMonitoring(scope, { ...as<library.KinesisStreamMonitoringProps>(p), topics: TOPICS, thresholds: { failedRecords: TIERED } }),
  },
  {
    name: "FirehoseMonitoring",
    props: { deliveryStreamName: "archive", destination: "S3", alarmNamePrefix: "archive", links: LINKS },
    build: (scope, p) => new library.FirehoseMonitoring(scope, { ...as<library.FirehoseMonitoringProps>(p), topics: TOPICS, thresholds: { throttledRecords: TIERED } }),
  },
  {
    name: "AppSyncApiMonitoring",
    props: { apiId: "abcdefghijklmnopqrstuvwxyz", apiName: "catalog", links: LINKS },
    build: (scope, p) => new library.AppSyncApiMonitoring(scope, { ...as<library.AppSyncApiMonitoringProps>(p), topics: TOPICS, thresholds: { serverErrorCount: TIERED } }),
  },
  {
    name: "S3BucketMonitoring",
    props: { bucketName: "uploads-prod", filterId: "Incoming", createRequestMetrics: true, prefix: "incoming/", alarmNamePrefix: "uploads", links: LINKS },
    build: (scope, p) => new library.S3BucketMonitoring(scope, { ...as<library.S3BucketMonitoringProps>(p), topics: TOPICS, thresholds: { serverErrorCount: TIERED } }),
  },
  {
    name: "ErrorCaptureMonitoring",
    props: { serviceName: "orders", environment: "prod", links: LINKS },
    build: (scope, p) => new ErrorCaptureMonitoring(scope, { ...as<library.ErrorCaptureMonitoringProps>(p), topics: TOPICS, thresholds: { errorRecordWriteFailures: TIERED } }),
  },
  {
    name: "SloMonitoring",
    props: { name: "orders", title: "orders", links: LINKS, bad: { namespace: "AWS/Lambda", metricName: "Errors", FunctionName: "orders", label: "Errors" } },
    build: (scope, p) => {
      const { bad, ...rest } = p;
      const b = bad as Record<string, string>;
      const m = metric(b.namespace!, b.metricName!, { FunctionName: b.FunctionName! }, "Sum", b.label!);
      new SloMonitoring(scope, { ...as<library.SloMonitoringProps>(rest), objective: { targetPercent: 99.9 }, indicator: { bad: [m], total: [m] }, topics: TOPICS });
    },
  },
  {
    name: "CanaryMonitoring",
    props: { canaryName: "checkout", title: "POST /checkout", links: LINKS },
    build: (scope, p) => new CanaryMonitoring(scope, { ...as<library.CanaryMonitoringProps>(p), periodSeconds: 300, topics: TOPICS, thresholds: { successPercent: { critical: { threshold: 99, evaluationPeriods: 3 } } } }),
  },
  {
    name: "SyntheticsCanaries",
    props: {
      environment: "prod",
      codeDirectory: join(BUNDLE_ROOT, "canaries"),
      region: "eu-west-1",
      accountId: ACCOUNT,
      canaries: [
        { kind: "http", name: "checkout", url: "https://api.example.com/checkout", method: "POST", body: { note: "hello" }, assertions: { bodyContains: ["ok"] }, jwt: { parameterName: "/canary/user", clientId: "client1" } },
        { kind: "websocket", name: "live", url: "wss://ws.example.com/live", message: { action: "ping" }, expectReply: "pong", iam: { connectArn: `arn:aws:execute-api:eu-west-1:${ACCOUNT}:abc/live/$connect` } },
        { kind: "heartbeat", name: "status", url: "https://status.example.com/" },
      ],
    },
    build: (scope, p) => new SyntheticsCanaries(scope, "canaries", as(p)),
  },
  {
    name: "BusinessMonitoring",
    props: { serviceName: "orders", environment: "prod", emits: "payments", links: LINKS },
    build: (scope, p) => new BusinessMonitoring(scope, { ...as<library.BusinessMonitoringProps>(p), topics: TOPICS, thresholds: { paymentFailureRatePercent: { business: T } } }),
  },
  {
    name: "OperationsDashboard",
    props: { dashboardName: "estate", environment: "prod", region: "eu-west-1", tracesUrl: "https://console.aws.amazon.com/xray" },
    build: (scope, p) => new OperationsDashboard(scope, "dashboard", as(p)),
  },
  // The workload constructs.
  {
    name: "MonitoredFunction",
    props: { functionName: "orders", description: "takes orders", bundleDirectory: join(BUNDLE_ROOT, "user-service"), environment: "prod", runtime: "nodejs20.x", environmentVariables: { GREETING: "hello" }, aliasName: "live" },
    build: (scope, p) => new MonitoredFunction(scope, "fn", { ...as<library.MonitoredFunctionProps>(p), errorTable: new ErrorTable(scope, "errors", { tableName: "errors" }) }),
  },
  {
    name: "ErrorTable",
    props: { tableName: "errors", kmsKeyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555` },
    build: (scope, p) => new ErrorTable(scope, "errors", as(p)),
  },
  {
    name: "StateBucket",
    props: { bucketName: "acme-terraform-state" },
    build: (scope, p) => new StateBucket(scope, "state", as(p)),
  },
  {
    name: "XraySamplingRules",
    props: { environment: "prod", services: [{ serviceName: "orders", tier: "critical" }] },
    build: (scope, p) => new XraySamplingRules(scope, "xray", { ...as<library.XraySamplingRulesProps>(p), ratesPercent: { critical: 50, business: 30, general: 20, healthChecks: 1 } }),
  },
  {
    name: "XrayFaultGroup",
    props: { groupName: "faults", serviceNames: ["orders"], region: "eu-west-1" },
    build: (scope, p) => new XrayFaultGroup(scope, "faults", as(p)),
  },
  {
    name: "CostBudgets",
    props: { environment: "prod", topicArn: TOPICS.warning, emails: ["finance@acme.example"], namePrefix: "shop", costAllocationTag: { key: "team", value: "shop" } },
    build: (scope, p) => new CostBudgets(scope, "budgets", { ...as<library.CostBudgetsProps>(p), monthlyLimitUsd: 100, dailyLimitUsd: 10 }),
  },
  {
    name: "CostAnomalyAlerts",
    props: { name: "shop", costTag: { key: "team", value: "shop" }, topicArn: TOPICS.business },
    build: (scope, p) => new CostAnomalyAlerts(scope, "anomalies", { ...as<library.CostAnomalyAlertsProps>(p), minimumImpactUsd: 10 }),
  },
];

/** The paths of every string in `value`: object keys and array indexes. */
function stringPaths(value: unknown, path: readonly (string | number)[] = []): (string | number)[][] {
  if (typeof value === "string") return [[...path]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

function withString(props: Props, path: readonly (string | number)[], payload: string): Props {
  const copy = structuredClone(props);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  node[last] = `${node[last] as string}${payload}`;
  return copy;
}

const label = (path: readonly (string | number)[]) => path.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("").slice(1);
const propName = (path: readonly (string | number)[]) => [...path].reverse().find((k) => typeof k === "string") as string;

type Outcome = { readonly kind: "escaped" | "absent" | "refused" } | { readonly kind: "unescaped"; readonly where: string } | { readonly kind: "bad error"; readonly message: string };

function attempt(entry: Entry, path: readonly (string | number)[], payload: string, index: number): Outcome {
  let synth: string;
  try {
    synth = Testing.synthScope((scope) => entry.build(scope, withString(entry.props, path, payload)));
  } catch (error) {
    const message = (error as Error).message;
    // One InvalidPropsError whose field (before " is ") names the prop.
    const field = message.split(" is ")[0]!.split(": ").slice(1).join(": ");
    return error instanceof InvalidPropsError && field.includes(propName(path)) ? { kind: "refused" } : { kind: "bad error", message: `${(error as Error).name}: ${message}` };
  }
  const hit = UNESCAPED[index]!.exec(synth);
  if (hit) return { kind: "unescaped", where: synth.slice(Math.max(0, hit.index - 80), hit.index + 40) };
  return { kind: synth.includes(ESCAPED[index]!) || synth.includes(ESCAPED[index]!.replace(/"/g, '\\"')) ? "escaped" : "absent" };
}

describe("every string prop of every public construct and facade method, with a Terraform template in it", () => {
  test("the table covers every public construct of modules/index.ts", () => {
    const constructs = Object.entries(library)
      .filter(([, v]) => typeof v === "function" && /^class /.test(Function.prototype.toString.call(v)) && !(v.prototype instanceof Error))
      .map(([name]) => name)
      .sort();
    const covered = new Set(ENTRIES.map((e) => e.name.split(".")[0]));
    expect(constructs.filter((name) => !covered.has(name))).toEqual([]);
  });

  const cases = ENTRIES.flatMap((entry) => stringPaths(entry.props).flatMap((path) => PAYLOADS.map((payload, index) => ({ entry, path, payload, index }))));

  test("the table's props are valid as they are", () => {
    for (const entry of ENTRIES) expect(() => Testing.synthScope((scope) => entry.build(scope, entry.props))).not.toThrow();
  });

  test.each(cases.map((c) => [`${c.entry.name} ${label(c.path)} + ${c.payload}`, c] as const))("%s", (_name, c) => {
    const outcome = attempt(c.entry, c.path, c.payload, c.index);
    expect(["escaped", "absent", "refused"]).toContain(outcome.kind === "unescaped" || outcome.kind === "bad error" ? JSON.stringify(outcome) : outcome.kind);
  });

  test("most props reach the JSON, escaped; the count walked", () => {
    const outcomes = cases.map((c) => attempt(c.entry, c.path, c.payload, c.index).kind);
    const counts = outcomes.reduce<Record<string, number>>((acc, kind) => ({ ...acc, [kind]: (acc[kind] ?? 0) + 1 }), {});
    // Printed for the report: props walked, and what became of them.
    console.log(`escaping walk: ${new Set(cases.map((c) => `${c.entry.name} ${label(c.path)}`)).size} string props of ${ENTRIES.length} entries; outcomes ${JSON.stringify(counts)}`);
    expect(counts.escaped ?? 0).toBeGreaterThan(0);
    expect(counts.refused ?? 0).toBeGreaterThan(0);
  });
});
