/**
 * One synth, in its own process so its peak memory is its own. Prints one
 * JSON line: { synthMs, maxRssMiB, resources, alarms }.
 *
 * Scenarios: "environments" (dev, staging, production); "functions:<n>" (a
 * dev configuration generated with n functions deployed from one bundle); or
 * "distinct-bundles:<n>" (the same, each function with its own copy of the
 * bundle). Copying the bundles for the benchmark is not counted as synth time.
 */
import { App } from "cdktf";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { environmentInput, loadAllEnvironments, parseEnvironment } from "../../environments";
import { withCheapTokenTraces } from "../../token-traces";
import { withFastResolve } from "../../fast-resolve";
import { MonitoringStack } from "../../stacks";
import { BUNDLE_ROOT } from "../../paths";

const started = performance.now();
let setupMs = 0;
const scenario = process.argv[2] ?? "environments";
const outdir = mkdtempSync(join(tmpdir(), "bench-synth-"));
const app = new App({ outdir });

// As main.ts runs the app.
withCheapTokenTraces(() => {
  if (scenario === "environments") {
    for (const config of loadAllEnvironments()) new MonitoringStack(app, `monitoring-${config.name}`, { config, bundleRoot: BUNDLE_ROOT });
  } else {
    const count = Number(scenario.split(":")[1]);
    const template = environmentInput("dev").functions[0]!;
    // Each generated function serves its own route, so the HTTP API grows with the estate as a real one would.
    const functions = Array.from({ length: count }, (_, i) => {
      const name = `fn-${String(i + 1).padStart(3, "0")}`;
      return { ...template, name, httpRoute: `POST /${name}` };
    });
    // Every generated function packages the real user-service bundle: linked (one bundle shared) or copied (one each).
    const setupStarted = performance.now();
    const bundleRoot = join(outdir, "bundles");
    mkdirSync(bundleRoot);
    const distinct = scenario.startsWith("distinct-bundles:");
    for (const fn of functions) {
      if (distinct) cpSync(join(BUNDLE_ROOT, "user-service"), join(bundleRoot, fn.name), { recursive: true });
      else symlinkSync(join(BUNDLE_ROOT, "user-service"), join(bundleRoot, fn.name), "dir");
    }
    setupMs = performance.now() - setupStarted;
    const config = parseEnvironment("dev", { ...environmentInput("dev"), functions });
    new MonitoringStack(app, "monitoring-dev", { config, bundleRoot });
  }
  withFastResolve(() => app.synth());
});
const synthMs = performance.now() - started - setupMs;

let resources = 0;
let alarms = 0;
for (const stack of readdirSync(join(outdir, "stacks"))) {
  const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as { resource: Record<string, object> };
  for (const [type, byId] of Object.entries(json.resource)) {
    resources += Object.keys(byId).length;
    if (type.startsWith("aws_cloudwatch_") && type.endsWith("_alarm")) alarms += Object.keys(byId).length;
  }
}
// The parent removes the output after the run, so deleting it is not timed as synth.
console.log(JSON.stringify({ synthMs, setupMs, maxRssMiB: process.resourceUsage().maxRSS / 1024, resources, alarms, outdir }));
