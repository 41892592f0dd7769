/**
 * `npm run bench:consumer`: `cdktf synth` of a 500-function estate as a
 * platform team runs it, side by side with this repository's app.
 *
 * The packages are built and packed, and installed offline into a fresh
 * project outside the repository (as `npm run test:packages` does). There,
 * one program monitors 500 existing functions and an HTTP API through the
 * facade, started two ways:
 *   - as `cdktf init` leaves a project: cdktf.json's app `npx ts-node main.ts`
 *     (the template's tsconfig.json, ts-node type-checking), `runApp(build)`;
 *   - opted in to the package's speed-ups: cdktf.json's app
 *     `node node_modules/@serverless-monitoring/constructs/synth-speed/run-compiled.cjs main.ts`,
 *     `runApp(build, {}, { fastSynth: true })`.
 * Beside them, the app's own 500-function stack (scripts/bench/synth-worker.ts
 * functions:500, which also deploys the functions) under `cdktf synth --app`,
 * started compiled as cdktf.json starts the app. Every row runs the same
 * cdktf CLI (this repository's, the version a consumer installs), and the
 * rows take turns, so a slow moment of the machine falls on all of them
 * alike. The two consumer rows must write the same bytes (but for the state
 * file's absolute path, which names the folder each ran in).
 *
 *   npm run bench:consumer                 # 5 runs of each
 *   npm run bench:consumer -- --runs 9
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths";
import { buildAndPack, installOffline, writeScratchProject } from "../__tests__/packages/support/scratch-project";
import { buildLambdas } from "./build-lambda";
import { median } from "./bench/stats";

const FUNCTIONS = 500;
/** What a team installs: the peers, ts-node and TypeScript as the cdktf template has them, and esbuild for the compiled start. */
const CONSUMER_PACKAGES = ["cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-archive", "typescript", "ts-node", "@types/node", "esbuild"];
const TEMPLATE = join(PROJECT_ROOT, "node_modules", "cdktf-cli", "bundle", "templates", "typescript");
const CDKTF = join(PROJECT_ROOT, "node_modules", ".bin", "cdktf");
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The consumer's program: the estate built in `runApp`, with the options given. */
const consumerMain = (runAppOptions: string) => `import { TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { runApp, ServerlessMonitoring } from "@serverless-monitoring/constructs";

runApp(
  (app) => {
    const stack = new TerraformStack(app, "estate-monitoring");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const topics = { critical: "arn:aws:sns:eu-west-1:111122223333:pager", warning: "arn:aws:sns:eu-west-1:111122223333:team-chat" };
    const monitoring = new ServerlessMonitoring(stack, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate" });
    for (let i = 1; i <= ${FUNCTIONS}; i++) monitoring.monitorFunction({ functionName: \`fn-\${String(i).padStart(3, "0")}\` });
    monitoring.monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "estate-http" });
  },
  {},${runAppOptions ? `\n  ${runAppOptions},` : ""}
);
`;

interface Row {
  readonly label: string;
  readonly cwd: string;
  readonly args: readonly string[];
  /** Where the stacks are written. */
  readonly outdir: string;
}

/** The cdktf template's files, as `cdktf init --template typescript` writes them, with `app` in cdktf.json. */
function writeTemplateProject(dir: string, app: string, main: string): void {
  mkdirSync(dir, { recursive: true });
  const cdktfJson = readFileSync(join(TEMPLATE, "cdktf.json"), "utf8").replace("{{projectId}}", "bench-consumer").replace("{{sendCrashReports}}", "false").replace("{{futureFlags}}", "");
  writeFileSync(join(dir, "cdktf.json"), `${JSON.stringify({ ...(JSON.parse(cdktfJson) as object), app }, null, 2)}\n`);
  writeFileSync(join(dir, "tsconfig.json"), readFileSync(join(TEMPLATE, "tsconfig.json")));
  writeFileSync(join(dir, "main.ts"), main);
}

function timed(row: Row): number {
  const started = performance.now();
  const result = spawnSync(CDKTF, ["synth", ...row.args], { cwd: row.cwd, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" }, maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${row.label} failed (exit ${result.status}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
  return elapsed;
}

/**
 * Each stack's cdk.tf.json under an output directory, by stack name. cdktf's
 * default local backend names the state file by its absolute path, in the
 * folder the app ran in: that folder (`cwd`) reads as `<project>`, so two
 * projects in two folders compare by what the library wrote.
 */
function stacks(outdir: string, cwd: string): Map<string, string> {
  return new Map(readdirSync(join(outdir, "stacks")).map((stack) => [stack, readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8").split(cwd).join("<project>")]));
}

function counts(json: string): string {
  const { resource } = JSON.parse(json) as { resource: Record<string, object> };
  const all = Object.values(resource).reduce((sum, byId) => sum + Object.keys(byId).length, 0);
  const alarms = Object.entries(resource)
    .filter(([type]) => type.startsWith("aws_cloudwatch_") && type.endsWith("_alarm"))
    .reduce((sum, [, byId]) => sum + Object.keys(byId).length, 0);
  return `${all.toLocaleString("en")} resources, ${alarms.toLocaleString("en")} alarms`;
}

async function main(): Promise<void> {
  const flag = process.argv.indexOf("--runs");
  const runs = flag > 0 ? Number(process.argv[flag + 1]) : 5;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: got "${process.argv[flag + 1]}"; allowed: a whole number, 1 or more`);
  await buildLambdas();
  const root = mkdtempSync(join(tmpdir(), "bench-consumer-"));
  try {
    const project = join(root, "project");
    writeScratchProject(project, buildAndPack(join(root, "tarballs")), CONSUMER_PACKAGES);
    installOffline(project);
    const template = join(project, "template");
    const optedIn = join(project, "opted-in");
    writeTemplateProject(template, "npx ts-node main.ts", consumerMain(""));
    writeTemplateProject(optedIn, "node ../node_modules/@serverless-monitoring/constructs/synth-speed/run-compiled.cjs main.ts", consumerMain("{ fastSynth: true }"));
    const appOut = join(root, "app-out");
    const rows: Row[] = [
      {
        label: `our app, ${FUNCTIONS} functions (\`cdktf synth\`, app started compiled)`,
        cwd: PROJECT_ROOT,
        args: ["--app", `node modules/synth-speed/run-compiled.cjs scripts/bench/synth-worker.ts functions:${FUNCTIONS}`, "--output", appOut],
        outdir: appOut,
      },
      { label: `consumer, ${FUNCTIONS} functions, cdktf template (\`npx ts-node main.ts\`)`, cwd: template, args: [], outdir: join(template, "cdktf.out") },
      { label: `consumer, ${FUNCTIONS} functions, opted in (\`synth-speed/run-compiled.cjs\`, \`fastSynth\`)`, cwd: optedIn, args: [], outdir: join(optedIn, "cdktf.out") },
    ];
    for (const row of rows) timed(row); // warm the file cache, the compiled entries and ts-node's
    const samples = rows.map((): number[] => []);
    for (let run = 0; run < runs; run++) rows.forEach((row, i) => samples[i]!.push(timed(row)));

    const [templateStacks, optedInStacks] = [stacks(rows[1]!.outdir, rows[1]!.cwd), stacks(rows[2]!.outdir, rows[2]!.cwd)];
    const identical = [...templateStacks].every(([stack, json]) => optedInStacks.get(stack) === json) && templateStacks.size === optedInStacks.size;
    const app = median(samples[0]!);
    console.log(`Node ${process.version}, ${cpus().length} cores, cdktf CLI 0.21.0. Medians of ${runs} runs, taking turns.\n`);
    console.log("| `cdktf synth` of | holds | median | min | max | vs our app |");
    console.log("|---|---|---:|---:|---:|---:|");
    rows.forEach((row, i) => {
      const values = samples[i]!;
      const holds = [...stacks(row.outdir, row.cwd).values()].map(counts).join("; ");
      console.log(`| ${row.label} | ${holds} | ${seconds(median(values))} | ${seconds(Math.min(...values))} | ${seconds(Math.max(...values))} | ${(median(values) / app).toFixed(2)}x |`);
    });
    const ratio = median(samples[2]!) / app;
    console.log(`\nThe consumer opted in takes ${ratio.toFixed(2)}x our app's time (target: at most 1.5x: ${ratio <= 1.5 ? "met" : "MISSED"}).`);
    console.log(`The two consumer runs wrote ${identical ? "the same bytes" : "DIFFERENT bytes"} (${templateStacks.size} stack${templateStacks.size === 1 ? "" : "s"}).`);
    if (!identical) {
      for (const [stack, json] of templateStacks) {
        const [a, b] = [json.split("\n"), (optedInStacks.get(stack) ?? "").split("\n")];
        const line = a.findIndex((text, i) => text !== b[i]);
        if (line >= 0) console.log(`${stack}, first difference at line ${line + 1}:\n  template: ${a[line]}\n  opted in: ${b[line]}`);
      }
      process.exitCode = 1;
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
