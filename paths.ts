/** Where things are in a checkout, resolved from this file so any working directory works. */
import { join } from "node:path";

export const PROJECT_ROOT = __dirname;
/** Handler sources: one folder per function, plus `shared`. */
export const LAMBDA_SOURCE_ROOT = join(PROJECT_ROOT, "lambda-src");
/** Where `npm run build:lambda` writes the bundles: `<BUNDLE_ROOT>/<function>/index.js`. */
export const BUNDLE_ROOT = join(PROJECT_ROOT, "dist", "lambda");
