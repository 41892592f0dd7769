import { requireNoTemplateSequences } from "../common/terraform-strings";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { policyDocument } from "../common/iam";
import { requireMatch } from "../common/validation";
import { physicalName } from "../common/naming";
import { optionalNumber } from "../common/prop-checks";
import { requireKnownProps } from "../common/known-props";

/** The state bucket's name, region and how long it keeps old state versions. */
export interface StateBucketProps {
  /** The bucket's name, globally unique. */
  readonly bucketName: string;
  /** Provider of the bucket's region. @default the stack's default AWS provider */
  readonly provider?: TerraformProvider;
  /** Days old state versions are kept. @default 90 */
  readonly noncurrentVersionRetentionDays?: number;
}

/**
 * An S3 bucket for Terraform state: versioned (every state is recoverable),
 * encrypted, private, TLS only, and protected from `terraform destroy`.
 */
export class StateBucket extends Construct {
  /** The S3 bucket resource. */
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    requireNoTemplateSequences("StateBucket", props, []);
    requireKnownProps("StateBucket", "StateBucket", { props });
    requireMatch("StateBucket", "bucketName", props.bucketName, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "3-63 lowercase letters, digits, dots or hyphens");
    optionalNumber("StateBucket", "noncurrentVersionRetentionDays", props.noncurrentVersionRetentionDays, { min: 1, max: 36_500, integer: true });
    const provider = props.provider ? { provider: props.provider } : {};
    this.bucket = new S3Bucket(this, "Bucket", { bucket: physicalName(this, props.bucketName), lifecycle: { preventDestroy: true }, ...provider });
    const bucket = this.bucket.id;
    new S3BucketOwnershipControls(this, "Ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" }, ...provider });
    new S3BucketVersioningA(this, "Versioning", { bucket, versioningConfiguration: { status: "Enabled" }, ...provider });
    new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
      ...provider,
    });
    new S3BucketPublicAccessBlock(this, "PublicAccessBlock", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      ...provider,
    });
    new S3BucketLifecycleConfiguration(this, "Lifecycle", {
      bucket,
      rule: [
        {
          id: "expire-old-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionRetentionDays ?? 90 }],
        },
      ],
      ...provider,
    });
    new S3BucketPolicy(this, "Policy", {
      bucket,
      policy: policyDocument([
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: "*",
          actions: ["s3:*"],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          conditions: { Bool: { "aws:SecureTransport": "false" } },
        },
      ]),
      ...provider,
    });
  }
}
