/** Where the cdktf CLI in node_modules loads from, and a require that resolves as its bundle does. */
import { createRequire } from "node:module";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths";

/** The CLI's executable, as `npx cdktf` runs it. */
export const CDKTF_CLI_BIN = join(PROJECT_ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");

/** The file `require(request)` loads from the CLI's bundle (its handlers, which require @cdktf/hcl2cdk). */
export const resolveAsCdktfCli = (request: string): string => createRequire(join(CDKTF_CLI_BIN, "..", "cmds", "handlers.js")).resolve(request);
