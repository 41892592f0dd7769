import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BUNDLE_ROOT } from "../../paths";
import { functionEnvironment, resetEnvironment } from "./support/environment";
import { startLocalDynamoDb } from "./support/local-dynamodb";

describe("the built bundles (dist/lambda, as deployed)", () => {
  afterEach(() => resetEnvironment());

  test("the source map keeps only the project's sources", () => {
    const map = JSON.parse(readFileSync(join(BUNDLE_ROOT, "payment-handler", "index.js.map"), "utf8")) as { sources: string[] };
    expect(map.sources.length).toBeGreaterThan(5);
    for (const source of map.sources) expect(source).toMatch(/^(\.\.\/)+lambda-src\//);
  });

  test("the DynamoDB and X-Ray SDKs are files beside index.js, parsed only when required: the DynamoDB SDK at the first failure, the X-Ray SDK at the first sampled invocation (a real run's require.cache)", () => {
    const dir = join(BUNDLE_ROOT, "payment-handler");
    const index = readFileSync(join(dir, "index.js"), "utf8");
    // What each SDK's code holds, and the bundle must not.
    expect({ dynamodb: index.includes("DynamoDB_20120810"), xray: index.includes("AWS_XRAY_DAEMON_ADDRESS") }).toEqual({ dynamodb: false, xray: false });
    expect(readFileSync(join(dir, "dynamodb-sdk.js"), "utf8")).toContain("DynamoDB_20120810");
    expect(readFileSync(join(dir, "tracer-sdk.js"), "utf8")).toContain("AWS_XRAY_DAEMON_ADDRESS");
    // Port 9 refuses connections at once: the failure's record goes to the log.
    functionEnvironment({ endpoint: "http://127.0.0.1:9", serviceName: "payment-handler-test", simulationRate: "1" });
    const script = `
      const loaded = () => Object.keys(require.cache).map((f) => require("node:path").basename(f)).filter((f) => f.endsWith("-sdk.js")).sort();
      const { handler } = require(${JSON.stringify(join(dir, "index.js"))});
      const context = { functionName: "payment-handler-test", awsRequestId: "r-3", getRemainingTimeInMillis: () => 1000 };
      const steps = { loaded: loaded() };
      (async () => {
        process.env._X_AMZN_TRACE_ID = "Root=1-6742f0a1-5b3c4d2e1f0a9b8c7d6e5f4a;Parent=53995c3f42cd8a01;Sampled=0";
        await handler({}, context).catch(() => undefined);
        steps.unsampledFailure = loaded();
        process.env._X_AMZN_TRACE_ID = "Root=1-6742f0a1-5b3c4d2e1f0a9b8c7d6e5f4a;Parent=53995c3f42cd8a02;Sampled=1";
        await handler({}, context).catch(() => undefined);
        steps.sampledFailure = loaded();
        process.stderr.write("STEPS>" + JSON.stringify(steps) + "\\n");
      })();`;
    const env = { ...process.env, AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x", LAMBDA_TASK_ROOT: "/var/task", AWS_LAMBDA_FUNCTION_NAME: "payment-handler-test", AWS_XRAY_CONTEXT_MISSING: "IGNORE_ERROR", AWS_XRAY_DAEMON_ADDRESS: "127.0.0.1:9" };
    const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", env });
    const line = /STEPS>(.+)/.exec(result.stderr)?.[1];
    if (!line) throw new Error(`the bundle did not report: status ${result.status}\n${result.stderr.slice(-2000)}`);
    expect(JSON.parse(line)).toEqual({ loaded: [], unsampledFailure: ["dynamodb-sdk.js"], sampledFailure: ["dynamodb-sdk.js", "tracer-sdk.js"] });
  });

  test("with --enable-source-maps (as the function runs), a failure's stack points at the TypeScript source", () => {
    // Port 9 refuses connections at once: the record goes to the log and the original error is thrown.
    functionEnvironment({ endpoint: "http://127.0.0.1:9", serviceName: "payment-handler-test", simulationRate: "1" });
    const script = `
      const { handler } = require(${JSON.stringify(join(BUNDLE_ROOT, "payment-handler", "index.js"))});
      const context = { functionName: "payment-handler-test", awsRequestId: "r-1", getRemainingTimeInMillis: () => 1000 };
      handler({}, context).catch((error) => { process.stderr.write("STACK>" + error.stack); });`;
    const result = spawnSync(process.execPath, ["--enable-source-maps", "-e", script], { encoding: "utf8", env: process.env });
    const stack = result.stderr.slice(result.stderr.indexOf("STACK>"));
    expect(stack).toContain("SimulatedFailureError: Simulated failure (ERROR_SIMULATION_RATE=1)");
    expect(stack).toMatch(/lambda-src\/simulation\/index\.ts:\d+:\d+/);
  });

  test("the bundle signs its write with Lambda's credentials (environment variables) and the record lands in the table", async () => {
    const db = await startLocalDynamoDb();
    try {
      await db.createErrorTable("error-logs-test");
      functionEnvironment({ endpoint: db.endpoint, serviceName: "payment-handler-test", simulationRate: "1" });
      const script = `
        const { handler } = require(${JSON.stringify(join(BUNDLE_ROOT, "payment-handler", "index.js"))});
        const context = { functionName: "payment-handler-test", awsRequestId: "r-2", getRemainingTimeInMillis: () => 5000 };
        handler({}, context).catch(() => undefined);`;
      // Asynchronously: dynalite runs in this process and must answer while the bundle waits.
      const result = await promisify(execFile)(process.execPath, ["-e", script], { encoding: "utf8", env: process.env });
      const line = `${result.stdout}\n${result.stderr}`.split("\n").find((l) => l.includes('"Invocation failed"'));
      expect(JSON.parse(line!)).toMatchObject({ errorRecordPersisted: true });
      const items = await db.client.send(new ScanCommand({ TableName: "error-logs-test" }));
      expect(items.Count).toBe(1);
    } finally {
      await db.stop();
    }
  });
});
