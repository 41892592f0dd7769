/** Jest transpiles with swc only; type checking is the separate `tsc --noEmit` step of `npm test`. */
const { cpus } = require("node:os");

module.exports = {
  // Jest's default (cores - 1) runs serially on 2 cores; most suites wait on child processes and sockets, so 2 workers at least.
  maxWorkers: Math.max(2, cpus().length - 1),
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  // The packages by name resolve to their sources, as in tsconfig.json's paths (the tarball suite tests the built packages).
  moduleNameMapper: {
    "^@serverless-monitoring/contract$": "<rootDir>/lambda-src/contract/index.ts",
    "^@serverless-monitoring/lambda-runtime$": "<rootDir>/lambda-src/shared/index.ts",
    "^@serverless-monitoring/constructs$": "<rootDir>/modules/index.ts",
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  globalSetup: "<rootDir>/__tests__/global-setup.ts",
  testTimeout: 30000,
  watchman: false,
};
