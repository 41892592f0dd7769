/**
 * One synth of a generated estate, in its own process so its peak memory is
 * its own, for `npm run bench:estate`. Prints one JSON line:
 * { synthMs, setupMs, maxRssMiB, outdir }.
 *
 * Usage: estate-worker.ts <functions> <stacks>
 *   <stacks> = 1: every function in one EstateShardStack; otherwise the
 *   functions split evenly over that many shards. Both beside the
 *   EstateSharedStack the shards read their topics and table from.
 */
import { App } from "cdktf";
import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { environmentInput, parseEnvironment } from "../../environments";
import { withFastResolve } from "../../modules/synth-speed/fast-resolve";
import { EstateShardStack, EstateSharedStack, splitByKey } from "../../stacks";
import { BUNDLE_ROOT } from "../../paths";

const started = performance.now();
const functionCount = Number(process.argv[2]);
const stackCount = Number(process.argv[3]);
const outdir = mkdtempSync(join(tmpdir(), "bench-estate-"));

const setupStarted = performance.now();
const template = environmentInput("dev").functions[0]!;
// No HTTP routes: an HTTP API takes 300 routes, and a shard is about functions and their alarms.
const functions = Array.from({ length: functionCount }, (_, i) => ({ ...template, name: `fn-${String(i + 1).padStart(4, "0")}`, httpRoute: undefined, capability: undefined, businessMetrics: undefined }));
const bundleRoot = join(outdir, "bundles");
mkdirSync(bundleRoot);
for (const fn of functions) symlinkSync(join(BUNDLE_ROOT, "user-service"), join(bundleRoot, fn.name), "dir");
const config = parseEnvironment("dev", { ...environmentInput("dev"), functions, capabilities: {}, apis: { ...environmentInput("dev").apis, routes: {} } });
const perShard = Math.ceil(functionCount / stackCount);
const setupMs = performance.now() - setupStarted;

const app = new App({ outdir });
new EstateSharedStack(app, "shared", { config: { ...config, accountId: "123456789012" }, statePath: "dev/shared" });
// The team key: function i belongs to team floor(i / perShard), so each team is one shard.
const shards = splitByKey(config.functions, { keyOf: (fn) => `team-${Math.floor((Number(fn.name.slice(3)) - 1) / perShard) + 1}`, resourcesPerFunction: 1, maxResourcesPerStack: Number.MAX_SAFE_INTEGER });
for (const shard of shards) {
  new EstateShardStack(app, shard.key, { config: { ...config, functions: [...shard.functions] }, environment: config, statePath: `dev/shards/${shard.key}`, shardKey: shard.key, bundleRoot });
}
withFastResolve(() => app.synth());
const synthMs = performance.now() - started - setupMs;
console.log(JSON.stringify({ synthMs, setupMs, maxRssMiB: process.resourceUsage().maxRSS / 1024, outdir }));
