// @ts-check
/**
 * Runs a TypeScript entry point as one JavaScript file, compiled by esbuild
 * into dist/app/ and compiled again only when its inputs change. This is how
 * `npm run synth` and cdktf.json's app start, in this repository and in a
 * consumer's project that opts in (cdktf.json's app: `node
 * node_modules/@serverless-monitoring/constructs/synth-speed/run-compiled.cjs
 * main.ts`): loading the app through tsx or ts-node transforms ~90 project
 * files on every run (and ts-node type-checks them), and a compiled file
 * starts in a fraction of that.
 *
 * The project is the nearest folder, from the working directory up, that
 * holds a package.json (the cdktf CLI and npm run the app from there).
 *
 * The synth's own dependencies (BUNDLED_PACKAGES: cdktf, constructs, zod, the
 * providers and this library) are compiled in as well, and archiver, which cdktf loads
 * only to zip, is left to the process that zips (ASSET_FILE_EDITS): the
 * synth loads 4 files where it loaded 534. cdktf's json-stable-stringify is
 * replaced by stable-stringify.cjs, which writes the same text faster. Every
 * other package stays in node_modules and loads as it would under tsx.
 *
 * The inputs are recorded beside the output, as build-lambda records a
 * bundle's (both count them with build-inputs.cjs): the project sources
 * esbuild read and their package.json files, tsconfig.json (its paths map
 * the packages to their sources), the lockfile (esbuild's version and the
 * version of every package compiled in: npm's, yarn's or pnpm's, whichever
 * the project has) and this file (the build options).
 * Checking them costs a few milliseconds.
 *
 * Usage: node <this file> <entry.ts> [arguments for the entry]
 * This file is plain JavaScript because it is what starts before anything
 * can be compiled.
 */
"use strict";
const { createHash } = require("node:crypto");
const { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const { readFile } = require("node:fs/promises");
const { basename, dirname, join, relative, resolve, sep } = require("node:path");
const { governingPackageJson, inputContent } = require("./build-inputs.cjs");

const PROJECT_ROOT = findProjectRoot(process.cwd());
const OUT_DIR = join(PROJECT_ROOT, "dist", "app");
/** Read for every entry's hash, besides the sources esbuild reports: those of the project's lockfiles and tsconfig that exist, and this file. */
const ALWAYS_INPUTS = [...["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "tsconfig.json"].filter((file) => existsSync(join(PROJECT_ROOT, file))), relative(PROJECT_ROOT, __filename)];

/** The nearest folder from `start` up that holds a package.json. @param {string} start */
function findProjectRoot(start) {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) {
      console.error(`run-compiled: no package.json in ${start} or any folder above it; run it from the project (where cdktf.json is).`);
      process.exit(2);
    }
  }
}

/**
 * Packages compiled into the output with everything they import. They are
 * plain JavaScript that reads no file of its own by a path relative to
 * itself, so they run the same from one file.
 */
const BUNDLED_PACKAGES = new Set(["cdktf", "constructs", "zod", "@cdktf/provider-aws", "@cdktf/provider-archive", "@serverless-monitoring/constructs", "@serverless-monitoring/contract"]);

/** @type {import("esbuild").BuildOptions} */
const BUILD_OPTIONS = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "linked",
  sourcesContent: false,
  logLevel: "warning",
  // import() becomes require(), as the static imports do in this format: the
  // entry runs as a vm.Script (see runWithCodeCache), where Node 20 loads no
  // import() without an experimental flag (build-lambda imports esbuild so).
  supported: { "dynamic-import": false },
};

/**
 * Compiles in the project's sources (its own packages by tsconfig's paths)
 * and BUNDLED_PACKAGES; every other import that lands in node_modules stays
 * a require() at run time.
 * @type {import("esbuild").Plugin}
 */
const bundleOnlySynthPackages = {
  name: "bundle-only-synth-packages",
  setup(build) {
    build.onLoad({ filter: CDKTF_ASSET_FILES }, async ({ path }) => ({ contents: withArchiverInTheChildOnly(await readFile(path, "utf8"), path), loader: "js" }));
    build.onResolve({ filter: /^archiver$/ }, ({ importer }) => (CDKTF_ASSET_FILES.test(importer) ? { path: "archiver", external: true } : undefined));
    build.onResolve({ filter: /^json-stable-stringify$/ }, ({ importer }) => (CDKTF_LIB_FILES.test(importer) ? { path: STABLE_STRINGIFY } : undefined));
    build.onResolve({ filter: /^[^./]/ }, async ({ path, importer, resolveDir, kind, pluginData }) => {
      // What a compiled-in package imports comes with it (cdktf carries its own dependencies); the plugin's own look-up below passes through.
      if (kind === "entry-point" || pluginData === OWN_LOOKUP || inNodeModules(importer)) return undefined;
      const resolved = await build.resolve(path, { importer, resolveDir, kind, pluginData: OWN_LOOKUP });
      const stays = resolved.errors.length === 0 && inNodeModules(resolved.path) && !BUNDLED_PACKAGES.has(packageName(path));
      return stays ? { path, external: true } : undefined;
    });
  },
};
/** cdktf's own files, wherever node_modules is. */
const CDKTF_LIB_FILES = /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]/;
/**
 * What cdktf writes each stack's JSON and the manifest with, in place of
 * json-stable-stringify: the same text, in about half the time (0.64 s to
 * 0.33 s for a 500-function document, written and saved).
 */
const STABLE_STRINGIFY = join(__dirname, "stable-stringify.cjs");
/** cdktf's asset file helpers, wherever node_modules is (esbuild reports real paths: a linked or hoisted node_modules lies outside the project). */
const CDKTF_ASSET_FILES = /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]private[\\/]fs\.js$/;

/**
 * The edits that make cdktf's asset file helpers (lib/private/fs.js) load
 * archiver only where it zips. cdktf zips an ARCHIVE asset in a child
 * process that runs that file (`node ${__filename} <src> <dest>`), and the
 * file loads archiver when it loads: 203 files, 0.08 s of every synth, for
 * assets this project does not zip. Compiled in, the helpers load archiver
 * when they call it, which only the child does, and the child runs cdktf's
 * file in node_modules, not the compiled entry.
 */
const ASSET_FILE_EDITS = [
  ['const archiver = require("archiver");', 'const archiver = (...args) => require("archiver")(...args);'],
  ["`node ${__filename} ", '`node ${require.resolve("cdktf/lib/private/fs.js")} '],
];

/** cdktf's lib/private/fs.js with ASSET_FILE_EDITS made; fails the build if the file is not the one they were written for. @param {string} source @param {string} file */
function withArchiverInTheChildOnly(source, file) {
  return ASSET_FILE_EDITS.reduce((edited, [before, after]) => {
    if (edited.split(before).length !== 2) throw new Error(`${file} does not hold \`${before}\` once; this cdktf is not the one ASSET_FILE_EDITS in ${basename(__filename)} were written for`);
    return edited.replace(before, () => after);
  }, source);
}
/** Marks the plugin's own call to build.resolve, so that it does not answer itself. */
const OWN_LOOKUP = Symbol("own look-up");

/** @param {string} file an absolute path */
const inNodeModules = (file) => file.split(sep).includes("node_modules");
/** "@scope/name/sub/path" → "@scope/name"; "name/sub" → "name". @param {string} specifier */
const packageName = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

function main() {
  const entry = process.argv[2];
  if (!entry || !entry.endsWith(".ts")) {
    console.error(`usage: node ${relative(process.cwd(), __filename)} <entry.ts> [arguments]; got ${entry === undefined ? "no entry" : `"${entry}"`}`);
    process.exit(2);
  }
  const source = relative(PROJECT_ROOT, resolve(entry));
  const name = source.replace(/\.ts$/, "").split(sep).join("_");
  const output = join(OUT_DIR, `${name}.js`);
  const record = join(OUT_DIR, `${name}.inputs`);
  if (upToDate(output, record)) return run(output);
  compile(source, output, record).then(
    () => run(output),
    (error) => {
      // esbuild has printed each of its errors with file, line and source; anything else (a file that cannot be written) says what it is.
      const esbuildFailed = Array.isArray(error?.errors) && error.errors.length > 0;
      console.error(esbuildFailed ? `run-compiled: ${source} does not compile (esbuild's errors above).` : `run-compiled: ${source} could not be compiled: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

/** @param {string} output */
function run(output) {
  // The entry sees the command line it would under tsx: node, itself, its arguments.
  process.argv.splice(1, 2, output);
  // Source maps stay off: turning them on makes Node parse the output's map,
  // the compiled-in packages' mappings with it, before the entry starts. For
  // traces that point at the sources, run with NODE_OPTIONS=--enable-source-maps:
  // then Node's loader loads it, as it maps traces only of the files it loads.
  if (process.sourceMapsEnabled) return require(output);
  runWithCodeCache(output);
}

/**
 * Runs the compiled entry as `require` would, with a V8 code cache made at
 * the end of its first run: V8 then neither parses the 2 MB file nor
 * compiles the functions that run used (0.07 s of a 1.1 s synth). Node 20
 * has no such cache of its own (module.enableCompileCache is Node 22's).
 * A cache is valid for one output and one set of V8 flags, so its name
 * holds a hash of both: V8 itself checks the flags, and of the source only
 * its length. Caches of an earlier output are removed when a new one is
 * written; the cdktf CLI's NODE_OPTIONS makes a second cache beside
 * `npm run synth`'s.
 * @param {string} output
 */
function runWithCodeCache(output) {
  const Module = require("node:module");
  const { Script } = require("node:vm");
  // The name and the content of one and the same file, should a process compiling alongside rename a new output onto it meanwhile.
  const descriptor = openSync(output, "r");
  // An output is only ever replaced by renaming a new file onto it, so its inode, size and time name its content (hashing 2 MB would cost 8 ms).
  const { ino, size, mtimeMs } = fstatSync(descriptor);
  // ASCII (see asciiOnly), so read as Latin-1: the same string, without UTF-8 decoding.
  const source = readFileSync(descriptor, "latin1");
  closeSync(descriptor);
  const sourceHash = createHash("sha256").update(`${ino} ${size} ${mtimeMs}`).digest("hex").slice(0, 16);
  const flagsHash = createHash("sha256").update(`${process.version} ${process.execArgv.join(" ")} ${process.env["NODE_OPTIONS"] ?? ""}`).digest("hex").slice(0, 8);
  const cacheFile = `${output}.${sourceHash}.${flagsHash}.v8cache`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new Script(Module.wrap(source), { filename: output, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) process.once("exit", () => writeCodeCache(cacheFile, `${basename(output)}.`, `${basename(output)}.${sourceHash}.`, script.createCachedData()));
  const entry = new Module(output, module);
  entry.filename = output;
  script.runInThisContext().call(entry.exports, entry.exports, Module.createRequire(output), entry, output, dirname(output));
}

/**
 * Writes a code cache and removes the caches of the entry's earlier outputs.
 * @param {string} cacheFile @param {string} entryPrefix every cache of the entry starts so @param {string} currentPrefix every cache of this output starts so @param {Buffer} data
 */
function writeCodeCache(cacheFile, entryPrefix, currentPrefix, data) {
  try {
    // Under a temporary name and renamed: another process may be reading it.
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, cacheFile);
    for (const file of readdirSync(dirname(cacheFile))) {
      if (file.startsWith(entryPrefix) && !file.startsWith(currentPrefix) && file.endsWith(".v8cache")) rmSync(join(dirname(cacheFile), file), { force: true });
    }
  } catch {
    // A cache that cannot be written (a read-only checkout) only means the next run compiles again.
  }
}

/** @param {string} output @param {string} record */
function upToDate(output, record) {
  if (!existsSync(output) || !existsSync(record)) return false;
  const [hash, ...files] = readFileSync(record, "utf8").trim().split("\n");
  return files.every((file) => existsSync(join(PROJECT_ROOT, file))) && inputsHash(files) === hash;
}

/** @param {string} source @param {string} output @param {string} record */
async function compile(source, output, record) {
  const { build } = require("esbuild");
  mkdirSync(OUT_DIR, { recursive: true });
  // Written under a temporary name and renamed, so a process starting alongside never loads half a file.
  const temporary = `${output}.${process.pid}.tmp`;
  const { metafile } = await build({ ...BUILD_OPTIONS, plugins: [bundleOnlySynthPackages], entryPoints: [join(PROJECT_ROOT, source)], outfile: temporary, metafile: true, absWorkingDir: PROJECT_ROOT });
  const sources = Object.keys(metafile?.inputs ?? {})
    .filter((file) => !file.split("/").includes("node_modules"))
    .map((file) => join(...file.split("/")));
  const files = [...new Set([...ALWAYS_INPUTS, ...sources, ...sources.map((file) => governingPackageJson(PROJECT_ROOT, file))])].sort();
  // The source map is named after the temporary file; it is renamed with it and pointed at by the final name.
  const code = readFileSync(temporary, "utf8").replace(/\/\/# sourceMappingURL=.*\s*$/, `//# sourceMappingURL=${basename(output)}.map\n`);
  writeFileSync(temporary, asciiOnly(code));
  renameSync(`${temporary}.map`, `${output}.map`);
  renameSync(temporary, output);
  writeFileSync(record, [inputsHash(files), ...files].join("\n") + "\n");
}

/**
 * esbuild escapes every non-ASCII character of the code it writes, but not of
 * the comments it keeps, and one em dash in a comment of zod's makes V8 hold
 * the whole 2 MB source as a two-byte string. Escaped the same way, such a
 * character reads the same in a comment, and means the same anywhere else
 * (on its line, the source map's columns after it are off by the escape).
 * @param {string} code
 */
function asciiOnly(code) {
  return code.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** @param {readonly string[]} files project-relative paths */
function inputsHash(files) {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(BUILD_OPTIONS));
  for (const file of files) hash.update(`\0${file}\0`).update(inputContent(PROJECT_ROOT, file));
  return hash.digest("hex");
}

main();
