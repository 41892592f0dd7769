import { DataArchiveFile } from "@cdktf/provider-archive/lib/data-archive-file";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaAlias } from "@cdktf/provider-aws/lib/lambda-alias";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { AssetType, TerraformAsset, Testing, TerraformStack } from "cdktf";
import { join } from "node:path";
import { ErrorTable, InvalidPropsError, MonitoredFunction } from "@serverless-monitoring/constructs";
import { BUNDLE_ROOT } from "../helpers";
import "../cdktf-matchers";

function synthFunction(props: Partial<ConstructorParameters<typeof MonitoredFunction>[2]> = {}): string {
  return Testing.synthScope((scope) => {
    const table = new ErrorTable(scope, "errors", { tableName: "error-logs-test" });
    new MonitoredFunction(scope, "fn", {
      functionName: "user-service-test",
      bundleDirectory: join(BUNDLE_ROOT, "user-service"),
      environment: "test",
      errorTable: table,
      ...props,
    });
  });
}

describe("MonitoredFunction", () => {
  test("creates the function with tracing, DLQ, version and defaults", () => {
    const synth = synthFunction();
    expect(synth).toHaveResourceWithProperties(LambdaFunction, {
      function_name: "user-service-test",
      runtime: "nodejs22.x",
      handler: "index.handler",
      memory_size: 256,
      timeout: 30,
      publish: true,
      tracing_config: { mode: "Active" },
    });
    expect(synth).toHaveResourceWithProperties(LambdaAlias, { name: "live" });
    expect(synth).toHaveResourceWithProperties(SqsQueue, {
      name: "user-service-test-dlq",
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 1209600,
    });
    expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/lambda/user-service-test", retention_in_days: 30 });
  });

  test("packages the bundle with a fixed file mode and paths relative to the stack", () => {
    const synth = synthFunction();
    expect(synth).toHaveDataSourceWithProperties(DataArchiveFile, {
      type: "zip",
      output_file_mode: "0644",
      output_path: "builds/user-service-test.zip",
    });
    const archive = Object.values(JSON.parse(synth).data.archive_file)[0] as { source_dir: string };
    expect(archive.source_dir).toMatch(/^assets\//);
    expect(synth).not.toContain(BUNDLE_ROOT);
  });

  test("sets the contract's environment variables", () => {
    const synth = synthFunction({ errorRetentionDays: 14, environmentVariables: { ERROR_SIMULATION_RATE: "0.07" } });
    const fn = Object.values(JSON.parse(synth).resource.aws_lambda_function)[0] as { environment: { variables: Record<string, string> } };
    expect(fn.environment.variables).toMatchObject({
      ENVIRONMENT: "test",
      ERROR_SIMULATION_RATE: "0.07",
      ERROR_RETENTION_DAYS: "14",
      POWERTOOLS_SERVICE_NAME: "user-service-test",
      POWERTOOLS_METRICS_NAMESPACE: "ServerlessMonitoring",
    });
    expect(fn.environment.variables.ERROR_TABLE_NAME).toMatch(/^\$\{aws_dynamodb_table\..+\.name\}$/);
  });

  test("the function depends on its log group, so Lambda never creates one without retention", () => {
    const fn = Object.values(JSON.parse(synthFunction()).resource.aws_lambda_function)[0] as { depends_on: string[] };
    expect(fn.depends_on.some((d) => d.startsWith("aws_cloudwatch_log_group."))).toBe(true);
  });

  test("adds the archive provider to a stack that has none", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "team-stack");
    const table = new ErrorTable(stack, "errors", { tableName: "error-logs-team" });
    new MonitoredFunction(stack, "a", { functionName: "a-team", bundleDirectory: join(BUNDLE_ROOT, "user-service"), environment: "team", errorTable: table });
    new MonitoredFunction(stack, "b", { functionName: "b-team", bundleDirectory: join(BUNDLE_ROOT, "order-processor"), environment: "team", errorTable: table });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.provider.archive).toHaveLength(1);
  });

  test("functions deployed from the same bundle share one asset and one zip", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "shared-code");
    const table = new ErrorTable(stack, "errors", { tableName: "error-logs-team" });
    for (const name of ["tenant-a", "tenant-b", "tenant-c"]) {
      new MonitoredFunction(stack, name, { functionName: name, bundleDirectory: join(BUNDLE_ROOT, "user-service"), environment: "team", errorTable: table });
    }
    new MonitoredFunction(stack, "other", { functionName: "other", bundleDirectory: join(BUNDLE_ROOT, "order-processor"), environment: "team", errorTable: table });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(json.data.archive_file)).toHaveLength(2);
    const hashes = new Set(Object.values(json.resource.aws_lambda_function).map((f) => (f as { source_code_hash: string }).source_code_hash));
    expect(hashes.size).toBe(2);
  });

  test("the stacks of one app read a shared bundle once for its hash, and the hash is the one cdktf computes", () => {
    const bundle = join(BUNDLE_ROOT, "user-service");
    // The module object cdktf calls, not the copy an import would bind.
    const reads = jest.spyOn(jest.requireActual<typeof import("node:fs")>("node:fs"), "readFileSync");
    try {
      const app = Testing.app();
      const stacks = ["dev", "prod"].map((environment) => {
        const stack = new TerraformStack(app, `team-${environment}`);
        const table = new ErrorTable(stack, "errors", { tableName: `error-logs-${environment}` });
        new MonitoredFunction(stack, "api", { functionName: `api-${environment}`, bundleDirectory: bundle, environment, errorTable: table });
        return stack;
      });
      expect(reads.mock.calls.filter(([file]) => file === join(bundle, "index.js"))).toHaveLength(1);
      const assetHashes = stacks.map((stack) => (Object.values(JSON.parse(Testing.synth(stack)).data.archive_file)[0] as { source_dir: string }).source_dir.split("/").pop());
      const ownHash = new TerraformAsset(new TerraformStack(Testing.app(), "fresh"), "bundle", { path: bundle, type: AssetType.DIRECTORY }).assetHash;
      expect(assetHashes).toEqual([ownHash, ownHash]);
    } finally {
      reads.mockRestore();
    }
  });

  test.each([
    [{ memoryMiB: 64 }, 'MonitoredFunction "user-service-test": memoryMiB is 64; allowed: an integer from 128 to 10240.'],
    [{ timeoutSeconds: 901 }, 'MonitoredFunction "user-service-test": timeoutSeconds is 901; allowed: an integer from 1 to 900.'],
    [{ runtime: "nodejs18.x" }, 'MonitoredFunction "user-service-test": runtime is "nodejs18.x"; allowed: a supported Node.js runtime such as nodejs22.x (nodejs18.x is deprecated).'],
    [{ logRetentionDays: 10 }, expect.stringContaining('logRetentionDays is 10; allowed: one of 1, 3, 5, 7')],
    [{ environmentVariables: { ERROR_TABLE_NAME: "other" } }, expect.stringContaining('environmentVariables is "ERROR_TABLE_NAME"; allowed: a name other than')],
  ])("rejects %p", (props, message) => {
    let thrown: unknown;
    try {
      synthFunction(props);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidPropsError);
    expect((thrown as Error).message).toEqual(message);
  });

  test("a missing bundle says how to build it", () => {
    expect(() => synthFunction({ bundleDirectory: join(BUNDLE_ROOT, "no-such-function") })).toThrow('bundleDirectory is "dist/lambda/no-such-function"; allowed: a directory holding the built handler, index.js: give the function a source folder (lambda-src/<name>/index.ts) and run `npm run build:lambda`');
  });

  test("fromFunctionName monitors an existing function and creates nothing", () => {
    const existing = MonitoredFunction.fromFunctionName("legacy-billing", { deadLetterQueueName: "legacy-billing-dlq" });
    expect(existing).toEqual({ functionName: "legacy-billing", deadLetterQueueName: "legacy-billing-dlq" });
    expect(() => MonitoredFunction.fromFunctionName("bad name!")).toThrow('MonitoredFunction.fromFunctionName: functionName is "bad name!"; allowed: 1-64 letters, digits, _ or -.');
  });
});
