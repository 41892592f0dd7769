/**
 * `npm run test:packages`: the packages as a platform team gets them. Build and
 * pack the three workspaces, install the tarballs offline into a project
 * outside the repository, then run the README's package example there in
 * every way a team may compile it, and bundle handlers that use the runtime.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../paths";
import { buildAndPack, installOffline, writeScratchProject, type PackedPackage } from "./support/scratch-project";

/** What the README's module section shows, between its markers. */
function readmeExample(): string {
  const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
  const match = /<!-- package-example -->\s*```ts\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error("README.md has no ```ts block after <!-- package-example -->");
  return match[1]!;
}

/**
 * The provider packages have no exports map, so an ES module imports their
 * classes by file (`.../lib/provider/index.js`), as the README says.
 */
const asEsModule = (source: string): string => source.replace(/from "(@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+)"/g, 'from "$1/index.js"');

const TOOLS = ["cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-archive", "typescript", "ts-node", "tsx", "esbuild", "@types/node"];

let root: string;
let project: string;
let packed: PackedPackage[];
let installSeconds: number;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "serverless-monitoring-consumer-"));
  project = join(root, "project");
  packed = buildAndPack(join(root, "tarballs"));
  writeScratchProject(project, packed, TOOLS);
  installSeconds = installOffline(project);
}, 600_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const bin = (name: string) => join(project, "node_modules", ".bin", name);
const run = (command: string, args: readonly string[], cwd: string) => execFileSync(command, [...args], { cwd, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" }, stdio: ["ignore", "pipe", "pipe"] });

/** Writes a mode's files, runs it, and returns the synthesized stack. */
function synthesizeIn(mode: string, files: Record<string, string>, command: string, args: readonly string[]): { resource: Record<string, Record<string, { alarm_actions?: string[] }>> } {
  const dir = join(project, mode);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  try {
    run(command, args, dir);
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${mode} failed:\n${failure.stdout ?? ""}${failure.stderr ?? failure.message}`);
  }
  return JSON.parse(readFileSync(join(dir, "cdktf.out", "stacks", "checkout-monitoring", "cdk.tf.json"), "utf8"));
}

/** The example monitors two existing functions and an HTTP API, routed to two existing topics. */
function expectExampleStack(stack: ReturnType<typeof synthesizeIn>): void {
  const alarms = Object.values(stack.resource["aws_cloudwatch_metric_alarm"] ?? {});
  expect(alarms.length).toBeGreaterThanOrEqual(6);
  const actions = new Set(alarms.flatMap((alarm) => alarm.alarm_actions ?? []));
  expect([...actions].sort()).toEqual(["arn:aws:sns:eu-west-1:111122223333:pager", "arn:aws:sns:eu-west-1:111122223333:team-chat"]);
  expect(Object.keys(stack.resource["aws_cloudwatch_dashboard"] ?? {}).length).toBeGreaterThanOrEqual(1);
  // Nothing is created for the monitored resources themselves: no function, API, topic or key.
  for (const created of ["aws_lambda_function", "aws_apigatewayv2_api", "aws_sns_topic", "aws_kms_key"]) expect(stack.resource[created]).toBeUndefined();
}

const compilerOptions = (options: Record<string, unknown>) => `${JSON.stringify({ compilerOptions: { target: "ES2022", strict: true, types: ["node"], ...options }, files: ["main.ts"] }, null, 2)}\n`;

describe("the packed tarballs", () => {
  test("hold only what runs: compiled JavaScript, declarations and the dashboard templates", () => {
    for (const pkg of packed) {
      const listing = run("tar", ["-tzf", pkg.tarball], root).trim().split("\n");
      const unexpected = listing.filter((file) => !/^package\/(package\.json|README\.md|dist\/.+\.(js|d\.ts|json))$/.test(file) || /\.test\.|__tests__|\.ts$(?<!\.d\.ts$)/.test(file));
      expect({ pkg: pkg.name, unexpected }).toEqual({ pkg: pkg.name, unexpected: [] });
    }
    const byName = Object.fromEntries(packed.map((pkg) => [pkg.name, pkg]));
    // Budgets: a regression that ships sources, tests or the reference application shows here first.
    expect(byName["@serverless-monitoring/contract"]!.unpackedBytes).toBeLessThan(30_000);
    expect(byName["@serverless-monitoring/lambda-runtime"]!.unpackedBytes).toBeLessThan(150_000);
    expect(byName["@serverless-monitoring/constructs"]!.unpackedBytes).toBeLessThan(500_000);
    expect(byName["@serverless-monitoring/constructs"]!.files).toBeLessThan(200);
    console.log(
      [
        ...packed.map((pkg) => `${pkg.name}: ${pkg.files} files, ${pkg.packedBytes} bytes packed, ${pkg.unpackedBytes} unpacked`),
        `offline install of the tarballs and their peers: ${installSeconds.toFixed(1)} s`,
      ].join("\n"),
    );
  });

  test("install with one copy of cdktf and of the provider: the peers are the project's own", () => {
    const installed = run("npm", ["ls", "--all", "--parseable", "cdktf", "@cdktf/provider-aws", "constructs"], project).trim().split("\n");
    for (const peer of ["cdktf", "@cdktf/provider-aws", "constructs"]) expect({ peer, copies: new Set(installed.filter((path) => path.endsWith(`/node_modules/${peer}`))).size }).toEqual({ peer, copies: 1 });
    expect(statSync(join(project, "node_modules", "@serverless-monitoring", "constructs", "node_modules"), { throwIfNoEntry: false })).toBeUndefined();
  });

  test("the README's example synthesizes under CommonJS with ts-node (type-checked)", () => {
    expectExampleStack(synthesizeIn("cjs-ts-node", { "main.ts": readmeExample(), "tsconfig.json": compilerOptions({ module: "commonjs" }) }, bin("ts-node"), ["main.ts"]));
  });

  test("the README's example synthesizes as an ES module compiled by tsc with module nodenext, run by node", () => {
    const files = { "main.ts": asEsModule(readmeExample()), "package.json": '{ "type": "module" }\n', "tsconfig.json": compilerOptions({ module: "nodenext", moduleResolution: "nodenext", outDir: "out" }) };
    const stack = synthesizeIn("nodenext", files, "sh", ["-c", `${bin("tsc")} -p . && node out/main.js`]);
    expectExampleStack(stack);
  });

  test("the README's example synthesizes as an ES module under tsx", () => {
    expectExampleStack(synthesizeIn("esm-tsx", { "main.mts": readmeExample() }, bin("tsx"), ["main.mts"]));
  });

  test("the README's example compiles under the strictest options, declarations included (no skipLibCheck), and synthesizes", () => {
    const strict = compilerOptions({ module: "commonjs", outDir: "out", noPropertyAccessFromIndexSignature: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noImplicitOverride: true, skipLibCheck: false });
    expectExampleStack(synthesizeIn("strict", { "main.ts": readmeExample(), "tsconfig.json": strict }, "sh", ["-c", `${bin("tsc")} -p . && node out/main.js`]));
  });
});

describe("the runtime package in a handler bundle (esbuild, as Lambda deploys it)", () => {
  function bundle(name: string, source: string): { bytes: number; inputs: string[] } {
    const dir = join(project, "handlers");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.ts`), source);
    const outfile = join(dir, "out", `${name}.js`);
    run(bin("esbuild"), [`${name}.ts`, "--bundle", "--platform=node", "--target=node22", "--format=cjs", "--minify", `--outfile=${outfile}`, `--metafile=${outfile}.meta.json`, "--log-level=warning"], dir);
    const meta = JSON.parse(readFileSync(`${outfile}.meta.json`, "utf8")) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
    const output = Object.values(meta.outputs).find((o) => Object.keys(o.inputs).length > 0)!;
    return { bytes: statSync(outfile).size, inputs: Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([file]) => file) };
  }

  test("withErrorCapture bundles with Powertools and the DynamoDB client, within a budget", () => {
    const full = bundle("capture", 'import { withErrorCapture } from "@serverless-monitoring/lambda-runtime";\nexport const handler = withErrorCapture(async (event: unknown) => ({ ok: true as const, data: event }));\n');
    expect(full.inputs.some((file) => file.includes("@aws-lambda-powertools/logger"))).toBe(true);
    expect(full.inputs.some((file) => file.includes("@aws-sdk/lib-dynamodb"))).toBe(true);
    expect(full.bytes).toBeLessThan(1_000_000);
    console.log(`handler with withErrorCapture: ${full.bytes} bytes minified`);
  });

  test("tree-shakes to what a handler uses: redaction alone pulls in neither Powertools nor the SDK", () => {
    const small = bundle("redact", 'import { redactSecrets } from "@serverless-monitoring/lambda-runtime";\nexport const handler = async (event: Record<string, unknown>) => redactSecrets(event);\n');
    expect(small.inputs.filter((file) => /@aws-lambda-powertools|@aws-sdk|zod/.test(file))).toEqual([]);
    expect(small.bytes).toBeLessThan(10_000);
    console.log(`handler with redactSecrets only: ${small.bytes} bytes minified`);
  });

  test("the contract loads alone, with no dependency installed beside it", () => {
    const alone = join(root, "contract-alone");
    mkdirSync(join(alone, "node_modules", "@serverless-monitoring"), { recursive: true });
    run("tar", ["-xzf", packed.find((pkg) => pkg.name === "@serverless-monitoring/contract")!.tarball, "-C", alone], root);
    cpSync(join(alone, "package"), join(alone, "node_modules", "@serverless-monitoring", "contract"), { recursive: true });
    const names = run("node", ["-e", 'const c = require("@serverless-monitoring/contract"); console.log(JSON.stringify([c.METRIC_NAMESPACE, c.ENV_VARS.errorTableName]))'], alone);
    expect(JSON.parse(names)).toEqual(["ServerlessMonitoring", "ERROR_TABLE_NAME"]);
  });
});
