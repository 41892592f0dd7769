/**
 * The DynamoDB SDK is withErrorCapture's largest dependency, and a function
 * that never fails never needs it: it is loaded at the first failure. The
 * real runtime runs in a child Node process (tsx, the modules loaded by
 * Node's own loader), and the SDK's modules are counted in require.cache
 * after each step. The first failure's write goes to a closed local port, so
 * the record goes to the log: what is checked is what was loaded.
 */
import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../paths";

/** A local port nothing listens on: bound, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const SCRIPT = `
const { withErrorCapture } = require(${JSON.stringify(join(PROJECT_ROOT, "lambda-src", "shared", "index.ts"))});
const sdkModules = () => Object.keys(require.cache).filter((file) => /[\\\\/]@aws-sdk[\\\\/](client-dynamodb|lib-dynamodb)[\\\\/]/.test(file)).length;
const context = { functionName: "lazy", awsRequestId: "r-1", getRemainingTimeInMillis: () => 60000 };
(async () => {
  const counts = { start: sdkModules() };
  const succeeding = withErrorCapture(async () => ({ ok: true }), { writeTimeoutMs: 1000 });
  counts.wrapped = sdkModules();
  await succeeding({}, context);
  await succeeding({}, context);
  counts.afterSuccesses = sdkModules();
  const failing = withErrorCapture(async () => { throw new Error("first failure"); }, { writeTimeoutMs: 1000 });
  await failing({}, context).catch(() => undefined);
  counts.afterFailure = sdkModules();
  await failing({}, context).catch(() => undefined);
  counts.afterSecondFailure = sdkModules();
  process.stderr.write("COUNTS " + JSON.stringify(counts) + "\\n");
})();
`;

test("the DynamoDB client loads at the first failure only: not when the handler is wrapped, not on success (require.cache of a real run)", async () => {
  const port = await closedPort();
  const result = spawnSync(process.execPath, ["--import", "tsx", "-e", SCRIPT], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      ERROR_TABLE_NAME: "error-logs-lazy",
      ENVIRONMENT: "test",
      POWERTOOLS_TRACE_ENABLED: "false",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}`,
    },
  });
  const line = /COUNTS (.+)/.exec(result.stderr)?.[1];
  if (!line) throw new Error(`the child did not report: status ${result.status}\n${result.stderr}`);
  const counts = JSON.parse(line) as Record<string, number>;
  expect({ start: counts["start"], wrapped: counts["wrapped"], afterSuccesses: counts["afterSuccesses"] }).toEqual({ start: 0, wrapped: 0, afterSuccesses: 0 });
  expect(counts["afterFailure"]).toBeGreaterThan(0);
  // Loaded once: the second failure reuses the cached modules and client.
  expect(counts["afterSecondFailure"]).toBe(counts["afterFailure"]);
});
