/**
 * `npm run test:e2e`: the Terraform suite (real terraform, the provider mirror, moto). A file's steps build
 * on each other and run in order, as jest runs a file's tests; the files are independent (each its own moto
 * server, working directories and plugin cache), so two run at once: 403 s instead of 582 s on 2 cores.
 */
const base = require("./jest.config");

module.exports = {
  ...base,
  maxWorkers: 2,
  testMatch: ["**/__tests__/e2e/**/*.e2e.ts"],
  testTimeout: 400000,
  // Every step by name, so a skipped one shows its reason.
  verbose: true,
};
