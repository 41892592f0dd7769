/**
 * The two kinds of stack a split estate deploys (stacks/estate-split.ts):
 * the shared things of an account and region, published in SSM, and the
 * shards that read them.
 */
import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { S3Backend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ConfigurationError, type EnvironmentConfig } from "../environments";
import {
  Alerting,
  DEFAULT_RUNBOOK_PAGE,
  ErrorTable,
  MaintenanceWindowAlarm,
  resourceName,
  ServerlessMonitoring,
  spendWidget,
  TIERS,
  type AlarmTopics,
  type AlertTier,
  type IErrorTable,
  type IGrantable,
  type MonitoredFunction,
  type MonitoringAlarm,
} from "@serverless-monitoring/constructs";
import { environmentMonitoring, monitorEnvironmentWide, monitorWorkloads, monitoringSettings } from "./workload-functions";
import { routeAlerts, type AlertRouting } from "./alert-composites";
import { addCostAlertsAndSampling } from "./cost-and-sampling";
import { alertingChannels } from "./alert-routing";
import { capabilityObjectiveId, requireDistinctConstructIds } from "./monitoring-stack";
import { assumeRoleOf, labelAlarms, type StackPlacement } from "./placement";
import { stateKey, stateLocation, type StateOverrides } from "./state-location";
import { ObservabilityLink } from "./observability-link";
import { splitShards } from "./estate-split";

/** The SSM parameters a shared stack publishes and its shards read, all under `/serverless-monitoring/<env>/`. */
export function sharedParameterNames(environment: string): { readonly topics: Readonly<Record<AlertTier, string>>; readonly errorTableName: string; readonly errorTableArn: string; readonly maintenanceWindow: string } {
  const base = `/serverless-monitoring/${environment}`;
  return {
    topics: Object.fromEntries(TIERS.map((tier) => [tier, `${base}/topics/${tier}`])) as Record<AlertTier, string>,
    errorTableName: `${base}/error-table/name`,
    errorTableArn: `${base}/error-table/arn`,
    maintenanceWindow: `${base}/maintenance-window/name`,
  };
}

/** The tiers the configuration routes to nobody (`noChannel`): they have no topic to publish or read. */
function tiersWithoutChannel(config: EnvironmentConfig): AlertTier[] {
  return TIERS.filter((tier) => config.alerting[tier].noChannel !== undefined);
}

/** The composite alarms' runbook section: how to open and end a maintenance window. */
function compositeRunbookOf(config: EnvironmentConfig): string {
  return `${config.runbookUrl ?? DEFAULT_RUNBOOK_PAGE}#runbook-composite-alarms`;
}

/** Every composite of a stack's alert routing, for its dashboard. */
function compositesOf(routing: AlertRouting): MonitoringAlarm[] {
  return [...(routing.health ? [routing.health.monitoringAlarm] : []), ...routing.capabilities.map((c) => c.monitoringAlarm), ...routing.tierComposites.map((c) => c.monitoringAlarm)];
}

export interface SplitStackProps {
  /** The environment (its functions are the shard's, for a shard). */
  readonly config: EnvironmentConfig;
  /** The state file's path under the key prefix, e.g. `dev/shared` or `dev/shards/payments`. */
  readonly statePath: string;
  /** @default the config's region, the deploy's credentials, no label */
  readonly placement?: Omit<StackPlacement, "statePath">;
  /** @default the configured state location */
  readonly stateOverrides?: StateOverrides;
}

function providerAndBackend(stack: TerraformStack, props: SplitStackProps): void {
  const { config, placement } = props;
  new AwsProvider(stack, "aws", {
    region: config.region,
    defaultTags: [{ tags: { ...config.tags, Environment: config.name, ManagedBy: "cdktf" } }],
    ...(config.accountId ? { allowedAccountIds: [config.accountId] } : {}),
    ...assumeRoleOf(placement?.roleArn),
  });
  const state = stateLocation(placement ? { ...config, region: placement.stateRegion } : config, props.stateOverrides);
  const backend = new S3Backend(stack, { bucket: state.bucket, key: stateKey(state, props.statePath), region: state.region, encrypt: true });
  backend.addOverride("use_lockfile", true);
  if (placement?.alarmLabel) labelAlarms(stack, placement.alarmLabel);
}

/**
 * What the functions of one account and region share, and the alarms on it: the alert topics (and their key),
 * the error table, the maintenance window, the alarms on the error table and the account's Lambda concurrency,
 * the environment's system health composite over them and its tier composites, budgets, cost anomalies and
 * X-Ray's fault group and sampling rules. It publishes the topics, the table and the maintenance window's name
 * in SSM for the shards.
 */
export class EstateSharedStack extends TerraformStack {
  /** The composite that pages for this stack's alarms, or undefined where it has no critical alarm. */
  readonly pageAlarmName?: string;

  constructor(scope: Construct, id: string, props: SplitStackProps) {
    super(scope, id);
    providerAndBackend(this, props);
    const { config } = props;
    const env = config.name;
    if (!config.accountId) throw new ConfigurationError(`Invalid configuration for environment "${config.name}":\n  - accountId: got undefined; allowed: a 12-digit AWS account id (a split estate's topics are published by account)`);
    const compositeRunbook = compositeRunbookOf(config);
    const alerting = new Alerting(this, "alerting", {
      environment: env,
      accountId: config.accountId,
      region: config.region,
      channels: alertingChannels(config.alerting),
      deliveryRunbookUrl: `${config.runbookUrl ?? DEFAULT_RUNBOOK_PAGE}#runbook-alert-delivery`,
    });
    const errorTableName = resourceName("error-logs", env);
    const table = new ErrorTable(this, "error-table", { tableName: errorTableName, pointInTimeRecovery: config.features.pointInTimeRecovery, deletionProtection: config.features.deletionProtection });
    const monitoring = environmentMonitoring(this, config, alerting);
    monitorEnvironmentWide(monitoring, config, errorTableName);
    const maintenance = new MaintenanceWindowAlarm(monitoring, "maintenance-window", { environment: env, runbookUrl: compositeRunbook });
    const routing = routeAlerts(monitoring, {
      alerting,
      maintenance: { alarmName: maintenance.alarmName, resource: maintenance.alarm },
      capabilities: [],
      names: { health: resourceName("system-health", env), warningsSuppressor: resourceName("warnings-suppressor", env), warnings: resourceName("warnings", env), business: resourceName("business-alerts", env) },
      compositeRunbook,
      dashboardUrl: monitoring.dashboard.dashboardUrl,
      ...(props.placement?.alarmLabel ? { alarmLabel: props.placement.alarmLabel } : {}),
    });
    monitoring.addAlarmsToDashboard(compositesOf(routing));
    if (routing.health) this.pageAlarmName = routing.health.alarmName;
    monitoring.addWidgets("business", [spendWidget(config.budgets.monthlyLimitUsd)]);

    // Budgets, cost anomalies and sampling rules are account-wide or environment-wide: once, here, not per shard.
    addCostAlertsAndSampling(this, config, alerting);

    const names = sharedParameterNames(env);
    for (const tier of TIERS.filter((t) => !alerting.noChannel.includes(t))) {
      new SsmParameter(this, `topic-${tier}`, { name: names.topics[tier], type: "String", value: alerting.topicArns[tier], description: `The ${tier} tier's SNS topic; read by the estate's shard stacks` });
    }
    new SsmParameter(this, "error-table-name", { name: names.errorTableName, type: "String", value: table.tableName, description: "The error table; read by the estate's shard stacks" });
    new SsmParameter(this, "error-table-arn", { name: names.errorTableArn, type: "String", value: table.tableArn, description: "The error table's ARN; read by the estate's shard stacks" });
    new SsmParameter(this, "maintenance-window-name", { name: names.maintenanceWindow, type: "String", value: maintenance.alarmName, description: "The maintenance window alarm, every composite's actions suppressor; read by the estate's shard stacks" });
  }
}

/** Where a split target's stacks keep state, and what they are called. */
export interface SplitTarget {
  readonly stackId: string;
  readonly statePath: string;
  readonly config: EnvironmentConfig;
  readonly split: { readonly maxResourcesPerStack?: number };
}

/**
 * A target split into its shared stack (`<stackId>-shared`) and one shard per capability (`<stackId>-<key>`),
 * each with its own state under the target's path. With `observabilityLink`, the shared stack links the
 * account and region to the monitoring account, sharing the Lambda log groups by prefix (a split estate's
 * names do not fit in one filter).
 */
export function addSplitStacks(scope: Construct, target: SplitTarget, options: { readonly bundleRoot: string; readonly placement?: Omit<StackPlacement, "statePath">; readonly stateOverrides?: StateOverrides; readonly observabilityLink?: boolean }): (EstateSharedStack | EstateShardStack)[] {
  const common = { ...(options.placement ? { placement: options.placement } : {}), ...(options.stateOverrides ? { stateOverrides: options.stateOverrides } : {}) };
  const shared = new EstateSharedStack(scope, `${target.stackId}-shared`, { config: target.config, statePath: `${target.statePath}/shared`, ...common });
  if (options.observabilityLink) new ObservabilityLink(shared, "observability-link", { logGroupPrefix: "/aws/lambda/" });
  const shards = splitShards(target.config, target.split);
  return [
    shared,
    ...shards.map(
      (shard) =>
        new EstateShardStack(scope, `${target.stackId}-${shard.key}`, {
          config: { ...target.config, functions: [...shard.functions] },
          statePath: `${target.statePath}/shards/${shard.key}`,
          shardKey: shard.key,
          bundleRoot: options.bundleRoot,
          environment: target.config,
          ...common,
        }),
    ),
  ];
}

export interface EstateShardStackProps extends SplitStackProps {
  /** The shard's key: its dashboard is `serverless-monitoring-<env>-<key>`. */
  readonly shardKey: string;
  /** Directory holding one bundle directory per function. */
  readonly bundleRoot: string;
  /** The whole environment, of which `config` holds this shard's functions: settings that depend on all of them (injected failures) follow it. @default config */
  readonly environment?: EnvironmentConfig;
}

/**
 * One capability's (or team's) functions, monitored as in the unsplit stack, with the capability's objective
 * and its composites: the capability's, a system health that pages, warnings and business alerts, each over
 * this stack's alarms only. The topics, the error table and the maintenance window are read from SSM.
 */
export class EstateShardStack extends TerraformStack {
  readonly functions: MonitoredFunction[];
  /** The composite that pages for this stack's alarms, or undefined where it has no critical alarm. */
  readonly pageAlarmName?: string;

  constructor(scope: Construct, id: string, props: EstateShardStackProps) {
    super(scope, id);
    providerAndBackend(this, props);
    new ArchiveProvider(this, "archive");
    const { config } = props;
    // A shard's construct ids are the unsplit stack's ("Default" left out of addresses): the same names are taken.
    requireDistinctConstructIds(config);
    const env = config.name;
    const key = props.shardKey;
    const names = sharedParameterNames(env);
    const read = (name: string, id: string) => new DataAwsSsmParameter(this, id, { name });
    const noChannel = tiersWithoutChannel(config);
    const topicArns: Partial<Record<AlertTier, string>> = Object.fromEntries(TIERS.filter((tier) => !noChannel.includes(tier)).map((tier) => [tier, read(names.topics[tier], `topic-${tier}`).value]));
    const topics = Object.fromEntries(TIERS.map((tier) => [tier, topicArns[tier] ?? false])) as AlarmTopics;
    const errorTable = new SharedErrorTable(read(names.errorTableName, "error-table-name").value, read(names.errorTableArn, "error-table-arn").value);
    const maintenance = read(names.maintenanceWindow, "maintenance-window-name");

    const monitoring = new ServerlessMonitoring(this, "Default", {
      environment: env,
      region: config.region,
      topics,
      dashboardName: resourceName(`serverless-monitoring-${key}`, env),
      // The environment's settings, not the shard's: its functions are monitored exactly as in the unsplit stack.
      ...monitoringSettings(props.environment ?? config),
    });
    // As in the unsplit stack: each capability's critical alarms, gathered for its composite.
    const capabilityAlarms = new Map<string, MonitoringAlarm[]>();
    const joinCapability = (capability: string | undefined, alarms: readonly MonitoringAlarm[]) => {
      if (capability === undefined) return;
      capabilityAlarms.set(capability, [...(capabilityAlarms.get(capability) ?? []), ...alarms.filter((a) => a.severity === "critical")]);
    };
    this.functions = monitorWorkloads(this, monitoring, config, { bundleRoot: props.bundleRoot, errorTable, joinCapability });
    // A capability cut into parts (`payment-1`, ...) has an objective and a composite per part, named by the part.
    const own = (capability: string) => (capability === key ? capability : key);
    for (const [name, title] of Object.entries(config.capabilities)) {
      const members = config.functions.map((fn, i) => ({ fn, deployed: this.functions[i]! })).filter(({ fn }) => fn.capability === name);
      if (members.length === 0) continue;
      const slo = monitoring.monitorCapability({ name: resourceName(own(name), env), title, functionNames: members.map(({ deployed }) => deployed.functionName), routes: [], objective: config.objectives.capability }, { constructId: capabilityObjectiveId(name) });
      joinCapability(name, slo.alarms);
    }
    const routing = routeAlerts(monitoring, {
      alerting: { topicArns, noChannel, subscribed: Object.fromEntries(TIERS.map((tier) => [tier, !noChannel.includes(tier)])) as Record<AlertTier, boolean>, deliveryAlarms: [] },
      maintenance: { alarmName: maintenance.value, resource: maintenance },
      capabilities: Object.entries(config.capabilities).map(([name, title]) => ({ id: name, alarmName: resourceName(`${own(name)}-health`, env), title, alarms: capabilityAlarms.get(name) ?? [] })),
      names: { health: resourceName(`system-health-${key}`, env), warningsSuppressor: resourceName(`warnings-suppressor-${key}`, env), warnings: resourceName(`warnings-${key}`, env), business: resourceName(`business-alerts-${key}`, env) },
      compositeRunbook: compositeRunbookOf(config),
      dashboardUrl: monitoring.dashboard.dashboardUrl,
      ...(props.placement?.alarmLabel ? { alarmLabel: props.placement.alarmLabel } : {}),
    });
    monitoring.addAlarmsToDashboard(compositesOf(routing));
    if (routing.health) this.pageAlarmName = routing.health.alarmName;
  }
}

/** The shared stack's error table, known here by the name and ARN it published. */
class SharedErrorTable implements IErrorTable {
  constructor(
    readonly tableName: string,
    private readonly tableArn: string,
  ) {}

  grantWriteErrors(grantee: IGrantable): void {
    grantee.addToPrincipalPolicy({ sid: "WriteErrorRecords", actions: [...ErrorTable.WRITE_ACTIONS], resources: [this.tableArn] });
  }
}
