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
import { join } from "node:path";
import { ConfigurationError, type EnvironmentConfig } from "../environments";
import { Alerting, ErrorTable, MonitoredFunction, resourceName, ServerlessMonitoring, TIERS, type AlertTier, type IErrorTable, type IGrantable } from "@serverless-monitoring/constructs";
import { functionDefaults } from "./workload-functions";
import { assumeRoleOf, labelAlarms, type StackPlacement } from "./placement";
import { stateKey, stateLocation, type StateOverrides } from "./state-location";
import { ObservabilityLink } from "./observability-link";
import { splitByKey } from "./estate-split";

/** The SSM parameters a shared stack publishes and its shards read, all under `/serverless-monitoring/<env>/`. */
export function sharedParameterNames(environment: string): { readonly topics: Readonly<Record<AlertTier, string>>; readonly errorTableName: string; readonly errorTableArn: string } {
  const base = `/serverless-monitoring/${environment}`;
  return {
    topics: Object.fromEntries(TIERS.map((tier) => [tier, `${base}/topics/${tier}`])) as Record<AlertTier, string>,
    errorTableName: `${base}/error-table/name`,
    errorTableArn: `${base}/error-table/arn`,
  };
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

/** The alert topics (and their key) and the error table of one account and region, published in SSM for the shards. */
export class EstateSharedStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: SplitStackProps) {
    super(scope, id);
    providerAndBackend(this, props);
    const { config } = props;
    if (!config.accountId) throw new ConfigurationError(`Invalid configuration for environment "${config.name}":\n  - accountId: got undefined; allowed: a 12-digit AWS account id (a split estate's topics are published by account)`);
    const alerting = new Alerting(this, "alerting", { environment: config.name, accountId: config.accountId, region: config.region, channels: config.alerting });
    const table = new ErrorTable(this, "error-table", { tableName: resourceName("error-logs", config.name), pointInTimeRecovery: config.features.pointInTimeRecovery, deletionProtection: config.features.deletionProtection });
    const names = sharedParameterNames(config.name);
    for (const tier of TIERS) {
      new SsmParameter(this, `topic-${tier}`, { name: names.topics[tier], type: "String", value: alerting.topicArns[tier], description: `The ${tier} tier's SNS topic; read by the estate's shard stacks` });
    }
    new SsmParameter(this, "error-table-name", { name: names.errorTableName, type: "String", value: table.tableName, description: "The error table; read by the estate's shard stacks" });
    new SsmParameter(this, "error-table-arn", { name: names.errorTableArn, type: "String", value: table.tableArn, description: "The error table's ARN; read by the estate's shard stacks" });
  }
}

/**
 * What one function costs a shard in resources: function, role, role policy, log group, DLQ, alias, five log
 * metric filters, 19 metric alarms and 2 composites (a shard of 1 function is 34 resources, of 2 is 66).
 */
export const RESOURCES_PER_FUNCTION = 32;

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
export function addSplitStacks(scope: Construct, target: SplitTarget, options: { readonly bundleRoot: string; readonly placement?: Omit<StackPlacement, "statePath">; readonly stateOverrides?: StateOverrides; readonly observabilityLink?: boolean }): TerraformStack[] {
  const common = { ...(options.placement ? { placement: options.placement } : {}), ...(options.stateOverrides ? { stateOverrides: options.stateOverrides } : {}) };
  const shared = new EstateSharedStack(scope, `${target.stackId}-shared`, { config: target.config, statePath: `${target.statePath}/shared`, ...common });
  if (options.observabilityLink) new ObservabilityLink(shared, "observability-link", { logGroupPrefix: "/aws/lambda/" });
  const shards = splitByKey(target.config.functions, {
    keyOf: (fn) => fn.capability ?? "other",
    resourcesPerFunction: RESOURCES_PER_FUNCTION,
    ...(target.split.maxResourcesPerStack !== undefined ? { maxResourcesPerStack: target.split.maxResourcesPerStack } : {}),
  });
  return [
    shared,
    ...shards.map(
      (shard) =>
        new EstateShardStack(scope, `${target.stackId}-${shard.key}`, {
          config: { ...target.config, functions: [...shard.functions] },
          statePath: `${target.statePath}/shards/${shard.key}`,
          shardKey: shard.key,
          bundleRoot: options.bundleRoot,
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
}

/** One team's or service's functions, their alarms and dashboard, notifying the shared topics read from SSM. */
export class EstateShardStack extends TerraformStack {
  readonly functions: MonitoredFunction[];

  constructor(scope: Construct, id: string, props: EstateShardStackProps) {
    super(scope, id);
    providerAndBackend(this, props);
    new ArchiveProvider(this, "archive");
    const { config } = props;
    const env = config.name;
    const names = sharedParameterNames(env);
    const read = (name: string, id: string) => new DataAwsSsmParameter(this, id, { name }).value;
    const topics = Object.fromEntries(TIERS.map((tier) => [tier, read(names.topics[tier], `topic-${tier}`)])) as Record<AlertTier, string>;
    const errorTable = new SharedErrorTable(read(names.errorTableName, "error-table-name"), read(names.errorTableArn, "error-table-arn"));

    const monitoring = new ServerlessMonitoring(this, "Default", {
      environment: env,
      region: config.region,
      topics,
      dashboardName: resourceName(`serverless-monitoring-${props.shardKey}`, env),
      defaults: { function: functionDefaults(config) },
      minimumInvocations: config.minimumInvocations,
      minimumFailures: config.minimumFailures,
      objectives: { function: config.objectives.function, route: false, pageMinimumFailures: config.objectives.pageMinimumFailures },
    });
    this.functions = config.functions.map((fn) => {
      const monitored = new MonitoredFunction(this, fn.name, {
        functionName: resourceName(fn.name, env),
        description: fn.description,
        bundleDirectory: join(props.bundleRoot, fn.name),
        environment: env,
        errorTable,
        runtime: fn.runtime,
        memoryMiB: fn.memoryMiB,
        timeoutSeconds: fn.timeoutSeconds,
        logRetentionDays: fn.logRetentionDays,
        errorRetentionDays: config.errorRecordRetentionDays,
        tracing: fn.tracing,
      });
      monitoring.monitorFunction(monitored, { constructId: `${fn.name}-alarms`, ...(fn.alarms ? { thresholds: fn.alarms } : {}), ...(fn.objective ? { objective: fn.objective } : {}) });
      return monitored;
    });
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
