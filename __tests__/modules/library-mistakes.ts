/**
 * A corpus of the mistakes a platform team makes through the library's public
 * entry (modules/index.ts): every public construct and every facade method,
 * with duplicates, empty names, bad thresholds, unknown tiers, malformed ARNs
 * and ids, names past AWS's limits, links that are not https, token markers
 * and cross-region actions. Each case says which field its message must name
 * and which value it must show; {@link classify} says what became of it.
 */
import { Testing, Token } from "cdktf";
import type { Construct } from "constructs";
import { join } from "node:path";
import {
  Alerting,
  AppSyncApiMonitoring,
  CanaryMonitoring,
  CustomMetricMonitoring,
  DiscoveredMonitoring,
  ElastiCacheMonitoring,
  EventBridgeRuleMonitoring,
  EventBusMonitoring,
  FirehoseMonitoring,
  KinesisStreamMonitoring,
  LambdaAliasMonitoring,
  LambdaEventSourceMonitoring,
  RdsDatabaseMonitoring,
  RdsProxyMonitoring,
  S3BucketMonitoring,
  SnsTopicMonitoring,
  StepFunctionsMonitoring,
  SyntheticsCanaries,
  BusinessMonitoring,
  CostAnomalyAlerts,
  CostBudgets,
  DynamoDbAccountMonitoring,
  DynamoDbTableMonitoring,
  ErrorCaptureMonitoring,
  ErrorTable,
  HealthAlarm,
  HttpApiMonitoring,
  LambdaAccountMonitoring,
  LambdaFunctionMonitoring,
  MaintenanceWindowAlarm,
  MonitoredFunction,
  OperationsDashboard,
  RestApiMonitoring,
  ServerlessMonitoring,
  SloMonitoring,
  SqsQueueMonitoring,
  StateBucket,
  ValidationError,
  WebSocketApiMonitoring,
  XrayFaultGroup,
  XraySamplingRules,
  createAlarm,
  createSeverityAlarms,
  formatValue,
  metric,
  requireAlertPaths,
  segmentAlarms,
  type AlarmTopics,
  type MonitoringAlarm,
  type ServerlessMonitoringProps,
} from "@serverless-monitoring/constructs";
import { BUNDLE_ROOT } from "../helpers";

export type Outcome = "clear" | "flawed" | "silent" | "trace";

export interface Mistake {
  /** The public construct or facade method, as modules/index.ts exports it. */
  readonly entry: string;
  /** What the team got wrong. */
  readonly mistake: string;
  /** What a clear message names: the field. */
  readonly field: string;
  /** What a clear message shows: the bad value, as the user wrote it. */
  readonly value: unknown;
  readonly run: (scope: Construct) => void;
}

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const TOPICS = { critical: `arn:aws:sns:${REGION}:${ACCOUNT}:critical`, warning: `arn:aws:sns:${REGION}:${ACCOUNT}:warning`, business: `arn:aws:sns:${REGION}:${ACCOUNT}:business` };
const LINKS = { runbook: "https://wiki.acme.example/runbook", dashboard: "https://console.aws.amazon.com/cloudwatch/home#dashboards:name=estate" };
const T = { threshold: 1, evaluationPeriods: 1 };
const TIERED = { critical: T, warning: T };
const TOKEN = Token.asString({ Ref: "x" });
const LONG = "a".repeat(300);
const LONG_TEXT = "x".repeat(1100);

const facade = (scope: Construct, props: Partial<ServerlessMonitoringProps> = {}) =>
  new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: REGION, topics: TOPICS, dashboardName: "estate", withoutBuiltInDefaults: true, ...props });
const errorsMetric = (fn = "orders") => metric("AWS/Lambda", "Errors", { FunctionName: fn }, "Sum", "Errors");
const alarmOf = (scope: Construct, name = "a-critical", id = "a"): MonitoringAlarm =>
  createAlarm(scope, id, { alarmName: name, description: "a", severity: "critical", metric: errorsMetric(), comparison: "GreaterThanThreshold", threshold: T, actions: [TOPICS.critical], segment: "s", kind: "k" });
const alarmDef = (over: Record<string, unknown>) =>
  ({ alarmName: "a-critical", description: "a", severity: "critical", metric: errorsMetric(), comparison: "GreaterThanThreshold", threshold: T, actions: [TOPICS.critical], segment: "s", kind: "k", ...over }) as never;
const alerting = (scope: Construct, over: Record<string, unknown> = {}) => new Alerting(scope, "alerting", { environment: "prod", accountId: ACCOUNT, region: REGION, channels: { critical: { emails: ["oncall@acme.example"] }, warning: { emails: ["team@acme.example"] }, business: { emails: ["biz@acme.example"] } }, ...over } as never);
const critical = (channels: Record<string, unknown>) => ({ channels: { critical: channels, warning: { emails: ["team@acme.example"] }, business: { emails: ["biz@acme.example"] } } });
const health = (scope: Construct, over: Record<string, unknown>) => new HealthAlarm(scope, "health", { alarmName: "health", title: "system health", topicArn: TOPICS.critical, ...over, alarms: (over.alarms as MonitoringAlarm[] | undefined) ?? [alarmOf(scope)] } as never);
const lambdaSegment = (scope: Construct, over: Record<string, unknown>) => new LambdaFunctionMonitoring(scope, { function: { functionName: "orders" }, topics: TOPICS, links: LINKS, thresholds: { errorCount: TIERED }, ...over } as never);
const slo = (scope: Construct, over: Record<string, unknown>) => new SloMonitoring(scope, { name: "orders", title: "orders", objective: { targetPercent: 99.9 }, indicator: { bad: [errorsMetric()], total: [errorsMetric()] }, topics: TOPICS, links: LINKS, ...over } as never);
const dashboard = (scope: Construct, over: Record<string, unknown> = {}) => new OperationsDashboard(scope, "dashboard", { dashboardName: "estate", environment: "prod", region: REGION, ...over } as never);
const errorTable = (scope: Construct) => new ErrorTable(scope, "errors", { tableName: "errors" });
const fn = (scope: Construct, over: Record<string, unknown>) => new MonitoredFunction(scope, "fn", { functionName: "orders", bundleDirectory: join(BUNDLE_ROOT, "user-service"), environment: "prod", errorTable: errorTable(scope), ...over } as never);
const budgets = (scope: Construct, over: Record<string, unknown>) => new CostBudgets(scope, "budgets", { environment: "prod", topicArn: TOPICS.warning, monthlyLimitUsd: 100, dailyLimitUsd: 10, ...over } as never);
const anomalies = (scope: Construct, over: Record<string, unknown>) => new CostAnomalyAlerts(scope, "anomalies", { name: "shop", costTag: { key: "team", value: "shop" }, topicArn: TOPICS.business, minimumImpactUsd: 10, ...over } as never);
const sampling = (scope: Construct, over: Record<string, unknown>) =>
  new XraySamplingRules(scope, "xray", { environment: "prod", services: [{ serviceName: "orders", tier: "critical" }], ratesPercent: { critical: 50, business: 30, general: 20, healthChecks: 1 }, ...over } as never);
const severityAlarms = (scope: Construct, over: Record<string, unknown>) =>
  createSeverityAlarms(scope, "states", { baseName: "orders", kind: "failed", segment: "states:orders", metric: errorsMetric(), comparison: "GreaterThanThreshold", thresholds: TIERED, topics: TOPICS, describe: () => "failed", ...over } as never);
const withTopics = (topics: AlarmTopics) => ({ topics });

export const MISTAKES: readonly Mistake[] = [
  // ServerlessMonitoring (constructor)
  { entry: "ServerlessMonitoring", mistake: "empty environment", field: "environment", value: "", run: (s) => facade(s, { environment: "" }) },
  { entry: "ServerlessMonitoring", mistake: "empty dashboard name", field: "dashboardName", value: "", run: (s) => facade(s, { dashboardName: "" }) },
  { entry: "ServerlessMonitoring", mistake: "dashboard name past 255 characters", field: "dashboardName", value: LONG, run: (s) => facade(s, { dashboardName: LONG }) },
  { entry: "ServerlessMonitoring", mistake: "unknown region", field: "region", value: "eu-wets-1", run: (s) => facade(s, { region: "eu-wets-1" }) },
  { entry: "ServerlessMonitoring", mistake: "misspelt tier in topics", field: "topics", value: "critcal", run: (s) => facade(s, withTopics({ critcal: TOPICS.critical } as never)) },
  { entry: "ServerlessMonitoring", mistake: "malformed topic ARN", field: "topics.critical", value: "arn:aws:sns:critical", run: (s) => facade(s, withTopics({ ...TOPICS, critical: "arn:aws:sns:critical" })) },
  { entry: "ServerlessMonitoring", mistake: "topic in another region than the alarms", field: "topics.warning", value: `arn:aws:sns:us-east-1:${ACCOUNT}:warning`, run: (s) => facade(s, withTopics({ ...TOPICS, warning: `arn:aws:sns:us-east-1:${ACCOUNT}:warning` })) },
  { entry: "ServerlessMonitoring", mistake: "Lambda action in another region", field: "topics.critical.onAlarm[0]", value: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:restart`, run: (s) => facade(s, withTopics({ ...TOPICS, critical: { topicArn: TOPICS.critical, onAlarm: [`arn:aws:lambda:us-east-1:${ACCOUNT}:function:restart`] } })) },
  { entry: "ServerlessMonitoring", mistake: "runbook link over http", field: "runbookUrl", value: "http://wiki.acme.example/README.md", run: (s) => facade(s, { runbookUrl: "http://wiki.acme.example/README.md" }) },
  { entry: "ServerlessMonitoring", mistake: "traces link over http", field: "tracesUrl", value: "http://console.aws.amazon.com/xray", run: (s) => facade(s, { tracesUrl: "http://console.aws.amazon.com/xray" }) },
  { entry: "ServerlessMonitoring", mistake: "negative minimumInvocations", field: "minimumInvocations", value: -5, run: (s) => facade(s, { minimumInvocations: -5 }) },
  { entry: "ServerlessMonitoring", mistake: "NaN minimumRequests", field: "minimumRequests", value: Number.NaN, run: (s) => facade(s, { minimumRequests: Number.NaN }) },
  { entry: "ServerlessMonitoring", mistake: "Infinity minimumFailures", field: "minimumFailures", value: Number.POSITIVE_INFINITY, run: (s) => facade(s, { minimumFailures: Number.POSITIVE_INFINITY }) },
  { entry: "ServerlessMonitoring", mistake: "negative anomaly band width", field: "invocationsAnomalyBandWidth", value: -2, run: (s) => facade(s, { invocationsAnomalyBandWidth: -2 }) },
  { entry: "ServerlessMonitoring", mistake: "zero functions per dashboard", field: "functionsPerDashboard", value: 0, run: (s) => facade(s, { functionsPerDashboard: 0 }) },
  { entry: "ServerlessMonitoring", mistake: "negative default threshold", field: "defaults.function.errorCount.warning.threshold", value: -1, run: (s) => facade(s, { defaults: { function: { errorCount: { warning: { threshold: -1, evaluationPeriods: 1 } } } } }) },
  { entry: "ServerlessMonitoring", mistake: "misspelt alarm kind in defaults", field: "defaults.function", value: "errorCont", run: (s) => facade(s, { defaults: { function: { errorCont: TIERED } as never } }) },
  { entry: "ServerlessMonitoring", mistake: "objective above 99.99", field: "objectives.function.targetPercent", value: 100, run: (s) => facade(s, { objectives: { function: { targetPercent: 100 } } }) },
  { entry: "ServerlessMonitoring", mistake: "negative page minimum", field: "objectives.pageMinimumFailures", value: -1, run: (s) => facade(s, { objectives: { pageMinimumFailures: -1 } }).monitorFunction({ functionName: "orders" }, { objective: { targetPercent: 99.9 } }) },
  { entry: "ServerlessMonitoring", mistake: "token marker in the environment", field: "environment", value: TOKEN, run: (s) => facade(s, { environment: TOKEN }) },
  { entry: "ServerlessMonitoring", mistake: "two facades with one dashboard name", field: "dashboardName", value: "estate", run: (s) => { facade(s); new ServerlessMonitoring(s, "again", { environment: "prod", region: REGION, topics: TOPICS, dashboardName: "estate" }); } },
  // monitorFunction
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "empty function name", field: "functionName", value: "", run: (s) => facade(s).monitorFunction({ functionName: "" }, { thresholds: { errorCount: TIERED } }) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "function name past 64 characters", field: "functionName", value: "f".repeat(70), run: (s) => facade(s).monitorFunction({ functionName: "f".repeat(70) }, { thresholds: { errorCount: TIERED } }) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "the same function twice", field: "functionName", value: "orders", run: (s) => { const m = facade(s); m.monitorFunction({ functionName: "orders" }); m.monitorFunction({ functionName: "orders" }); } },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "negative threshold", field: "thresholds.errorCount.critical.threshold", value: -1, run: (s) => facade(s).monitorFunction({ functionName: "orders" }, { thresholds: { errorCount: { critical: { threshold: -1, evaluationPeriods: 1 } } } }) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "NaN threshold", field: "thresholds.errorCount.critical.threshold", value: Number.NaN, run: (s) => facade(s).monitorFunction({ functionName: "orders" }, { thresholds: { errorCount: { critical: { threshold: Number.NaN, evaluationPeriods: 1 } } } }) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "Infinity threshold", field: "thresholds.errorCount.critical.threshold", value: Number.POSITIVE_INFINITY, run: (s) => facade(s).monitorFunction({ functionName: "orders" }, { thresholds: { errorCount: { critical: { threshold: Number.POSITIVE_INFINITY, evaluationPeriods: 1 } } } }) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "unknown tier in thresholds", field: "thresholds.errorCount", value: "urgent", run: (s) => facade(s).monitorFunction({ functionName: "orders" }, { thresholds: { errorCount: { urgent: T } as never } }) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "misspelt alarm kind", field: "thresholds", value: "errorRate", run: (s) => facade(s).monitorFunction({ functionName: "orders" }, { thresholds: { errorRate: TIERED } as never }) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "zero evaluation periods", field: "thresholds.errorCount.critical.evaluationPeriods", value: 0, run: (s) => facade(s).monitorFunction({ functionName: "orders" }, { thresholds: { errorCount: { critical: { threshold: 1, evaluationPeriods: 0 } } } }) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "critical looser than warning", field: "thresholds.errorCount.critical.threshold", value: 1, run: (s) => facade(s).monitorFunction({ functionName: "orders" }, { thresholds: { errorCount: { critical: { threshold: 1, evaluationPeriods: 1 }, warning: { threshold: 10, evaluationPeriods: 1 } } } }) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "negative timeout", field: "timeoutSeconds", value: -30, run: (s) => facade(s).monitorFunction({ functionName: "orders", timeoutSeconds: -30 }) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "memory below 128 MiB", field: "memoryMiB", value: 64, run: (s) => facade(s).monitorFunction({ functionName: "orders", memoryMiB: 64 }) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "token marker in the function name", field: "functionName", value: TOKEN, run: (s) => facade(s).monitorFunction({ functionName: TOKEN }) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "objective of 100 %", field: "objective.targetPercent", value: 100, run: (s) => facade(s).monitorFunction({ functionName: "orders" }, { objective: { targetPercent: 100 } }) },
  // monitorLambdaAccount
  { entry: "ServerlessMonitoring.monitorLambdaAccount", mistake: "empty alarm name prefix", field: "alarmNamePrefix", value: "", run: (s) => facade(s).monitorLambdaAccount({ alarmNamePrefix: "", thresholds: { unreservedConcurrencyPercent: TIERED } }) },
  { entry: "ServerlessMonitoring.monitorLambdaAccount", mistake: "negative account limit", field: "accountConcurrencyLimit", value: -1, run: (s) => facade(s).monitorLambdaAccount({ alarmNamePrefix: "acct", accountConcurrencyLimit: -1, thresholds: { unreservedConcurrencyPercent: TIERED } }) },
  { entry: "ServerlessMonitoring.monitorLambdaAccount", mistake: "monitored twice", field: "constructId of the Lambda account", value: "lambda-account-alarms", run: (s) => { const m = facade(s); m.monitorLambdaAccount({ alarmNamePrefix: "acct", thresholds: {} }); m.monitorLambdaAccount({ alarmNamePrefix: "acct", thresholds: {} }); } },
  // monitorHttpApi
  { entry: "ServerlessMonitoring.monitorHttpApi", mistake: "empty API id", field: "apiId", value: "", run: (s) => facade(s).monitorHttpApi({ apiId: "", apiName: "shop" }) },
  { entry: "ServerlessMonitoring.monitorHttpApi", mistake: "empty API name", field: "apiName", value: "", run: (s) => facade(s).monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "" }) },
  { entry: "ServerlessMonitoring.monitorHttpApi", mistake: "malformed route key", field: "routes[0]", value: "orders", run: (s) => facade(s).monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "shop", routes: ["orders"] }) },
  { entry: "ServerlessMonitoring.monitorHttpApi", mistake: "the same route twice", field: "routes[1]", value: "GET /orders", run: (s) => facade(s).monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "shop", routes: ["GET /orders", "GET /orders"] }) },
  { entry: "ServerlessMonitoring.monitorHttpApi", mistake: "negative 5xx rate", field: "thresholds.serverErrorRatePercent.warning.threshold", value: -5, run: (s) => facade(s).monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "shop" }, { thresholds: { serverErrorRatePercent: { warning: { threshold: -5, evaluationPeriods: 1 } } } }) },
  { entry: "ServerlessMonitoring.monitorHttpApi", mistake: "route objective of 42 %", field: "routeObjective.targetPercent", value: 42, run: (s) => facade(s).monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "shop", routes: ["GET /orders"] }, { routeObjective: { targetPercent: 42 } }) },
  { entry: "ServerlessMonitoring.monitorHttpApi", mistake: "the same API twice", field: "apiName", value: "shop", run: (s) => { const m = facade(s); m.monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "shop" }); m.monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "shop" }); } },
  // monitorCapability
  { entry: "ServerlessMonitoring.monitorCapability", mistake: "empty name", field: "name", value: "", run: (s) => facade(s).monitorCapability({ name: "", title: "payment", functionNames: ["pay"] }) },
  { entry: "ServerlessMonitoring.monitorCapability", mistake: "no functions and no routes", field: "functionNames", value: [], run: (s) => facade(s).monitorCapability({ name: "payment", title: "payment", functionNames: [] }) },
  { entry: "ServerlessMonitoring.monitorCapability", mistake: "an empty function name", field: "functionNames[0]", value: "", run: (s) => facade(s).monitorCapability({ name: "payment", title: "payment", functionNames: [""] }) },
  { entry: "ServerlessMonitoring.monitorCapability", mistake: "malformed route key", field: "routes[0].routeKey", value: "pay", run: (s) => facade(s).monitorCapability({ name: "payment", title: "payment", functionNames: ["pay"], routes: [{ apiId: "a1b2c3d4e5", routeKey: "pay" }] }) },
  { entry: "ServerlessMonitoring.monitorCapability", mistake: "objective of 101 %", field: "objective.targetPercent", value: 101, run: (s) => facade(s).monitorCapability({ name: "payment", title: "payment", functionNames: ["pay"], objective: { targetPercent: 101 } }) },
  { entry: "ServerlessMonitoring.monitorCapability", mistake: "the same capability twice", field: "name", value: "payment", run: (s) => { const m = facade(s); m.monitorCapability({ name: "payment", title: "p", functionNames: ["pay"] }); m.monitorCapability({ name: "payment", title: "p", functionNames: ["pay"] }); } },
  // monitorRestApi, monitorWebSocketApi
  { entry: "ServerlessMonitoring.monitorRestApi", mistake: "empty stage", field: "stage", value: "", run: (s) => facade(s).monitorRestApi({ apiName: "shop", stage: "" }) },
  { entry: "ServerlessMonitoring.monitorRestApi", mistake: "empty API name", field: "apiName", value: "", run: (s) => facade(s).monitorRestApi({ apiName: "", stage: "prod" }) },
  { entry: "ServerlessMonitoring.monitorRestApi", mistake: "NaN latency", field: "thresholds.p99LatencyMs.warning.threshold", value: Number.NaN, run: (s) => facade(s).monitorRestApi({ apiName: "shop", stage: "prod" }, { thresholds: { p99LatencyMs: { warning: { threshold: Number.NaN, evaluationPeriods: 1 } } } }) },
  { entry: "ServerlessMonitoring.monitorWebSocketApi", mistake: "empty API id", field: "apiId", value: "", run: (s) => facade(s).monitorWebSocketApi({ apiId: "", apiName: "live" }) },
  { entry: "ServerlessMonitoring.monitorWebSocketApi", mistake: "unknown tier", field: "thresholds.connectionErrors", value: "page", run: (s) => facade(s).monitorWebSocketApi({ apiId: "a1b2c3d4e5", apiName: "live" }, { thresholds: { connectionErrors: { page: T } as never } }) },
  // monitorTable, monitorDynamoDbAccount
  { entry: "ServerlessMonitoring.monitorTable", mistake: "empty table name", field: "tableName", value: "", run: (s) => facade(s).monitorTable({ tableName: "" }) },
  { entry: "ServerlessMonitoring.monitorTable", mistake: "unknown operation", field: "operations[0]", value: "PutItems", run: (s) => facade(s).monitorTable({ tableName: "orders", operations: ["PutItems"] }) },
  { entry: "ServerlessMonitoring.monitorTable", mistake: "unknown billing mode", field: "billingMode", value: "ON_DEMAND", run: (s) => facade(s).monitorTable({ tableName: "orders", billingMode: "ON_DEMAND" as never }) },
  { entry: "ServerlessMonitoring.monitorTable", mistake: "the same table twice", field: "tableName", value: "orders", run: (s) => { const m = facade(s); m.monitorTable({ tableName: "orders" }); m.monitorTable({ tableName: "orders" }); } },
  { entry: "ServerlessMonitoring.monitorDynamoDbAccount", mistake: "empty alarm name prefix", field: "alarmNamePrefix", value: "", run: (s) => facade(s).monitorDynamoDbAccount({ alarmNamePrefix: "", thresholds: { userErrors: TIERED } }) },
  { entry: "ServerlessMonitoring.monitorDynamoDbAccount", mistake: "negative threshold", field: "thresholds.userErrors.critical.threshold", value: -3, run: (s) => facade(s).monitorDynamoDbAccount({ alarmNamePrefix: "acct", thresholds: { userErrors: { critical: { threshold: -3, evaluationPeriods: 1 } } } }) },
  // monitorQueue, monitorBusinessKpis
  { entry: "ServerlessMonitoring.monitorQueue", mistake: "empty queue name", field: "queueName", value: "", run: (s) => facade(s).monitorQueue({ queueName: "" }) },
  { entry: "ServerlessMonitoring.monitorQueue", mistake: "queue name past 80 characters", field: "queueName", value: "q".repeat(90), run: (s) => facade(s).monitorQueue({ queueName: "q".repeat(90) }) },
  { entry: "ServerlessMonitoring.monitorQueue", mistake: "queue name with a space", field: "queueName", value: "my jobs", run: (s) => facade(s).monitorQueue({ queueName: "my jobs" }) },
  { entry: "ServerlessMonitoring.monitorQueue", mistake: "the same queue twice", field: "queueName", value: "jobs", run: (s) => { const m = facade(s); m.monitorQueue({ queueName: "jobs" }); m.monitorQueue({ queueName: "jobs" }); } },
  { entry: "ServerlessMonitoring.monitorQueue", mistake: "evaluation past one day", field: "thresholds.messagesVisible.warning", value: 1000, run: (s) => facade(s).monitorQueue({ queueName: "jobs" }, { thresholds: { messagesVisible: { warning: { threshold: 1, evaluationPeriods: 1000, periodSeconds: 300 } } } }) },
  { entry: "ServerlessMonitoring.monitorBusinessKpis", mistake: "unknown KPI family", field: "emits", value: "refunds", run: (s) => facade(s).monitorBusinessKpis({ serviceName: "orders", emits: "refunds" as never }) },
  { entry: "ServerlessMonitoring.monitorBusinessKpis", mistake: "empty service name", field: "serviceName", value: "", run: (s) => facade(s).monitorBusinessKpis({ serviceName: "", emits: "orders" }) },
  { entry: "ServerlessMonitoring.monitorBusinessKpis", mistake: "negative minimum events", field: "minimumEvents", value: -1, run: (s) => facade(s).monitorBusinessKpis({ serviceName: "orders", emits: "orders", minimumEvents: -1 }) },
  // addWidgets, addTemplatePage, addSegment, addAlarmsToDashboard, links
  { entry: "ServerlessMonitoring.addWidgets", mistake: "unknown page", field: "page", value: "lambdas", run: (s) => facade(s).addWidgets("lambdas" as never, [{ type: "text", width: 24, height: 2, properties: { markdown: "x" } }]) },
  { entry: "ServerlessMonitoring.addWidgets", mistake: "widget wider than 24", field: "widgets[0].width", value: 30, run: (s) => facade(s).addWidgets("lambda", [{ type: "text", width: 30, height: 2, properties: { markdown: "x" } }]) },
  { entry: "ServerlessMonitoring.addTemplatePage", mistake: "empty page name", field: "name", value: "", run: (s) => facade(s).addTemplatePage({ name: "", template: { widgets: [] }, values: {} }) },
  { entry: "ServerlessMonitoring.addTemplatePage", mistake: "the same page twice", field: "name", value: "team", run: (s) => { const m = facade(s); m.addTemplatePage({ name: "team", template: { widgets: [] }, values: {} }); m.addTemplatePage({ name: "team", template: { widgets: [] }, values: {} }); } },
  { entry: "ServerlessMonitoring.addSegment", mistake: "unknown page", field: "page", value: "states", run: (s) => facade(s).addSegment({ id: "states:orders", page: "states" as never, title: "orders", alarms: [], widgets: () => [] }) },
  { entry: "ServerlessMonitoring.addSegment", mistake: "the same segment twice", field: "segment", value: "states:orders", run: (s) => { const m = facade(s); const seg = { id: "states:orders", page: "lambda" as const, title: "orders", alarms: [], widgets: () => [] }; m.addSegment(seg); m.addSegment(seg); } },
  { entry: "ServerlessMonitoring.addAlarmsToDashboard", mistake: "unknown page", field: "page", value: "composites", run: (s) => facade(s).addAlarmsToDashboard([alarmOf(s)], "composites" as never) },
  { entry: "ServerlessMonitoring.links", mistake: "unknown page", field: "page", value: "queues", run: (s) => facade(s).links("queues" as never, "sqs") },
  // Alerting
  { entry: "Alerting", mistake: "empty environment", field: "environment", value: "", run: (s) => alerting(s, { environment: "" }) },
  { entry: "Alerting", mistake: "account id of 11 digits", field: "accountId", value: "11112222333", run: (s) => alerting(s, { accountId: "11112222333" }) },
  { entry: "Alerting", mistake: "unknown region", field: "region", value: "eu-west-9", run: (s) => alerting(s, { region: "eu-west-9" }) },
  { entry: "Alerting", mistake: "misspelt tier", field: "channels", value: "warnings", run: (s) => alerting(s, { channels: { critical: { emails: ["a@acme.example"] }, warnings: { emails: ["a@acme.example"] } } }) },
  { entry: "Alerting", mistake: "malformed email", field: "channels.critical.emails[0]", value: "oncall-at-acme", run: (s) => alerting(s, critical({ emails: ["oncall-at-acme"] })) },
  { entry: "Alerting", mistake: "the same email twice", field: "channels.critical.emails[1]", value: "oncall@acme.example", run: (s) => alerting(s, critical({ emails: ["oncall@acme.example", "oncall@acme.example"] })) },
  { entry: "Alerting", mistake: "phone number without +", field: "channels.critical.sms[0]", value: "015112345678", run: (s) => alerting(s, critical({ sms: ["015112345678"] })) },
  { entry: "Alerting", mistake: "Slack workspace id in lower case", field: "channels.critical.slack.workspaceId", value: "t0123abcd", run: (s) => alerting(s, critical({ slack: { workspaceId: "t0123abcd", channelId: "C0123ABCD" } })) },
  { entry: "Alerting", mistake: "Slack channel name instead of id", field: "channels.critical.slack.channelId", value: "#oncall", run: (s) => alerting(s, critical({ slack: { workspaceId: "T0123ABCD", channelId: "#oncall" } })) },
  { entry: "Alerting", mistake: "Teams tenant id not a GUID", field: "channels.critical.teams.tenantId", value: "acme", run: (s) => alerting(s, critical({ teams: { tenantId: "acme", teamId: "66666666-7777-8888-9999-000000000000", channelId: "19:abc@thread.tacv2" } })) },
  { entry: "Alerting", mistake: "Teams channel id without 19:", field: "channels.critical.teams.channelId", value: "general", run: (s) => alerting(s, critical({ teams: { tenantId: "11111111-2222-3333-4444-555555555555", teamId: "66666666-7777-8888-9999-000000000000", channelId: "general" } })) },
  { entry: "Alerting", mistake: "malformed existing topic ARN", field: "channels.business.existingTopicArn", value: "biz-topic", run: (s) => alerting(s, { channels: { critical: { emails: ["a@acme.example"] }, warning: { emails: ["a@acme.example"] }, business: { existingTopicArn: "biz-topic" } } }) },
  { entry: "Alerting", mistake: "existing topic in another region", field: "channels.business.existingTopicArn", value: `arn:aws:sns:us-east-1:${ACCOUNT}:biz`, run: (s) => alerting(s, { channels: { critical: { emails: ["a@acme.example"] }, warning: { emails: ["a@acme.example"] }, business: { existingTopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:biz` } } }) },
  { entry: "Alerting", mistake: "Lambda action in another region", field: "channels.critical.lambdaActionArn", value: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:restart`, run: (s) => alerting(s, critical({ emails: ["a@acme.example"], lambdaActionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:restart` })) },
  { entry: "Alerting", mistake: "malformed Lambda ARN", field: "channels.critical.lambdaActionArn", value: "restart-workers", run: (s) => alerting(s, critical({ emails: ["a@acme.example"], lambdaActionArn: "restart-workers" })) },
  { entry: "Alerting", mistake: "malformed SSM parameter name", field: "channels.critical.paging.ssmParameter", value: "monitoring pager", run: (s) => alerting(s, critical({ paging: { ssmParameter: "monitoring pager" } })) },
  { entry: "Alerting", mistake: "sameAs an unknown tier", field: "channels.warning.sameAs", value: "urgent", run: (s) => alerting(s, { channels: { critical: { emails: ["a@acme.example"] }, warning: { sameAs: "urgent" }, business: { emails: ["a@acme.example"] } } }) },
  { entry: "Alerting", mistake: "sameAs itself", field: "channels.warning.sameAs", value: "warning", run: (s) => alerting(s, { channels: { critical: { emails: ["a@acme.example"] }, warning: { sameAs: "warning" }, business: { emails: ["a@acme.example"] } } }) },
  { entry: "Alerting", mistake: "empty name prefix", field: "namePrefix", value: "", run: (s) => alerting(s, { namePrefix: "" }) },
  { entry: "Alerting", mistake: "delivery runbook over http", field: "deliveryRunbookUrl", value: "http://wiki.acme.example/delivery", run: (s) => alerting(s, { deliveryRunbookUrl: "http://wiki.acme.example/delivery" }) },
  { entry: "Alerting", mistake: "two Alerting with one prefix and environment", field: "name", value: "monitoring-alerts-prod", run: (s) => { alerting(s); new Alerting(s, "again", { environment: "prod", accountId: ACCOUNT, region: REGION, channels: { critical: { emails: ["a@acme.example"] }, warning: { emails: ["a@acme.example"] }, business: { emails: ["a@acme.example"] } } }); } },
  // HealthAlarm
  { entry: "HealthAlarm", mistake: "empty alarm name", field: "alarmName", value: "", run: (s) => health(s, { alarmName: "" }) },
  { entry: "HealthAlarm", mistake: "alarm name past 255 characters", field: "alarmName", value: LONG, run: (s) => health(s, { alarmName: LONG }) },
  { entry: "HealthAlarm", mistake: "no alarms to cover", field: "alarms", value: [], run: (s) => health(s, { alarms: [] }) },
  { entry: "HealthAlarm", mistake: "a covered alarm that does not exist", field: "alarms[0]", value: "ghost-critical", run: (s) => health(s, { alarms: [{ alarmName: "ghost-critical", severity: "critical", arn: "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:ghost-critical", resource: undefined, segment: "s", kind: "k" }] }) },
  { entry: "HealthAlarm", mistake: "malformed topic ARN", field: "topicArn", value: "alerts", run: (s) => health(s, { topicArn: "alerts" }) },
  { entry: "HealthAlarm", mistake: "topic in another region than the alarms it covers", field: "topicArn", value: `arn:aws:sns:us-east-1:${ACCOUNT}:critical`, run: (s) => health(s, { topicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:critical` }) },
  { entry: "HealthAlarm", mistake: "unknown severity", field: "severity", value: "urgent", run: (s) => health(s, { severity: "urgent" }) },
  { entry: "HealthAlarm", mistake: "runbook over http", field: "runbookUrl", value: "http://wiki.acme.example/runbook", run: (s) => health(s, { runbookUrl: "http://wiki.acme.example/runbook" }) },
  { entry: "HealthAlarm", mistake: "title past the description limit", field: "title", value: LONG_TEXT, run: (s) => health(s, { title: LONG_TEXT }) },
  { entry: "HealthAlarm", mistake: "an alarm covered twice", field: "alarms[1]", value: "a-critical", run: (s) => { const a = alarmOf(s); health(s, { alarms: [a, a] }); } },
  // MaintenanceWindowAlarm
  { entry: "MaintenanceWindowAlarm", mistake: "empty environment", field: "environment", value: "", run: (s) => new MaintenanceWindowAlarm(s, "m", { environment: "" }) },
  { entry: "MaintenanceWindowAlarm", mistake: "runbook over http", field: "runbookUrl", value: "http://wiki.acme.example/runbook", run: (s) => new MaintenanceWindowAlarm(s, "m", { environment: "prod", runbookUrl: "http://wiki.acme.example/runbook" }) },
  { entry: "MaintenanceWindowAlarm", mistake: "two for one environment", field: "alarmName", value: "maintenance-window-prod", run: (s) => { new MaintenanceWindowAlarm(s, "m", { environment: "prod" }); new MaintenanceWindowAlarm(s, "n", { environment: "prod" }); } },
  // createAlarm, createSeverityAlarms, segmentAlarms
  { entry: "createAlarm", mistake: "empty alarm name", field: "alarmName", value: "", run: (s) => createAlarm(s, "a", alarmDef({ alarmName: "" })) },
  { entry: "createAlarm", mistake: "alarm name past 255 characters", field: "alarmName", value: LONG, run: (s) => createAlarm(s, "a", alarmDef({ alarmName: LONG })) },
  { entry: "createAlarm", mistake: "description past 1,024 characters", field: "description", value: LONG_TEXT, run: (s) => createAlarm(s, "a", alarmDef({ description: LONG_TEXT })) },
  { entry: "createAlarm", mistake: "negative threshold", field: "threshold.threshold", value: -1, run: (s) => createAlarm(s, "a", alarmDef({ threshold: { threshold: -1, evaluationPeriods: 1 } })) },
  { entry: "createAlarm", mistake: "NaN threshold", field: "threshold.threshold", value: Number.NaN, run: (s) => createAlarm(s, "a", alarmDef({ threshold: { threshold: Number.NaN, evaluationPeriods: 1 } })) },
  { entry: "createAlarm", mistake: "unknown severity", field: "severity", value: "urgent", run: (s) => createAlarm(s, "a", alarmDef({ severity: "urgent" })) },
  { entry: "createAlarm", mistake: "malformed action ARN", field: "actions[0]", value: "critical-topic", run: (s) => createAlarm(s, "a", alarmDef({ actions: ["critical-topic"] })) },
  { entry: "createAlarm", mistake: "unknown comparison", field: "comparison", value: "GreaterThan", run: (s) => createAlarm(s, "a", alarmDef({ comparison: "GreaterThan" })) },
  { entry: "createAlarm", mistake: "datapoints more than periods", field: "threshold.datapointsToAlarm", value: 5, run: (s) => createAlarm(s, "a", alarmDef({ threshold: { threshold: 1, evaluationPeriods: 3, datapointsToAlarm: 5 } })) },
  { entry: "createAlarm", mistake: "period of 45 seconds", field: "threshold.periodSeconds", value: 45, run: (s) => createAlarm(s, "a", alarmDef({ threshold: { threshold: 1, evaluationPeriods: 1, periodSeconds: 45 } })) },
  { entry: "createAlarm", mistake: "two alarms of one name", field: "alarmName", value: "a-critical", run: (s) => { alarmOf(s, "a-critical", "a"); alarmOf(s, "a-critical", "b"); } },
  { entry: "createAlarm", mistake: "token marker in the description", field: "description", value: TOKEN, run: (s) => createAlarm(s, "a", alarmDef({ description: `see ${TOKEN}` })) },
  { entry: "createSeverityAlarms", mistake: "empty base name", field: "baseName", value: "", run: (s) => severityAlarms(s, { baseName: "" }) },
  { entry: "createSeverityAlarms", mistake: "unknown tier", field: "thresholds", value: "urgent", run: (s) => severityAlarms(s, { thresholds: { urgent: T } }) },
  { entry: "createSeverityAlarms", mistake: "tier without a topic", field: "topics.warning", value: undefined, run: (s) => severityAlarms(s, { topics: { critical: TOPICS.critical } }) },
  { entry: "segmentAlarms", mistake: "empty segment name", field: "name", value: "", run: (s) => segmentAlarms(s, { id: "states:orders", where: "StatesMonitoring", name: "" }, { failed: { id: "failed", comparison: "GreaterThanThreshold", metric: () => errorsMetric(), condition: () => "failed" } }, {}, { topics: TOPICS, thresholds: { failed: TIERED } }) },
  { entry: "segmentAlarms", mistake: "threshold for an unknown kind", field: "thresholds", value: "faild", run: (s) => segmentAlarms(s, { id: "states:orders", where: "StatesMonitoring", name: "orders" }, { failed: { id: "failed", comparison: "GreaterThanThreshold", metric: () => errorsMetric(), condition: () => "failed" } }, {}, { topics: TOPICS, thresholds: { faild: TIERED } as never }) },
  { entry: "requireAlertPaths", mistake: "composite covering an alarm that does not exist", field: "composites[0].covers[0]", value: "ghost", run: (s) => { const a = alarmOf(s); requireAlertPaths({ alarms: [a], composites: [{ alarm: a, covers: [{ ...a, alarmName: "ghost" }] }], subscribed: { critical: true, warning: true, business: true }, topicArns: TOPICS }); } },
  // The segments without the facade
  { entry: "LambdaFunctionMonitoring", mistake: "empty function name", field: "functionName", value: "", run: (s) => lambdaSegment(s, { function: { functionName: "" } }) },
  { entry: "LambdaFunctionMonitoring", mistake: "dashboard link over http", field: "links.dashboard", value: "http://console.aws.amazon.com/cloudwatch", run: (s) => lambdaSegment(s, { links: { ...LINKS, dashboard: "http://console.aws.amazon.com/cloudwatch" } }) },
  { entry: "LambdaFunctionMonitoring", mistake: "runbook link over http", field: "links.runbook", value: "http://wiki.acme.example/runbook", run: (s) => lambdaSegment(s, { links: { ...LINKS, runbook: "http://wiki.acme.example/runbook" } }) },
  { entry: "LambdaFunctionMonitoring", mistake: "unknown log format", field: "logFormat", value: "XML", run: (s) => lambdaSegment(s, { function: { functionName: "orders", logFormat: "XML", logGroupName: "/aws/lambda/orders" } }) },
  { entry: "LambdaFunctionMonitoring", mistake: "negative minimumInvocations", field: "minimumInvocations", value: -1, run: (s) => lambdaSegment(s, { minimumInvocations: -1 }) },
  { entry: "LambdaFunctionMonitoring", mistake: "malformed topic ARN", field: "topics.critical", value: "critical", run: (s) => lambdaSegment(s, { topics: { ...TOPICS, critical: "critical" } }) },
  { entry: "LambdaAccountMonitoring", mistake: "reserved above the account limit", field: "reservedConcurrency", value: 2000, run: (s) => new LambdaAccountMonitoring(s, { alarmNamePrefix: "acct", reservedConcurrency: 2000, topics: TOPICS, thresholds: { unreservedConcurrencyPercent: TIERED } }) },
  { entry: "LambdaAccountMonitoring", mistake: "empty alarm name prefix", field: "alarmNamePrefix", value: "", run: (s) => new LambdaAccountMonitoring(s, { alarmNamePrefix: "", topics: TOPICS, thresholds: { unreservedConcurrencyPercent: TIERED } }) },
  { entry: "HttpApiMonitoring", mistake: "empty API id", field: "apiId", value: "", run: (s) => new HttpApiMonitoring(s, { apiId: "", apiName: "shop", topics: TOPICS, thresholds: { serverErrorRatePercent: TIERED } }) },
  { entry: "HttpApiMonitoring", mistake: "negative minimumRequests", field: "minimumRequests", value: -20, run: (s) => new HttpApiMonitoring(s, { apiId: "a1b2c3d4e5", apiName: "shop", minimumRequests: -20, topics: TOPICS, thresholds: { serverErrorRatePercent: TIERED } }) },
  { entry: "RestApiMonitoring", mistake: "empty stage", field: "stage", value: "", run: (s) => new RestApiMonitoring(s, { apiName: "shop", stage: "", topics: TOPICS, thresholds: { serverErrorRatePercent: TIERED } }) },
  { entry: "WebSocketApiMonitoring", mistake: "empty API name", field: "apiName", value: "", run: (s) => new WebSocketApiMonitoring(s, { apiId: "a1b2c3d4e5", apiName: "", topics: TOPICS, thresholds: { connectionErrors: TIERED } }) },
  { entry: "DynamoDbTableMonitoring", mistake: "empty table name", field: "tableName", value: "", run: (s) => new DynamoDbTableMonitoring(s, { tableName: "", topics: TOPICS, thresholds: { systemErrors: TIERED } }) },
  { entry: "DynamoDbTableMonitoring", mistake: "capacity alarm on an on-demand table", field: "thresholds.readCapacityPercent", value: TIERED, run: (s) => new DynamoDbTableMonitoring(s, { tableName: "orders", billingMode: "PAY_PER_REQUEST", topics: TOPICS, thresholds: { readCapacityPercent: TIERED } }) },
  { entry: "DynamoDbAccountMonitoring", mistake: "empty alarm name prefix", field: "alarmNamePrefix", value: "", run: (s) => new DynamoDbAccountMonitoring(s, { alarmNamePrefix: "", topics: TOPICS, thresholds: { userErrors: TIERED } }) },
  { entry: "SqsQueueMonitoring", mistake: "empty queue name", field: "queueName", value: "", run: (s) => new SqsQueueMonitoring(s, { queueName: "", topics: TOPICS, thresholds: { messagesVisible: TIERED } }) },
  { entry: "SqsQueueMonitoring", mistake: "Infinity threshold", field: "thresholds.messagesVisible.critical.threshold", value: Number.POSITIVE_INFINITY, run: (s) => new SqsQueueMonitoring(s, { queueName: "jobs", topics: TOPICS, thresholds: { messagesVisible: { critical: { threshold: Number.POSITIVE_INFINITY, evaluationPeriods: 1 } } } }) },
  { entry: "SqsQueueMonitoring", mistake: "the same queue twice in one scope", field: "construct id", value: "messages-visible-critical", run: (s) => { new SqsQueueMonitoring(s, { queueName: "jobs", topics: TOPICS, thresholds: { messagesVisible: TIERED } }); new SqsQueueMonitoring(s, { queueName: "jobs", topics: TOPICS, thresholds: { messagesVisible: TIERED } }); } },
  { entry: "ErrorCaptureMonitoring", mistake: "empty service name", field: "serviceName", value: "", run: (s) => new ErrorCaptureMonitoring(s, { serviceName: "", environment: "prod", topics: TOPICS, thresholds: { errorRecordWriteFailures: TIERED } }) },
  { entry: "ErrorCaptureMonitoring", mistake: "empty environment", field: "environment", value: "", run: (s) => new ErrorCaptureMonitoring(s, { serviceName: "orders", environment: "", topics: TOPICS, thresholds: { errorRecordWriteFailures: TIERED } }) },
  { entry: "SloMonitoring", mistake: "empty name", field: "name", value: "", run: (s) => slo(s, { name: "" }) },
  { entry: "SloMonitoring", mistake: "target of 100 %", field: "objective.targetPercent", value: 100, run: (s) => slo(s, { objective: { targetPercent: 100 } }) },
  { entry: "SloMonitoring", mistake: "period of 0 days", field: "objective.periodDays", value: 0, run: (s) => slo(s, { objective: { targetPercent: 99.9, periodDays: 0 } }) },
  { entry: "SloMonitoring", mistake: "no bad metrics", field: "indicator.bad", value: [], run: (s) => slo(s, { indicator: { bad: [], total: [errorsMetric()] } }) },
  { entry: "SloMonitoring", mistake: "negative page minimum", field: "pageMinimumFailures", value: -1, run: (s) => slo(s, { pageMinimumFailures: -1 }) },
  { entry: "SloMonitoring", mistake: "unknown page", field: "page", value: "slo", run: (s) => slo(s, { page: "slo" }) },
  { entry: "BusinessMonitoring", mistake: "unknown KPI family", field: "emits", value: "refunds", run: (s) => new BusinessMonitoring(s, { serviceName: "orders", environment: "prod", emits: "refunds" as never, topics: TOPICS, thresholds: {} }) },
  { entry: "BusinessMonitoring", mistake: "KPI alarm in an unknown tier", field: "thresholds.paymentFailureRatePercent.page", value: T, run: (s) => new BusinessMonitoring(s, { serviceName: "orders", environment: "prod", emits: "payments", topics: TOPICS, thresholds: { paymentFailureRatePercent: { page: T } as never } }) },
  { entry: "BusinessMonitoring", mistake: "rate above 100 %", field: "thresholds.paymentFailureRatePercent.business.threshold", value: 150, run: (s) => new BusinessMonitoring(s, { serviceName: "orders", environment: "prod", emits: "payments", topics: TOPICS, thresholds: { paymentFailureRatePercent: { business: { threshold: 150, evaluationPeriods: 1 } } } }) },
  // OperationsDashboard
  { entry: "OperationsDashboard", mistake: "empty dashboard name", field: "dashboardName", value: "", run: (s) => dashboard(s, { dashboardName: "" }) },
  { entry: "OperationsDashboard", mistake: "dashboard name with a space", field: "dashboardName", value: "my estate", run: (s) => dashboard(s, { dashboardName: "my estate" }) },
  { entry: "OperationsDashboard", mistake: "unknown region", field: "region", value: "mars-1", run: (s) => dashboard(s, { region: "mars-1" }) },
  { entry: "OperationsDashboard", mistake: "negative functions per dashboard", field: "functionsPerDashboard", value: -1, run: (s) => dashboard(s, { functionsPerDashboard: -1 }) },
  { entry: "OperationsDashboard.addWidgets", mistake: "unknown page", field: "kind", value: "lambdas", run: (s) => dashboard(s).addWidgets("lambdas" as never, []) },
  { entry: "OperationsDashboard.addTemplatePage", mistake: "template that is not an object", field: "template", value: "widgets", run: (s) => dashboard(s).addTemplatePage({ name: "team", template: "widgets", values: {} }) },
  { entry: "OperationsDashboard.addAlarms", mistake: "unknown page", field: "kind", value: "alarms", run: (s) => dashboard(s).addAlarms([alarmOf(s)], "alarms" as never) },
  { entry: "OperationsDashboard.addSegment", mistake: "segment with an empty id", field: "id", value: "", run: (s) => dashboard(s).addSegment({ id: "", page: "lambda", title: "x", alarms: [], widgets: () => [] }) },
  { entry: "OperationsDashboard.pageUrl", mistake: "unknown page", field: "kind", value: "sns", run: (s) => dashboard(s).pageUrl("sns" as never) },
  // The workload constructs
  { entry: "MonitoredFunction", mistake: "empty function name", field: "functionName", value: "", run: (s) => fn(s, { functionName: "" }) },
  { entry: "MonitoredFunction", mistake: "function name past 64 characters", field: "functionName", value: "f".repeat(70), run: (s) => fn(s, { functionName: "f".repeat(70) }) },
  { entry: "MonitoredFunction", mistake: "timeout of 0 seconds", field: "timeoutSeconds", value: 0, run: (s) => fn(s, { timeoutSeconds: 0 }) },
  { entry: "MonitoredFunction", mistake: "NaN memory", field: "memoryMiB", value: Number.NaN, run: (s) => fn(s, { memoryMiB: Number.NaN }) },
  { entry: "MonitoredFunction", mistake: "log retention of 10 days", field: "logRetentionDays", value: 10, run: (s) => fn(s, { logRetentionDays: 10 }) },
  { entry: "MonitoredFunction", mistake: "negative reserved concurrency", field: "reservedConcurrency", value: -1, run: (s) => fn(s, { reservedConcurrency: -1 }) },
  { entry: "MonitoredFunction", mistake: "unknown runtime", field: "runtime", value: "node22", run: (s) => fn(s, { runtime: "node22" }) },
  { entry: "MonitoredFunction", mistake: "a reserved environment variable", field: "environmentVariables", value: "AWS_REGION", run: (s) => fn(s, { environmentVariables: { AWS_REGION: "eu-west-1" } }) },
  { entry: "MonitoredFunction", mistake: "token marker in an environment variable", field: "environmentVariables.GREETING", value: TOKEN, run: (s) => fn(s, { environmentVariables: { GREETING: TOKEN } }) },
  { entry: "MonitoredFunction", mistake: "missing bundle directory", field: "bundleDirectory", value: "/nonexistent/bundle", run: (s) => fn(s, { bundleDirectory: "/nonexistent/bundle" }) },
  { entry: "MonitoredFunction", mistake: "description past 256 characters", field: "description", value: LONG, run: (s) => fn(s, { description: LONG }) },
  { entry: "MonitoredFunction.fromFunctionName", mistake: "empty function name", field: "functionName", value: "", run: (s) => facade(s).monitorFunction(MonitoredFunction.fromFunctionName("")) },
  { entry: "ErrorTable", mistake: "empty table name", field: "tableName", value: "", run: (s) => new ErrorTable(s, "errors", { tableName: "" }) },
  { entry: "ErrorTable", mistake: "table name with a space", field: "tableName", value: "error logs", run: (s) => new ErrorTable(s, "errors", { tableName: "error logs" }) },
  { entry: "ErrorTable", mistake: "malformed KMS key ARN", field: "kmsKeyArn", value: "alias/errors", run: (s) => new ErrorTable(s, "errors", { tableName: "errors", kmsKeyArn: "alias/errors" }) },
  { entry: "StateBucket", mistake: "bucket name with capitals", field: "bucketName", value: "Acme-State", run: (s) => new StateBucket(s, "state", { bucketName: "Acme-State" }) },
  { entry: "StateBucket", mistake: "negative noncurrent retention", field: "noncurrentVersionRetentionDays", value: -1, run: (s) => new StateBucket(s, "state", { bucketName: "acme-state", noncurrentVersionRetentionDays: -1 }) },
  { entry: "XraySamplingRules", mistake: "rate above 100 %", field: "ratesPercent.critical", value: 150, run: (s) => sampling(s, { ratesPercent: { critical: 150, business: 30, general: 20, healthChecks: 1 } }) },
  { entry: "XraySamplingRules", mistake: "unknown sampling tier", field: "services[0].tier", value: "gold", run: (s) => sampling(s, { services: [{ serviceName: "orders", tier: "gold" }] }) },
  { entry: "XraySamplingRules", mistake: "the same service twice", field: "services[1]", value: "orders", run: (s) => sampling(s, { services: [{ serviceName: "orders", tier: "critical" }, { serviceName: "orders", tier: "general" }] }) },
  { entry: "XraySamplingRules", mistake: "negative reservoir", field: "reservoirSize", value: -1, run: (s) => sampling(s, { reservoirSize: -1 }) },
  { entry: "XraySamplingRules", mistake: "empty environment", field: "environment", value: "", run: (s) => sampling(s, { environment: "" }) },
  { entry: "XrayFaultGroup", mistake: "empty group name", field: "groupName", value: "", run: (s) => new XrayFaultGroup(s, "faults", { groupName: "", serviceNames: ["orders"], region: REGION }) },
  { entry: "XrayFaultGroup", mistake: "an empty service name", field: "serviceNames[0]", value: "", run: (s) => new XrayFaultGroup(s, "faults", { groupName: "faults", serviceNames: [""], region: REGION }) },
  { entry: "XrayFaultGroup", mistake: "unknown region", field: "region", value: "eu-west", run: (s) => new XrayFaultGroup(s, "faults", { groupName: "faults", serviceNames: ["orders"], region: "eu-west" }) },
  { entry: "CostBudgets", mistake: "negative monthly limit", field: "monthlyLimitUsd", value: -100, run: (s) => budgets(s, { monthlyLimitUsd: -100 }) },
  { entry: "CostBudgets", mistake: "NaN daily limit", field: "dailyLimitUsd", value: Number.NaN, run: (s) => budgets(s, { dailyLimitUsd: Number.NaN }) },
  { entry: "CostBudgets", mistake: "malformed topic ARN", field: "topicArn", value: "budget-alerts", run: (s) => budgets(s, { topicArn: "budget-alerts" }) },
  { entry: "CostBudgets", mistake: "malformed email", field: "emails[0]", value: "finance", run: (s) => budgets(s, { emails: ["finance"] }) },
  { entry: "CostBudgets", mistake: "unknown service", field: "perServiceMonthlyLimitUsd", value: "s3", run: (s) => budgets(s, { perServiceMonthlyLimitUsd: { s3: 10 } }) },
  { entry: "CostBudgets", mistake: "empty environment", field: "environment", value: "", run: (s) => budgets(s, { environment: "" }) },
  { entry: "CostBudgets", mistake: "threshold of 0 %", field: "actualThresholdPercent", value: 0, run: (s) => budgets(s, { actualThresholdPercent: 0 }) },
  { entry: "CostAnomalyAlerts", mistake: "negative minimum impact", field: "minimumImpactUsd", value: -10, run: (s) => anomalies(s, { minimumImpactUsd: -10 }) },
  { entry: "CostAnomalyAlerts", mistake: "empty name", field: "name", value: "", run: (s) => anomalies(s, { name: "" }) },
  { entry: "CostAnomalyAlerts", mistake: "malformed topic ARN", field: "topicArn", value: "anomalies", run: (s) => anomalies(s, { topicArn: "anomalies" }) },
  { entry: "CostAnomalyAlerts", mistake: "empty cost tag key", field: "costTag.key", value: "", run: (s) => anomalies(s, { costTag: { key: "", value: "shop" } }) },
  // A JavaScript caller's missing props: one error, not a TypeError.
  { entry: "ServerlessMonitoring", mistake: "no props at all", field: "props", value: undefined, run: (s) => new ServerlessMonitoring(s, "m", undefined as never) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "no function", field: "props", value: undefined, run: (s) => facade(s).monitorFunction(undefined as never) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "null options", field: "options", value: null, run: (s) => facade(s).monitorFunction({ functionName: "orders" }, null as never) },
  { entry: "Alerting", mistake: "no props at all", field: "props", value: undefined, run: (s) => new Alerting(s, "alerting", undefined as never) },
  { entry: "Alerting", mistake: "emails as one string, not a list", field: "channels.critical.emails", value: "oncall@acme.example", run: (s) => alerting(s, critical({ emails: "oncall@acme.example" })) },
  { entry: "HealthAlarm", mistake: "alarms null", field: "alarms", value: null, run: (s) => new HealthAlarm(s, "health", { alarmName: "health", topicArn: TOPICS.critical, alarms: null as never }) },
  { entry: "createAlarm", mistake: "no definition", field: "def", value: undefined, run: (s) => createAlarm(s, "a", undefined as never) },
  { entry: "requireAlertPaths", mistake: "no spec", field: "alarms", value: undefined, run: () => requireAlertPaths(undefined as never) },
  // The segments of the wider estate (service, database, alias, event source, discovery and canary segments).
  { entry: "StepFunctionsMonitoring", mistake: "an ARN of another service", field: "stateMachineArn", value: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`, run: (s) => new StepFunctionsMonitoring(s, { stateMachineArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`, topics: TOPICS, thresholds: { failedExecutions: TIERED } }) },
  { entry: "EventBridgeRuleMonitoring", mistake: "empty rule name", field: "ruleName", value: "", run: (s) => new EventBridgeRuleMonitoring(s, { ruleName: "", topics: TOPICS, thresholds: { failedInvocations: TIERED } }) },
  { entry: "EventBusMonitoring", mistake: "empty bus name", field: "eventBusName", value: "", run: (s) => new EventBusMonitoring(s, { eventBusName: "", topics: TOPICS, thresholds: { retryRatePercent: TIERED } }) },
  { entry: "SnsTopicMonitoring", mistake: "empty topic name", field: "topicName", value: "", run: (s) => new SnsTopicMonitoring(s, { topicName: "", topics: TOPICS, thresholds: { notificationsFailed: TIERED } }) },
  { entry: "KinesisStreamMonitoring", mistake: "empty stream name", field: "streamName", value: "", run: (s) => new KinesisStreamMonitoring(s, { streamName: "", topics: TOPICS, thresholds: { failedRecords: TIERED } }) },
  { entry: "FirehoseMonitoring", mistake: "empty delivery stream name", field: "deliveryStreamName", value: "", run: (s) => new FirehoseMonitoring(s, { deliveryStreamName: "", topics: TOPICS, thresholds: { throttledRecords: TIERED } }) },
  { entry: "AppSyncApiMonitoring", mistake: "empty API name", field: "apiName", value: "", run: (s) => new AppSyncApiMonitoring(s, { apiId: "abcdefghijklmnopqrstuvwxyz", apiName: "", topics: TOPICS, thresholds: { serverErrorCount: TIERED } }) },
  { entry: "S3BucketMonitoring", mistake: "empty bucket name", field: "bucketName", value: "", run: (s) => new S3BucketMonitoring(s, { bucketName: "", topics: TOPICS, thresholds: { serverErrorCount: TIERED } }) },
  { entry: "RdsDatabaseMonitoring", mistake: "unknown engine", field: "engine", value: "aurora", run: (s) => new RdsDatabaseMonitoring(s, { dbInstanceIdentifier: "orders", engine: "aurora" as never, topics: TOPICS, thresholds: { cpuPercent: TIERED } }) },
  { entry: "RdsProxyMonitoring", mistake: "empty proxy name", field: "proxyName", value: "", run: (s) => new RdsProxyMonitoring(s, { proxyName: "", topics: TOPICS, thresholds: { pinnedPercent: TIERED } }) },
  { entry: "ElastiCacheMonitoring", mistake: "neither a node nor a serverless cache", field: "cacheClusterId", value: undefined, run: (s) => new ElastiCacheMonitoring(s, { topics: TOPICS, thresholds: { evictions: TIERED } }) },
  { entry: "CustomMetricMonitoring", mistake: "no watches", field: "watches", value: [], run: (s) => new CustomMetricMonitoring(s, { name: "checkout", page: "custom", watches: [], topics: TOPICS }) },
  { entry: "LambdaAliasMonitoring", mistake: "empty alias", field: "alias", value: "", run: (s) => new LambdaAliasMonitoring(s, { functionName: "checkout", alias: "", topics: TOPICS, thresholds: { provisionedConcurrencySpilloverInvocations: TIERED } }) },
  { entry: "LambdaEventSourceMonitoring", mistake: "unknown source kind", field: "source", value: "kafka", run: (s) => new LambdaEventSourceMonitoring(s, { functionName: "audit", source: "kafka" as never, topics: TOPICS, thresholds: { iteratorAgeMs: TIERED } }) },
  { entry: "DiscoveredMonitoring", mistake: "neither tags nor a name prefix", field: "tags", value: undefined, run: (s) => new DiscoveredMonitoring(s, { name: "payments", topics: TOPICS, defaults: { function: { errorCount: TIERED } } }, "function") },
  { entry: "CanaryMonitoring", mistake: "empty canary name", field: "canaryName", value: "", run: (s) => new CanaryMonitoring(s, { canaryName: "", title: "POST /checkout", periodSeconds: 300, topics: TOPICS, thresholds: { successPercent: { critical: { threshold: 99, evaluationPeriods: 3 } } } }) },
  { entry: "SyntheticsCanaries", mistake: "a route URL over http", field: "canaries[0].url", value: "http://api.example.com/checkout", run: (s) => new SyntheticsCanaries(s, "canaries", { environment: "prod", codeDirectory: join(BUNDLE_ROOT, "canaries"), region: REGION, accountId: ACCOUNT, canaries: [{ kind: "heartbeat", name: "status", url: "http://api.example.com/checkout" }] }) },
  { entry: "ServerlessMonitoring.monitorStateMachine", mistake: "an ARN of another service", field: "stateMachineArn", value: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`, run: (s) => facade(s).monitorStateMachine({ stateMachineArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders` }) },
  { entry: "ServerlessMonitoring.monitorEventBridgeRule", mistake: "empty rule name", field: "ruleName", value: "", run: (s) => facade(s).monitorEventBridgeRule({ ruleName: "" }) },
  { entry: "ServerlessMonitoring.monitorEventBus", mistake: "empty bus name", field: "eventBusName", value: "", run: (s) => facade(s).monitorEventBus({ eventBusName: "" }) },
  { entry: "ServerlessMonitoring.monitorSnsTopic", mistake: "empty topic name", field: "topicName", value: "", run: (s) => facade(s).monitorSnsTopic({ topicName: "" }) },
  { entry: "ServerlessMonitoring.monitorKinesisStream", mistake: "empty stream name", field: "streamName", value: "", run: (s) => facade(s).monitorKinesisStream({ streamName: "" }) },
  { entry: "ServerlessMonitoring.monitorFirehose", mistake: "unknown destination", field: "destination", value: "Splunkish", run: (s) => facade(s).monitorFirehose({ deliveryStreamName: "archive", destination: "Splunkish" as never }) },
  { entry: "ServerlessMonitoring.monitorAppSyncApi", mistake: "empty API id", field: "apiId", value: "", run: (s) => facade(s).monitorAppSyncApi({ apiId: "", apiName: "catalog" }) },
  { entry: "ServerlessMonitoring.monitorS3Bucket", mistake: "empty bucket name", field: "bucketName", value: "", run: (s) => facade(s).monitorS3Bucket({ bucketName: "" }) },
  { entry: "ServerlessMonitoring.monitorDatabase", mistake: "unknown engine", field: "engine", value: "aurora", run: (s) => facade(s).monitorDatabase({ dbInstanceIdentifier: "orders", engine: "aurora" as never }) },
  { entry: "ServerlessMonitoring.monitorDatabaseProxy", mistake: "empty proxy name", field: "proxyName", value: "", run: (s) => facade(s).monitorDatabaseProxy({ proxyName: "" }) },
  { entry: "ServerlessMonitoring.monitorCache", mistake: "neither a node nor a serverless cache", field: "cacheClusterId", value: undefined, run: (s) => facade(s).monitorCache({}) },
  { entry: "ServerlessMonitoring.monitorMetrics", mistake: "no watches", field: "watches", value: [], run: (s) => facade(s).monitorMetrics({ name: "checkout", watches: [] }) },
  { entry: "ServerlessMonitoring.monitorBusinessMetrics", mistake: "no watches", field: "watches", value: [], run: (s) => facade(s).monitorBusinessMetrics({ name: "kpis", watches: [] }) },
  { entry: "ServerlessMonitoring.monitorLambdaAlias", mistake: "empty alias", field: "alias", value: "", run: (s) => facade(s).monitorLambdaAlias({ functionName: "checkout", alias: "" }) },
  { entry: "ServerlessMonitoring.monitorEventSource", mistake: "unknown source kind", field: "source", value: "kafka", run: (s) => facade(s).monitorEventSource({ functionName: "audit", source: "kafka" as never }) },
  { entry: "ServerlessMonitoring.monitorDiscovered", mistake: "neither tags nor a name prefix", field: "tags", value: undefined, run: (s) => facade(s).monitorDiscovered({ name: "payments" }) },
  { entry: "ServerlessMonitoring.monitorCanaries", mistake: "a route URL over http", field: "canaries[0].url", value: "http://api.example.com/checkout", run: (s) => facade(s).monitorCanaries({ environment: "prod", codeDirectory: join(BUNDLE_ROOT, "canaries"), region: REGION, accountId: ACCOUNT, canaries: [{ kind: "heartbeat", name: "status", url: "http://api.example.com/checkout" }] }) },
  // Unknown keys: a JavaScript caller's (or a cast's) misspelt or made-up key, top-level and nested, named with what is allowed.
  { entry: "MonitoredFunction", mistake: "misspelt key memorySise", field: "props", value: "memorySise", run: (s) => fn(s, { memorySise: 256 }) },
  { entry: "MonitoredFunction.fromFunctionName", mistake: "unknown key in the options", field: "options", value: "deadLetterQueue", run: (s) => facade(s).monitorFunction(MonitoredFunction.fromFunctionName("orders", { deadLetterQueue: "orders-dlq" } as never)) },
  { entry: "ServerlessMonitoring", mistake: "misspelt key dashbordName", field: "props", value: "dashbordName", run: (s) => facade(s, { dashbordName: "estate" } as never) },
  { entry: "ServerlessMonitoring", mistake: "misspelt onAlarm in a tier's actions", field: "topics.critical", value: "onAlram", run: (s) => facade(s, withTopics({ ...TOPICS, critical: { topicArn: TOPICS.critical, onAlram: [] } } as never)) },
  { entry: "ServerlessMonitoring", mistake: "misspelt family in defaults", field: "defaults", value: "functon", run: (s) => facade(s, { defaults: { functon: { errorCount: TIERED } } as never }) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "misspelt option runbokUrl", field: "options", value: "runbokUrl", run: (s) => facade(s).monitorFunction({ functionName: "orders" }, { thresholds: { errorCount: TIERED }, runbokUrl: "https://wiki.acme.example/runbook" } as never) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "misspelt threshold key", field: "options.thresholds.errorCount.critical", value: "threshhold", run: (s) => facade(s).monitorFunction({ functionName: "orders" }, { thresholds: { errorCount: { critical: { threshhold: 5, evaluationPeriods: 1 } } } } as never) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "unknown key in the function", field: "fn", value: "memorySize", run: (s) => facade(s).monitorFunction({ functionName: "orders", memorySize: 512 } as never) },
  { entry: "ServerlessMonitoring.monitorQueue", mistake: "deadLetterQueueName for deadLetterQueue", field: "queue", value: "deadLetterQueueName", run: (s) => facade(s).monitorQueue({ queueName: "jobs", deadLetterQueueName: "jobs-dlq" } as never) },
  { entry: "ServerlessMonitoring.monitorHttpApi", mistake: "misspelt option routeObjectives", field: "options", value: "routeObjectives", run: (s) => facade(s).monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "shop" }, { routeObjectives: { targetPercent: 99.9 } } as never) },
  { entry: "ServerlessMonitoring.monitorStateMachine", mistake: "integration for integrations", field: "stateMachine", value: "integration", run: (s) => facade(s).monitorStateMachine({ stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:orders`, integration: {} } as never) },
  { entry: "ServerlessMonitoring.monitorTable", mistake: "billing for billingMode", field: "table", value: "billing", run: (s) => facade(s).monitorTable({ tableName: "orders", billing: "PROVISIONED" } as never) },
  { entry: "ServerlessMonitoring.monitorSnsTopic", mistake: "period for periodSeconds in a threshold", field: "options.thresholds.notificationsFailed.critical", value: "period", run: (s) => facade(s).monitorSnsTopic({ topicName: "orders" }, { thresholds: { notificationsFailed: { critical: { threshold: 1, evaluationPeriods: 1, period: 60 } } } } as never) },
  { entry: "ServerlessMonitoring.monitorMetrics", mistake: "misspelt key in a watch", field: "metrics.watches[0]", value: "threshholds", run: (s) => facade(s).monitorMetrics({ name: "checkout", watches: [{ id: "orders", type: "count", metric: { namespace: "Shop", metricName: "Orders" }, when: "below", threshholds: { warning: T } }] } as never) },
  { entry: "Alerting", mistake: "emial for emails in a channel", field: "channels.critical", value: "emial", run: (s) => alerting(s, critical({ emial: ["oncall@acme.example"] })) },
  { entry: "Alerting", mistake: "channelID for channelId in Slack", field: "channels.critical.slack", value: "channelID", run: (s) => alerting(s, critical({ slack: { workspaceId: "T0123ABCD", channelID: "C0123ABCD" } })) },
  { entry: "HealthAlarm", mistake: "runbookURL for runbookUrl", field: "props", value: "runbookURL", run: (s) => health(s, { runbookURL: "https://wiki.acme.example/runbook" }) },
  { entry: "createAlarm", mistake: "evaluationPeriod for evaluationPeriods", field: "def.threshold", value: "evaluationPeriod", run: (s) => createAlarm(s, "a", alarmDef({ threshold: { threshold: 1, evaluationPeriods: 1, evaluationPeriod: 2 } })) },
  { entry: "SqsQueueMonitoring", mistake: "misspelt alarm kind", field: "thresholds", value: "messagesVisable", run: (s) => new SqsQueueMonitoring(s, { queueName: "jobs", topics: TOPICS, thresholds: { messagesVisable: TIERED } as never }) },
  { entry: "LambdaFunctionMonitoring", mistake: "dashbaord for dashboard in links", field: "links", value: "dashbaord", run: (s) => lambdaSegment(s, { links: { runbook: LINKS.runbook, dashbaord: LINKS.dashboard } }) },
  { entry: "SloMonitoring", mistake: "periodDay for periodDays", field: "objective", value: "periodDay", run: (s) => slo(s, { objective: { targetPercent: 99.9, periodDay: 30 } }) },
  { entry: "OperationsDashboard", mistake: "tracesURL for tracesUrl", field: "props", value: "tracesURL", run: (s) => dashboard(s, { tracesURL: "https://console.aws.amazon.com/xray" }) },
  { entry: "XraySamplingRules", mistake: "unknown key in a service", field: "services[0]", value: "rate", run: (s) => sampling(s, { services: [{ serviceName: "orders", tier: "critical", rate: 5 }] }) },
  { entry: "CostBudgets", mistake: "monthlyLimitUSD for monthlyLimitUsd", field: "props", value: "monthlyLimitUSD", run: (s) => budgets(s, { monthlyLimitUSD: 100 }) },
  { entry: "ErrorTable", mistake: "pointInTimeRecover for pointInTimeRecovery", field: "props", value: "pointInTimeRecover", run: (s) => new ErrorTable(s, "errors", { tableName: "errors", pointInTimeRecover: true } as never) },
  { entry: "SyntheticsCanaries", mistake: "unknown key in a canary", field: "canaries[0]", value: "timeoutMS", run: (s) => new SyntheticsCanaries(s, "canaries", { environment: "prod", codeDirectory: join(BUNDLE_ROOT, "canaries"), region: REGION, accountId: ACCOUNT, canaries: [{ kind: "heartbeat", name: "status", url: "https://api.example.com/status", timeoutMS: 5000 }] } as never) },
  // null for an optional prop: not the same as leaving it out.
  { entry: "MonitoredFunction", mistake: "memoryMiB null", field: "memoryMiB", value: null, run: (s) => fn(s, { memoryMiB: null }) },
  { entry: "ServerlessMonitoring", mistake: "runbookUrl null", field: "runbookUrl", value: null, run: (s) => facade(s, { runbookUrl: null } as never) },
  { entry: "ServerlessMonitoring", mistake: "a tier's onAlarm null", field: "topics.critical.onAlarm", value: null, run: (s) => facade(s, withTopics({ ...TOPICS, critical: { topicArn: TOPICS.critical, onAlarm: null } } as never)) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "thresholds null", field: "options.thresholds", value: null, run: (s) => facade(s).monitorFunction({ functionName: "orders" }, { thresholds: null } as never) },
  { entry: "ServerlessMonitoring.monitorFunction", mistake: "datapointsToAlarm null", field: "options.thresholds.errorCount.critical.datapointsToAlarm", value: null, run: (s) => facade(s).monitorFunction({ functionName: "orders" }, { thresholds: { errorCount: { critical: { threshold: 1, evaluationPeriods: 1, datapointsToAlarm: null } } } } as never) },
  { entry: "ServerlessMonitoring.monitorQueue", mistake: "deadLetterQueue null", field: "queue.deadLetterQueue", value: null, run: (s) => facade(s).monitorQueue({ queueName: "jobs", deadLetterQueue: null } as never) },
  { entry: "ServerlessMonitoring.monitorDatabase", mistake: "constructId null", field: "options.constructId", value: null, run: (s) => facade(s).monitorDatabase({ dbInstanceIdentifier: "orders", engine: "postgres" }, { constructId: null } as never) },
  { entry: "Alerting", mistake: "slack null", field: "channels.critical.slack", value: null, run: (s) => alerting(s, critical({ emails: ["oncall@acme.example"], slack: null })) },
  { entry: "HealthAlarm", mistake: "runbookUrl null", field: "runbookUrl", value: null, run: (s) => health(s, { runbookUrl: null }) },
  { entry: "createAlarm", mistake: "periodSeconds null", field: "def.threshold.periodSeconds", value: null, run: (s) => createAlarm(s, "a", alarmDef({ threshold: { threshold: 1, evaluationPeriods: 1, periodSeconds: null } })) },
  { entry: "SqsQueueMonitoring", mistake: "links null", field: "links", value: null, run: (s) => new SqsQueueMonitoring(s, { queueName: "jobs", topics: TOPICS, links: null, thresholds: { messagesVisible: TIERED } } as never) },
  { entry: "CostBudgets", mistake: "emails null", field: "emails", value: null, run: (s) => budgets(s, { emails: null }) },
  { entry: "XraySamplingRules", mistake: "reservoirSize null", field: "reservoirSize", value: null, run: (s) => sampling(s, { reservoirSize: null }) },
  // The same resource twice through the newer facade methods: the field and value the user wrote, not a construct id.
  ...twice("monitorStateMachine", "stateMachineArn", `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:orders`, (m) => m.monitorStateMachine({ stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:orders` })),
  ...twice("monitorEventBridgeRule", "ruleName", "order-created", (m) => m.monitorEventBridgeRule({ ruleName: "order-created" })),
  ...twice("monitorEventBus", "eventBusName", "orders", (m) => m.monitorEventBus({ eventBusName: "orders" })),
  ...twice("monitorSnsTopic", "topicName", "orders", (m) => m.monitorSnsTopic({ topicName: "orders" })),
  ...twice("monitorKinesisStream", "streamName", "clicks", (m) => m.monitorKinesisStream({ streamName: "clicks" })),
  ...twice("monitorFirehose", "deliveryStreamName", "archive", (m) => m.monitorFirehose({ deliveryStreamName: "archive" })),
  ...twice("monitorAppSyncApi", "apiName", "catalog", (m) => m.monitorAppSyncApi({ apiId: "abcdefghijklmnopqrstuvwxyz", apiName: "catalog" })),
  ...twice("monitorS3Bucket", "bucketName", "acme-uploads", (m) => m.monitorS3Bucket({ bucketName: "acme-uploads" })),
  ...twice("monitorDatabase", "dbInstanceIdentifier", "orders", (m) => m.monitorDatabase({ dbInstanceIdentifier: "orders", engine: "postgres" })),
  ...twice("monitorDatabaseProxy", "proxyName", "orders-proxy", (m) => m.monitorDatabaseProxy({ proxyName: "orders-proxy" })),
  ...twice("monitorCache", "cacheClusterId", "sessions-001", (m) => m.monitorCache({ cacheClusterId: "sessions-001" })),
  ...twice("monitorLambdaAlias", "alias", "live", (m) => m.monitorLambdaAlias({ functionName: "checkout", alias: "live" })),
  ...twice("monitorEventSource", "source", "sqs", (m) => m.monitorEventSource({ functionName: "audit", source: "sqs" })),
  ...twice("monitorDiscovered", "name", "payments", (m) => m.monitorDiscovered({ name: "payments", tags: { team: ["payments"] } })),
  ...twice("monitorMetrics", "name", "checkout", (m) => m.monitorMetrics({ name: "checkout", watches: [{ id: "orders", type: "count", metric: { namespace: "Shop", metricName: "Orders" }, when: "below", thresholds: { warning: T } }] })),
];

/** The same resource monitored twice through one facade method. */
function twice(method: string, field: string, value: string, monitor: (m: ServerlessMonitoring) => void): Mistake[] {
  return [{ entry: `ServerlessMonitoring.${method}`, mistake: "the same resource twice", field, value, run: (s) => { const m = facade(s); monitor(m); monitor(m); } }];
}

/**
 * What became of a mistake: `clear` is one ValidationError whose message names
 * the field, shows the value and says what is allowed; `flawed` a
 * ValidationError short of that; `silent` no error at all; `trace` any other
 * error (a TypeError, a cdktf error), which synth prints with its stack.
 */
export function classify(mistake: Mistake): { readonly outcome: Outcome; readonly message?: string } {
  try {
    Testing.synthScope((scope) => mistake.run(scope));
  } catch (error) {
    const message = (error as Error).message;
    if (!(error instanceof ValidationError)) return { outcome: "trace", message: `${(error as Error).name}: ${message}` };
    const shown = typeof mistake.value === "string" ? formatValue(mistake.value).slice(0, 40) : formatValue(mistake.value);
    const clear = message.includes(mistake.field) && (message.includes(shown) || (typeof mistake.value === "string" && message.includes(mistake.value.slice(0, 40)))) && /allowed/.test(message);
    return { outcome: clear ? "clear" : "flawed", message };
  }
  return { outcome: "silent" };
}
