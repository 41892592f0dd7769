import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { assumeRolePolicy, policyDocument, StateBucket } from "@serverless-monitoring/constructs";
import type { StateLocation } from "./state-location";

export interface StateBootstrapStackProps {
  /** The state locations of the environments; one bucket is created per distinct bucket name. */
  readonly locations: readonly StateLocation[];
  /**
   * Regions whose API Gateway gets the account's CloudWatch logging role:
   * WebSocket (and REST) stages cannot write access logs without it. It is one
   * setting per account and region, so it lives here, once, not in each
   * environment's stack. @default none
   */
  readonly apiGatewayLoggingRegions?: readonly string[];
}

/**
 * Creates the S3 buckets that hold the environments' state. Its own state is
 * local (the bucket cannot hold the state that creates it), kept beside the
 * project as `terraform.state-bootstrap.tfstate`, outside cdktf.out which
 * every synth rewrites.
 */
export class StateBootstrapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: StateBootstrapStackProps) {
    super(scope, id);
    // Relative to the stack's directory (cdktf.out/stacks/<id>), so no path of the checkout lands in the output.
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });

    const buckets = new Map<string, StateLocation>();
    for (const location of props.locations) {
      const seen = buckets.get(location.bucket);
      if (seen && seen.region !== location.region) {
        throw new Error(`State bucket "${location.bucket}" is configured in two regions (${seen.region} and ${location.region}); a bucket lives in one region.`);
      }
      buckets.set(location.bucket, location);
    }
    // The first region (in name order) gets the default provider; others an aliased one each.
    const loggingRegions = [...new Set(props.apiGatewayLoggingRegions ?? [])].sort();
    const regions = [...new Set([...[...buckets.values()].map((l) => l.region), ...loggingRegions])].sort();
    const tags = [{ tags: { ManagedBy: "cdktf", Purpose: "terraform-state" } }];
    const aliased = new Map<string, AwsProvider>();
    regions.forEach((region, i) => {
      if (i === 0) new AwsProvider(this, "aws", { region, defaultTags: tags });
      else aliased.set(region, new AwsProvider(this, `aws-${region}`, { region, alias: region, defaultTags: tags }));
    });

    if (loggingRegions.length > 0) {
      const partition = new DataAwsPartition(this, "partition").partition;
      const role = new IamRole(this, "apigateway-logging-role", {
        name: "apigateway-cloudwatch-logging",
        description: "Lets API Gateway write the access and execution logs of its stages",
        assumeRolePolicy: assumeRolePolicy("apigateway.amazonaws.com"),
      });
      new IamRolePolicy(this, "apigateway-logging-policy", {
        name: "write-api-gateway-logs",
        role: role.id,
        // What AmazonAPIGatewayPushToCloudWatchLogs grants, on API Gateway's own log groups only.
        policy: policyDocument([
          {
            sid: "WriteApiGatewayLogs",
            actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogGroups", "logs:DescribeLogStreams", "logs:PutLogEvents", "logs:GetLogEvents", "logs:FilterLogEvents"],
            resources: [`arn:${partition}:logs:*:*:log-group:/aws/apigateway/*`, `arn:${partition}:logs:*:*:log-group:API-Gateway-Execution-Logs_*`],
          },
        ]),
      });
      for (const region of loggingRegions) {
        const provider = aliased.get(region);
        new ApiGatewayAccount(this, `apigateway-account-${region}`, { cloudwatchRoleArn: role.arn, ...(provider ? { provider } : {}) });
      }
    }

    for (const [name, location] of [...buckets.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const provider = aliased.get(location.region);
      const bucket = new StateBucket(this, name, { bucketName: name, ...(provider ? { provider } : {}) });
      new TerraformOutput(this, `${name.replace(/[^A-Za-z0-9]/g, "_")}_arn`, { value: bucket.bucket.arn, description: `State bucket ${name}` });
    }
  }
}
