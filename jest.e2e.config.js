/** `npm run test:e2e`: the Terraform suite (real terraform, the provider mirror, moto). One worker: its steps build on each other. */
const base = require("./jest.config");

module.exports = {
  ...base,
  maxWorkers: 1,
  testMatch: ["**/__tests__/e2e/**/*.e2e.ts"],
  testTimeout: 400000,
  // Every step by name, so a skipped one shows its reason.
  verbose: true,
};
