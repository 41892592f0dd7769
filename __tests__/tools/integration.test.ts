import type { Context } from "aws-lambda";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDbErrorRecordQuery } from "../../tools/integration/aws";
import { runIntegrationChecks, type AlarmInspector, type AlertPublisher, type FunctionInvoker } from "../../tools/integration/checks";
import { parseStackOutputs } from "../../tools/integration/outputs";
import { runEntry } from "../entries";
import { captureOutput } from "../lambda-src/support/captured-output";
import { functionEnvironment, resetEnvironment } from "../lambda-src/support/environment";
import { fakeLambdaContext } from "../lambda-src/support/lambda-context";
import { startLocalDynamoDb, TEST_CREDENTIALS, TEST_REGION, type LocalDynamoDb } from "../lambda-src/support/local-dynamodb";

const ROOT = join(__dirname, "..", "..");

describe("stack outputs", () => {
  const outputs = { ErrorLogsTableName: "error-logs-dev", AlertTopicArn: "arn:aws:sns:us-east-1:1:monitoring-alerts-dev", FunctionNames: { "user-service": "user-service-dev" } };
  const expected = { errorLogsTableName: "error-logs-dev", alertTopicArn: "arn:aws:sns:us-east-1:1:monitoring-alerts-dev", functionNames: { "user-service": "user-service-dev" } };

  test("reads cdktf's --outputs-file format", () => {
    expect(parseStackOutputs({ "monitoring-dev": outputs }, "monitoring-dev", "outputs.json")).toEqual(expected);
  });

  test("reads terraform output -json format", () => {
    const terraform = Object.fromEntries(Object.entries(outputs).map(([k, value]) => [k, { sensitive: false, type: "string", value }]));
    expect(parseStackOutputs(terraform, "monitoring-dev", "outputs.json")).toEqual(expected);
  });

  test("names the outputs that are missing", () => {
    expect(() => parseStackOutputs({ "monitoring-dev": { ErrorLogsTableName: "x" } }, "monitoring-dev", "o.json")).toThrow(/o\.json: missing output\(s\) AlertTopicArn, FunctionNames of stack monitoring-dev/);
  });
});

describe("integration checks (Lambda, SNS and CloudWatch as doubles; error records in dynalite)", () => {
  let db: LocalDynamoDb;
  beforeEach(async () => {
    db = await startLocalDynamoDb();
    await db.createErrorTable("error-logs-it");
  });
  afterEach(async () => {
    resetEnvironment();
    await db.stop();
  });

  /** Invokes the real order-processor handler in this process, half of the time failing by simulation (a double of Lambda's Invoke). */
  function inProcessInvoker(): FunctionInvoker {
    functionEnvironment({ endpoint: db.endpoint, tableName: "error-logs-it", serviceName: "order-processor-it", simulationRate: "0.5" });
    let handler: (event: unknown, context: Context) => Promise<unknown>;
    jest.isolateModules(() => {
      handler = require("../../lambda-src/order-processor").handler;
    });
    return {
      invoke: async (functionName, payload) => {
        try {
          await handler(payload, fakeLambdaContext(functionName));
          return { failed: false };
        } catch {
          return { failed: true };
        }
      },
    };
  }

  const publisher: AlertPublisher = { publish: async () => "message-1" };
  const alarms = (states: Record<string, string>): AlarmInspector => ({ states: async (names) => new Map(names.filter((n) => n in states).map((n) => [n, states[n]!])) });
  const { DynamoDBClient } = jest.requireActual("@aws-sdk/client-dynamodb");

  test("every check passes when records are written and every alarm exists", async () => {
    const output = captureOutput();
    try {
      const results = await runIntegrationChecks(
        { environment: "it", alertTopicArn: "arn:aws:sns:us-east-1:1:t", functions: [{ functionName: "order-processor-it", event: require(join(ROOT, "lambda-src/order-processor/sample-event.json")) }], alarmNames: ["a", "b"], recordWaitMs: 2000 },
        {
          invoker: inProcessInvoker(),
          errorRecords: new DynamoDbErrorRecordQuery("error-logs-it", new DynamoDBClient({ endpoint: db.endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS })),
          publisher,
          alarms: alarms({ a: "OK", b: "INSUFFICIENT_DATA" }),
        },
      );
      expect(results.map((r) => [r.check, r.ok])).toEqual([
        ["invoke order-processor-it x10", true],
        ["error records of order-processor-it queryable through FunctionNameIndex", true],
        ["publish a test message to the alert topic", true],
        ["all 2 alarms exist in a valid state", true],
      ]);
      const failed = Number(/(\d+) failed/.exec(results[0]!.detail)![1]);
      expect(results[1]!.detail).toBe(`${failed} records for ${failed} failed invocations`);
    } finally {
      output.restore();
    }
  });

  test("a missing alarm and absent error records fail their checks", async () => {
    const results = await runIntegrationChecks(
      { environment: "it", alertTopicArn: "t", functions: [{ functionName: "f", event: {} }], alarmNames: ["a", "gone"], recordWaitMs: 0 },
      {
        invoker: { invoke: async () => ({ failed: true }) },
        errorRecords: { countSince: async () => 0 },
        publisher,
        alarms: alarms({ a: "ALARM" }),
        sleep: async () => undefined,
      },
    );
    expect(results.filter((r) => !r.ok).map((r) => r.detail)).toEqual(["0 records for 10 failed invocations", "missing: gone; in ALARM now: a; 1 found"]);
  });
});

describe("integration checks without invocations (--skip-invoke)", () => {
  test("no function is invoked; the error table's index is still queried, expecting no failures", async () => {
    const queried: string[] = [];
    const results = await runIntegrationChecks(
      { environment: "it", alertTopicArn: "t", functions: [{ functionName: "f", event: {} }], alarmNames: ["a"], invoke: false },
      {
        invoker: { invoke: async () => Promise.reject(new Error("must not be invoked")) },
        errorRecords: { countSince: async (name) => (queried.push(name), 0) },
        publisher: { publish: async () => "m" },
        alarms: { states: async () => new Map([["a", "OK"]]) },
      },
    );
    expect(queried).toEqual(["f"]);
    expect(results.map((r) => [r.check, r.ok, r.detail])).toEqual([
      ["error records of f queryable through FunctionNameIndex", true, "0 records for 0 failed invocations"],
      ["publish a test message to the alert topic", true, "message m"],
      ["all 1 alarms exist in a valid state", true, "1 found"],
    ]);
  });
});

describe("test:integration command", () => {
  test("without credentials it stops with a clear message, not a stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "it-"));
    try {
      const outputs = join(dir, "outputs.json");
      writeFileSync(outputs, JSON.stringify({ "monitoring-dev": { ErrorLogsTableName: "e", AlertTopicArn: "a", FunctionNames: {} } }));
      // The checks stop at the credentials, before reading any resource: an empty stack is enough.
      mkdirSync(join(dir, "out", "stacks", "monitoring-dev"), { recursive: true });
      writeFileSync(join(dir, "out", "stacks", "monitoring-dev", "cdk.tf.json"), JSON.stringify({ resource: {} }));
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
      const result = runEntry("tools/integration/cli.ts", ["--env", "dev", "--outputs", outputs, "--synth-dir", join(dir, "out")], {
        env: { ...env, AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: join(dir, "none"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "none"), HOME: dir },
      });
      expect(result.stderr.trim()).toBe(
        "test:integration: no AWS credentials found. Set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or run where a role is available (the deploy workflow's OIDC role), then run again.",
      );
      expect(result.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
