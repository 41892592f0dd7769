/**
 * `npm run bench:estate`: a large estate in one stack against the same estate
 * split over several (stacks/estate-split.ts), side by side:
 * synth time and peak memory (a fresh process per run, medians), resources
 * per stack, and the time of one stack's `terraform plan` against moto with
 * the real provider (and terraform's own peak memory).
 *
 * Usage:
 *   npm run bench:estate                                   # 5,000 functions, 10 stacks, 3 synth runs, 1 plan each
 *   npm run bench:estate -- --functions 500 --stacks 10 --runs 5 --plan-runs 3
 *   npm run bench:estate -- --plan-timeout-minutes 30      # the one-stack plan is bounded (default 20)
 *   npm run bench:estate -- --no-plan
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { PROJECT_ROOT } from "../paths";
import { buildLambdas } from "./build-lambda";
import { median } from "./bench/stats";
import { startMotoServer } from "./terraform-e2e/moto-server";
import { findProviderMirror, writeCliConfig, type ProviderMirror } from "./terraform-e2e/terraform";
import { prepareWorkspace } from "./terraform-e2e/workspace";

const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface SynthRun {
  readonly synthMs: number;
  readonly wallMs: number;
  readonly maxRssMiB: number;
  readonly outdir: string;
}

function synthOnce(functions: number, stacks: number): SynthRun {
  const started = performance.now();
  const child = spawnSync(process.execPath, ["--max-old-space-size=12288", join(PROJECT_ROOT, "modules", "synth-speed", "run-compiled.cjs"), join(PROJECT_ROOT, "scripts", "bench", "estate-worker.ts"), String(functions), String(stacks)], {
    encoding: "utf8",
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`synth of ${functions} functions in ${stacks} stacks failed:\n${child.stderr.slice(-4000)}`);
  const result = JSON.parse(child.stdout.trim().split("\n").pop()!) as { synthMs: number; setupMs: number; maxRssMiB: number; outdir: string };
  return { synthMs: result.synthMs, wallMs: processMs - result.setupMs, maxRssMiB: result.maxRssMiB, outdir: result.outdir };
}

/** Resources of each stack in a synth's output, by stack. */
function resourcesPerStack(outdir: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const stack of readdirSync(join(outdir, "stacks"))) {
    const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as { resource: Record<string, object> };
    counts.set(stack, Object.values(json.resource).reduce((n, byId) => n + Object.keys(byId).length, 0));
  }
  return counts;
}

interface PlanRun {
  readonly ms?: number;
  readonly maxRssMiB?: number;
  readonly failure?: string;
}

/** `terraform plan` of one synthesized stack against moto, timed, with terraform's peak memory from /usr/bin/time. */
async function planOnce(stackDir: string, mirror: ProviderMirror, endpoint: string, cliConfig: string, pluginCache: string, timeoutMs: number): Promise<PlanRun> {
  const workDir = mkdtempSync(join(tmpdir(), "bench-plan-"));
  try {
    const json = prepareWorkspace({ stackDir, workDir, providerVersion: mirror.awsVersion, endpoint });
    const ssm = new SSMClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    for (const data of Object.values(json.data?.aws_ssm_parameter ?? {})) {
      await ssm.send(new PutParameterCommand({ Name: String(data.name), Value: String(data.name).includes("/error-table/arn") ? "arn:aws:dynamodb:us-east-1:123456789012:table/error-logs-dev" : String(data.name).includes("/topics/") ? "arn:aws:sns:us-east-1:123456789012:alerts-dev" : "error-logs-dev", Type: "String", Overwrite: true }));
    }
    ssm.destroy();
    const tfEnv = { ...env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: "1", TF_INPUT: "0", TF_PLUGIN_CACHE_DIR: pluginCache, AWS_REGION: "us-east-1" };
    const init = spawnSync("terraform", ["init", "-backend=false", "-no-color"], { cwd: workDir, env: tfEnv, encoding: "utf8" });
    if (init.status !== 0) return { failure: `init: ${init.stderr.slice(-500)}` };
    const started = performance.now();
    // `timeout` stops terraform itself (and so its provider): a kill of /usr/bin/time alone would leave them running.
    const limit = ["timeout", "--kill-after=30", String(Math.ceil(timeoutMs / 1000))];
    const plan = spawnSync("/usr/bin/time", ["-f", "MAXRSS_KB=%M", ...limit, "terraform", "plan", "-no-color", "-input=false"], { cwd: workDir, env: tfEnv, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    const ms = performance.now() - started;
    if (plan.error || plan.signal || plan.status === 124 || plan.status === 137) return { failure: `not finished within ${seconds(timeoutMs)} (stopped)` };
    if (plan.status !== 0) return { failure: `plan failed: ${plan.stderr.slice(-800)}` };
    const rss = /MAXRSS_KB=(\d+)/.exec(plan.stderr);
    return { ms, ...(rss ? { maxRssMiB: Number(rss[1]) / 1024 } : {}) };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(name);
    const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name}: got "${process.argv[i + 1]}"; allowed: a whole number, 1 or more`);
    return value;
  };
  const functions = arg("--functions", 5000);
  const stacks = arg("--stacks", 10);
  const runs = arg("--runs", 3);
  const planRuns = arg("--plan-runs", 1);
  const planTimeoutMs = arg("--plan-timeout-minutes", 20) * 60_000;
  const withPlan = !process.argv.includes("--no-plan");
  await buildLambdas();
  console.log(`Node ${process.version}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB. ${functions} functions: one stack, and ${stacks} stacks.`);

  // The split layout first: on a busy machine its figures are the ones that must arrive.
  const layouts = [
    { label: `${stacks} stacks`, stacks },
    { label: "one stack", stacks: 1 },
  ];
  synthOnce(Math.min(functions, 50), 1); // warm the compiled worker and the file cache
  const samples = new Map(layouts.map((l) => [l, [] as SynthRun[]]));
  /** A layout the library refuses at synth (e.g. a composite past CloudWatch's limits): reported, not measured. */
  const refused = new Map<(typeof layouts)[number], string>();
  // The layouts take turns, so a slow moment of the shared machine falls on both alike.
  for (let run = 0; run < runs; run++) {
    for (const layout of layouts) {
      if (refused.has(layout)) continue;
      let result: SynthRun;
      try {
        result = synthOnce(functions, layout.stacks);
      } catch (error) {
        const message = (error as Error).message;
        refused.set(layout, /^\w*Error: (.+)$/m.exec(message)?.[1] ?? message.split("\n")[0]!);
        console.error(`synth ${layout.label}: refused: ${refused.get(layout)}`);
        continue;
      }
      samples.get(layout)!.push(result);
      const counts = resourcesPerStack(result.outdir);
      // Progress as it comes (stderr), so a run stopped early still tells what it measured.
      console.error(`synth ${layout.label}: ${seconds(result.synthMs)} in process, ${seconds(result.wallMs)} wall, ${result.maxRssMiB.toFixed(0)} MiB peak; resources per stack: ${[...counts].map(([k, v]) => `${k} ${v}`).join(", ")}`);
      if (run < runs - 1) rmSync(result.outdir, { recursive: true, force: true });
    }
  }

  const plans = new Map<(typeof layouts)[number], PlanRun[]>();
  if (withPlan) {
    const mirror = findProviderMirror();
    if ("missing" in mirror) throw new Error(`no provider mirror: ${mirror.missing}`);
    const moto = await startMotoServer();
    const scratch = mkdtempSync(join(tmpdir(), "bench-estate-tf-"));
    const pluginCache = join(scratch, "plugin-cache");
    mkdirSync(pluginCache);
    const cliConfig = writeCliConfig(join(scratch, "terraformrc"), mirror);
    try {
      for (const layout of layouts.filter((l) => !refused.has(l))) {
        const outdir = samples.get(layout)!.at(-1)!.outdir;
        const results: PlanRun[] = [];
        for (let run = 0; run < planRuns; run++) {
          const result = await planOnce(join(outdir, "stacks", "team-1"), mirror, moto.endpoint, cliConfig, pluginCache, planTimeoutMs);
          results.push(result);
          console.error(`plan of team-1 (${layout.label}): ${result.ms !== undefined ? `${seconds(result.ms)}, terraform peak ${result.maxRssMiB?.toFixed(0)} MiB` : result.failure}`);
          if (result.failure) break; // a plan that did not finish once will not finish the next time
        }
        plans.set(layout, results);
      }
    } finally {
      await moto.stop();
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  console.log(`\nSynth: medians of ${runs} runs, a fresh process each; plan: \`terraform plan\` of one stack (team-1) against moto, ${planRuns} run(s).\n`);
  console.log("| layout | stacks | resources per stack (shards) | shared stack | synth (in process) | synth wall | peak RSS (synth) | plan of one stack | terraform peak RSS |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const layout of layouts) {
    if (refused.has(layout)) {
      console.log(`| ${layout.label} | ${layout.stacks} + shared | refused at synth: ${refused.get(layout)} | | | | | | |`);
      continue;
    }
    const runsOf = samples.get(layout)!;
    const counts = resourcesPerStack(runsOf.at(-1)!.outdir);
    const shards = [...counts].filter(([name]) => name !== "shared").map(([, n]) => n);
    const planResults = plans.get(layout) ?? [];
    const done = planResults.filter((p) => p.ms !== undefined);
    const plan = planResults.length === 0 ? "not run" : done.length > 0 ? seconds(median(done.map((p) => p.ms!))) : planResults[0]!.failure!;
    const planRss = done.some((p) => p.maxRssMiB !== undefined) ? `${median(done.map((p) => p.maxRssMiB!)).toFixed(0)} MiB` : "";
    const range = Math.min(...shards) === Math.max(...shards) ? `${shards[0]}` : `${Math.min(...shards)}-${Math.max(...shards)}`;
    console.log(
      `| ${layout.label} | ${counts.size - 1} + shared | ${range} | ${counts.get("shared")} | ${seconds(median(runsOf.map((r) => r.synthMs)))} | ${seconds(median(runsOf.map((r) => r.wallMs)))} | ${median(runsOf.map((r) => r.maxRssMiB)).toFixed(0)} MiB | ${plan} | ${planRss} |`,
    );
    rmSync(runsOf.at(-1)!.outdir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
