/**
 * `npm run bench`: what synth costs, in two tables.
 *
 * 1. The commands users run (`npm run synth`, `npx cdktf synth`,
 *    `npx cdktf list`), side by side with a naive baseline (the same stacks
 *    started as `cdktf init` starts an app: ts-node with type checking and
 *    the provider's root import). The commands take turns, so a slow moment
 *    of the machine falls on all of them alike. `--with-tests` adds `npm test`.
 * 2. Synth alone, each run in a fresh process: the three environments, and a
 *    dev configuration generated with 50, 200 and 500 functions, to show that
 *    time and memory grow linearly with the estate.
 *
 * Figures are medians. Usage:
 *   npm run bench                         # 5 runs of each
 *   npm run bench -- --runs 9 --with-tests
 *   npm run bench -- --only commands      # or: --only synth
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths";
import { buildLambdas } from "./build-lambda";
import { median } from "./bench/stats";

const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
const bin = (name: string) => join(PROJECT_ROOT, "node_modules", ".bin", name);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Command {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  /** The target: at most this many milliseconds. */
  readonly targetMs?: number;
  /** Produces the stacks the naive baseline does, so the two compare. */
  readonly synthesizes: boolean;
}

function timed(command: string, args: readonly string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: PROJECT_ROOT, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status}):\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
  return elapsed;
}

function commandsTable(runs: number, withTests: boolean): void {
  const scratch = mkdtempSync(join(tmpdir(), "bench-naive-"));
  const naive: Command = {
    label: "naive baseline: `ts-node` (type-checked), provider root import",
    command: bin("ts-node"),
    args: [join("scripts", "bench", "naive-app.ts"), join(scratch, "out")],
    synthesizes: true,
  };
  const commands: Command[] = [
    { label: "`npm run synth` (bundles checked, 4 stacks, summary)", command: "npm", args: ["run", "--silent", "synth"], targetMs: 1200, synthesizes: true },
    { label: "`npx cdktf synth`", command: "npx", args: ["cdktf", "synth"], targetMs: 5000, synthesizes: true },
    { label: "`npx cdktf list`", command: "npx", args: ["cdktf", "list"], targetMs: 4000, synthesizes: true },
    ...(withTests ? [{ label: "`npm test` (type check, lint, 450+ tests)", command: "npm", args: ["test", "--silent"], targetMs: 45_000, synthesizes: false }] : []),
    naive,
  ];
  // The naive baseline runs the packages compiled (ts-node resolves them through node_modules), as an installed project would.
  timed("npm", ["run", "--silent", "build:packages"]);
  for (const c of commands) timed(c.command, c.args); // warm the file cache, the compiled app and the jest cache
  const samples = new Map<Command, number[]>(commands.map((c) => [c, []]));
  for (let run = 0; run < runs; run++) for (const c of commands) samples.get(c)!.push(timed(c.command, c.args));
  rmSync(scratch, { recursive: true, force: true });

  const baseline = median(samples.get(naive)!);
  console.log(`\nCommands users run: medians of ${runs} runs, taking turns.\n`);
  console.log("| command | median | min | max | vs naive baseline | target |");
  console.log("|---|---:|---:|---:|---:|---|");
  for (const c of commands) {
    const values = samples.get(c)!;
    const m = median(values);
    const verdict = c.targetMs === undefined ? "" : `${m <= c.targetMs ? "met" : "MISSED"} (<= ${c.targetMs / 1000} s)`;
    const speedup = c === naive ? "1x" : c.synthesizes ? `${(baseline / m).toFixed(1)}x faster` : "";
    console.log(`| ${c.label} | ${seconds(m)} | ${seconds(Math.min(...values))} | ${seconds(Math.max(...values))} | ${speedup} | ${verdict} |`);
  }
  const synth = median(samples.get(commands[0]!)!);
  console.log(`\n\`npm run synth\` is ${(baseline / synth).toFixed(1)} times faster than the naive baseline (target: at least 12).`);
}

interface SynthSample {
  readonly processMs: number;
  /** Benchmark setup inside the process (linking or copying bundles), not part of synth. */
  readonly setupMs: number;
  readonly synthMs: number;
  readonly maxRssMiB: number;
  readonly resources: number;
  readonly alarms: number;
}

const SYNTH_TARGETS: Record<string, { readonly ms: number; readonly mib: number }> = {
  "functions:500": { ms: 5000, mib: 600 },
};

function synthOnce(scenario: string): SynthSample {
  const started = performance.now();
  // Compiled as `npm run synth` runs the app (modules/synth-speed/run-compiled.cjs).
  const child = spawnSync(process.execPath, [join(PROJECT_ROOT, "modules", "synth-speed", "run-compiled.cjs"), join(PROJECT_ROOT, "scripts", "bench", "synth-worker.ts"), scenario], {
    encoding: "utf8",
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`synth of ${scenario} failed:\n${child.stderr}`);
  const { outdir, ...result } = JSON.parse(child.stdout.trim().split("\n").pop()!) as Pick<SynthSample, "setupMs" | "synthMs" | "maxRssMiB"> & { outdir: string };
  const counts = countOutput(outdir);
  rmSync(outdir, { recursive: true, force: true });
  return { processMs, ...result, ...counts };
}

/** The resources and alarms a synth's stacks hold. */
function countOutput(outdir: string): Pick<SynthSample, "resources" | "alarms"> {
  let resources = 0;
  let alarms = 0;
  for (const stack of readdirSync(join(outdir, "stacks"))) {
    const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as { resource: Record<string, object> };
    for (const [type, byId] of Object.entries(json.resource)) {
      resources += Object.keys(byId).length;
      if (type.startsWith("aws_cloudwatch_") && type.endsWith("_alarm")) alarms += Object.keys(byId).length;
    }
  }
  return { resources, alarms };
}

function synthTable(runs: number): void {
  const scenarios: [string, string][] = [
    ["environments", "3 environment stacks (dev, staging, production)"],
    ["functions:50", "1 stack, 50 generated functions"],
    ["functions:200", "1 stack, 200 generated functions"],
    ["functions:500", "1 stack, 500 generated functions"],
    ["distinct-bundles:500", "1 stack, 500 functions, 500 distinct bundles"],
  ];
  console.log(`\nSynth alone, a fresh process per run: medians of N runs.\n`);
  console.log("| scenario | runs | resources | alarms | synth (in process) | wall (process) | per function | peak RSS | target |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---|");
  const byFunctions = new Map<number, { readonly ms: number; readonly mib: number }>();
  for (const [scenario, label] of scenarios) {
    synthOnce(scenario); // warm the file cache and the compiled worker
    const samples = Array.from({ length: runs }, () => synthOnce(scenario));
    const target = SYNTH_TARGETS[scenario];
    // Wall time of the process, less the benchmark's own setup (linking or copying bundles).
    const wall = median(samples.map((s) => s.processMs - s.setupMs));
    const rss = median(samples.map((s) => s.maxRssMiB));
    const functions = scenario === "environments" ? undefined : Number(scenario.split(":")[1]);
    const verdict = target ? `${wall <= target.ms && rss <= target.mib ? "met" : "MISSED"} (<= ${target.ms / 1000} s, <= ${target.mib} MiB)` : "";
    if (functions && scenario.startsWith("functions:")) byFunctions.set(functions, { ms: wall, mib: rss });
    console.log(
      `| ${label} | ${runs} | ${samples[0]!.resources} | ${samples[0]!.alarms} | ${seconds(median(samples.map((s) => s.synthMs)))} | ${seconds(wall)} | ${functions ? `${(wall / functions).toFixed(1)} ms` : ""} | ${rss.toFixed(0)} MiB | ${verdict} |`,
    );
  }
  // Linear growth: each added function costs about the same from 50 to 200 as from 200 to 500.
  const steps = [...byFunctions.entries()].sort(([a], [b]) => a - b);
  console.log("");
  for (let i = 1; i < steps.length; i++) {
    const [[fromN, from], [toN, to]] = [steps[i - 1]!, steps[i]!];
    const added = toN - fromN;
    console.log(`From ${fromN} to ${toN} functions: ${((to.ms - from.ms) / added).toFixed(1)} ms and ${((to.mib - from.mib) / added).toFixed(2)} MiB per added function.`);
  }
}

async function main(): Promise<void> {
  const flag = (name: string) => process.argv.indexOf(name);
  const runs = flag("--runs") > 0 ? Number(process.argv[flag("--runs") + 1]) : 5;
  const only = flag("--only") > 0 ? process.argv[flag("--only") + 1] : undefined;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: got "${process.argv[flag("--runs") + 1]}"; allowed: a whole number, 1 or more`);
  if (only !== undefined && only !== "commands" && only !== "synth") throw new Error(`--only: got "${only}"; allowed: commands, synth`);
  await buildLambdas();
  console.log(`Node ${process.version}, ${cpus().length} cores.`);
  if (only !== "synth") commandsTable(runs, process.argv.includes("--with-tests"));
  if (only !== "commands") synthTable(runs);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
