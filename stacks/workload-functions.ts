/**
 * What every stack that monitors an environment builds the same way: its
 * functions, monitored as the configuration says (the unsplit stack,
 * monitoring-stack.ts, and a split estate's shards, estate-shard-stacks.ts),
 * and the alarms on the error table and the account (the unsplit stack and a
 * split estate's shared stack). A function is monitored and routed the same
 * way wherever it is deployed.
 */
import { join } from "node:path";
import type { Construct } from "constructs";
import { keepAddress, MonitoredFunction, resourceName, ServerlessMonitoring, TIERS, XrayFaultGroup, type Alerting, type AlertTier, type BusinessThresholds, type FunctionThresholds, type IErrorTable, type MonitoringAlarm, type ServerlessMonitoringProps } from "@serverless-monitoring/constructs";
import { xrayServiceName } from "@serverless-monitoring/contract";
import { BUSINESS_ALARM_METRICS, type EnvironmentConfig } from "../environments";
import { SIMULATION_ENV_VARS } from "../lambda-src/simulation";

/** The anomaly detection band width, in standard deviations, where the feature is on. */
const ANOMALY_BAND_STANDARD_DEVIATIONS = 3;

/** The facade's settings the configuration gives, for every stack that monitors the environment's functions. */
export function monitoringSettings(config: EnvironmentConfig): Pick<ServerlessMonitoringProps, "defaults" | "minimumInvocations" | "runbookUrl" | "minimumFailures" | "objectives" | "invocationsAnomalyBandWidth" | "subtractInjectedFailures"> {
  return {
    defaults: { function: functionDefaults(config) },
    minimumInvocations: config.minimumInvocations,
    ...(config.runbookUrl ? { runbookUrl: config.runbookUrl } : {}),
    minimumFailures: config.minimumFailures,
    objectives: { function: config.objectives.function, route: config.objectives.route, pageMinimumFailures: config.objectives.pageMinimumFailures },
    ...(config.features.anomalyDetection ? { invocationsAnomalyBandWidth: ANOMALY_BAND_STANDARD_DEVIATIONS } : {}),
    // Where functions fail on purpose (dev, staging), each simulated failure is counted as injected
    // (lambda-src/simulation) and the objectives leave it out: they judge real failures (docs/detection.md).
    subtractInjectedFailures: config.functions.some((fn) => fn.errorSimulationPercent > 0),
  };
}

/**
 * The environment's facade, and the X-Ray fault group its dashboards link to:
 * once per environment (the unsplit stack, or a split environment's shared
 * stack). "Default" is left out of Terraform addresses (cdktf, as AWS CDK):
 * the alarms and dashboards made before the facade existed keep their
 * addresses. Do not rename it.
 */
export function environmentMonitoring(stack: Construct, config: EnvironmentConfig, alerting: Alerting): ServerlessMonitoring {
  const env = config.name;
  const faults = new XrayFaultGroup(stack, "xray-fault-group", {
    groupName: resourceName("serverless-monitoring", env),
    serviceNames: config.functions.filter((fn) => fn.tracing).map((fn) => xrayServiceName(resourceName(fn.name, env))),
    region: config.region,
  });
  return new ServerlessMonitoring(stack, "Default", {
    environment: env,
    region: config.region,
    topics: alerting.alarmActions,
    dashboardName: resourceName("serverless-monitoring", env),
    tracesUrl: faults.tracesUrl,
    ...monitoringSettings(config),
  });
}

/**
 * Deploys and monitors each of `config.functions` in `scope` (construct ids `<name>`, `<name>-alarms` and
 * `<name>-business-alarms`: Terraform addresses), and hands each function's alarms to `joinCapability`.
 */
export function monitorWorkloads(
  scope: Construct,
  monitoring: ServerlessMonitoring,
  config: EnvironmentConfig,
  options: { readonly bundleRoot: string; readonly errorTable: IErrorTable; readonly joinCapability: (capability: string | undefined, alarms: readonly MonitoringAlarm[]) => void },
): MonitoredFunction[] {
  const env = config.name;
  return config.functions.map((fn) => {
    const monitored = new MonitoredFunction(scope, fn.name, {
      functionName: resourceName(fn.name, env),
      description: fn.description,
      bundleDirectory: join(options.bundleRoot, fn.name),
      environment: env,
      errorTable: options.errorTable,
      runtime: fn.runtime,
      memoryMiB: fn.memoryMiB,
      timeoutSeconds: fn.timeoutSeconds,
      ...(fn.reservedConcurrency !== undefined ? { reservedConcurrency: fn.reservedConcurrency } : {}),
      logRetentionDays: fn.logRetentionDays,
      errorRetentionDays: config.errorRecordRetentionDays,
      // The reference workloads' failure simulation (lambda-src/simulation): 0 in production.
      environmentVariables: {
        [SIMULATION_ENV_VARS.errorRate]: String(fn.errorSimulationPercent / 100),
        [SIMULATION_ENV_VARS.latencyMs]: String(fn.simulatedLatencyMs),
      },
      tracing: fn.tracing,
    });
    const fnAlarms = monitoring.monitorFunction(monitored, { constructId: `${fn.name}-alarms`, ...(fn.alarms ? { thresholds: fn.alarms } : {}), ...(fn.objective ? { objective: fn.objective } : {}), ...(fn.latencyObjective ? { latencyObjective: fn.latencyObjective } : {}) }).alarms;
    options.joinCapability(fn.capability, fnAlarms);
    if (fn.businessMetrics) {
      // KPIs go to the business tier only: they are not a capability's technical signal.
      monitoring.monitorBusinessKpis({ serviceName: monitored.functionName, emits: fn.businessMetrics }, { constructId: `${fn.name}-business-alarms`, thresholds: businessThresholdsOf(config, fn.businessMetrics) });
    }
    return monitored;
  });
}

/** The alarms on what the environment's functions share: the account's Lambda concurrency, the error table, DynamoDB's user errors. */
export function monitorEnvironmentWide(monitoring: ServerlessMonitoring, config: EnvironmentConfig, errorTableName: string): void {
  const env = config.name;
  monitoring.monitorLambdaAccount({
    alarmNamePrefix: resourceName("lambda-account", env),
    reservedConcurrency: config.functions.reduce((sum, fn) => sum + (fn.reservedConcurrency ?? 0), 0),
    accountConcurrencyLimit: config.lambdaAccountConcurrencyLimit,
    thresholds: { unreservedConcurrencyPercent: config.alarms.unreservedConcurrencyPercent },
  });
  const errorTableAlarms = monitoring.monitorTable(
    { tableName: errorTableName, operations: ["PutItem"] },
    {
      constructId: "error-table-alarms",
      // The functions only ever PutItem: reads and capacity (on demand) do not apply.
      thresholds: { writeThrottles: exactTiers(config.alarms.errorTableThrottles), systemErrors: exactTiers(config.alarms.errorTableSystemErrors), readThrottles: false },
    },
  );
  if (config.alarms.dynamoDbUserErrors) {
    monitoring.monitorDynamoDbAccount({ alarmNamePrefix: resourceName("dynamodb-account", env), thresholds: { userErrors: config.alarms.dynamoDbUserErrors } });
  }
  // Before segments, the write-throttle alarm's id was "throttles".
  for (const alarm of errorTableAlarms.alarms.filter((a) => a.kind === "write-throttles" && LEGACY_WRITE_THROTTLE_HASHES[a.severity])) {
    keepAddress(alarm, `aws_cloudwatch_metric_alarm.error-table-alarms_throttles-${alarm.severity}_${LEGACY_WRITE_THROTTLE_HASHES[alarm.severity]}`);
  }
}

/** The address hashes of the error table's write-throttle alarms from before segments (construct id "throttles"). */
const LEGACY_WRITE_THROTTLE_HASHES: Partial<Record<string, string>> = { warning: "395F4001", critical: "E9613B8F" };

/** Only the overrides of the KPIs a function emits: the other KPI's does not apply to it. */
function businessThresholdsOf(config: EnvironmentConfig, emits: "payments" | "orders"): BusinessThresholds {
  const key = Object.entries(BUSINESS_ALARM_METRICS).find(([, metrics]) => metrics === emits)![0] as keyof typeof BUSINESS_ALARM_METRICS;
  const thresholds = config.businessAlarms[key];
  return thresholds === undefined ? {} : { [key]: thresholds };
}

/** The environment's alarms that watch the error table or the account, not each function. */
const NOT_PER_FUNCTION = new Set(["errorTableThrottles", "errorTableSystemErrors", "unreservedConcurrencyPercent", "dynamoDbUserErrors"]);

/**
 * The environment's function thresholds, over the facade's built-in defaults; each function's own go over these.
 * A kind the environment configures has exactly the tiers it names: one condition, one tier (no built-in
 * warning left beside a critical at the same threshold).
 */
export function functionDefaults(config: EnvironmentConfig): FunctionThresholds {
  return Object.fromEntries(Object.entries(config.alarms).filter(([key]) => !NOT_PER_FUNCTION.has(key)).map(([key, tiers]) => [key, exactTiers(tiers)])) as FunctionThresholds;
}

/** Every tier named, the ones not configured as undefined: merged over the built-in defaults, they clear the default's tiers. */
export function exactTiers<T extends Partial<Record<AlertTier, unknown>>>(tiers: T | false | undefined): T | false | undefined {
  return tiers === undefined || tiers === false ? tiers : (Object.fromEntries(TIERS.map((tier) => [tier, tiers[tier]])) as T);
}

