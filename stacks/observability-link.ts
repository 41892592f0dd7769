/**
 * The source side of CloudWatch cross-account observability (OAM): a link
 * from this account and region to the monitoring account's sink, sharing the
 * estate's metrics, its functions' log groups and X-Ray traces.
 *
 * The sink's ARN is not copied into this stack: the monitoring account's
 * stack writes it to an SSM parameter in every source account and region
 * (stacks/monitoring-account-stack.ts), and the link reads it at plan time.
 * A sink replaced there reaches every link on its next plan.
 */
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { OamLink } from "@cdktf/provider-aws/lib/oam-link";
import { Construct } from "constructs";
import { InvalidPropsError } from "@serverless-monitoring/constructs";
import { METRIC_NAMESPACE } from "@serverless-monitoring/contract";

/** Where the monitoring account's stack puts its sink's ARN, in each source account and region. */
export const SINK_ARN_PARAMETER = "/serverless-monitoring/observability/sink-arn";

/** What a link shares: metrics, logs and traces (not Application Insights or Internet Monitor). */
export const SHARED_RESOURCE_TYPES = ["AWS::CloudWatch::Metric", "AWS::Logs::LogGroup", "AWS::XRay::Trace"] as const;

/** The AWS namespaces the reference stacks' alarms and dashboards read (CloudWatchSynthetics: the canaries' runs). */
export const ESTATE_AWS_NAMESPACES = ["AWS/ApiGateway", "AWS/DynamoDB", "AWS/Lambda", "AWS/SNS", "AWS/SQS", "CloudWatchSynthetics"] as const;

/** OAM's limit on one filter's length (LinkFilter.Filter, 1-2000 characters). */
const MAX_FILTER_LENGTH = 2000;

export interface ObservabilityLinkProps {
  /** The log groups to share, by name; no other log group of the account leaves it. Give this or `logGroupPrefix`. @default none */
  readonly logGroupNames?: readonly string[];
  /**
   * Share every log group whose name starts with this, e.g. `/aws/lambda/`: for a split estate, whose names
   * would not fit in one filter (2,000 characters). Broader than the names: every function of the account
   * and region shares its logs. @default none
   */
  readonly logGroupPrefix?: string;
  /** The label the monitoring account shows for this account. @default "$AccountName" (the Organizations account name) */
  readonly labelTemplate?: string;
}

export class ObservabilityLink extends Construct {
  readonly link: OamLink;

  constructor(scope: Construct, id: string, props: ObservabilityLinkProps) {
    super(scope, id);
    const sinkArn = new DataAwsSsmParameter(this, "sink-arn", { name: SINK_ARN_PARAMETER });
    this.link = new OamLink(this, "link", {
      sinkIdentifier: sinkArn.value,
      labelTemplate: props.labelTemplate ?? "$AccountName",
      resourceTypes: [...SHARED_RESOURCE_TYPES],
      linkConfiguration: {
        metricConfiguration: { filter: metricFilter() },
        logGroupConfiguration: { filter: props.logGroupPrefix !== undefined && props.logGroupNames === undefined ? `LogGroupName LIKE '${props.logGroupPrefix}%'` : logGroupFilter(props.logGroupNames ?? []) },
      },
    });
  }
}

/** The estate's namespaces: AWS's it alarms on, and its own (`ServerlessMonitoring`, `.../Logs`, `.../Maintenance`) by prefix. */
export function metricFilter(): string {
  return `Namespace IN (${ESTATE_AWS_NAMESPACES.map(quoted).join(", ")}) OR Namespace LIKE '${METRIC_NAMESPACE}%'`;
}

/** Exactly the estate's log groups, by name (LIKE matches prefixes only, and function names share none). */
export function logGroupFilter(logGroupNames: readonly string[]): string {
  if (logGroupNames.length === 0) throw new InvalidPropsError("ObservabilityLink", "logGroupNames", [], "at least one log group");
  const filter = `LogGroupName IN (${logGroupNames.map(quoted).join(", ")})`;
  if (filter.length > MAX_FILTER_LENGTH) {
    throw new InvalidPropsError(
      "ObservabilityLink",
      "logGroupNames",
      `${logGroupNames.length} log groups`,
      `a filter of at most ${MAX_FILTER_LENGTH} characters (this one has ${filter.length}): split the estate into stacks of fewer functions (docs/multi-account.md, "Splitting")`,
    );
  }
  return filter;
}

function quoted(value: string): string {
  return `'${value}'`;
}
