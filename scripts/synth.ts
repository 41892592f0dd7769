/**
 * `npm run synth`: bundles the handlers (only those whose inputs changed),
 * synthesizes every stack and prints the summary, in one process: starting
 * Node and tsx once instead of three times.
 */
import { relative } from "node:path";
import { BUNDLE_ROOT } from "../paths";
import { synthApp } from "../main";
import { buildLambdas } from "./build-lambda";
import { summariseOutput } from "./synth-summary";

async function main(): Promise<void> {
  const { names, rebuilt } = await buildLambdas();
  if (rebuilt.length > 0) console.log(`Built ${rebuilt.length} of ${names.length} Lambda bundles into ${relative(process.cwd(), BUNDLE_ROOT)}: ${rebuilt.join(", ")}`);
  console.log(summariseOutput(synthApp()));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
