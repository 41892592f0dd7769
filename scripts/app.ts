/**
 * The app's entry point, started compiled by modules/synth-speed/run-compiled.cjs:
 *   - cdktf.json runs it for `cdktf synth`, `diff`, `deploy` and `list`: it
 *     bundles the handlers whose inputs changed, then synthesizes every stack
 *     into the directory the CLI names (CDKTF_OUTDIR);
 *   - `npm run synth` runs it with --summary: the same, then what each stack
 *     holds. One process, so Node starts once.
 */
import { relative } from "node:path";
import * as z from "zod";
import { synthApp } from "../main";
import { BUNDLE_ROOT } from "../paths";
import { buildLambdas } from "./build-lambda";
import { summariseOutput } from "./synth-summary";

// A synth parses each environment file once. zod's JIT compiles a parser for
// every object schema (with new Function) on first use, which costs a run
// that parses four files more than it saves: 25 ms against 11 ms.
z.config({ jitless: true });

async function main(summary: boolean): Promise<void> {
  const { names, rebuilt } = await buildLambdas();
  if (summary && rebuilt.length > 0) console.log(`Built ${rebuilt.length} of ${names.length} Lambda bundles into ${relative(process.cwd(), BUNDLE_ROOT)}: ${rebuilt.join(", ")}`);
  const outdir = synthApp();
  if (summary) console.log(summariseOutput(outdir));
}

main(process.argv.includes("--summary")).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
