import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { DataArchiveFile } from "@cdktf/provider-archive/lib/data-archive-file";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaAlias } from "@cdktf/provider-aws/lib/lambda-alias";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { AssetType, Lazy, TerraformAsset, TerraformStack } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import { existsSync, realpathSync } from "node:fs";
import { join, relative } from "node:path";
import { ENV_VARS, LAMBDA_HANDLER, METRIC_NAMESPACE, xrayServiceName } from "@serverless-monitoring/contract";
import { AWS_LIMITS } from "../common/aws-limits";
import { assumeRolePolicy, policyDocument, type IGrantable, type PolicyStatement } from "../common/iam";
import { InvalidPropsError, requireIntegerInRange, requireMatch, requireMaxLength } from "../common/validation";
import type { IErrorTable } from "../error-table/error-table";
import type { IMonitoredFunction } from "../monitoring/aws-lambda/lambda-monitoring";
import { terraformLiteral, requireNoTemplateSequences } from "../common/terraform-strings";
import { requireKnownProps } from "../common/known-props";
import { physicalName } from "../common/naming";
import { requireName, requireNoTokenMarker } from "../common/prop-checks";


/** A function to create: its bundle, sizing, error table, logs and tracing. */
export interface MonitoredFunctionProps {
  /** The deployed name, e.g. `user-service-dev`. */
  readonly functionName: string;
  /** The function's description in the Lambda console. @default none */
  readonly description?: string;
  /** Directory holding the bundle's `index.js` (exporting `handler`), e.g. `dist/lambda/user-service`. */
  readonly bundleDirectory: string;
  /** The environment, e.g. `dev`: the runtime library's ENVIRONMENT and a tag. */
  readonly environment: string;
  /** The table this function writes its failures to; the role may PutItem into it and nothing else. */
  readonly errorTable: IErrorTable;
  /** The Lambda runtime: one Lambda still lets functions be created on (nodejs22.x or nodejs24.x). @default "nodejs22.x" */
  readonly runtime?: string;
  /** Memory in MiB, 128 to 10,240; CPU grows with it. @default 256 */
  readonly memoryMiB?: number;
  /** The invocation timeout in seconds, 1 to 900. @default 30 */
  readonly timeoutSeconds?: number;
  /** Concurrency reserved for this function (and its ceiling). @default no reservation: the function draws on the account's unreserved pool */
  readonly reservedConcurrency?: number;
  /** Days the log group keeps the function's logs; a retention CloudWatch offers. @default 30 */
  readonly logRetentionDays?: number;
  /** Days an error record lives before TTL deletes it. @default 30 */
  readonly errorRetentionDays?: number;
  /** Extra environment variables; the contract's names may not be overridden. @default none */
  readonly environmentVariables?: Readonly<Record<string, string>>;
  /** The alias that points at the published version; callers invoke it. @default "live" */
  readonly aliasName?: string;
  /**
   * Active X-Ray tracing through Powertools Tracer. Off: Lambda only passes
   * an upstream trace through, the runtime never loads the X-Ray SDK, and the
   * role gets no X-Ray permissions. @default true
   */
  readonly tracing?: boolean;
}

const ZIP_FILE_MODE = "0644";
const DLQ_RETENTION_SECONDS = 14 * 24 * 3600;

/**
 * A Lambda function with everything it needs to be operated: its log group
 * with retention, an encrypted dead-letter queue, a published version behind
 * a `live` alias, active X-Ray tracing, and a role that may write only its
 * own logs, its own DLQ, the error table and traces.
 *
 * To monitor a function deployed elsewhere, use `MonitoredFunction.fromFunctionName`:
 * it creates nothing and feeds the alarms and dashboards.
 */
export class MonitoredFunction extends Construct implements IMonitoredFunction, IGrantable {
  /** A function that exists already: monitored only, nothing is created. */
  static fromFunctionName(functionName: string, options: Omit<IMonitoredFunction, "functionName" | "logGroup"> = {}): IMonitoredFunction {
    requireKnownProps("MonitoredFunction.fromFunctionName", "MonitoredFunction.fromFunctionName", { options });
    requireMatch("MonitoredFunction.fromFunctionName", "functionName", functionName, /^[a-zA-Z0-9_-]{1,64}$/, "1-64 letters, digits, _ or -");
    return { functionName, ...options };
  }

  /** The deployed function's name. */
  readonly functionName: string;
  /** The name of its dead-letter queue, `<functionName>-dlq`. */
  readonly deadLetterQueueName: string;
  /** Its timeout in seconds, as deployed. */
  readonly timeoutSeconds: number;
  /** Its memory in MiB, as deployed. */
  readonly memoryMiB: number;
  /** Its reserved concurrency, when it has one. */
  readonly reservedConcurrency?: number;
  /** JSON: the platform report records feed the memory and cold-start metrics, and Powertools' lines keep their fields. */
  readonly logFormat = "JSON" as const;
  /** Its log group's name, `/aws/lambda/<functionName>`. */
  readonly logGroupName: string;
  /** Its handler runs inside withErrorCapture (the bundles of lambda-src do). */
  readonly usesErrorCapture = true;
  /** The Lambda function resource. */
  readonly lambda: LambdaFunction;
  /** The alias resource that points at the published version. */
  readonly alias: LambdaAlias;
  /** The function's execution role: its own logs, its DLQ, PutItem on the error table, traces. */
  readonly role: IamRole;
  /** The log group resource, with its retention. */
  readonly logGroup: CloudwatchLogGroup;
  /** The encrypted dead-letter queue of failed asynchronous events. */
  readonly deadLetterQueue: SqsQueue;
  private readonly statements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: MonitoredFunctionProps) {
    super(scope, id);
    requireNoTemplateSequences("MonitoredFunction", props, ["description", "environmentVariables"]);
    requireKnownProps("MonitoredFunction", "MonitoredFunction", { props });
    validate(props);
    const name = physicalName(this, props.functionName);
    this.functionName = name;
    this.deadLetterQueueName = `${name}-dlq`;

    this.timeoutSeconds = props.timeoutSeconds ?? 30;
    this.memoryMiB = props.memoryMiB ?? 256;
    if (props.reservedConcurrency !== undefined) this.reservedConcurrency = props.reservedConcurrency;
    this.logGroupName = `/aws/lambda/${name}`;
    this.logGroup = new CloudwatchLogGroup(this, "LogGroup", { name: this.logGroupName, retentionInDays: props.logRetentionDays ?? 30 });
    this.deadLetterQueue = new SqsQueue(this, "DeadLetterQueue", {
      name: this.deadLetterQueueName,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: DLQ_RETENTION_SECONDS,
    });

    this.role = new IamRole(this, "Role", {
      name: `${name}-role`,
      description: terraformLiteral(`Execution role of ${name}`),
      assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com"),
    });
    this.addToPrincipalPolicy({
      sid: "WriteOwnLogs",
      actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
      resources: [`${this.logGroup.arn}:*`],
    });
    this.addToPrincipalPolicy({ sid: "SendToOwnDeadLetterQueue", actions: ["sqs:SendMessage"], resources: [this.deadLetterQueue.arn] });
    // X-Ray has no resource-level permissions: "*" is the only resource AWS accepts.
    // X-Ray's write actions support no resource-level permissions: "*" is the narrowest there is.
    if (props.tracing !== false) this.addToPrincipalPolicy({ sid: "WriteTraces", actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources: ["*"] });
    props.errorTable.grantWriteErrors(this);
    const rolePolicy = new IamRolePolicy(this, "RolePolicy", {
      name: `${name}-least-privilege`,
      role: this.role.id,
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
    });

    const archive = packageBundle(this, props.bundleDirectory, name);
    this.lambda = new LambdaFunction(this, "Function", {
      functionName: name,
      ...(props.description ? { description: terraformLiteral(props.description) } : {}),
      role: this.role.arn,
      handler: LAMBDA_HANDLER,
      runtime: props.runtime ?? "nodejs22.x",
      filename: archive.outputPath,
      sourceCodeHash: archive.outputBase64Sha256,
      memorySize: this.memoryMiB,
      timeout: this.timeoutSeconds,
      loggingConfig: { logFormat: this.logFormat, logGroup: this.logGroupName, applicationLogLevel: "INFO", systemLogLevel: "INFO" },
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      publish: true,
      tracingConfig: { mode: props.tracing === false ? "PassThrough" : "Active" },
      deadLetterConfig: { targetArn: this.deadLetterQueue.arn },
      environment: { variables: environmentVariables(props, name) },
      // The log group must exist (with its retention) before the first invocation, or Lambda creates one that keeps logs forever.
      dependsOn: [this.logGroup, rolePolicy],
    });
    this.alias = new LambdaAlias(this, "Alias", {
      name: props.aliasName ?? "live",
      functionName: this.lambda.functionName,
      functionVersion: this.lambda.version,
    });
  }

  /** Adds a statement to the function role's own policy. */
  addToPrincipalPolicy(statement: PolicyStatement): void {
    requireKnownProps("MonitoredFunction.addToPrincipalPolicy", "MonitoredFunction.addToPrincipalPolicy", { statement });
    this.statements.push(statement);
  }
}

/** Names Lambda sets itself and refuses in a function's configuration. */
const RESERVED_VARIABLES = /^(_HANDLER|_X_AMZN_TRACE_ID|AWS_REGION|AWS_DEFAULT_REGION|AWS_EXECUTION_ENV|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_LAMBDA_.*|AWS_XRAY_.*|_AWS_XRAY_.*|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR)$/;

function environmentVariables(props: MonitoredFunctionProps, functionName: string): Record<string, string> {
  const contract: Record<string, string> = {
    [ENV_VARS.errorTableName]: props.errorTable.tableName,
    [ENV_VARS.environment]: props.environment,
    [ENV_VARS.errorRetentionDays]: String(props.errorRetentionDays ?? 30),
    [ENV_VARS.serviceName]: xrayServiceName(functionName),
    ...(props.tracing === false ? { [ENV_VARS.traceEnabled]: "false" } : {}),
    [ENV_VARS.metricsNamespace]: METRIC_NAMESPACE,
    [ENV_VARS.logLevel]: "INFO",
    // Stack traces in error records point at the TypeScript sources.
    NODE_OPTIONS: "--enable-source-maps",
  };
  const clash = Object.keys(props.environmentVariables ?? {}).find((key) => Object.hasOwn(contract, key));
  if (clash) throw new InvalidPropsError(`MonitoredFunction "${props.functionName}"`, "environmentVariables", clash, `a name other than ${Object.keys(contract).join(", ")}`);
  const own = Object.entries(props.environmentVariables ?? {});
  const where = `MonitoredFunction "${props.functionName}"`;
  for (const [key, value] of own) {
    if (RESERVED_VARIABLES.test(key) || !/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) {
      throw new InvalidPropsError(where, "environmentVariables", key, "a name of letters, digits and _ starting with a letter, not one Lambda reserves (AWS_REGION, AWS_LAMBDA_*, _HANDLER, ...)");
    }
    if (typeof value !== "string") throw new InvalidPropsError(where, `environmentVariables.${key}`, value, "a string");
    requireNoTokenMarker(where, `environmentVariables.${key}`, value);
  }
  // Names are identifiers (refused with a template sequence); values are the team's free text, reaching Terraform literally.
  requireNoTemplateSequences(`MonitoredFunction "${props.functionName}"`, own.map(([key]) => key), [], "environmentVariables names");
  return { ...contract, ...Object.fromEntries(own.map(([key, value]) => [key, terraformLiteral(value)])) };
}

/** One package per distinct bundle directory in a stack: functions deployed from the same code share it. */
const packagesByStack = new WeakMap<TerraformStack, Map<string, DataArchiveFile>>();
/**
 * Each bundle directory's content hash, by app. cdktf reads and hashes a
 * directory asset's files when the asset is made (3 ms for a 440 KB
 * bundle), and every stack makes its own asset of a bundle: the first
 * asset's hash serves the stacks after it. A bundle does not change while
 * the app is built (it is built before), and the hash is cdktf's own.
 */
const bundleHashesByApp = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Copies the bundle into the stack's output as an asset and zips it with
 * archive_file at plan time. The zip's file modes are fixed, so its hash (and
 * so the plan) is the same on every machine; paths are relative to the stack
 * directory, so the output holds no path of the checkout. Functions that
 * share a bundle share its asset and zip, created under the first of them.
 */
function packageBundle(scope: Construct, bundleDirectory: string, functionName: string): DataArchiveFile {
  if (!existsSync(join(bundleDirectory, "index.js"))) {
    throw new InvalidPropsError(
      `MonitoredFunction "${functionName}"`,
      "bundleDirectory",
      relative(process.cwd(), bundleDirectory) || ".",
      "a directory holding the built handler, index.js: give the function a source folder (lambda-src/<name>/index.ts) and run `npm run build:lambda` (`npm run synth` does it for you)",
    );
  }
  const stack = TerraformStack.of(scope);
  const packages = packagesByStack.get(stack) ?? new Map<string, DataArchiveFile>();
  packagesByStack.set(stack, packages);
  const key = realpathSync(bundleDirectory);
  const existing = packages.get(key);
  if (existing) return existing;

  ensureArchiveProvider(stack);
  const hashes = bundleHashesByApp.get(stack.node.root) ?? new Map<string, string>();
  bundleHashesByApp.set(stack.node.root, hashes);
  const asset = new TerraformAsset(scope, "Bundle", { path: bundleDirectory, type: AssetType.DIRECTORY, assetHash: hashes.get(key) });
  hashes.set(key, asset.assetHash);
  const archive = new DataArchiveFile(scope, "Package", {
    type: "zip",
    sourceDir: asset.path,
    outputPath: `builds/${functionName}.zip`,
    outputFileMode: ZIP_FILE_MODE,
  });
  packages.set(key, archive);
  return archive;
}

/**
 * A team adding this construct to its own stack need not know it uses the
 * archive provider. Providers are children of the stack, so only those are
 * looked at, and each stack only once (not a tree walk per function).
 */
const stacksWithArchiveProvider = new WeakSet<TerraformStack>();
function ensureArchiveProvider(stack: TerraformStack): void {
  if (stacksWithArchiveProvider.has(stack)) return;
  if (!stack.node.children.some((c) => c instanceof ArchiveProvider)) new ArchiveProvider(stack, "archive");
  stacksWithArchiveProvider.add(stack);
}

function validate(props: MonitoredFunctionProps): void {
  const where = `MonitoredFunction "${props.functionName}"`;
  const { lambda, iam, sqs } = AWS_LIMITS;
  requireName(where, "functionName", props.functionName, { max: lambda.functionNameMaxLength });
  requireName(where, "environment", props.environment, { max: 64 });
  if (props.description !== undefined) {
    requireMaxLength(where, "description", props.description, 256);
    requireNoTokenMarker(where, "description", props.description);
  }
  requireMatch(where, "functionName", props.functionName, /^[a-zA-Z0-9_-]+$/, "letters, digits, _ or -");
  requireMaxLength(where, "functionName", props.functionName, Math.min(lambda.functionNameMaxLength, iam.roleNameMaxLength - "-role".length, sqs.queueNameMaxLength - "-dlq".length));
  if (props.memoryMiB !== undefined) requireIntegerInRange(where, "memoryMiB", props.memoryMiB, lambda.memoryMiB.min, lambda.memoryMiB.max);
  if (props.timeoutSeconds !== undefined) requireIntegerInRange(where, "timeoutSeconds", props.timeoutSeconds, lambda.timeoutSeconds.min, lambda.timeoutSeconds.max);
  if (props.reservedConcurrency !== undefined) requireIntegerInRange(where, "reservedConcurrency", props.reservedConcurrency, 0, 10_000);
  if (props.logRetentionDays !== undefined && !(AWS_LIMITS.logs.retentionDays as readonly number[]).includes(props.logRetentionDays)) {
    throw new InvalidPropsError(where, "logRetentionDays", props.logRetentionDays, `one of ${AWS_LIMITS.logs.retentionDays.join(", ")}`);
  }
  if (props.runtime !== undefined && !/^nodejs(2[0-9]|[3-9][0-9])\.x$/.test(props.runtime)) {
    throw new InvalidPropsError(where, "runtime", props.runtime, "a supported Node.js runtime such as nodejs22.x (nodejs18.x is deprecated)");
  }
}
