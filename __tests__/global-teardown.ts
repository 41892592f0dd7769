import { rmSync } from "node:fs";
import { RUN_TMPDIR_VARIABLE } from "./run-tmpdir";

/** Removes the run's temporary directory (see global-setup.ts), with what cdktf's Testing.app() left in it. Links in it (Terraform's to the provider mirror) are removed, not followed. */
export default function globalTeardown(): void {
  const runDir = process.env[RUN_TMPDIR_VARIABLE];
  if (runDir) rmSync(runDir, { recursive: true, force: true });
}
