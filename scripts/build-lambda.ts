/**
 * Bundles each handler in lambda-src/<function>/index.ts into
 * dist/lambda/<function>/index.js with esbuild: minified, with a source map,
 * for Node 22. The output depends only on the sources, so two builds give the
 * same bytes (and the same archive hash in a plan).
 *
 * Usage: npm run build:lambda
 */
import { build } from "esbuild";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";

import { BUNDLE_ROOT, LAMBDA_SOURCE_ROOT as SOURCE_ROOT } from "../paths";

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
      await build({
        entryPoints: [join(SOURCE_ROOT, name, "index.ts")],
        outfile: join(outdir, "index.js"),
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
      });
    }),
  );
  return names;
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
