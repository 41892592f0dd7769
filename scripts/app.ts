/**
 * The app as cdktf.json runs it, for `cdktf synth`, `diff`, `deploy` and
 * `list`: bundles the handlers whose inputs changed, then synthesizes every
 * stack into the directory the CLI names (CDKTF_OUTDIR).
 */
import { synthApp } from "../main";
import { buildLambdas } from "./build-lambda";

buildLambdas()
  .then(() => synthApp())
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
