/**
 * CloudWatch Synthetics canaries for an estate's APIs: each HTTP route or REST
 * method, WebSocket API or URL opted in gets a canary that calls it on a
 * schedule, whatever the traffic, and the segment that alarms on it.
 *
 * What it creates, once: the artifacts bucket (SSE-S3 encrypted, public
 * access blocked, owner-enforced, TLS only, run artifacts expiring) and the
 * canary code in it (lambda-src/canaries, bundled by `npm run build:lambda`,
 * zipped at plan time with fixed file modes, its key named by its hash so a
 * code change updates every canary). Per canary: a role that may write only
 * its own artifacts and logs, publish only CloudWatchSynthetics metrics, and
 * read only its own credentials (one SSM parameter, or invoke one WebSocket
 * $connect); the canary on the pinned runtime (synthetics-runtime.ts).
 */
import { DataArchiveFile } from "@cdktf/provider-archive/lib/data-archive-file";
import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { SyntheticsCanary } from "@cdktf/provider-aws/lib/synthetics-canary";
import { AssetType, TerraformAsset, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { assumeRolePolicy, policyDocument, type PolicyStatement } from "../../common/iam";
import { terraformLiteral, requireNoTemplateSequences } from "../../common/terraform-strings";
import { requireKnownProps } from "../../common/known-props";
import { InvalidPropsError, requireMatch } from "../../common/validation";
import { CANARY_CHECK_VARIABLE, checkJson, type CanarySpec } from "./canary-check";
import { CANARY_SCRIPT, SYNTHETICS_RUNTIME_VERSION } from "./synthetics-runtime";
import { SYNTHETICS_NAMESPACE } from "./synthetics-metric-factory";

/** Canary names: CloudWatch Synthetics' pattern, at the 21 characters every API version and CloudFormation accept. */
export const CANARY_NAME_PATTERN = /^[0-9a-z_-]{1,21}$/;

/**
 * Every 5 minutes by default: a total outage fails two runs within 10
 * minutes (the success alarm's 2 of 3 runs) at any traffic, in the page's
 * promise, for $10.37 a canary a month at $0.0012 a run (8,640 runs).
 * A minute would detect in 2 minutes for five times the price.
 */
export const DEFAULT_CANARY_SCHEDULE_MINUTES = 5;
/** Run artifacts (logs, reports) kept this long; the canary's own run history is kept as long (at most 455 days). */
export const DEFAULT_ARTIFACT_RETENTION_DAYS = 30;
/** How long a check waits for an answer before it fails with "timeout"; the run's own timeout is a minute. */
export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;
const RUN_TIMEOUT_SECONDS = 60;
/** The smallest memory a Node.js canary accepts: the checks make one call each. */
const MEMORY_MIB = 960;

/** The props of {@link SyntheticsCanaries}. */
export interface SyntheticsCanariesProps {
  /** e.g. `production`: in the artifacts bucket's name. */
  readonly environment: string;
  /** The directory the build writes the canary code to, holding `nodejs/node_modules/api-canary.js` (`npm run build:lambda`). */
  readonly codeDirectory: string;
  /** The region of the canaries and their parameters, for the roles' ARNs. */
  readonly region: string;
  /** The account of the canaries and their parameters, for the roles' ARNs. */
  readonly accountId: string;
  /** The AWS partition, for the roles' ARNs. @default "aws" */
  readonly partition?: string;
  /** The canaries, one per route, WebSocket API or URL opted in. */
  readonly canaries: readonly CanarySpec[];
  /** Minutes between runs, 1 to 60. @default 5 (DEFAULT_CANARY_SCHEDULE_MINUTES) */
  readonly scheduleMinutes?: number;
  /** Days run artifacts are kept, 1 to 455. @default 30 */
  readonly artifactRetentionDays?: number;
  /** How long a check waits for an answer, 1,000 to 50,000 ms. @default 10000 (DEFAULT_CHECK_TIMEOUT_MS) */
  readonly checkTimeoutMs?: number;
}

/** One deployed canary. */
export interface DeployedCanary {
  /** The canary's name in CloudWatch Synthetics. */
  readonly canaryName: string;
  /** What it checks, as given. */
  readonly spec: CanarySpec;
}

/** The canaries of an estate, their artifacts bucket, code and roles (see the file's comment). */
export class SyntheticsCanaries extends Construct {
  /** The canaries, in the order given. */
  readonly canaries: readonly DeployedCanary[];
  /** The artifacts bucket's name (known after apply). */
  readonly bucketName: string;
  /** Minutes between runs, the same for every canary. */
  readonly scheduleMinutes: number;

  /** Validates the props (one InvalidPropsError naming the field) and creates the resources. */
  constructor(scope: Construct, id: string, props: SyntheticsCanariesProps) {
    super(scope, id);
    const where = `SyntheticsCanaries "${id}"`;
    requireNoTemplateSequences(where, props, ["canaries.body", "canaries.message", "canaries.expectReply", "canaries.assertions"]);
    requireKnownProps(where, "SyntheticsCanaries", { props });
    const schedule = props.scheduleMinutes ?? DEFAULT_CANARY_SCHEDULE_MINUTES;
    if (!Number.isInteger(schedule) || schedule < 1 || schedule > 60) throw new InvalidPropsError(where, "scheduleMinutes", schedule, "a whole number of minutes from 1 to 60");
    const retention = props.artifactRetentionDays ?? DEFAULT_ARTIFACT_RETENTION_DAYS;
    if (!Number.isInteger(retention) || retention < 1 || retention > 455) throw new InvalidPropsError(where, "artifactRetentionDays", retention, "a whole number of days from 1 to 455");
    const timeoutMs = props.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > (RUN_TIMEOUT_SECONDS - 10) * 1000) throw new InvalidPropsError(where, "checkTimeoutMs", timeoutMs, `a whole number of milliseconds from 1000 to ${(RUN_TIMEOUT_SECONDS - 10) * 1000}`);
    if (props.canaries.length === 0) throw new InvalidPropsError(where, "canaries", "[]", "at least one canary");
    const seen = new Set<string>();
    props.canaries.forEach((c, i) => {
      requireMatch(where, `canaries[${i}].name`, c.name, CANARY_NAME_PATTERN, "1-21 lowercase letters, digits, _ or -, e.g. payments-production");
      if (seen.has(c.name)) throw new InvalidPropsError(where, `canaries[${i}].name`, c.name, "a name no other canary of the estate has");
      seen.add(c.name);
      if (!["http", "websocket", "heartbeat"].includes(c.kind)) throw new InvalidPropsError(where, `canaries[${i}].kind`, c.kind, "http, websocket or heartbeat");
      // A route canary may carry a user's token: it speaks TLS only (a Terraform reference passes: it is checked at apply).
      const scheme = c.kind === "websocket" ? "wss://" : "https://";
      if (typeof c.url !== "string" || (!Token.isUnresolved(c.url) && !(c.url.startsWith(scheme) && c.url.length > scheme.length))) throw new InvalidPropsError(where, `canaries[${i}].url`, c.url, `a ${scheme} URL`);
      const status = c.kind === "websocket" ? undefined : c.expectedStatus;
      if (status !== undefined && (!Number.isInteger(status) || status < 100 || status > 599)) throw new InvalidPropsError(where, `canaries[${i}].expectedStatus`, status, "an HTTP status from 100 to 599");
    });
    const code = codeDirectoryOf(where, props.codeDirectory);
    const partition = props.partition ?? "aws";
    this.scheduleMinutes = schedule;

    const bucket = new S3Bucket(this, "Artifacts", { bucketPrefix: `canary-artifacts-${props.environment}-`.slice(0, 37), forceDestroy: true });
    const bucketId = bucket.id;
    this.bucketName = bucket.bucket;
    new S3BucketOwnershipControls(this, "ArtifactsOwnership", { bucket: bucketId, rule: { objectOwnership: "BucketOwnerEnforced" } });
    // SSE-S3: encrypted at rest with no key to pay for or grant; the canaries' artifacts say SSE_S3 too.
    new S3BucketServerSideEncryptionConfigurationA(this, "ArtifactsEncryption", { bucket: bucketId, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
    new S3BucketPublicAccessBlock(this, "ArtifactsPublicAccessBlock", { bucket: bucketId, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new S3BucketLifecycleConfiguration(this, "ArtifactsLifecycle", {
      bucket: bucketId,
      rule: [
        { id: "expire-run-artifacts", status: "Enabled", filter: [{ prefix: "artifacts/" }], expiration: [{ days: retention }] },
        { id: "abort-incomplete-uploads", status: "Enabled", filter: [{ prefix: "" }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }] },
      ],
    });
    new S3BucketPolicy(this, "ArtifactsPolicy", {
      bucket: bucketId,
      policy: policyDocument([{ sid: "DenyInsecureTransport", effect: "Deny", principals: "*", actions: ["s3:*"], resources: [bucket.arn, `${bucket.arn}/*`], conditions: { Bool: { "aws:SecureTransport": "false" } } }]),
    });

    const archive = packageCode(this, code);
    const object = new S3Object(this, "Code", { bucket: bucketId, key: `code/api-canary-${archive.outputMd5}.zip`, source: archive.outputPath, sourceHash: archive.outputMd5 });

    this.canaries = props.canaries.map((spec) => {
      const scope = new Construct(this, spec.name);
      const role = new IamRole(scope, "Role", { name: `${spec.name}-canary-role`, description: terraformLiteral(`Execution role of the ${spec.name} canary`), assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com") });
      new IamRolePolicy(scope, "RolePolicy", { name: `${spec.name}-canary-least-privilege`, role: role.id, policy: policyDocument(canaryStatements(spec, { bucketArn: bucket.arn, region: props.region, accountId: props.accountId, partition })) });
      new SyntheticsCanary(scope, "Canary", {
        name: spec.name,
        runtimeVersion: SYNTHETICS_RUNTIME_VERSION,
        handler: CANARY_SCRIPT.handler,
        s3Bucket: bucketId,
        s3Key: object.key,
        executionRoleArn: role.arn,
        artifactS3Location: `s3://${bucketId}/artifacts/${spec.name}/`,
        artifactConfig: { s3Encryption: { encryptionMode: "SSE_S3" } },
        schedule: { expression: schedule === 1 ? "rate(1 minute)" : `rate(${schedule} minutes)` },
        runConfig: { timeoutInSeconds: RUN_TIMEOUT_SECONDS, memoryInMb: MEMORY_MIB, activeTracing: false, environmentVariables: { [CANARY_CHECK_VARIABLE]: terraformLiteral(checkJson(spec, timeoutMs)) } },
        successRetentionPeriod: retention,
        failureRetentionPeriod: retention,
        startCanary: true,
        // The Lambda function and layer Synthetics made for the canary go with it.
        deleteLambda: true,
        dependsOn: [object],
      });
      return { canaryName: spec.name, spec };
    });
  }
}

/**
 * What one canary's role may do, and nothing else: write its own artifacts
 * and its own function's logs, publish CloudWatchSynthetics metrics (PutMetricData
 * takes no resource; the namespace condition scopes it), and read its own
 * credentials.
 */
export function canaryStatements(spec: CanarySpec, at: { bucketArn: string; region: string; accountId: string; partition: string }): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    { sid: "WriteOwnArtifacts", actions: ["s3:PutObject"], resources: [`${at.bucketArn}/artifacts/${spec.name}/*`] },
    { sid: "LocateArtifactsBucket", actions: ["s3:GetBucketLocation"], resources: [at.bucketArn] },
    {
      sid: "WriteOwnLogs",
      actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
      resources: [`arn:${at.partition}:logs:${at.region}:${at.accountId}:log-group:/aws/lambda/cwsyn-${spec.name}-*`],
    },
    { sid: "PublishSyntheticsMetrics", actions: ["cloudwatch:PutMetricData"], resources: ["*"], conditions: { StringEquals: { "cloudwatch:namespace": SYNTHETICS_NAMESPACE } } },
  ];
  if (spec.kind === "http" && spec.jwt) {
    const name = spec.jwt.parameterName.replace(/^\//, "");
    statements.push({ sid: "ReadOwnCredentials", actions: ["ssm:GetParameter"], resources: [`arn:${at.partition}:ssm:${at.region}:${at.accountId}:parameter/${name}`] });
  }
  if (spec.kind === "websocket" && spec.iam) statements.push({ sid: "ConnectToWebSocket", actions: ["execute-api:Invoke"], resources: [spec.iam.connectArn] });
  return statements;
}

function codeDirectoryOf(where: string, directory: string): string {
  if (!existsSync(join(directory, "nodejs", "node_modules", CANARY_SCRIPT.fileName))) {
    throw new InvalidPropsError(
      where,
      "codeDirectory",
      relative(process.cwd(), directory) || ".",
      `a directory holding nodejs/node_modules/${CANARY_SCRIPT.fileName}, the built canary (lambda-src/canaries): run \`npm run build:lambda\` (\`npm run synth\` does it for you)`,
    );
  }
  return directory;
}

/** The code zipped at plan time from an asset copy (paths relative to the stack: no checkout path in the JSON), file modes fixed. */
function packageCode(scope: Construct, directory: string): DataArchiveFile {
  const stack = TerraformStack.of(scope);
  if (!stack.node.children.some((c) => c instanceof ArchiveProvider)) new ArchiveProvider(stack, "archive");
  const asset = new TerraformAsset(scope, "CodeBundle", { path: directory, type: AssetType.DIRECTORY });
  return new DataArchiveFile(scope, "CodePackage", { type: "zip", sourceDir: asset.path, outputPath: "builds/api-canary.zip", outputFileMode: "0644" });
}
