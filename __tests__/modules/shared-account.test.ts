/**
 * Names for shared accounts (issue 27 item 3): prod and staging of one
 * library estate, synthesized as two stacks for one account, collide without
 * a naming option and share no name with one; two resources of one name in
 * a stack are a synth-time error naming both; AWS's name limits hold after
 * prefixing.
 */
import { App, TerraformStack, Testing } from "cdktf";
import { join } from "node:path";
import {
  Alerting,
  CostAnomalyAlerts,
  CostBudgets,
  ErrorTable,
  HealthAlarm,
  InvalidPropsError,
  MaintenanceWindowAlarm,
  MonitoredFunction,
  NAMING_CONTEXT_KEY,
  ServerlessMonitoring,
  StateBucket,
  XrayFaultGroup,
  XraySamplingRules,
  namedResources,
  physicalName,
  useNaming,
  type NamedResource,
  type NamingOptions,
} from "@serverless-monitoring/constructs";
import { BUNDLE_ROOT } from "../helpers";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";

/** One estate as a platform team writes it: the same resource names in every environment, only `environment` differs. */
function estate(stack: TerraformStack, environment: string): void {
  const alerting = new Alerting(stack, "alerting", {
    environment,
    accountId: ACCOUNT,
    region: REGION,
    channels: {
      critical: { emails: ["oncall@acme.example"], paging: { ssmParameter: "/monitoring/pager" } },
      warning: { slack: { workspaceId: "T0123ABCD", channelId: "C0123ABCD" }, teams: { tenantId: "11111111-2222-3333-4444-555555555555", teamId: "66666666-7777-8888-9999-000000000000", channelId: "19:abc@thread.tacv2" } },
      business: { emails: ["biz@acme.example"] },
    },
  });
  const table = new ErrorTable(stack, "errors", { tableName: "error-logs" });
  const orders = new MonitoredFunction(stack, "orders", { functionName: "orders", bundleDirectory: join(BUNDLE_ROOT, "user-service"), environment, errorTable: table });
  const monitoring = new ServerlessMonitoring(stack, "monitoring", { environment, region: REGION, topics: alerting.alarmActions, dashboardName: "estate" });
  monitoring.monitorFunction(orders);
  // A function deployed elsewhere is each environment's own: its log group (and the metric filters on it) too.
  monitoring.monitorFunction({ functionName: `legacy-billing-${environment}`, logFormat: "JSON", timeoutSeconds: 30 });
  monitoring.monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "shop", routes: ["POST /orders"] });
  monitoring.monitorTable({ tableName: "orders" });
  monitoring.monitorQueue({ queueName: "jobs" });
  monitoring.monitorLambdaAccount({ alarmNamePrefix: "lambda-account", thresholds: { unreservedConcurrencyPercent: { warning: { threshold: 80, evaluationPeriods: 3 } } } });
  monitoring.monitorDynamoDbAccount({ alarmNamePrefix: "dynamodb-account", thresholds: { userErrors: { warning: { threshold: 10, evaluationPeriods: 3 } } } });
  monitoring.monitorBusinessKpis({ serviceName: "orders", emits: "orders" });
  const payment = monitoring.monitorCapability({ name: "payment", title: "payment", functionNames: [orders.functionName, `legacy-billing-${environment}`] });
  monitoring.addTemplatePage({ name: "team", template: { widgets: [{ type: "text", width: 24, height: 2, properties: { markdown: "{{title}}" } }] }, values: { title: "Team" } });
  const maintenance = new MaintenanceWindowAlarm(stack, "maintenance", { environment });
  new HealthAlarm(stack, "health", { alarmName: "system-health", topicArn: alerting.topicArns.critical, alarms: payment.alarms, suppressor: { alarmName: maintenance.alarmName, resource: maintenance.alarm } });
  new CostBudgets(stack, "budgets", { environment, topicArn: alerting.topicArns.warning, monthlyLimitUsd: 100, dailyLimitUsd: 10 });
  new CostAnomalyAlerts(stack, "anomalies", { name: "estate-spend", costTag: { key: "team", value: "shop" }, topicArn: alerting.topicArns.business, minimumImpactUsd: 10 });
  new XraySamplingRules(stack, "sampling", { environment, services: [{ serviceName: "orders", tier: "critical" }], ratesPercent: { critical: 50, business: 30, general: 10, healthChecks: 1 } });
  new XrayFaultGroup(stack, "faults", { groupName: "faults", serviceNames: ["orders"], region: REGION });
  new StateBucket(stack, "state", { bucketName: "acme-monitoring-state" });
}

/** The two environments in one account, each its own stack, synthesized (the name check runs). */
function sharedAccount(naming: { readonly prod?: NamingOptions; readonly staging?: NamingOptions }): { prod: NamedResource[]; staging: NamedResource[] } {
  const app = Testing.app();
  const stacks = (["prod", "staging"] as const).map((env) => {
    const stack = new TerraformStack(app, env);
    const own = naming[env];
    if (own) useNaming(stack, own);
    estate(stack, env === "prod" ? "production" : "staging");
    Testing.synth(stack);
    return namedResources(stack);
  });
  return { prod: stacks[0]!, staging: stacks[1]! };
}

/** Names both stacks hold, per type (and log group, where names are unique only within one). */
function collisions(a: readonly NamedResource[], b: readonly NamedResource[]): string[] {
  const key = (r: NamedResource) => `${r.type} ${r.within ?? ""} ${r.name}`;
  const inA = new Set(a.map(key));
  return b.map(key).filter((k) => inA.has(k));
}

describe("two environments in one account", () => {
  test("without a naming option their names collide (what the issue found)", () => {
    const { prod, staging } = sharedAccount({});
    const shared = collisions(prod, staging);
    expect(shared.length).toBeGreaterThan(20);
    expect(shared).toEqual(expect.arrayContaining([expect.stringContaining("aws_cloudwatch_metric_alarm"), expect.stringContaining("aws_cloudwatch_dashboard"), expect.stringContaining("aws_cloudwatch_composite_alarm")]));
  });

  test("with a prefix each, no name of any type collides", () => {
    const { prod, staging } = sharedAccount({ prod: { prefix: "prod" }, staging: { prefix: "staging" } });
    expect(collisions(prod, staging)).toEqual([]);
    // Every named type of the estate took the prefix: the estate makes each of these.
    const types = new Set(staging.map((r) => r.type));
    for (const type of ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm", "aws_cloudwatch_dashboard", "aws_sns_topic", "aws_kms_alias", "aws_sqs_queue", "aws_iam_role", "aws_lambda_function", "aws_cloudwatch_log_group", "aws_dynamodb_table", "aws_s3_bucket", "aws_xray_group", "aws_xray_sampling_rule", "aws_chatbot_slack_channel_configuration", "aws_chatbot_teams_channel_configuration", "aws_budgets_budget", "aws_cloudwatch_log_metric_filter", "aws_ce_anomaly_monitor", "aws_ce_anomaly_subscription"]) {
      expect(types).toContain(type);
    }
    const unprefixed = staging.filter((r) => !r.name.replace(/^alias\//, "").replace(/^\/aws\/lambda\//, "").startsWith("staging-"));
    expect(unprefixed).toEqual([]);
    // Each name takes the prefix once: names built from other prefixed names (delivery alarms from their topic's) do not repeat it.
    expect(prod.filter((r) => r.name.split("prod-").length > 2).map((r) => r.name)).toEqual([]);
  });

  test("a suffix works the same way, and composites and dashboards refer to the suffixed names", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "staging");
    useNaming(stack, { suffix: "blue" });
    estate(stack, "staging");
    const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    const health = Object.values(json.resource.aws_cloudwatch_composite_alarm!).find((a) => a.alarm_name === "system-health-blue")!;
    expect(health.alarm_rule).toContain('ALARM("payment-slo-page-blue")');
    expect((health.actions_suppressor as { alarm: string }).alarm).toBe("maintenance-window-staging-blue");
    const lambda = Object.values(json.resource.aws_lambda_function!)[0]!;
    expect(lambda.function_name).toBe("orders-blue");
    expect(JSON.stringify((lambda.environment as { variables: Record<string, string> }).variables)).toContain("orders-blue");
  });
});

describe("the naming option", () => {
  test("no naming keeps every name as it was", () => {
    Testing.synthScope((scope) => expect(physicalName(scope, "orders-errors-critical")).toBe("orders-errors-critical"));
  });

  test("a name that already carries the naming keeps it once", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    useNaming(stack, { prefix: "prod", suffix: "blue" });
    expect(physicalName(stack, "orders")).toBe("prod-orders-blue");
    expect(physicalName(stack, "prod-orders-blue-errors")).toBe("prod-orders-blue-errors-blue");
    expect(physicalName(stack, physicalName(stack, "orders"))).toBe("prod-orders-blue");
  });

  test("set for a whole app through cdktf's context, or for one facade; the nearest wins", () => {
    const app = new App({ context: { [NAMING_CONTEXT_KEY]: { prefix: "acme" } } });
    const stack = new TerraformStack(app, "s");
    const facade = new ServerlessMonitoring(stack, "m", { environment: "prod", region: REGION, topics: { warning: `arn:aws:sns:${REGION}:${ACCOUNT}:w` }, dashboardName: "estate", naming: { prefix: "team" }, withoutBuiltInDefaults: true });
    expect(physicalName(stack, "x")).toBe("acme-x");
    expect(physicalName(facade, "x")).toBe("team-x");
    expect(facade.dashboard.dashboardUrl).toContain("name=team-estate");
  });

  test.each([
    ["an upper-case prefix", { prefix: "Prod" }, "naming.prefix"],
    ["an empty suffix", { suffix: "" }, "naming.suffix"],
    ["a prefix with an underscore", { prefix: "prod_1" }, "naming.prefix"],
    ["an unknown field", { prefx: "prod" }, "naming"],
  ])("%s is refused, naming the field", (_name, naming, field) => {
    expect(() => Testing.synthScope((scope) => new ServerlessMonitoring(scope, "m", { environment: "prod", region: REGION, topics: {}, dashboardName: "estate", naming: naming as NamingOptions }))).toThrow(new RegExp(`^ServerlessMonitoring "m": ${field} (is|has an unknown key) `));
  });

  test("useNaming after the stack has children is an error that says to call it first", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    new ErrorTable(stack, "t", { tableName: "errors" });
    expect(() => useNaming(stack, { prefix: "prod" })).toThrow('useNaming "s": scope is "s"; allowed: a construct with no children yet');
  });
});

describe("names checked at synth", () => {
  test("two resources of one name in a stack: one error naming both construct paths and the name", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    new MaintenanceWindowAlarm(stack, "first", { environment: "prod" });
    new MaintenanceWindowAlarm(stack, "second", { environment: "prod" });
    expect(() => Testing.synth(stack)).toThrow(
      new InvalidPropsError("s/second/Alarm", "alarmName", "maintenance-window-prod", "a name not already taken by s/first/Alarm: aws_cloudwatch_metric_alarm names are unique in an account and region; rename one of them, or give each environment its own naming prefix").message,
    );
  });

  test("two dashboards of one name, from two facades", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    for (const id of ["a", "b"]) new ServerlessMonitoring(stack, id, { environment: "prod", region: REGION, topics: {}, dashboardName: "estate" });
    expect(() => Testing.synth(stack)).toThrow(/^s\/b\/dashboard\/Dashboard: dashboardName is "estate"; allowed: a name not already taken by s\/a\/dashboard\/Dashboard/);
  });

  test("AWS's limits hold after prefixing: a sampling rule name past 32 characters names the naming", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    useNaming(stack, { prefix: "a-very-long-environment-prefix" });
    new XraySamplingRules(stack, "sampling", { environment: "prod", services: [], ratesPercent: { critical: 50, business: 30, general: 10, healthChecks: 1 } });
    expect(() => Testing.synth(stack)).toThrow(
      's/sampling/health-checks: ruleName is "a-very-long-environment-prefix-health-checks-prod"; allowed: at most 32 characters for aws_xray_sampling_rule (with the naming {"prefix":"a-very-long-environment-prefix"}); it has 49',
    );
  });

  test("metric filters may share a name in different log groups", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const m = new ServerlessMonitoring(stack, "m", { environment: "prod", region: REGION, topics: {}, dashboardName: "estate", withoutBuiltInDefaults: true });
    m.monitorFunction({ functionName: "a", logFormat: "JSON" });
    m.monitorFunction({ functionName: "b", logFormat: "JSON" });
    expect(() => Testing.synth(stack)).not.toThrow();
  });
});
