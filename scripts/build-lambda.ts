/**
 * Bundles each handler in lambda-src/<function>/index.ts into
 * dist/lambda/<function>/index.js with esbuild: minified, with a source map,
 * for Node 22. The output depends only on the sources, so two builds give the
 * same bytes (and the same archive hash in a plan).
 *
 * Usage: npm run build:lambda
 */
import { build } from "esbuild";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { SourceMapConsumer, SourceMapGenerator, type RawSourceMap } from "source-map";
import { join, relative } from "node:path";

import { BUNDLE_ROOT, LAMBDA_SOURCE_ROOT as SOURCE_ROOT } from "../paths";

const LAMBDA_CREDENTIALS = join(SOURCE_ROOT, "shared", "lambda-credentials.ts");

/** Every folder of lambda-src with an index.ts is a function; `shared` is the library they use. */
export function functionNames(): string[] {
  return readdirSync(SOURCE_ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "shared" && existsSync(join(SOURCE_ROOT, entry.name, "index.ts")))
    .map((entry) => entry.name)
    .sort();
}

export async function buildLambdas(outRoot = BUNDLE_ROOT): Promise<string[]> {
  const names = functionNames();
  await Promise.all(
    names.map(async (name) => {
      const outdir = join(outRoot, name);
      rmSync(outdir, { recursive: true, force: true });
      await bundleHandler(join(SOURCE_ROOT, name, "index.ts"), join(outdir, "index.js"));
    }),
  );
  return names;
}

/** Bundles one handler entry point as a function is deployed: CommonJS for Node 22, minified, with a trimmed source map. */
export async function bundleHandler(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
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
    // Lambda's own credential sources in place of the SDK's whole default chain: see lambda-src/shared/lambda-credentials.ts.
    alias: { "@aws-sdk/credential-provider-node": LAMBDA_CREDENTIALS },
  });
  await keepOwnSourcesInMap(`${outfile}.map`);
}

/**
 * Keeps the source map's mappings for the project's own sources only: stack
 * traces (and error records) point at lambda-src/ TypeScript, library frames
 * stay minified. The map shrinks to a fraction, so every zip is smaller, a
 * cold start parses less, and synth copies less.
 */
async function keepOwnSourcesInMap(mapPath: string): Promise<void> {
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
    .then((names) => console.log(`Built ${names.length} Lambda bundles into ${relative(process.cwd(), BUNDLE_ROOT) || "."} in ${Date.now() - started} ms: ${names.join(", ")}`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
