/**
 * AWS's own rules for names and values, checked at synth so a mistake fails
 * `cdktf synth` with a message instead of `terraform apply` halfway through.
 * Each check returns what is wrong, or undefined when the value is fine.
 * Data that AWS changes (regions, runtime dates) lives here and nowhere else.
 */

/** Regions by partition, as of November 2026. Add a region here when AWS opens one. */
export const AWS_REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: [
    "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
    "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  ],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
};

const ALL_REGIONS = new Set(Object.values(AWS_REGIONS).flat());

/** What is allowed, when the region is not one AWS has; undefined when it is. */
export function regionProblem(region: string): string | undefined {
  return ALL_REGIONS.has(region) ? undefined : "an AWS region such as eu-west-1";
}

/** The general-purpose bucket naming rules of Amazon S3, in full. */
export function s3BucketNameProblem(name: string): string | undefined {
  const rule = "an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit";
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) return rule;
  if (name.includes("..")) return `${rule}, with no two adjacent dots`;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return `${rule}, not formatted as an IP address`;
  const prefix = ["xn--", "sthree-", "amzn-s3-demo-"].find((p) => name.startsWith(p));
  if (prefix) return `${rule}, not starting with the reserved prefix "${prefix}"`;
  const suffix = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"].find((s) => name.endsWith(s));
  if (suffix) return `${rule}, not ending with the reserved suffix "${suffix}"`;
  return undefined;
}

/** An S3 key prefix for state files: path segments of letters, digits, `_`, `.`, `-`, with no leading, trailing or double slash. */
export function s3KeyPrefixProblem(prefix: string): string | undefined {
  if (!/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(prefix)) return "a path without leading or trailing slash";
  // S3 keys are at most 1,024 bytes: the state file's key adds `/<environment>/terraform.tfstate` (at most 64 more).
  if (prefix.length > S3_KEY_PREFIX_MAX_LENGTH) return `a path without leading or trailing slash, of at most ${S3_KEY_PREFIX_MAX_LENGTH} characters (S3 keys are at most 1024 bytes)`;
  return undefined;
}

/** The longest key prefix that leaves room in S3's 1,024-byte keys for `/<environment>/terraform.tfstate`. */
const S3_KEY_PREFIX_MAX_LENGTH = 960;

/** Lambda's Node.js runtimes and the dates AWS deprecates them and blocks creating, then updating, functions on them. */
export const LAMBDA_RUNTIMES: Readonly<Record<string, { readonly deprecated: string; readonly createBlocked: string; readonly updateBlocked: string }>> = {
  "nodejs20.x": { deprecated: "2026-04-30", createBlocked: "2026-06-01", updateBlocked: "2026-07-01" },
  "nodejs22.x": { deprecated: "2027-04-30", createBlocked: "2027-06-01", updateBlocked: "2027-07-01" },
  "nodejs24.x": { deprecated: "2028-04-30", createBlocked: "2028-06-01", updateBlocked: "2028-07-01" },
};

/** Runtimes a function can be created on at `today` (UTC date, YYYY-MM-DD). */
export function creatableRuntimes(today: string): string[] {
  return Object.entries(LAMBDA_RUNTIMES)
    .filter(([, dates]) => today < dates.createBlocked)
    .map(([runtime]) => runtime);
}

/** What is allowed, when Lambda no longer lets a function be created on the runtime on `today` (YYYY-MM-DD); undefined when it does. */
export function runtimeProblem(runtime: string, today: string): string | undefined {
  const allowed = creatableRuntimes(today).join(" or ");
  const dates = Object.hasOwn(LAMBDA_RUNTIMES, runtime) ? LAMBDA_RUNTIMES[runtime] : undefined;
  if (!dates) return `${allowed} (Lambda's supported Node.js runtimes)`;
  if (today >= dates.createBlocked) {
    const update = today < dates.updateBlocked ? `; existing functions may still be updated until ${dates.updateBlocked}` : "; updates are blocked too since " + dates.updateBlocked;
    return `${allowed}: Lambda blocks creating functions on ${runtime} since ${dates.createBlocked}${update}`;
  }
  return undefined;
}

/** Tag keys and values: letters, digits, spaces and `_ . : / = + - @`; keys 1-128 characters and not `aws:`, values up to 256; at most 50 tags. */
export const TAG_LIMITS = { keyMaxLength: 128, valueMaxLength: 256, maxTags: 50 } as const;
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** What is allowed, when the tag key breaks AWS's rules; undefined when it keeps them. */
export function tagKeyProblem(key: string): string | undefined {
  if (key.length < 1 || key.length > TAG_LIMITS.keyMaxLength || !TAG_CHARACTERS.test(key) || key.toLowerCase().startsWith("aws:")) {
    return `a tag key of 1-${TAG_LIMITS.keyMaxLength} letters, digits, spaces and _ . : / = + - @, not starting with aws:`;
  }
  return undefined;
}

/** What is allowed, when the tag value breaks AWS's rules; undefined when it keeps them. */
export function tagValueProblem(value: string): string | undefined {
  if (value.length > TAG_LIMITS.valueMaxLength || !TAG_CHARACTERS.test(value)) return `a tag value of at most ${TAG_LIMITS.valueMaxLength} letters, digits, spaces and _ . : / = + - @`;
  return undefined;
}

/** How often each service publishes the metrics we alarm on: a shorter alarm period only ever sees missing data. */
export const METRIC_PUBLISH_INTERVAL_SECONDS = { lambda: 60, sqs: 300, dynamodb: 60, custom: 60, logs: 60, apigateway: 60 } as const;

/** CloudWatch alarm periods: 10, 30 (high-resolution metrics) or a multiple of 60, at most one day, and not below the metric's own interval. */
export function alarmPeriodProblem(periodSeconds: number, publishIntervalSeconds: number): string | undefined {
  const valid = Number.isInteger(periodSeconds) && (periodSeconds === 10 || periodSeconds === 30 || (periodSeconds % 60 === 0 && periodSeconds >= 60 && periodSeconds <= 86_400));
  if (valid && periodSeconds >= publishIntervalSeconds) return undefined;
  return `a multiple of 60 from ${Math.max(60, publishIntervalSeconds)} to 86400 seconds (the metric is published every ${publishIntervalSeconds} s)`;
}

/** A value AWS accepts in one form: the pattern, and what to say when a value does not match. */
export interface AwsPattern {
  /** The regular expression a value must match. */
  readonly pattern: RegExp;
  /** What the pattern allows, in words, for error messages. */
  readonly allowed: string;
}

/** Patterns the configuration schema and the constructs both check, so they accept exactly the same values. */
export const AWS_PATTERNS = {
  snsTopicArn: { pattern: /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, allowed: "an SNS topic ARN such as arn:aws:sns:eu-west-1:111122223333:team-alerts" },
  lambdaFunctionArn: {
    pattern: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$/,
    allowed: "a Lambda function ARN such as arn:aws:lambda:eu-west-1:111122223333:function:restart-workers",
  },
  phoneNumber: { pattern: /^\+[1-9]\d{6,14}$/, allowed: "a phone number in E.164 form, such as +4915112345678" },
  ssmParameterName: { pattern: /^[A-Za-z0-9/_.-]{1,1011}$/, allowed: "an SSM parameter name such as /monitoring/pagerduty-endpoint" },
  secretsManagerSecret: { pattern: /^[A-Za-z0-9/_+=.@:-]{1,2048}$/, allowed: "a Secrets Manager secret name or ARN" },
  httpRouteKey: { pattern: /^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/[A-Za-z0-9/{}_+.-]*$/, allowed: "a route key such as POST /users: a method, one space, a path of letters, digits and / { } _ + . -" },
  slackWorkspaceId: { pattern: /^T[A-Z0-9]{2,20}$/, allowed: "a Slack workspace id such as T0123ABCD" },
  slackChannelId: { pattern: /^[CG][A-Z0-9]{2,20}$/, allowed: "a Slack channel id such as C0123ABCD (not the channel's name)" },
  microsoftId: { pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, allowed: "a Microsoft id (GUID) such as 11111111-2222-3333-4444-555555555555" },
  teamsChannelId: { pattern: /^19:[A-Za-z0-9_-]+@thread\.[a-z0-9]+$/, allowed: "a Teams channel id such as 19:abc@thread.tacv2" },
  kmsKeyArn: { pattern: /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]{1,128}$/, allowed: "a KMS key ARN such as arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555" },
} as const satisfies Record<string, AwsPattern>;
