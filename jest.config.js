/** Jest transpiles with swc only; type checking is the separate `tsc -b` step of `npm test`. */
const { cpus } = require("node:os");
const { join } = require("node:path");
const { readFileSync } = require("node:fs");
// tsconfig.json holds comments. jsonc-parser reads it in milliseconds; loading TypeScript for it cost every jest start 0.4 s.
const { parse } = require("jsonc-parser");

/** tsconfig.json's paths as jest's moduleNameMapper. */
function sourcePaths() {
  const errors = [];
  const config = parse(readFileSync(join(__dirname, "tsconfig.json"), "utf8"), errors);
  // jsonc-parser reads past mistakes; say so rather than map from half a file (tsc -b names the exact place).
  if (errors.length > 0 || !config?.compilerOptions?.paths) throw new Error("jest.config.js: tsconfig.json does not parse, or has no compilerOptions.paths; run `npm run typecheck` to see where.");
  return Object.fromEntries(Object.entries(config.compilerOptions.paths).map(([name, [target]]) => [`^${name}$`, `<rootDir>/${target.replace(/^\.\//, "")}`]));
}

module.exports = {
  // Jest's default (cores - 1) runs serially on 2 cores; most suites wait on child processes and sockets, so 2 workers at least.
  maxWorkers: Math.max(2, cpus().length - 1),
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  // The packages by name resolve to their sources, as tsconfig.json's paths say (the tarball suite tests the built packages).
  moduleNameMapper: sourcePaths(),
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  globalSetup: "<rootDir>/__tests__/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/global-teardown.ts",
  testTimeout: 30000,
  watchman: false,
};
