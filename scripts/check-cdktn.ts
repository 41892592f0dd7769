/**
 * `npm run check:cdktn`: the constructs work on CDK Terrain (cdktn), the
 * community fork of the archived cdktf.
 *
 * Copies the constructs, the reference application and the examples into
 * scripts/cdktn/work, renames the imports (`cdktf` to `cdktn`,
 * `@cdktf/provider-*` to `@cdktn/provider-*`), builds the constructs package
 * there with tsc against cdktn's types, synthesizes the reference
 * stacks and the examples there with the packages of scripts/cdktn (installed
 * by `npm ci` in that folder on first run, pinned by its lockfile), and fails
 * unless every stack holds exactly the resources, data sources, outputs,
 * providers and moves of the cdktf synth. Only the provider version
 * constraints and cdktf's own metadata may differ.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths";
import { buildLambdas } from "./build-lambda";

const CDKTN = join(PROJECT_ROOT, "scripts", "cdktn");
const WORK = join(CDKTN, "work");
const COPIED = ["modules", "lambda-src", "stacks", "environments", "examples", "main.ts", "paths.ts", "cdktf.json", "tsconfig.json", join("dist", "lambda")];

/** Synthesizes the app and every example into `outdir`; run with tsx in the repository and in the renamed copy alike. */
const DRIVER = `import { App } from "cdktf";
import { buildApp } from "./main";
import { withFastResolve, withTokenTracesOnFailure } from "@serverless-monitoring/constructs";
import { EstateMonitoring } from "./examples/monitor-an-estate";
import { CheckoutMonitoring } from "./examples/monitor-existing-functions";

const outdir = process.argv[2]!;
withTokenTracesOnFailure(() => {
  const app = buildApp(new App({ outdir }), {});
  new EstateMonitoring(app, "example-estate");
  new CheckoutMonitoring(app, "example-checkout");
  withFastResolve(() => app.synth());
});
`;

/** An import of cdktf (or of a file in it) or of one of its providers (a tag value "cdktf" is not one). */
const CDKTF_IMPORT = /(from |import\(|require\()"cdktf["/]|"@cdktf\//;

/** The imports of cdktf, of its files (modules/synth-speed/fast-resolve.ts imports one) and of its providers, renamed to CDK Terrain's. */
export function renameToCdktn(source: string): string {
  return source.replace(/(from |import\(|require\()"cdktf(\/[^"]*)?"/g, '$1"cdktn$2"').replace(/"@cdktf\/provider-(aws|archive)(\/[^"]*)?"/g, '"@cdktn/provider-$1$2"');
}

function tsx(args: readonly string[], cwd: string): void {
  execFileSync(process.execPath, [join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), ...args], { cwd, stdio: "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
}

/** Renames the imports of every TypeScript file under `dir`; returns the files that still import cdktf after it. */
function renameTree(dir: string): string[] {
  const leftovers: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const file = join(entry.parentPath, entry.name);
    const renamed = renameToCdktn(readFileSync(file, "utf8"));
    writeFileSync(file, renamed);
    if (CDKTF_IMPORT.test(renamed)) leftovers.push(file);
  }
  return leftovers;
}

type Synth = Record<string, unknown>;

type Terraform = { required_providers?: Record<string, { version?: string; source?: string }>; backend?: { local?: { path?: string } } };

/**
 * A stack's JSON without what may differ between the two: cdktf's metadata,
 * the provider version constraints, the provider source's spelling (`aws` and
 * `hashicorp/aws` both name registry.terraform.io/hashicorp/aws) and the
 * default local backend's path, which is the working directory's.
 */
function comparable(file: string, workingDirectory: string): Synth {
  const synth = JSON.parse(readFileSync(file, "utf8")) as Synth;
  delete synth["//"];
  const terraform = synth["terraform"] as Terraform | undefined;
  for (const provider of Object.values(terraform?.required_providers ?? {})) {
    delete provider.version;
    if (provider.source && !provider.source.includes("/")) provider.source = `hashicorp/${provider.source}`;
  }
  const local = terraform?.backend?.local;
  if (local?.path?.startsWith(`${workingDirectory}/`)) local.path = local.path.slice(workingDirectory.length + 1);
  return synth;
}

/** Every difference as `<block>.<type>.<name>`, e.g. `resource.aws_cloudwatch_metric_alarm.foo`. */
function differences(a: unknown, b: unknown, path: string, depth: number, found: string[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (depth === 0 || typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    found.push(path);
    return;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of [...keys].sort()) differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth - 1, found);
}

async function main(): Promise<void> {
  if (!existsSync(join(CDKTN, "node_modules", "cdktn"))) execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: CDKTN, stdio: "inherit" });
  await buildLambdas();
  // The copy resolves the contract package by name, to its build in the repository.
  execFileSync("npm", ["run", "--silent", "build", "--workspace=lambda-src/contract"], { cwd: PROJECT_ROOT, stdio: "inherit" });

  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  for (const path of COPIED) cpSync(join(PROJECT_ROOT, path), join(WORK, path), { recursive: true });
  writeFileSync(join(WORK, "synth-all.ts"), DRIVER);
  const leftovers = renameTree(WORK);
  if (leftovers.length > 0) throw new Error(`imports of cdktf left after the rename:\n${leftovers.join("\n")}`);

  // The constructs package builds for cdktn: compiled against its types, as it would be published.
  execFileSync(process.execPath, [join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(WORK, "modules", "tsconfig.build.json")], { cwd: WORK, stdio: "inherit" });

  const reference = join(WORK, "out-cdktf");
  const renamed = join(WORK, "out-cdktn");
  const driver = join(PROJECT_ROOT, ".cdktn-driver.ts");
  writeFileSync(driver, DRIVER);
  try {
    tsx([driver, reference], PROJECT_ROOT);
  } finally {
    rmSync(driver, { force: true });
  }
  tsx([join(WORK, "synth-all.ts"), renamed], WORK);

  const stacks = readdirSync(join(reference, "stacks")).sort();
  const problems: string[] = [];
  let resources = 0;
  for (const stack of stacks) {
    const [a, b] = [join(reference, "stacks", stack, "cdk.tf.json"), join(renamed, "stacks", stack, "cdk.tf.json")];
    if (!existsSync(b)) {
      problems.push(`${stack}: not synthesized with cdktn`);
      continue;
    }
    const [before, after] = [comparable(a, PROJECT_ROOT), comparable(b, WORK)];
    resources += Object.values((before["resource"] ?? {}) as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
    const found: string[] = [];
    differences(before, after, "", 3, found);
    problems.push(...found.map((path) => `${stack}: ${path} differs`));
  }
  const extra = readdirSync(join(renamed, "stacks")).filter((stack) => !stacks.includes(stack));
  problems.push(...extra.map((stack) => `${stack}: only in the cdktn synth`));

  if (problems.length > 0) {
    console.error(`cdktn check failed (outputs kept in ${WORK}):\n${problems.slice(0, 40).map((p) => `  - ${p}`).join("\n")}`);
    process.exit(1);
  }
  rmSync(WORK, { recursive: true, force: true });
  console.log(`cdktn check passed: ${stacks.length} stacks, ${resources} resources, identical with cdktf 0.21.0 and CDK Terrain (cdktn ${version("cdktn")}, @cdktn/provider-aws ${version("@cdktn/provider-aws")}).`);
}

function version(name: string): string {
  return (JSON.parse(readFileSync(join(CDKTN, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
