import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Testing } from "cdktf";
import { ConfigurationError, loadEnvironment } from "../../environments";
import { readStateOverrides, StateBootstrapStack, stateKey, stateLocation } from "../../stacks";
import { synthMonitoringStack } from "../helpers";
import "../cdktf-matchers";

describe("state location overrides", () => {
  test("environment variables override bucket, prefix and region at synth time", () => {
    const overrides = readStateOverrides({ MONITORING_STATE_BUCKET: "ci-state", MONITORING_STATE_KEY_PREFIX: "forks/alice", MONITORING_STATE_REGION: "eu-central-1" });
    const location = stateLocation(loadEnvironment("staging"), overrides);
    expect(location).toEqual({ bucket: "ci-state", keyPrefix: "forks/alice", region: "eu-central-1" });
    expect(stateKey(location, "staging")).toBe("forks/alice/staging/terraform.tfstate");
  });

  test("the stack's backend uses them", () => {
    const app = Testing.app();
    const { MonitoringStack } = jest.requireActual("../../stacks") as typeof import("../../stacks");
    const stack = new MonitoringStack(app, "monitoring-dev", { config: loadEnvironment("dev"), bundleRoot: require("../helpers").BUNDLE_ROOT, stateOverrides: { bucket: "ci-state" } });
    expect(JSON.parse(Testing.synth(stack)).terraform.backend.s3.bucket).toBe("ci-state");
    expect(synthMonitoringStack(loadEnvironment("dev")).json.terraform.backend.s3!.bucket).toBe("serverless-monitoring-terraform-state");
  });

  test("empty variables are ignored; malformed ones are named", () => {
    expect(readStateOverrides({ MONITORING_STATE_BUCKET: "" })).toEqual({});
    expect(() => readStateOverrides({ MONITORING_STATE_REGION: "Frankfurt" })).toThrow(
      new ConfigurationError('MONITORING_STATE_REGION: got "Frankfurt"; allowed: an AWS region such as eu-west-1.'),
    );
    expect(() => readStateOverrides({ MONITORING_STATE_KEY_PREFIX: "/abs/" })).toThrow(/MONITORING_STATE_KEY_PREFIX: got "\/abs\/"; allowed: a path without leading or trailing slash/);
  });
});

describe("StateBootstrapStack", () => {
  const app = Testing.app();
  const stack = new StateBootstrapStack(app, "state-bootstrap", {
    locations: [
      { bucket: "shared-state", keyPrefix: "a", region: "us-east-1" },
      { bucket: "shared-state", keyPrefix: "b", region: "us-east-1" },
      { bucket: "eu-state", keyPrefix: "c", region: "eu-west-1" },
    ],
  });
  const synth = Testing.synth(stack);
  const json = JSON.parse(synth);

  test("one bucket per distinct name, protected from destroy, versioned, private", () => {
    expect(Object.keys(json.resource.aws_s3_bucket)).toHaveLength(2);
    expect(synth).toHaveResourceWithProperties(S3Bucket, { bucket: "shared-state", lifecycle: { prevent_destroy: true } });
    expect(synth).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: "Enabled" } });
    expect(synth).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
  });

  test("encrypted, and TLS only", () => {
    const encryption = Object.values(json.resource.aws_s3_bucket_server_side_encryption_configuration)[0] as { rule: { apply_server_side_encryption_by_default: { sse_algorithm: string } }[] };
    expect(encryption.rule[0]!.apply_server_side_encryption_by_default.sse_algorithm).toBe("aws:kms");
    const policy = JSON.parse((Object.values(json.resource.aws_s3_bucket_policy)[0] as { policy: string }).policy);
    expect(policy.Statement[0]).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
  });

  test("a provider per region, and a local backend outside cdktf.out", () => {
    expect(json.provider.aws).toHaveLength(2);
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.state-bootstrap.tfstate" } });
    // Regions in name order: eu-west-1 takes the default provider, us-east-1 an alias.
    const bucketIn = (name: string) => Object.values(json.resource.aws_s3_bucket).find((b) => (b as { bucket: string }).bucket === name) as { provider?: string };
    expect(bucketIn("eu-state").provider).toBeUndefined();
    expect(bucketIn("shared-state").provider).toBe("aws.us-east-1");
  });

  test("one bucket in two regions is rejected", () => {
    expect(
      () =>
        new StateBootstrapStack(Testing.app(), "b", {
          locations: [
            { bucket: "x-state", keyPrefix: "a", region: "us-east-1" },
            { bucket: "x-state", keyPrefix: "a", region: "eu-west-1" },
          ],
        }),
    ).toThrow('State bucket "x-state" is configured in two regions (us-east-1 and eu-west-1); a bucket lives in one region.');
  });
});

describe("StateBootstrapStack: API Gateway's logging role, once per account and region", () => {
  const stack = new StateBootstrapStack(Testing.app(), "state-bootstrap", {
    locations: [{ bucket: "shared-state", keyPrefix: "a", region: "us-east-1" }],
    apiGatewayLoggingRegions: ["us-east-1", "eu-west-1", "us-east-1"],
  });
  const json = JSON.parse(Testing.synth(stack));

  test("one role API Gateway may assume, writing only API Gateway's own log groups", () => {
    const role = Object.values(json.resource.aws_iam_role)[0] as { assume_role_policy: string };
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: "apigateway.amazonaws.com" });
    const policy = JSON.parse((Object.values(json.resource.aws_iam_role_policy)[0] as { policy: string }).policy);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Resource).toEqual(["arn:${data.aws_partition.partition.partition}:logs:*:*:log-group:/aws/apigateway/*", "arn:${data.aws_partition.partition.partition}:logs:*:*:log-group:API-Gateway-Execution-Logs_*"]);
  });

  test("the account setting in each distinct region, through that region's provider", () => {
    const accounts = Object.values(json.resource.aws_api_gateway_account) as { provider?: string }[];
    expect(accounts).toHaveLength(2);
    // Regions in name order: eu-west-1 takes the default provider, us-east-1 an aliased one.
    expect(accounts.map((a) => a.provider ?? "default").sort()).toEqual(["aws.us-east-1", "default"]);
  });
});

