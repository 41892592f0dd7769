/** Where things are in a checkout, resolved from this file so any working directory works. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The checkout's root: the nearest folder up from this file that holds
 * cdktf.json. Found rather than fixed, because this file also runs compiled
 * into dist/app/ (modules/synth-speed/run-compiled.cjs), a folder further down.
 */
export const PROJECT_ROOT = findProjectRoot(__dirname);
/** Handler sources: one folder per function, plus `shared`. */
export const LAMBDA_SOURCE_ROOT = join(PROJECT_ROOT, "lambda-src");
/** Where `npm run build:lambda` writes the bundles: `<BUNDLE_ROOT>/<function>/index.js`. */
export const BUNDLE_ROOT = join(PROJECT_ROOT, "dist", "lambda");

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "cdktf.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`No cdktf.json in ${start} or any folder above it: is this file still inside the project checkout?`);
  }
}
