import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ConfigurationError, WEBSOCKET_ROUTE_KEYS, type EnvironmentConfig, type Problem } from "../environments";
import {
  Alerting,
  DEFAULT_RUNBOOK_PAGE,
  ErrorTable,
  MonitoredFunction,
  MaintenanceWindowAlarm,
  resourceName,
  routeAlarmKind,
  spendWidget,
  type MonitoringAlarm,
} from "@serverless-monitoring/constructs";
import { ReferenceApis } from "./reference-apis";
import { environmentMonitoring, monitorEnvironmentWide, monitorWorkloads } from "./workload-functions";
import { referenceCanaries } from "./reference-canaries";
import { alertingChannels } from "./alert-routing";
import { stateKey, stateLocation, type StateOverrides } from "./state-location";
import { assumeRoleOf, labelAlarms, type StackPlacement } from "./placement";
import { ObservabilityLink } from "./observability-link";
import { routeAlerts } from "./alert-composites";
import { addCostAlertsAndSampling } from "./cost-and-sampling";

export interface MonitoringStackProps {
  readonly config: EnvironmentConfig;
  /** Directory holding one bundle directory per function: `<bundleRoot>/<function>/index.js`. */
  readonly bundleRoot: string;
  /** @default the configured state location */
  readonly stateOverrides?: StateOverrides;
  /** Where the estate places this stack (environments/estate.ts). @default the config's region, the deploy's credentials, state `<prefix>/<name>/terraform.tfstate` */
  readonly placement?: StackPlacement;
  /** Link this account and region to the monitoring account's sink (its ARN read from SSM). @default no link */
  readonly observabilityLink?: boolean;
}

/**
 * One environment of the serverless monitoring system: the functions, their
 * error table, alarms in severity tiers under a composite health alarm, the
 * operations dashboard, budgets, X-Ray sampling, and its own state file.
 */
export class MonitoringStack extends TerraformStack {
  readonly functions: MonitoredFunction[];
  readonly criticalAlarms: MonitoringAlarm[];

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id);
    const { config } = props;
    const env = config.name;
    requireDistinctConstructIds(config);
    requireBundles(config, props.bundleRoot);

    new AwsProvider(this, "aws", {
      region: config.region,
      defaultTags: [{ tags: { ...config.tags, Environment: env, ManagedBy: "cdktf" } }],
      ...(config.accountId ? { allowedAccountIds: [config.accountId] } : {}),
      ...assumeRoleOf(props.placement?.roleArn),
    });
    new ArchiveProvider(this, "archive");
    const placement = props.placement;
    const state = stateLocation(placement ? { ...config, region: placement.stateRegion } : config, props.stateOverrides);
    const backend = new S3Backend(this, { bucket: state.bucket, key: stateKey(state, placement?.statePath ?? env), region: state.region, encrypt: true });
    // S3-native locking (Terraform 1.10+); cdktf 0.21 has no typed prop for it. DynamoDB locking is deprecated.
    backend.addOverride("use_lockfile", true);

    const accountId = config.accountId ?? new DataAwsCallerIdentity(this, "current").accountId;
    const partition = new DataAwsPartition(this, "partition").partition;

    const alerting = new Alerting(this, "alerting", {
      environment: env,
      accountId,
      partition,
      region: config.region,
      channels: alertingChannels(config.alerting),
      deliveryRunbookUrl: `${config.runbookUrl ?? DEFAULT_RUNBOOK_PAGE}#runbook-alert-delivery`,
    });
    // Names known at synth time stay literal, so alarm names read plainly in a plan.
    const errorTableName = resourceName("error-logs", env);
    const errorTable = new ErrorTable(this, "error-table", {
      tableName: errorTableName,
      pointInTimeRecovery: config.features.pointInTimeRecovery,
      deletionProtection: config.features.deletionProtection,
    });

    const monitoring = environmentMonitoring(this, config, alerting);

    // Each business capability's technical alarms (critical tier), gathered as its functions and routes are monitored.
    // Its KPIs are not among them: a KPI tells the business tier, never the pager.
    const capabilityAlarms = new Map<string, MonitoringAlarm[]>();
    const joinCapability = (capability: string | undefined, alarms: readonly MonitoringAlarm[]) => {
      if (capability === undefined) return;
      capabilityAlarms.set(capability, [...(capabilityAlarms.get(capability) ?? []), ...alarms.filter((a) => a.severity === "critical")]);
    };

    this.functions = monitorWorkloads(this, monitoring, config, { bundleRoot: props.bundleRoot, errorTable, joinCapability });
    const apis = new ReferenceApis(this, "apis", {
      environment: env,
      httpRoutes: config.functions.flatMap((fn, i) => (fn.httpRoute ? [{ routeKey: fn.httpRoute, function: this.functions[i]!, ...routeSettingsOf(config, fn.httpRoute) }] : [])),
      ...(config.functions.some((fn) => fn.webSocket)
        ? {
            webSocketFunction: this.functions[config.functions.findIndex((fn) => fn.webSocket)]!,
            webSocketThrottling: webSocketThrottlingOf(config),
          }
        : {}),
      accessLogRetentionDays: config.apis.accessLogRetentionDays,
      throttling: { rateLimit: config.apis.throttlingRateLimit, burstLimit: config.apis.throttlingBurstLimit },
      deletionProtection: config.features.deletionProtection,
      detailedMetricsRoutes: httpRoutes(config),
    });
    if (apis.httpApi) {
      const routeFunctions = Object.fromEntries(config.functions.flatMap((fn, i) => (fn.httpRoute ? [[fn.httpRoute, this.functions[i]!.functionName]] : [])));
      const http = monitoring.monitorHttpApi({ apiId: apis.httpApi.apiId, apiName: apis.httpApi.apiName, stage: apis.httpApi.stage, routes: httpRoutes(config) }, { constructId: "http-api-alarms", thresholds: config.apis.alarms.http, routeFunctions });
      // A capability's route has its own 5xx alarm and objective: they belong with the capability.
      for (const fn of config.functions) {
        if (!fn.capability || !fn.httpRoute) continue;
        const objective = `slo:${apis.httpApi.apiName}-${routeSlug(fn.httpRoute)}`;
        joinCapability(fn.capability, http.alarms.filter((a) => a.kind === routeAlarmKind(fn.httpRoute!) || (a.segment === objective && a.severity === "critical")));
      }
    }
    // Canaries (issue 29): outside-in checks of the routes and the WebSocket, failing with no user traffic at all.
    // A canary's alarms join its route's capability, and its runs count in the capability's objective.
    const canaryNamesByCapability = new Map<string, string[]>();
    const canaries = config.canaries.enabled ? referenceCanaries(config, apis) : [];
    if (canaries.length > 0) {
      const periodSeconds = config.canaries.scheduleMinutes * 60;
      const monitored = monitoring.monitorCanaries(
        {
          environment: env,
          codeDirectory: join(props.bundleRoot, "canaries"),
          region: config.region,
          accountId,
          partition,
          canaries: canaries.map((c) => c.spec),
          scheduleMinutes: config.canaries.scheduleMinutes,
          artifactRetentionDays: config.canaries.artifactRetentionDays,
        },
        { constructId: CANARIES_CONSTRUCT_ID, targetPercent: config.objectives.route.targetPercent, thresholds: { successPercent: { critical: { threshold: config.objectives.route.targetPercent, evaluationPeriods: 3, datapointsToAlarm: config.canaries.failedRunsToAlarm, periodSeconds } } } },
      );
      for (const c of canaries) {
        if (!c.capability) continue;
        joinCapability(c.capability, monitored.alarmsByCanary.get(c.spec.name) ?? []);
        canaryNamesByCapability.set(c.capability, [...(canaryNamesByCapability.get(c.capability) ?? []), c.spec.name]);
      }
    }
    // One objective per capability, over all its functions and routes: its page composite says the capability is down.
    for (const name of Object.keys(config.capabilities)) {
      const members = config.functions.map((fn, i) => ({ fn, deployed: this.functions[i]! })).filter(({ fn }) => fn.capability === name);
      if (members.length === 0) continue;
      const routes = apis.httpApi ? members.flatMap(({ fn, deployed }) => (fn.httpRoute ? [{ apiId: apis.httpApi!.apiId, routeKey: fn.httpRoute, functionName: deployed.functionName }] : [])) : [];
      const slo = monitoring.monitorCapability(
        { name: resourceName(name, env), title: config.capabilities[name]!, functionNames: members.map(({ deployed }) => deployed.functionName), routes, objective: config.objectives.capability, ...(canaryNamesByCapability.has(name) ? { canaries: canaryNamesByCapability.get(name)! } : {}) },
        { constructId: capabilityObjectiveId(name) },
      );
      joinCapability(name, slo.alarms);
    }
    if (apis.webSocketApi) {
      // Its messages' objective (objectives.route) tells WebSocket failures at any traffic, as a route's does.
      const messageFunction = this.functions[config.functions.findIndex((fn) => fn.webSocket)]!.functionName;
      monitoring.monitorWebSocketApi({ apiId: apis.webSocketApi.apiId, apiName: apis.webSocketApi.apiName, stage: apis.webSocketApi.stage }, { constructId: "websocket-api-alarms", thresholds: config.apis.alarms.webSocket, messageFunction });
    }
    monitorEnvironmentWide(monitoring, config, errorTableName);

    this.criticalAlarms = monitoring.alarms.filter((a) => a.severity === "critical");
    // Maintenance silences every tier: each tier's alarms notify through one composite of the tier, and every
    // such composite has the maintenance window as its actions suppressor (only composites can have one).
    // The composite alarms' runbook section says how to open and end a maintenance window.
    const compositeRunbook = `${config.runbookUrl ?? DEFAULT_RUNBOOK_PAGE}#runbook-composite-alarms`;
    const maintenance = new MaintenanceWindowAlarm(monitoring, "maintenance-window", { environment: env, runbookUrl: compositeRunbook });
    const { capabilities, tierComposites, health: paging } = routeAlerts(monitoring, {
      alerting,
      maintenance: { alarmName: maintenance.alarmName, resource: maintenance.alarm },
      capabilities: Object.entries(config.capabilities).map(([name, title]) => ({ id: name, alarmName: resourceName(`${name}-health`, env), title, alarms: capabilityAlarms.get(name) ?? [] })),
      names: { health: resourceName("system-health", env), warningsSuppressor: resourceName("warnings-suppressor", env), warnings: resourceName("warnings", env), business: resourceName("business-alerts", env) },
      compositeRunbook,
      dashboardUrl: monitoring.dashboard.dashboardUrl,
      ...(placement?.alarmLabel ? { alarmLabel: placement.alarmLabel } : {}),
    });
    // Every function has critical alarms: the stack always pages through system health.
    const health = paging!;
    const composites = [health.monitoringAlarm, ...capabilities.map((c) => c.monitoringAlarm), ...tierComposites.map((c) => c.monitoringAlarm)];
    monitoring.addAlarmsToDashboard(composites);
    // The business page: the KPIs, the capabilities' states, and the month's spend against the budget.
    monitoring.addAlarmsToDashboard(composites, "business");
    monitoring.addWidgets("business", [spendWidget(config.budgets.monthlyLimitUsd)]);
    const dashboard = monitoring.dashboard;

    addCostAlertsAndSampling(this, config, alerting);

    // Output names are a contract with existing integration tests: do not rename.
    new TerraformOutput(this, "ErrorLogsTableName", { value: errorTable.tableName, description: "DynamoDB table the functions write their errors to" });
    new TerraformOutput(this, "AlertTopicArn", { value: alerting.topicArns.critical, description: "SNS topic of critical alerts" });
    new TerraformOutput(this, "WarningTopicArn", { value: alerting.topicArns.warning, description: "SNS topic of warnings and budget alerts" });
    if (!alerting.noChannel.includes("business")) new TerraformOutput(this, "BusinessTopicArn", { value: alerting.topicArns.business, description: "SNS topic of business alerts (KPIs, cost anomalies)" });
    new TerraformOutput(this, "DashboardURL", { value: dashboard.dashboardUrl, description: "CloudWatch console URL of the operations dashboard" });
    new TerraformOutput(this, "SystemHealthAlarmName", { value: health.alarmName, description: "Composite alarm over the capabilities and every other critical alarm" });
    this.functions.forEach((fn, i) => {
      new TerraformOutput(this, `Function${i + 1}Name`, { value: fn.lambda.functionName, description: `Deployed name of ${config.functions[i]!.name}` });
    });
    if (apis.httpApi) new TerraformOutput(this, "HttpApiUrl", { value: apis.httpApi.url, description: "Invoke URL of the HTTP API (POST /users, /orders, /payments)" });
    if (apis.callers) {
      new TerraformOutput(this, "ApiUserPoolId", { value: apis.callers.userPoolId, description: "Cognito user pool whose tokens the HTTP API accepts (aws cognito-idp admin-create-user --user-pool-id ...)" });
      new TerraformOutput(this, "ApiClientId", { value: apis.callers.clientId, description: "App client of the HTTP API's callers (aws cognito-idp initiate-auth --client-id ...)" });
    }
    if (apis.webSocketApi) new TerraformOutput(this, "WebSocketUrl", { value: apis.webSocketApi.url, description: "wss:// URL of the WebSocket API (notification-sender)" });
    new TerraformOutput(this, "FunctionNames", {
      value: Object.fromEntries(config.functions.map((fn, i) => [fn.name, this.functions[i]!.lambda.functionName])),
      description: "Deployed function names by workload",
    });

    // Many accounts and regions (environments/estate.ts): the monitoring account's view, and alarms that say where they fired.
    if (props.observabilityLink) new ObservabilityLink(this, "observability-link", { logGroupNames: this.functions.map((fn) => fn.logGroupName) });
    if (placement?.alarmLabel) labelAlarms(this, placement.alarmLabel);
  }
}

/** Ids of this stack's own constructs and of its facade's ("Default", left out of addresses): a function may not take one (construct ids are Terraform addresses). */
/** The facade's scope of the canaries (issue 29), where `canaries.enabled`. */
const CANARIES_CONSTRUCT_ID = "canaries";

export const STACK_CONSTRUCT_IDS = ["aws", "archive", "backend", "current", "partition", "alerting", "apis", "error-table", "error-table-alarms", "http-api-alarms", "websocket-api-alarms", "lambda-account-alarms", "dynamodb-account-alarms", "system-health", "capabilities", "maintenance-window", "warnings", "warnings-suppressor", "business-alerts", "dashboard", "budgets", "cost-anomalies", "xray-sampling", "xray-fault-group", "observability-link"] as const;

/** The construct id of a capability's objective (its burn-rate alarms), a child of the facade like the functions' alarms. */
export function capabilityObjectiveId(capability: string): string {
  return `capability-${capability}-slo`;
}

/** Each function takes the ids `<name>` and `<name>-alarms`; none may meet another construct's. */
export function requireDistinctConstructIds(config: EnvironmentConfig): void {
  const taken = new Map<string, string>(STACK_CONSTRUCT_IDS.map((id) => [id, `the stack's own "${id}"`]));
  for (const name of Object.keys(config.capabilities)) taken.set(capabilityObjectiveId(name), `capability "${name}"'s objective`);
  // The canaries' construct id exists only where they are switched on (not in STACK_CONSTRUCT_IDS, which lists dev's children).
  if (config.canaries.enabled) taken.set(CANARIES_CONSTRUCT_ID, `the stack's own "${CANARIES_CONSTRUCT_ID}" (canaries.enabled)`);
  const problems: Problem[] = [];
  config.functions.forEach((fn, i) => {
    const problem = (allowed: string) => problems.push({ path: ["functions", i, "name"], value: fn.name, allowed });
    // constructs keeps children in a plain object: a child named like one of Object.prototype's members already "exists".
    if (Object.hasOwn(Object.prototype, fn.name)) problem("a name that is not a member of every JavaScript object");
    for (const id of [fn.name, `${fn.name}-alarms`, `${fn.name}-business-alarms`]) {
      const owner = taken.get(id);
      if (owner) problem(`a name whose construct id "${id}" is not already ${owner}`);
      else taken.set(id, `function "${fn.name}"'s`);
    }
  });
  if (problems.length > 0) throw ConfigurationError.forEnvironment(config.name, problems);
}

/** Every function needs a built handler: say which, in the environment's terms, before any construct is made. */
function requireBundles(config: EnvironmentConfig, bundleRoot: string): void {
  const problems = config.functions.flatMap((fn, i): Problem[] =>
    existsSync(join(bundleRoot, fn.name, "index.js"))
      ? []
      : [{ path: ["functions", i, "name"], value: fn.name, allowed: `a function with handler code in lambda-src/${fn.name}/index.ts, built by \`npm run build:lambda\` (\`npm run synth\` runs it)` }],
  );
  if (problems.length > 0) throw ConfigurationError.forEnvironment(config.name, problems);
}

/** A route's part of alarm names and construct ids, e.g. `post-payments` (as the facade names a route's objective). */
function routeSlug(routeKey: string): string {
  return routeKey.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/**
 * Every function's HTTP route: each gets detailed metrics, its own 5xx alarm and its objective. A route outside
 * any capability needs them as much: at low traffic the API-wide alarms never see one route failing every call.
 */
function httpRoutes(config: EnvironmentConfig): string[] {
  return config.functions.flatMap((fn) => (fn.httpRoute ? [fn.httpRoute] : []));
}


/** A route's own settings from `apis.routes`: throttling where given, public where marked. */
/** The WebSocket routes' own throttling from `apis.routes`, where given. */
function webSocketThrottlingOf(config: EnvironmentConfig): Partial<Record<(typeof WEBSOCKET_ROUTE_KEYS)[number], { rateLimit: number; burstLimit: number }>> {
  return Object.fromEntries(
    WEBSOCKET_ROUTE_KEYS.flatMap((routeKey) => {
      const throttling = routeSettingsOf(config, routeKey).throttling;
      return throttling ? [[routeKey, throttling]] : [];
    }),
  );
}

function routeSettingsOf(config: EnvironmentConfig, routeKey: string): { throttling?: { rateLimit: number; burstLimit: number }; public?: boolean } {
  const route = Object.hasOwn(config.apis.routes, routeKey) ? config.apis.routes[routeKey]! : undefined;
  if (!route) return {};
  const throttled = route.throttlingRateLimit !== undefined || route.throttlingBurstLimit !== undefined;
  return {
    ...(throttled ? { throttling: { rateLimit: route.throttlingRateLimit ?? config.apis.throttlingRateLimit, burstLimit: route.throttlingBurstLimit ?? config.apis.throttlingBurstLimit } } : {}),
    ...(route.public ? { public: true } : {}),
  };
}
