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
