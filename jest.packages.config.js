/** `npm run test:packages`: the packed tarballs installed in a project outside the repository. One worker: the tests share that project. */
const base = require("./jest.config");

module.exports = {
  ...base,
  maxWorkers: 1,
  testMatch: ["**/__tests__/packages/**/*.packages.ts"],
  testTimeout: 300000,
  verbose: true,
};
