import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildLambdas } from "../scripts/build-lambda";
import { RUN_TMPDIR_VARIABLE } from "./run-tmpdir";

/**
 * Gives the run its own temporary directory, which global-teardown.ts
 * removes: cdktf's `Testing.app()` makes an output directory in os.tmpdir()
 * for every test synth and never removes it (166 in a run of `npm test`). Workers start
 * after this and inherit TMPDIR, as does every process a test starts.
 *
 * The stacks package the real bundles, so every run builds them first (about a second).
 */
export default async function globalSetup(): Promise<void> {
  const runDir = mkdtempSync(join(tmpdir(), "serverless-monitoring-tests-"));
  process.env[RUN_TMPDIR_VARIABLE] = runDir;
  process.env.TMPDIR = runDir;
  await buildLambdas();
}
