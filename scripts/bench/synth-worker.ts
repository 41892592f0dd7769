/**
 * One synth, in its own process so its peak memory is its own. Prints one
 * JSON line: { synthMs, setupMs, maxRssMiB, outdir }. The parent counts
 * what the output holds, after the process has ended: reading 20 MB of JSON
 * back is no part of a synth.
 *
 * Scenarios: "environments" (dev, staging, production); "functions:<n>" (a
 * dev configuration generated with n functions deployed from one bundle); or
 * "distinct-bundles:<n>" (the same, each function with its own copy of the
 * bundle). Copying the bundles for the benchmark is not counted as synth time.
 */
import { App } from "cdktf";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { environmentInput, loadAllEnvironments, parseEnvironment, type EnvironmentConfig } from "../../environments";
import { withFastResolve, withTokenTracesOnFailure } from "@serverless-monitoring/constructs";
import { MonitoringStack } from "../../stacks";
import { BUNDLE_ROOT } from "../../paths";

const started = performance.now();
const scenario = process.argv[2] ?? "environments";
// Under the cdktf CLI (scripts/bench-consumer.ts runs it so), the output goes where the CLI says and the
// generated bundles to a folder of their own, removed at exit; else both to a folder the parent removes.
const cliOutdir = process.env["CDKTF_OUTDIR"];
const outdir = cliOutdir ?? mkdtempSync(join(tmpdir(), "bench-synth-"));
const scratch = cliOutdir ? mkdtempSync(join(tmpdir(), "bench-bundles-")) : outdir;
if (cliOutdir) process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

/** The generated configuration's functions, each packaging the real user-service bundle: linked (one bundle shared) or copied (one each). */
function generatedEstate(count: number, distinct: boolean): { config: EnvironmentConfig; bundleRoot: string } {
  const template = environmentInput("dev").functions[0]!;
  // Each generated function serves its own route, so the HTTP API grows with the estate as a real one would.
  const functions = Array.from({ length: count }, (_, i) => {
    const name = `fn-${String(i + 1).padStart(3, "0")}`;
    return { ...template, name, httpRoute: `POST /${name}` };
  });
  const bundleRoot = join(scratch, "bundles");
  mkdirSync(bundleRoot);
  for (const fn of functions) {
    if (distinct) cpSync(join(BUNDLE_ROOT, "user-service"), join(bundleRoot, fn.name), { recursive: true });
    else symlinkSync(join(BUNDLE_ROOT, "user-service"), join(bundleRoot, fn.name), "dir");
  }
  // dev's per-route settings name the reference functions' routes, which no generated function serves.
  const input = environmentInput("dev");
  return { config: parseEnvironment("dev", { ...input, functions, ...(input.apis ? { apis: { ...input.apis, routes: {} } } : {}) }), bundleRoot };
}

const setupStarted = performance.now();
const estate = scenario === "environments" ? undefined : generatedEstate(Number(scenario.split(":")[1]), scenario.startsWith("distinct-bundles:"));
const setupMs = performance.now() - setupStarted;

// As main.ts runs the app.
withTokenTracesOnFailure(() => {
  const app = new App({ outdir });
  if (estate) new MonitoringStack(app, "monitoring-dev", { config: estate.config, bundleRoot: estate.bundleRoot });
  else for (const config of loadAllEnvironments()) new MonitoringStack(app, `monitoring-${config.name}`, { config, bundleRoot: BUNDLE_ROOT });
  withFastResolve(() => app.synth());
});
const synthMs = performance.now() - started - setupMs;

// The parent removes the output after the run, so deleting it is not timed as synth.
console.log(JSON.stringify({ synthMs, setupMs, maxRssMiB: process.resourceUsage().maxRSS / 1024, outdir }));
