/**
 * `npm run bench:lambda`: per function, the bundle size, the cold module load
 * time (median of fresh processes), and handler latency p50/p99 over 10,000
 * warm invocations on the success path with simulation off. The wrapper's
 * own overhead is measured the same way on a bundle whose inner handler
 * does nothing.
 *
 * The first rows put the wrapper beside a bare handler bundled the same way:
 * their difference in cold load is what withErrorCapture costs a function.
 * The traced wrapper's warm p99 is judged beside a bare handler traced as
 * Powertools documents it (a subsegment per invocation): that subsegment is
 * what tracing costs, whoever makes it; the untraced wrapper's beside the
 * bare handler. The rows take turns, one cold load each per round and then
 * one warm run each per round (`--rounds`, the p50 and p99 are medians), so
 * a slow moment of the machine falls on all of them alike. Beside the load, the first invocation
 * in that fresh process: a module loaded there rather than at load (none is,
 * on the success path) would show in it. A bundle's size is its index.js; the
 * files beside it that it requires only when needed (the DynamoDB SDK at the
 * first failure, the X-Ray SDK where tracing is on: scripts/build-lambda.ts,
 * LAZY_CHUNKS) are listed apart.
 *
 *   npm run bench:lambda
 *   npm run bench:lambda -- --invocations 20000 --loads 20 --rounds 7
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
/** Warm runs per row, taking turns like the cold loads: the p50 and p99 are their medians. */
const ROUNDS = flag("rounds", 5);
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

/** The no-op handlers the wrapper is measured against and in. */
type NoopKind = "bare" | "traced-bare" | "wrapped";

/**
 * The traced bare handler instruments itself as Powertools' documentation
 * shows for manual instrumentation (what its captureLambdaHandler does, less
 * the response as metadata): a `## handler` subsegment per invocation with
 * the ColdStart and Service annotations. It is what tracing alone costs, the
 * baseline of the traced wrapper.
 */
const NOOP_SOURCES: Record<NoopKind, (sharedIndex: string) => string> = {
  bare: () => "export const handler = async () => ({ ok: true });\n",
  "traced-bare": () =>
    [
      'import { Tracer } from "@aws-lambda-powertools/tracer";',
      "const tracer = new Tracer({ captureHTTPsRequests: false });",
      "export const handler = async () => {",
      "  const parent = tracer.getSegment();",
      '  const subsegment = parent?.addNewSubsegment("## handler");',
      "  if (subsegment) tracer.setSegment(subsegment);",
      "  tracer.annotateColdStart();",
      "  tracer.addServiceNameAnnotation();",
      "  try {",
      "    return { ok: true };",
      "  } finally {",
      "    subsegment?.close();",
      "    if (parent) tracer.setSegment(parent);",
      "  }",
      "};",
      "",
    ].join("\n"),
  wrapped: (sharedIndex) => `import { withErrorCapture } from ${JSON.stringify(sharedIndex)};\nexport const handler = withErrorCapture(async () => ({ ok: true }));\n`,
};

/**
 * A no-op handler bundled as the functions are: bare, traced by Powertools alone, or wrapped.
 * `sourceRoot`: whose lambda-src the wrapper comes from (another git ref's, for --before).
 */
async function buildNoopBundle(kind: NoopKind, sourceRoot = SOURCE_ROOT, name: string = kind): Promise<string> {
  const dir = join(BENCH_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, "entry.ts");
  writeFileSync(entry, NOOP_SOURCES[kind](join(sourceRoot, "shared", "index.ts")));
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
  console.log("| function | bundle | required when needed | cold load | its CPU time | first invocation | p50 | p99 | p99 over its baseline | targets (< 500 KB, < 100 ms, wrapper: p99 over its baseline < 100 µs) |");
  console.log("|---|---:|---|---:|---:|---:|---:|---:|---:|---|");
  const [bare, tracedBare, noop] = [await buildNoopBundle("bare"), await buildNoopBundle("traced-bare"), await buildNoopBundle("wrapped")];
  const before = BEFORE_REF === undefined ? undefined : await buildNoopBundle("wrapped", lambdaSourceAt(BEFORE_REF), "before");
  const BARE = "(bare no-op handler, no wrapper)";
  const TRACED_BARE = "(bare no-op handler traced by Powertools Tracer, no wrapper)";
  // Each wrapper row beside the bare handler that differs from it by withErrorCapture alone: traced beside traced.
  const rows: [name: string, bundle: string, event: unknown, env: NodeJS.ProcessEnv, baseline?: string][] = [
    [BARE, bare, {}, UNTRACED_ENV],
    [TRACED_BARE, tracedBare, {}, FUNCTION_ENV],
    ["(wrapper only: no-op handler)", noop, {}, FUNCTION_ENV, TRACED_BARE],
    ["(wrapper only, tracing off)", noop, {}, UNTRACED_ENV, BARE],
    ...(before === undefined ? [] : [[`(wrapper only, as of ${BEFORE_REF})`, before, {}, FUNCTION_ENV, TRACED_BARE] as [string, string, unknown, NodeJS.ProcessEnv, string]]),
    ...names.map((name): [string, string, unknown, NodeJS.ProcessEnv] => [name, join(BUNDLE_ROOT, name, "index.js"), JSON.parse(readFileSync(join(SOURCE_ROOT, name, "sample-event.json"), "utf8")), FUNCTION_ENV]),
  ];
  // Taking turns: each round loads every row once, then runs each row's warm invocations once.
  const colds = rows.map((): ColdStart[] => []);
  for (let round = 0; round < LOADS; round++) rows.forEach(([, bundle, event, env], i) => colds[i]!.push(coldStart(bundle, event, env)));
  const warm = rows.map((): { p50: number; p99: number }[] => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [, bundle, event, env]] of rows.entries()) {
      const micros = await warmInvocations(bundle, event, env);
      warm[i]!.push({ p50: percentile(micros, 50), p99: percentile(micros, 99) });
    }
  }
  const loads = new Map<string, number>();
  const loadsCpu = new Map<string, number>();
  const index = new Map(rows.map(([name], i) => [name, i]));
  for (const [i, [name, bundle, , , baseline]] of rows.entries()) {
    const sizeKb = statSync(bundle).size / 1024;
    const load = median(colds[i]!.map((c) => c.loadMs));
    const firstCall = median(colds[i]!.map((c) => c.firstCallMs));
    loads.set(name, load);
    const loadCpu = median(colds[i]!.map((c) => c.loadCpuMs));
    loadsCpu.set(name, loadCpu);
    const [p50, p99] = [median(warm[i]!.map((w) => w.p50)), median(warm[i]!.map((w) => w.p99))];
    // Each round's p99 less its baseline's in the same round (run just before it), then the median of those.
    const base = baseline === undefined ? undefined : warm[index.get(baseline)!]!;
    const overhead = base === undefined ? undefined : median(warm[i]!.map((w, round) => w.p99 - base[round]!.p99));
    const met = sizeKb < 500 && load < 100 && (overhead === undefined || overhead < 100);
    console.log(`| ${name} | ${sizeKb.toFixed(0)} KB | ${lazyFiles(bundle)} | ${load.toFixed(1)} ms | ${loadCpu.toFixed(1)} ms | ${firstCall.toFixed(1)} ms | ${p50.toFixed(0)} µs | ${p99.toFixed(0)} µs | ${overhead === undefined ? "" : `${overhead.toFixed(0)} µs`} | ${met ? "met" : "MISSED"} |`);
  }
  const over = (table: Map<string, number>, row: string) => table.get(row)! - table.get(BARE)!;
  const [extra, extraUntraced] = [over(loads, "(wrapper only: no-op handler)"), over(loads, "(wrapper only, tracing off)")];
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
