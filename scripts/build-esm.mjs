// The ES module build of a package (run from its folder by `npm run build`): each source file
// transformed on its own into dist/esm, imports left as they are, so a bundler keeps only the
// modules a handler reaches (sideEffects: false). Bundlers pick it by the "module" condition;
// Node takes the CommonJS build.
import { build } from "esbuild";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const sources = readdirSync(".", { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && !file.startsWith("dist") && !file.startsWith("node_modules"))
  .sort();
await build({
  entryPoints: sources,
  outdir: join("dist", "esm"),
  format: "esm",
  platform: "node",
  target: "node20",
  bundle: false,
  logLevel: "warning",
  // The runtime loads the X-Ray tracer with require() only when tracing is on. It stays a require()
  // here, which the bundler that builds the handler resolves and bundles like any other.
  logOverride: { "unsupported-require-call": "silent" },
});
writeFileSync(join("dist", "esm", "package.json"), `${JSON.stringify({ type: "module", sideEffects: false }, null, 2)}\n`);
