/**
 * `npm run bench:lambda`: per function, the bundle size, the cold module load
 * time (median of fresh processes), and handler latency p50/p99 over 10,000
 * warm invocations on the success path with simulation off. The wrapper's
 * own overhead is measured the same way on a bundle whose inner handler
 * does nothing.
 *
 * The first rows put the wrapper beside a bare handler bundled the same way:
 * their difference in cold load is what withErrorCapture costs a function.
 * The rows take turns, one cold load each per round, so a slow moment of the
 * machine falls on all of them alike. Beside the load, the first invocation
 * in that fresh process: a module loaded there rather than at load (none is,
 * on the success path) would show in it. A bundle's size is its index.js; the
 * files beside it that it requires only when needed (the DynamoDB SDK at the
 * first failure, the X-Ray SDK where tracing is on: scripts/build-lambda.ts,
 * LAZY_CHUNKS) are listed apart.
 *
 *   npm run bench:lambda
 *   npm run bench:lambda -- --invocations 20000 --loads 20
 *   npm run bench:lambda -- --wrapper-only   (the bare and wrapper rows alone)
 *   npm run bench:lambda -- --wrapper-only --before main
 *     (and a row for the wrapper as a git ref has it, e.g. before a change:
 *     that ref's lambda-src bundled by today's build, in the same turns)
 */
import { fork, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ENV_VARS } from "@serverless-monitoring/contract";
import { median, percentile } from "./bench/stats";
import { BUNDLE_ROOT, LAMBDA_SOURCE_ROOT as SOURCE_ROOT, PROJECT_ROOT } from "../paths";
import { buildLambdas, bundleHandler } from "./build-lambda";

const BENCH_DIR = join(PROJECT_ROOT, ".bench");
const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const INVOCATIONS = flag("invocations", 10_000);
const LOADS = flag("loads", 10);
const WRAPPER_ONLY = process.argv.includes("--wrapper-only");
const BEFORE_REF = (() => {
  const i = process.argv.indexOf("--before");
  return i > 0 ? process.argv[i + 1] : undefined;
})();

/** What a deployed function has; no endpoint is contacted on the success path. */
const FUNCTION_ENV = {
  ...process.env,
  AWS_REGION: "us-east-1",
  AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
  [ENV_VARS.errorTableName]: "error-logs-bench",
  [ENV_VARS.environment]: "bench",
  [ENV_VARS.serviceName]: "bench",
  [ENV_VARS.metricsNamespace]: "ServerlessMonitoring",
  // Traced as deployed (active tracing, a sampled request): the Tracer records subsegments and sends
  // them over UDP to the daemon address, where nothing listens, as fire-and-forget as in Lambda.
  AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
  LAMBDA_TASK_ROOT: "/var/task",
  AWS_LAMBDA_FUNCTION_NAME: "bench",
  AWS_XRAY_DAEMON_ADDRESS: "127.0.0.1:2000",
  AWS_XRAY_CONTEXT_MISSING: "IGNORE_ERROR",
  _X_AMZN_TRACE_ID: "Root=1-6742f0a1-5b3c4d2e1f0a9b8c7d6e5f4a;Parent=53995c3f42cd8ad8;Sampled=1",
};
/** A function with `tracing: false`. */
const UNTRACED_ENV = { ...FUNCTION_ENV, [ENV_VARS.traceEnabled]: "false" };

/** As deployed: MonitoredFunction sets NODE_OPTIONS=--enable-source-maps. */
const NODE_FLAGS = ["--enable-source-maps"];

interface ColdStart {
  /** Time to `require` the bundle in a fresh process, in ms: what a cold start pays for the code. */
  readonly loadMs: number;
  /** The CPU time the process spent on that load, in ms: on a busy machine the wall time also counts waiting for a core. */
  readonly loadCpuMs: number;
  /** The first invocation after it, in the same process, in ms. */
  readonly firstCallMs: number;
}

function coldStart(bundle: string, event: unknown, env: NodeJS.ProcessEnv): ColdStart {
  const script = [
    "const ms=(t)=>Number(process.hrtime.bigint()-t)/1e6;const cpu=process.cpuUsage();let t=process.hrtime.bigint();",
    `const{handler}=require(${JSON.stringify(bundle)});const loadMs=ms(t);const used=process.cpuUsage(cpu);const loadCpuMs=(used.user+used.system)/1000;t=process.hrtime.bigint();`,
    `handler(${JSON.stringify(event)},{functionName:"bench",awsRequestId:"cold",getRemainingTimeInMillis:()=>30000}).then(()=>{const firstCallMs=ms(t);process.stderr.write("\\nCOLD "+JSON.stringify({loadMs,loadCpuMs,firstCallMs})+"\\n")})`,
  ].join("");
  const result = spawnSync(process.execPath, [...NODE_FLAGS, "-e", script], { env, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const line = /\nCOLD (.+)\n/.exec(result.stderr)?.[1];
  if (!line) throw new Error(`cold start of ${bundle} did not report (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
  return JSON.parse(line) as ColdStart;
}

/** The sizes of the files beside a bundle that it requires when needed, e.g. "dynamodb-sdk.js 250 KB". */
function lazyFiles(bundle: string): string {
  const dir = dirname(bundle);
  const files = readdirSync(dir).filter((file) => file.endsWith(".js") && file !== basename(bundle)).sort();
  return files.map((file) => `${file} ${(statSync(join(dir, file)).size / 1024).toFixed(0)} KB`).join(", ");
}

function warmInvocations(bundle: string, event: unknown, env: NodeJS.ProcessEnv): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, "bench", "lambda-worker.ts"), [], { execArgv: [...NODE_FLAGS, "--import", "tsx"], env, stdio: ["ignore", "ignore", "ignore", "ipc"] });
    child.on("message", (m: { micros: number[] }) => resolve(m.micros));
    child.on("exit", (code) => code !== 0 && reject(new Error(`benchmark worker for ${bundle} exited with ${code}`)));
    child.send({ bundle, event, count: INVOCATIONS, warmup: 500 });
  });
}

/**
 * A no-op handler bundled as the functions are, wrapped or bare: the two differ only by withErrorCapture.
 * `sourceRoot`: whose lambda-src the wrapper comes from (another git ref's, for --before).
 */
async function buildNoopBundle(wrapped: boolean, sourceRoot = SOURCE_ROOT, name = wrapped ? "noop" : "bare"): Promise<string> {
  const dir = join(BENCH_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, "entry.ts");
  const source = wrapped
    ? `import { withErrorCapture } from ${JSON.stringify(join(sourceRoot, "shared", "index.ts"))};\nexport const handler = withErrorCapture(async () => ({ ok: true }));\n`
    : "export const handler = async () => ({ ok: true });\n";
  writeFileSync(entry, source);
  const outfile = join(dir, "index.js");
  await bundleHandler(entry, outfile, sourceRoot);
  return outfile;
}

/** The lambda-src folder of a git ref, extracted under .bench/ (inside the project, so its imports resolve to this node_modules). */
function lambdaSourceAt(ref: string): string {
  const dir = join(BENCH_DIR, "before-src");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync("git", ["archive", "--format=tar", ref, "lambda-src"], { cwd: PROJECT_ROOT, maxBuffer: 256 * 1024 * 1024 });
  if (archive.status !== 0) throw new Error(`--before: git archive of "${ref}" failed: ${String(archive.stderr).trim()}; allowed: a git ref of this repository, e.g. main`);
  const untar = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`--before: extracting "${ref}" failed: ${String(untar.stderr).trim()}`);
  return join(dir, "lambda-src");
}

async function main(): Promise<void> {
  const { names } = WRAPPER_ONLY ? { names: [] } : await buildLambdas();
  console.log(`Node ${process.version}, with ${NODE_FLAGS.join(" ")} as deployed. ${LOADS} cold loads (median), ${INVOCATIONS.toLocaleString("en")} warm invocations after 500 warm-up, success path, simulation off, traced (a sampled request) unless the row says otherwise.\n`);
  console.log("| function | bundle | required when needed | cold load | its CPU time | first invocation | p50 | p99 | targets (< 500 KB, < 100 ms, wrapper p99 < 100 µs) |");
  console.log("|---|---:|---|---:|---:|---:|---:|---:|---|");
  const [bare, noop] = [await buildNoopBundle(false), await buildNoopBundle(true)];
  const before = BEFORE_REF === undefined ? undefined : await buildNoopBundle(true, lambdaSourceAt(BEFORE_REF), "before");
  const rows: [string, string, unknown, NodeJS.ProcessEnv][] = [
    ["(bare no-op handler, no wrapper)", bare, {}, FUNCTION_ENV],
    ["(wrapper only: no-op handler)", noop, {}, FUNCTION_ENV],
    ["(wrapper only, tracing off)", noop, {}, UNTRACED_ENV],
    ...(before === undefined ? [] : [[`(wrapper only, as of ${BEFORE_REF})`, before, {}, FUNCTION_ENV] as [string, string, unknown, NodeJS.ProcessEnv]]),
    ...names.map((name): [string, string, unknown, NodeJS.ProcessEnv] => [name, join(BUNDLE_ROOT, name, "index.js"), JSON.parse(readFileSync(join(SOURCE_ROOT, name, "sample-event.json"), "utf8")), FUNCTION_ENV]),
  ];
  // Taking turns: each round loads every row once.
  const colds = rows.map((): ColdStart[] => []);
  for (let round = 0; round < LOADS; round++) rows.forEach(([, bundle, event, env], i) => colds[i]!.push(coldStart(bundle, event, env)));
  const loads = new Map<string, number>();
  const loadsCpu = new Map<string, number>();
  for (const [i, [name, bundle, event, env]] of rows.entries()) {
    const sizeKb = statSync(bundle).size / 1024;
    const load = median(colds[i]!.map((c) => c.loadMs));
    const firstCall = median(colds[i]!.map((c) => c.firstCallMs));
    loads.set(name, load);
    const loadCpu = median(colds[i]!.map((c) => c.loadCpuMs));
    loadsCpu.set(name, loadCpu);
    const micros = await warmInvocations(bundle, event, env);
    const [p50, p99] = [percentile(micros, 50), percentile(micros, 99)];
    const isWrapper = name.startsWith("(");
    const met = sizeKb < 500 && load < 100 && (!isWrapper || p99 < 100);
    console.log(`| ${name} | ${sizeKb.toFixed(0)} KB | ${lazyFiles(bundle)} | ${load.toFixed(1)} ms | ${loadCpu.toFixed(1)} ms | ${firstCall.toFixed(1)} ms | ${p50.toFixed(0)} µs | ${p99.toFixed(0)} µs | ${met ? "met" : "MISSED"} |`);
  }
  const bareLoad = loads.get("(bare no-op handler, no wrapper)")!;
  const extra = loads.get("(wrapper only: no-op handler)")! - bareLoad;
  const extraUntraced = loads.get("(wrapper only, tracing off)")! - bareLoad;
  const over = (table: Map<string, number>, row: string) => table.get(row)! - table.get("(bare no-op handler, no wrapper)")!;
  const [extraCpu, extraUntracedCpu] = [over(loadsCpu, "(wrapper only: no-op handler)"), over(loadsCpu, "(wrapper only, tracing off)")];
  console.log(`\nwithErrorCapture's cold-load cost, traced: ${extra.toFixed(1)} ms over the bare handler (target <= 25 ms: ${extra <= 25 ? "met" : "MISSED"}); tracing off: ${extraUntraced.toFixed(1)} ms.`);
  console.log(`In CPU time: ${extraCpu.toFixed(1)} ms traced, ${extraUntracedCpu.toFixed(1)} ms tracing off.`);
  if (BEFORE_REF !== undefined) {
    const row = `(wrapper only, as of ${BEFORE_REF})`;
    console.log(`As of ${BEFORE_REF}, traced: ${over(loads, row).toFixed(1)} ms over the bare handler, ${over(loadsCpu, row).toFixed(1)} ms in CPU time.`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
