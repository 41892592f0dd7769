/**
 * The monitoring account: one place that sees every account and region of the
 * estate through CloudWatch cross-account observability (OAM).
 *
 * - One sink per region the estate uses (OAM links a source account to a sink
 *   of its own region; an account has one sink per region), each with a
 *   policy that admits exactly the estate's accounts, or its organisation.
 * - The sink's ARN written to an SSM parameter in every source account and
 *   region, where that stack's link reads it (stacks/observability-link.ts):
 *   passed, not copied.
 * - Dashboards: "estate" (every account and region, each metric with its
 *   accountId and region) and "estate health" (each stack's health composite
 *   and its errors).
 *
 * No alarm lives here: CloudWatch alarms watch metrics of their own region
 * only ("Cross-Region functionality is not supported for alarms", CloudWatch
 * user guide, Cross-account cross-Region CloudWatch console), so each alarm
 * stays in the account and region of its metric, beside the topics it
 * notifies; docs/multi-account.md says more.
 */
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { OamSink } from "@cdktf/provider-aws/lib/oam-sink";
import { OamSinkPolicy } from "@cdktf/provider-aws/lib/oam-sink-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { DeploymentTarget, MonitoringAccount } from "../environments";
import { resourceName } from "@serverless-monitoring/constructs";
import { SHARED_RESOURCE_TYPES, SINK_ARN_PARAMETER } from "./observability-link";
import { assumeRoleOf } from "./placement";
import { stateKey, type StateLocation } from "./state-location";

export interface MonitoringAccountStackProps {
  readonly monitoringAccount: MonitoringAccount;
  /** Every stack of the estate that links to a sink here. */
  readonly targets: readonly DeploymentTarget[];
  /** The state bucket; the state file is `<prefix>/monitoring-account/terraform.tfstate`. */
  readonly state: StateLocation;
  /** The composites that page, by target stack id, where they are not its one `system-health-<env>` (a split target has one per stack). @default `system-health-<env>` for every target */
  readonly pages?: ReadonlyMap<string, readonly string[]>;
}

/** The sinks' name, in every region. */
export const SINK_NAME = "serverless-monitoring-estate";
/** The state path (under the key prefix) and the stack id. */
export const MONITORING_ACCOUNT_STACK = "monitoring-account";

const WIDGET = { width: 12, height: 6 } as const;

export class MonitoringAccountStack extends TerraformStack {
  /** The sink of each region, by region. */
  readonly sinks: ReadonlyMap<string, OamSink>;

  constructor(scope: Construct, id: string, props: MonitoringAccountStackProps) {
    super(scope, id);
    const { monitoringAccount: account, targets } = props;
    const tags = { defaultTags: [{ tags: { ManagedBy: "cdktf", Application: "serverless-monitoring", Environment: "monitoring-account" } }] };
    const home = new AwsProvider(this, "aws", { region: account.region, allowedAccountIds: [account.accountId], ...assumeRoleOf(account.roleArn), ...tags });
    const backend = new S3Backend(this, { bucket: props.state.bucket, key: stateKey(props.state, MONITORING_ACCOUNT_STACK), region: props.state.region, encrypt: true });
    backend.addOverride("use_lockfile", true);

    const sourceAccounts = [...new Set(targets.map((t) => t.accountId!))];
    const sinks = new Map<string, OamSink>();
    for (const region of [...new Set(targets.map((t) => t.region))]) {
      const provider =
        region === account.region ? home : new AwsProvider(this, `aws-${region}`, { alias: region, region, allowedAccountIds: [account.accountId], ...assumeRoleOf(account.roleArn), ...tags });
      const sink = new OamSink(this, `sink-${region}`, { name: SINK_NAME, provider });
      new OamSinkPolicy(this, `sink-policy-${region}`, { provider, sinkIdentifier: sink.arn, policy: sinkPolicy(sourceAccounts, account.organizationId) });
      sinks.set(region, sink);
    }
    this.sinks = sinks;

    // Each source account and region once, however many environments share it: its link reads the sink's ARN there.
    const sources = new Map<string, DeploymentTarget>();
    for (const t of targets) if (!sources.has(`${t.accountId}-${t.region}`)) sources.set(`${t.accountId}-${t.region}`, t);
    for (const [key, t] of sources) {
      const provider = new AwsProvider(this, `source-${key}`, { alias: `source-${key}`, region: t.region, allowedAccountIds: [t.accountId!], ...assumeRoleOf(t.roleArn), ...tags });
      new SsmParameter(this, `sink-arn-${key}`, {
        provider,
        name: SINK_ARN_PARAMETER,
        type: "String",
        value: sinks.get(t.region)!.arn,
        description: `The CloudWatch cross-account observability sink of monitoring account ${account.accountId} in ${t.region}; read by this account's OAM link`,
      });
    }

    new CloudwatchDashboard(this, "estate-dashboard", { dashboardName: "serverless-monitoring-estate", dashboardBody: JSON.stringify({ widgets: estateWidgets(targets) }) });
    new CloudwatchDashboard(this, "estate-health-dashboard", { dashboardName: "serverless-monitoring-estate-health", dashboardBody: JSON.stringify({ widgets: healthWidgets(targets, props.pages ?? new Map()) }) });
    new TerraformOutput(this, "SinkArns", { value: Object.fromEntries([...sinks].map(([region, sink]) => [region, sink.arn])), description: "The OAM sink of each region, by region" });
  }
}

/** Admits exactly `accounts` (or every account of `organizationId`) to link, sharing only metrics, logs and traces. */
export function sinkPolicy(accounts: readonly string[], organizationId?: string): string {
  const types = { "ForAllValues:StringEquals": { "oam:ResourceTypes": [...SHARED_RESOURCE_TYPES] } };
  const statement = organizationId
    ? { Sid: "OrganizationAccountsLink", Effect: "Allow", Principal: "*", Action: ["oam:CreateLink", "oam:UpdateLink"], Resource: "*", Condition: { ...types, StringEquals: { "aws:PrincipalOrgID": organizationId } } }
    : { Sid: "EstateAccountsLink", Effect: "Allow", Principal: { AWS: [...accounts] }, Action: ["oam:CreateLink", "oam:UpdateLink"], Resource: "*", Condition: types };
  return JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
}

/** Where a target is, as a person reads it. */
function where(t: DeploymentTarget): string {
  return `${t.environment} · ${t.accountId} · ${t.region}`;
}

/** Per account and region: its functions' invocations and errors, each metric named with its account and region. */
function estateWidgets(targets: readonly DeploymentTarget[]): object[] {
  return targets.flatMap((t, i) =>
    (["Invocations", "Errors"] as const).map((metricName, j) => ({
      type: "metric",
      x: j * WIDGET.width,
      y: i * WIDGET.height,
      ...WIDGET,
      properties: {
        title: `${metricName}: ${where(t)}`,
        region: t.region,
        view: "timeSeries",
        stat: "Sum",
        period: 300,
        metrics: t.config.functions.map((fn) => ["AWS/Lambda", metricName, "FunctionName", resourceName(fn.name, t.config.name), { accountId: t.accountId, region: t.region, label: fn.name }]),
      },
    })),
  );
}

/** The estate at a glance: every stack's system-health composite, then each stack's errors of the last hours. */
function healthWidgets(targets: readonly DeploymentTarget[], pages: ReadonlyMap<string, readonly string[]>): object[] {
  const alarms = targets.flatMap((t) => (pages.get(t.stackId) ?? [resourceName("system-health", t.config.name)]).map((page) => `arn:aws:cloudwatch:${t.region}:${t.accountId}:alarm:${page}`));
  return [
    { type: "alarm", x: 0, y: 0, width: 24, height: 2 + Math.ceil(targets.length / 4), properties: { title: "Estate health: each account and region's system health", alarms } },
    ...targets.map((t, i) => ({
      type: "metric",
      x: (i % 2) * WIDGET.width,
      y: 4 + Math.floor(i / 2) * WIDGET.height,
      ...WIDGET,
      properties: {
        title: `Errors: ${where(t)}`,
        region: t.region,
        view: "singleValue",
        stat: "Sum",
        period: 3600,
        setPeriodToTimeRange: true,
        metrics: t.config.functions.map((fn) => ["AWS/Lambda", "Errors", "FunctionName", resourceName(fn.name, t.config.name), { accountId: t.accountId, region: t.region, label: fn.name }]),
      },
    })),
  ];
}
