// @ts-check
/**
 * What counts as an input of an esbuild build, for the content hashes that
 * decide whether to build again: scripts/build-lambda.ts (the Lambda bundles)
 * and modules/synth-speed/run-compiled.cjs (the compiled entry points) both use it.
 * Plain CommonJS, because run-compiled.cjs runs before anything is compiled.
 */
"use strict";
const { existsSync, readFileSync } = require("node:fs");
const { basename, dirname, join } = require("node:path");

/** What esbuild reads of a package.json. Only these count, so that editing a script does not rebuild everything. */
const BUNDLER_FIELDS = ["type", "main", "module", "exports", "imports", "browser", "sideEffects"];

/**
 * The package.json nearest above a source (the root's at the latest): esbuild
 * reads it, and its sideEffects decides what tree-shaking keeps.
 * @param {string} root the project root
 * @param {string} source a path relative to root
 * @returns {string} a path relative to root
 */
function governingPackageJson(root, source) {
  for (let dir = dirname(source); dir !== "." && dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(root, dir, "package.json"))) return join(dir, "package.json");
  }
  return "package.json";
}

/**
 * A file as it counts towards a hash: a package.json by the fields esbuild
 * reads, any other file whole.
 * @param {string} root the project root
 * @param {string} file a path relative to root
 * @returns {Buffer | string}
 */
function inputContent(root, file) {
  const content = readFileSync(join(root, file));
  if (basename(file) !== "package.json") return content;
  const parsed = JSON.parse(content.toString("utf8"));
  return JSON.stringify(BUNDLER_FIELDS.map((field) => [field, parsed[field] ?? null]));
}

module.exports = { governingPackageJson, inputContent };
