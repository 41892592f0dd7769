/**
 * Bundles each handler in lambda-src/<function>/index.ts into
 * dist/lambda/<function>/index.js with esbuild: minified, with a source map,
 * for Node 22. The output depends only on the sources, so two builds give the
 * same bytes (and the same archive hash in a plan).
 *
 * A bundle is rebuilt only when its inputs change: each bundle directory keeps
 * the content hash of what went into it (the project sources esbuild read, the
 * lockfile for everything under node_modules, and the build options), so an
 * unchanged synth does no bundling and a changed handler rebuilds its bundle
 * alone. The hashes live in dist/lambda/.inputs/, outside the bundles (which
 * are zipped whole).
 *
 * Usage: npm run build:lambda
 */
import { version as esbuildVersion } from "esbuild/package.json";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { PluginBuild } from "esbuild";
import type { RawSourceMap } from "source-map";
import { dirname, join, relative, sep } from "node:path";

import { BUNDLE_ROOT, LAMBDA_SOURCE_ROOT, PROJECT_ROOT } from "../paths";
import { governingPackageJson, inputContent } from "../modules/synth-speed/build-inputs.cjs";
import { PACKAGE_FOLDERS } from "./workspaces";

/** Lambda's own credential sources, under a source root: see lambda-src/bundling/lambda-credentials.ts. */
const lambdaCredentials = (sourceRoot: string) => join(sourceRoot, "bundling", "lambda-credentials.ts");
/** Where each bundle's input hash is kept: beside the bundle directories, never inside one (a bundle directory is zipped whole). */
const INPUTS_DIR = ".inputs";
/** Bumped when the post-processing (the source-map trim) changes what a bundle holds. */
const POST_PROCESSING_VERSION = "source-map-own-sources-1, lazy-chunks-1";

/** The packages beside the handlers (the runtime, the contract): folder under lambda-src, and package name. */
const LAMBDA_PACKAGES = PACKAGE_FOLDERS.filter((folder) => dirname(folder) === "lambda-src").map((folder) => ({
  folder: folder.slice("lambda-src/".length),
  name: (JSON.parse(readFileSync(join(PROJECT_ROOT, folder, "package.json"), "utf8")) as { name: string }).name,
}));
/** The folders of lambda-src that the functions use: those packages, and the reference workloads' failure simulation. */
const LIBRARY_FOLDERS: ReadonlySet<string> = new Set([...LAMBDA_PACKAGES.map((pkg) => pkg.folder), "simulation"]);

/** Every other folder of lambda-src with an index.ts is a function. */
export function functionNames(sourceRoot = LAMBDA_SOURCE_ROOT): string[] {
  return readdirSync(sourceRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !LIBRARY_FOLDERS.has(entry.name) && existsSync(join(sourceRoot, entry.name, "index.ts")))
    .map((entry) => entry.name)
    .sort();
}

export interface BuildResult {
  readonly names: string[];
  /** The functions whose bundle was built; the others were up to date. */
  readonly rebuilt: string[];
  /** Whether the canary code (lambda-src/canaries) was built, or was up to date. */
  readonly canaryRebuilt: boolean;
}

/**
 * The Synthetics canaries' code: lambda-src/canaries/canary.ts, bundled like a
 * function into the layout Synthetics Node.js runtimes load,
 * `<outRoot>/canaries/nodejs/node_modules/api-canary.js` (handler
 * `api-canary.handler`; modules/monitoring/synthetics zips the directory).
 */
export const CANARY_BUNDLE = { folder: "canaries", entry: "canary.ts", file: join("nodejs", "node_modules", "api-canary.js") } as const;

export async function buildLambdas(outRoot = BUNDLE_ROOT, sourceRoot = LAMBDA_SOURCE_ROOT): Promise<BuildResult> {
  const names = functionNames(sourceRoot);
  const digests = fileDigests();
  const rebuilt: string[] = [];
  const build = async (name: string, entry: string, file: string): Promise<boolean> => {
    const outdir = join(outRoot, name);
    const recorded = join(outRoot, INPUTS_DIR, `${name}.sha256`);
    if (upToDate(outdir, file, recorded, digests)) return false;
    rmSync(outdir, { recursive: true, force: true });
    const inputs = await bundleHandler(entry, join(outdir, file), sourceRoot);
    mkdirSync(dirname(recorded), { recursive: true });
    writeFileSync(recorded, inputsHash(inputs, digests));
    return true;
  };
  const [canaryRebuilt] = await Promise.all([
    existsSync(join(sourceRoot, CANARY_BUNDLE.folder, CANARY_BUNDLE.entry)) ? build(CANARY_BUNDLE.folder, join(sourceRoot, CANARY_BUNDLE.folder, CANARY_BUNDLE.entry), CANARY_BUNDLE.file) : Promise.resolve(false),
    ...names.map(async (name) => {
      if (await build(name, join(sourceRoot, name, "index.ts"), "index.js")) rebuilt.push(name);
    }),
  ]);
  return { names, rebuilt: rebuilt.sort(), canaryRebuilt: canaryRebuilt === true };
}

/** Each file's SHA-256, read once per build however many bundles share it (the shared library, the lockfile). */
function fileDigests(): (relativePath: string) => string {
  const known = new Map<string, string>();
  return (file) => {
    let digest = known.get(file);
    if (digest === undefined) {
      digest = createHash("sha256").update(inputContent(PROJECT_ROOT, file)).digest("hex");
      known.set(file, digest);
    }
    return digest;
  };
}

/** The bundle's recorded inputs still hash to what they did when it was built. */
function upToDate(outdir: string, file: string, recorded: string, digest: (file: string) => string): boolean {
  if (!existsSync(recorded) || !existsSync(join(outdir, file)) || !existsSync(join(outdir, `${file}.map`))) return false;
  const [hash, ...files] = readFileSync(recorded, "utf8").trim().split("\n");
  return files.every((file) => existsSync(join(PROJECT_ROOT, file))) && inputsHash(files.map((file) => join(PROJECT_ROOT, file)), digest) === [hash, ...files].join("\n");
}

/**
 * What a bundle is made of, as one hash and the list it covers: the build
 * options, esbuild's version, the lockfile (for every input under
 * node_modules), and the content of each project source esbuild read.
 */
function inputsHash(inputs: readonly string[], digest: (file: string) => string): string {
  const sources = inputs.map((file) => relative(PROJECT_ROOT, file)).filter((file) => !file.split(sep).includes("node_modules"));
  const own = [...new Set([...sources, ...sources.map((source) => governingPackageJson(PROJECT_ROOT, source))])].sort();
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ options: BUILD_OPTIONS, esbuild: esbuildVersion, post: POST_PROCESSING_VERSION }));
  hash.update(digest("package-lock.json"));
  for (const file of own) hash.update(`\0${file}\0${digest(file)}`);
  return [hash.digest("hex"), ...own].join("\n");
}

/** Everything about a build but its entry and output: part of every bundle's input hash. */
const BUILD_OPTIONS = {
  bundle: true,
  platform: "node",
  target: "node22",
  format: "cjs",
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  // ESM entry points first: they tree-shake far better than the SDK's CommonJS builds.
  mainFields: ["module", "main"],
  legalComments: "linked",
  logLevel: "warning",
  // Lambda's own credential sources in place of the SDK's whole default chain: see lambda-src/bundling/lambda-credentials.ts.
  alias: { "@aws-sdk/credential-provider-node": relative(PROJECT_ROOT, lambdaCredentials(LAMBDA_SOURCE_ROOT)) },
} as const;

/**
 * Everything a handler imports from the project resolves under one source
 * root: the workspace packages by name (as tsconfig.json's paths say for
 * lambda-src) and the credential sources. A copy of lambda-src elsewhere
 * therefore bundles to the bytes of the original.
 */
function sourceAliases(sourceRoot: string): Record<string, string> {
  return {
    "@aws-sdk/credential-provider-node": lambdaCredentials(sourceRoot),
    ...Object.fromEntries(LAMBDA_PACKAGES.map((pkg) => [pkg.name, join(sourceRoot, pkg.folder, "index.ts")])),
  };
}

/**
 * Modules a handler requires only when it needs them (a `require()` inside a
 * function), each bundled into a file of its own beside index.js rather than
 * into it. Node parses a whole file before running any of it, so a module
 * compiled into index.js costs every cold start its parse (and, with
 * --enable-source-maps, its share of the source-map bookkeeping), even when
 * it is never evaluated. As a file of its own it is parsed when it is first
 * required: the DynamoDB SDK at the first failure (error-store.ts), the
 * X-Ray SDK with the Tracer only where tracing is on (tracing.ts).
 */
const LAZY_CHUNKS: readonly { readonly specifier: string; readonly importer: RegExp; readonly file: string; readonly entry: (sourceRoot: string) => string }[] = [
  { specifier: "./dynamodb-sdk", importer: /[\\/]shared[\\/]error-store\.ts$/, file: "dynamodb-sdk.js", entry: (root) => join(root, "shared", "dynamodb-sdk.ts") },
  { specifier: "./tracer-sdk", importer: /[\\/]shared[\\/]tracing\.ts$/, file: "tracer-sdk.js", entry: (root) => join(root, "shared", "tracer-sdk.ts") },
];

/** Leaves each LAZY_CHUNKS require in the bundle as a require of the chunk's file beside it. */
const lazyChunksOutside = {
  name: "lazy-chunks-outside",
  setup(build: PluginBuild) {
    for (const chunk of LAZY_CHUNKS) {
      const filter = new RegExp(`^${chunk.specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);
      build.onResolve({ filter }, ({ importer }) => (chunk.importer.test(importer) ? { path: `./${chunk.file}`, external: true } : undefined));
    }
  },
};

/**
 * Bundles one handler entry point as a function is deployed: CommonJS for
 * Node 22, minified, with a trimmed source map, and each of LAZY_CHUNKS the
 * handler uses as a file of its own beside it. Returns the files esbuild read.
 */
export async function bundleHandler(entry: string, outfile: string, sourceRoot = LAMBDA_SOURCE_ROOT): Promise<string[]> {
  // Loaded here, not at the top: a synth whose bundles are up to date never needs esbuild or source-map.
  const { build } = await import("esbuild");
  const bundle = async (entryPoint: string, outputFile: string): Promise<string[]> => {
    const result = await build({
      ...BUILD_OPTIONS,
      mainFields: [...BUILD_OPTIONS.mainFields],
      alias: sourceAliases(sourceRoot),
      plugins: [lazyChunksOutside],
      metafile: true,
      absWorkingDir: PROJECT_ROOT,
      entryPoints: [entryPoint],
      outfile: outputFile,
    });
    return Object.keys(result.metafile.inputs);
  };
  const inputs = new Set(await bundle(entry, outfile));
  const output = readFileSync(outfile, "utf8");
  for (const chunk of LAZY_CHUNKS) {
    if (!output.includes(`require("./${chunk.file}")`)) continue;
    const chunkFile = join(dirname(outfile), chunk.file);
    for (const input of await bundle(chunk.entry(sourceRoot), chunkFile)) inputs.add(input);
    await keepOwnSourcesInMap(`${chunkFile}.map`);
  }
  await keepOwnSourcesInMap(`${outfile}.map`);
  return [...inputs].map((file) => join(PROJECT_ROOT, file));
}

/**
 * Keeps the source map's mappings for the project's own sources only: stack
 * traces (and error records) point at lambda-src/ TypeScript, library frames
 * stay minified. The map shrinks to a fraction, so every zip is smaller, a
 * cold start parses less, and synth copies less.
 */
async function keepOwnSourcesInMap(mapPath: string): Promise<void> {
  const { SourceMapConsumer, SourceMapGenerator } = await import("source-map");
  const raw = JSON.parse(readFileSync(mapPath, "utf8")) as RawSourceMap;
  const generator = new SourceMapGenerator({ file: raw.file });
  await SourceMapConsumer.with(raw, null, (consumer) => {
    consumer.eachMapping((m) => {
      if (!m.source || m.source.includes("node_modules/") || m.originalLine === null) return;
      generator.addMapping({
        generated: { line: m.generatedLine, column: m.generatedColumn },
        original: { line: m.originalLine, column: m.originalColumn },
        source: m.source,
        ...(m.name ? { name: m.name } : {}),
      });
    });
  });
  writeFileSync(mapPath, generator.toString());
}

if (require.main === module) {
  const started = Date.now();
  buildLambdas()
    .then(({ names, rebuilt }) =>
      console.log(
        rebuilt.length === 0
          ? `${names.length} Lambda bundles in ${relative(process.cwd(), BUNDLE_ROOT) || "."} are up to date (${Date.now() - started} ms)`
          : `Built ${rebuilt.length} of ${names.length} Lambda bundles into ${relative(process.cwd(), BUNDLE_ROOT) || "."} in ${Date.now() - started} ms: ${rebuilt.join(", ")}`,
      ),
    )
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
