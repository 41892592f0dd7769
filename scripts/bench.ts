/**
 * `npm run bench`: synth wall time and peak memory of the three environment
 * stacks, and of generated configurations with 50 and 500 monitored
 * functions. Each run is a fresh process (as `cdktf synth` is); medians of
 * several runs are reported.
 *
 *   npm run bench            # 5 runs per scenario (3 for 500 functions)
 *   npm run bench -- --runs 9
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { buildLambdas } from "./build-lambda";
import { median } from "./bench/stats";

interface Sample {
  readonly processMs: number;
  /** Benchmark setup inside the process (copying bundles), not part of synth. */
  readonly setupMs: number;
  readonly synthMs: number;
  readonly maxRssMiB: number;
  readonly resources: number;
  readonly alarms: number;
}

const TARGETS: Record<string, { readonly ms: number; readonly mib: number }> = {
  environments: { ms: 1500, mib: 200 },
  "functions:500": { ms: 10_000, mib: 1024 },
  "distinct-bundles:500": { ms: 10_000, mib: 1024 },
};

function runOnce(scenario: string): Sample {
  const started = performance.now();
  const child = spawnSync(process.execPath, ["--import", "tsx", join(__dirname, "bench", "synth-worker.ts"), scenario], {
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    maxBuffer: 16 * 1024 * 1024,
  });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`synth of ${scenario} failed:\n${child.stderr}`);
  const { outdir, ...result } = JSON.parse(child.stdout.trim().split("\n").pop()!) as Omit<Sample, "processMs"> & { outdir: string };
  rmSync(outdir, { recursive: true, force: true });
  return { processMs, ...result };
}

async function main(): Promise<void> {
  const runsFlag = process.argv.indexOf("--runs");
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 5;
  await buildLambdas();
  const scenarios: [string, string, number][] = [
    ["environments", "3 environment stacks (dev, staging, production)", runs],
    ["functions:50", "1 stack, 50 generated functions", runs],
    ["functions:500", "1 stack, 500 generated functions", Math.max(3, Math.ceil(runs / 2))],
    ["distinct-bundles:500", "1 stack, 500 functions, 500 distinct bundles", Math.max(3, Math.ceil(runs / 2))],
  ];
  console.log(`Node ${process.version}, ${cpus().length} cores. Medians of N fresh-process runs.\n`);
  console.log("| scenario | runs | resources | alarms | synth (in process) | wall (process) | peak RSS | target |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---|");
  for (const [scenario, label, n] of scenarios) {
    runOnce(scenario); // warm the file cache and tsx's transform cache
    const samples = Array.from({ length: n }, () => runOnce(scenario));
    const target = TARGETS[scenario];
    // Wall time of the process, less the benchmark's own setup (copying bundles).
    const wall = median(samples.map((s) => s.processMs - s.setupMs));
    const rss = median(samples.map((s) => s.maxRssMiB));
    const verdict = target ? `${wall <= target.ms && rss <= target.mib ? "met" : "MISSED"} (< ${target.ms / 1000} s, < ${target.mib} MiB)` : "";
    console.log(
      `| ${label} | ${n} | ${samples[0]!.resources} | ${samples[0]!.alarms} | ${(median(samples.map((s) => s.synthMs)) / 1000).toFixed(2)} s | ${(wall / 1000).toFixed(2)} s | ${rss.toFixed(0)} MiB | ${verdict} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
