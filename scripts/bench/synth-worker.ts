/**
 * One synth, in its own process so its peak memory is its own. Prints one
 * JSON line: { synthMs, maxRssMiB, resources, alarms }.
 *
 * Scenarios: "environments" (dev, staging, production) or "functions:<n>"
 * (a dev configuration generated with n monitored functions).
 */
import { App } from "cdktf";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { environmentInput, loadAllEnvironments, parseEnvironment } from "../../environments";
import { MonitoringStack } from "../../stacks";
import { BUNDLE_ROOT } from "../../paths";

const started = performance.now();
const scenario = process.argv[2] ?? "environments";
const outdir = mkdtempSync(join(tmpdir(), "bench-synth-"));
const app = new App({ outdir });

if (scenario === "environments") {
  for (const config of loadAllEnvironments()) new MonitoringStack(app, `monitoring-${config.name}`, { config, bundleRoot: BUNDLE_ROOT });
} else {
  const count = Number(scenario.split(":")[1]);
  const template = environmentInput("dev").functions[0]!;
  const functions = Array.from({ length: count }, (_, i) => ({ ...template, name: `fn-${String(i + 1).padStart(3, "0")}` }));
  // Every generated function packages the real user-service bundle, linked under its own name.
  const bundleRoot = join(outdir, "bundles");
  mkdirSync(bundleRoot);
  for (const fn of functions) symlinkSync(join(BUNDLE_ROOT, "user-service"), join(bundleRoot, fn.name), "dir");
  const config = parseEnvironment("dev", { ...environmentInput("dev"), functions });
  new MonitoringStack(app, "monitoring-dev", { config, bundleRoot });
}
app.synth();
const synthMs = performance.now() - started;

let resources = 0;
let alarms = 0;
for (const stack of readdirSync(join(outdir, "stacks"))) {
  const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as { resource: Record<string, object> };
  for (const [type, byId] of Object.entries(json.resource)) {
    resources += Object.keys(byId).length;
    if (type.startsWith("aws_cloudwatch_") && type.endsWith("_alarm")) alarms += Object.keys(byId).length;
  }
}
rmSync(outdir, { recursive: true, force: true });
console.log(JSON.stringify({ synthMs, maxRssMiB: process.resourceUsage().maxRSS / 1024, resources, alarms }));
