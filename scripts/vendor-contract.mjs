// Compiles the contract into the package being built (run from its folder by `npm run build`,
// after tsc and the ES module build): the contract's built files are copied into
// dist/contract/ (and dist/esm/contract/), and every `@serverless-monitoring/contract`
// specifier in the package's own output points there instead.
//
// Why compiled in rather than a dependency: the contract is not on a registry, so a tarball
// that depends on it cannot be installed alone (npm looks `@serverless-monitoring/contract@0.2.0`
// up and gets a 404). bundleDependencies cannot carry it either: in an npm workspace the
// contract is a symlink hoisted to the root, which `npm pack` leaves out of the tarball.
// The contract is a few constants and types with no dependencies, so a copy in each package
// costs a few KB and nothing at run time; the two sides still agree because both copies come
// from the same build of lambda-src/contract. Run again over an unchanged build, it changes
// nothing (the specifiers are already rewritten; the copy is refreshed).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";

const CONTRACT = "@serverless-monitoring/contract";
const contractDist = join(dirname(createRequire(join(process.cwd(), "package.json")).resolve(`${CONTRACT}/package.json`)), "dist");
if (!existsSync(join(contractDist, "index.js"))) throw new Error(`${CONTRACT} is not built (${contractDist}/index.js is missing): build lambda-src/contract first`);

/** The contract's JavaScript and declarations at the top of `from` (its single module), copied into `to`. */
function copyContract(from, to) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from).filter((name) => /\.(js|d\.ts)$/.test(name))) cpSync(join(from, file), join(to, file));
}

/** Points every contract specifier in the package's own files under `root` (the copy excluded) at `root`/contract/index.js. */
function rewriteSpecifiers(root, skip) {
  for (const file of readdirSync(root, { recursive: true, encoding: "utf8" })) {
    const path = join(root, file);
    if (!/\.(js|d\.ts)$/.test(file) || skip.some((folder) => path.startsWith(folder + sep))) continue;
    const source = readFileSync(path, "utf8");
    let target = relative(dirname(path), join(root, "contract", "index.js")).split(sep).join("/");
    if (!target.startsWith(".")) target = `./${target}`;
    const rewritten = source.replace(/(["'])@serverless-monitoring\/contract\1/g, `$1${target}$1`);
    if (rewritten !== source) writeFileSync(path, rewritten);
  }
}

copyContract(contractDist, join("dist", "contract"));
const esm = join("dist", "esm");
if (existsSync(esm)) copyContract(join(contractDist, "esm"), join(esm, "contract"));
rewriteSpecifiers("dist", [join("dist", "contract"), esm]);
if (existsSync(esm)) rewriteSpecifiers(esm, [join(esm, "contract")]);
