import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { PROJECT_ROOT } from "../../paths";
import { runEntry } from "../entries";

/**
 * modules/synth-speed/run-compiled.cjs, on a small entry of its own: it compiles once,
 * reuses the output while no input changed, and compiles again when a source
 * or the package.json that governs one changes.
 */
describe("run-compiled.cjs: an entry compiled once, again only when an input changes", () => {
  let work: string;
  let entry: string;
  let output: string;
  beforeAll(() => {
    // Inside the project (dist/ is ignored), as entries are.
    work = mkdtempSync(join(PROJECT_ROOT, "dist", "run-compiled-test-"));
    mkdirSync(join(work, "lib"));
    writeFileSync(join(work, "lib", "package.json"), '{ "name": "lib", "sideEffects": true }\n');
    writeFileSync(join(work, "lib", "value.ts"), 'export const value: string = "first";\n');
    entry = join(work, "entry.ts");
    writeFileSync(entry, 'import { value } from "./lib/value";\nconsole.log(value, process.argv.slice(2).join(" "));\n');
    output = compiledOutput(entry);
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    removeCompiled(entry);
  });
  const run = () => runEntry(relative(PROJECT_ROOT, entry), ["--flag", "x"]);
  const compiledAt = () => statSync(output).mtimeMs;

  test("runs the entry with its arguments, then reuses the compiled file", () => {
    expect(run().stdout).toBe("first --flag x\n");
    const first = compiledAt();
    expect(run().stdout).toBe("first --flag x\n");
    expect(compiledAt()).toBe(first);
    expect(readFileSync(output.replace(/\.js$/, ".inputs"), "utf8")).toContain(join(basename(work), "lib", "package.json"));
  });

  test("compiles again when a source changes", () => {
    writeFileSync(join(work, "lib", "value.ts"), 'export const value: string = "second";\n');
    expect(run().stdout).toBe("second --flag x\n");
  });

  test("compiles again when what esbuild reads of a governing package.json changes, and only then", () => {
    const before = compiledAt();
    writeFileSync(join(work, "lib", "package.json"), '{ "name": "lib", "description": "not read by esbuild", "sideEffects": true }\n');
    expect(run().stdout).toBe("second --flag x\n");
    expect(compiledAt()).toBe(before);
    writeFileSync(join(work, "lib", "package.json"), '{ "name": "lib", "sideEffects": false }\n');
    expect(run().stdout).toBe("second --flag x\n");
    expect(compiledAt()).not.toBe(before);
  });

  test("makes a V8 code cache on a run, reuses it while the output is the same, and replaces it when the output changes", () => {
    const caches = () => codeCaches(entry).map((file) => basename(file));
    run();
    const [first] = caches();
    expect(caches()).toEqual([expect.stringMatching(new RegExp(`^${basename(output)}\\.[0-9a-f]{16}\\.[0-9a-f]{8}\\.v8cache$`))]);
    const madeAt = statSync(join(dirname(output), first!)).mtimeMs;
    expect(run().stdout).toBe("second --flag x\n");
    // V8 took it: a rejected cache would have been written again.
    expect(statSync(join(dirname(output), first!)).mtimeMs).toBe(madeAt);
    writeFileSync(join(work, "lib", "value.ts"), 'export const value: string = "third";\n');
    expect(run().stdout).toBe("third --flag x\n");
    expect(caches()).toHaveLength(1);
    expect(caches()[0]).not.toBe(first);
  });

  test("writes ASCII only (V8 then holds the source one byte a character), and a non-ASCII string still prints as written", () => {
    const unicode = join(work, "unicode.ts");
    // A comment esbuild keeps, with its em dash, and strings it escapes.
    writeFileSync(unicode, 'const word = "caf\u00e9 \u2713 \u{1F600}";\nconsole.log(\n  // kept \u2014 as written\n  word,\n);\n');
    try {
      expect(runEntry(relative(PROJECT_ROOT, unicode), []).stdout).toBe("caf\u00e9 \u2713 \u{1F600}\n");
      expect(readFileSync(compiledOutput(unicode), "utf8")).toMatch(/^[\x00-\x7f]*$/);
      // The cached run reads it the same.
      expect(runEntry(relative(PROJECT_ROOT, unicode), []).stdout).toBe("caf\u00e9 \u2713 \u{1F600}\n");
    } finally {
      removeCompiled(unicode);
    }
  });

  test("an import() in the entry loads its module, on the run that compiles and on the cached run", () => {
    // As build-lambda imports esbuild when a bundle must be built: a package left in node_modules, loaded by import().
    const importing = join(work, "imports.ts");
    writeFileSync(importing, 'void import("yaml").then(({ stringify }) => console.log(stringify({ loaded: true }).trim()));\n');
    try {
      for (const pass of ["compiling", "cached"]) {
        const result = runEntry(relative(PROJECT_ROOT, importing), []);
        expect({ pass, status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ pass, status: 0, stdout: "loaded: true\n", stderr: "" });
      }
      expect(codeCaches(importing)).toHaveLength(1);
    } finally {
      removeCompiled(importing);
    }
  });

  test("with source maps on, Node's own loader runs the output, and a trace points at the TypeScript", () => {
    const throwing = join(work, "throws.ts");
    writeFileSync(throwing, 'function fail(): never {\n  throw new Error("failed");\n}\nfail();\n');
    try {
      const result = runEntry(relative(PROJECT_ROOT, throwing), [], { env: { ...process.env, NODE_OPTIONS: "--enable-source-maps" } });
      expect(result.status).toBe(1);
      // Node colours the trace when the run that started the suite asked for colour.
      expect(stripVTControlCharacters(result.stderr)).toContain(`at fail (${throwing}:2:9)`);
      expect(codeCaches(throwing)).toEqual([]);
    } finally {
      removeCompiled(throwing);
    }
  });

  test("a source that does not compile: esbuild's error and one line, exit 1, no stack trace", () => {
    const broken = join(work, "broken.ts");
    writeFileSync(broken, "export const = 1;\n");
    const result = runEntry(relative(PROJECT_ROOT, broken), []);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("[ERROR] Expected identifier");
    expect(result.stderr).toContain("broken.ts:1:13");
    expect(result.stderr.trim().split("\n").pop()).toBe(`run-compiled: ${relative(PROJECT_ROOT, broken)} does not compile (esbuild's errors above).`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test("names what it needs when given no TypeScript entry", () => {
    const result = runEntry("README.md", []);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^usage: node .*run-compiled\.cjs <entry\.ts> \[arguments\]; got ".*README\.md"\n$/);
  });
});

/**
 * The synth's packages (cdktf, constructs, zod, the providers) are compiled
 * into the output, with stable-stringify.cjs for cdktf's json-stable-stringify;
 * every other package stays in node_modules. cdktf zips an
 * ARCHIVE asset by running its lib/private/fs.js in a child process: the
 * child runs that file in node_modules, and only the child loads archiver.
 */
describe("run-compiled.cjs: the synth's packages compiled in, the others left in node_modules", () => {
  let work: string;
  let entry: string;
  beforeAll(() => {
    work = mkdtempSync(join(PROJECT_ROOT, "dist", "run-compiled-packages-"));
    mkdirSync(join(work, "to-zip"));
    writeFileSync(join(work, "to-zip", "handler.js"), "exports.handler = async () => 1;\n");
    entry = join(work, "entry.ts");
    writeFileSync(entry, archiveEntry(join(work, "to-zip")));
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    removeCompiled(entry);
  });

  test("cdktf is compiled in, jsonc-parser loads from node_modules, archiver not at all in the synth's process", () => {
    const result = runEntry(relative(PROJECT_ROOT, entry), [join(work, "out")]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const code = readFileSync(compiledOutput(entry), "utf8");
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(required).toContain("jsonc-parser");
    expect(required).not.toContain("cdktf");
    expect(required).not.toContain("constructs");
    expect(code).toContain("// node_modules/cdktf/lib/app.js");
    expect(code).toContain("// node_modules/cdktf/lib/private/fs.js");
    // cdktf writes its JSON with stable-stringify.cjs, not json-stable-stringify.
    expect(code).toContain("// modules/synth-speed/stable-stringify.cjs");
    expect(code).not.toContain("json-stable-stringify/index.js");
    expect((JSON.parse(result.stdout) as { loaded: string[] }).loaded).toEqual([]);
  });

  test("an ARCHIVE asset is zipped by cdktf's helper in node_modules, not by the compiled entry", () => {
    const outdir = join(work, "out-archive");
    const result = runEntry(relative(PROJECT_ROOT, entry), [outdir]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const { asset, parsed } = JSON.parse(result.stdout) as { asset: string; parsed: unknown };
    expect(parsed).toEqual({ a: 1 });
    expectZip(join(outdir, "stacks", "zipped", asset));
  });

  test("so it does with node_modules linked from elsewhere (esbuild sees real paths, outside the project)", () => {
    const project = mkdtempSync(join(tmpdir(), "run-compiled-linked-"));
    try {
      mkdirSync(join(project, "modules", "synth-speed"), { recursive: true });
      for (const file of ["modules/synth-speed/run-compiled.cjs", "modules/synth-speed/build-inputs.cjs", "modules/synth-speed/stable-stringify.cjs", "package.json", "package-lock.json", "tsconfig.json"]) copyFileSync(join(PROJECT_ROOT, file), join(project, file));
      symlinkSync(join(PROJECT_ROOT, "node_modules"), join(project, "node_modules"), "dir");
      writeFileSync(join(project, "entry.ts"), archiveEntry(join(work, "to-zip")));
      const outdir = join(project, "out");
      const result = spawnSync(process.execPath, [join(project, "modules", "synth-speed", "run-compiled.cjs"), join(project, "entry.ts"), outdir], { cwd: project, encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expectZip(join(outdir, "stacks", "zipped", (JSON.parse(result.stdout) as { asset: string }).asset));
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

/** An entry that synthesizes an ARCHIVE asset of `zipSource` into the directory its argument names, and prints the asset's path and the archiver files it loaded. */
function archiveEntry(zipSource: string): string {
  return [
    'import { App, AssetType, TerraformAsset, TerraformStack } from "cdktf";',
    'import { parse } from "jsonc-parser";',
    // Run as cdktf's zip helper (node <file> <src> <dest>) it would synthesize again; say so and fail instead.
    'if (process.argv.length !== 3) { console.error(`run as cdktf\'s zip helper: ${process.argv.slice(2).join(" ")}`); process.exit(3); }',
    "const app = new App({ outdir: process.argv[2] });",
    'const stack = new TerraformStack(app, "zipped");',
    `const asset = new TerraformAsset(stack, "handler", { path: ${JSON.stringify(zipSource)}, type: AssetType.ARCHIVE });`,
    "app.synth();",
    // What of archiver this process loaded (the child that zipped is another process).
    'const loaded = Object.keys(require.cache).filter((file) => /[\\\\/]node_modules[\\\\/]archiver[\\\\/]/.test(file));',
    "console.log(JSON.stringify({ asset: asset.path, parsed: parse('{ /* jsonc */ \"a\": 1 }'), loaded }));",
    "",
  ].join("\n");
}

/** A zip file opens with the local file header's signature, PK\x03\x04. */
function expectZip(file: string): void {
  expect(existsSync(file)).toBe(true);
  expect(readFileSync(file).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
}

/** Where run-compiled.cjs writes an entry's output: dist/app/<path with _ for />.js. */
function compiledOutput(entry: string): string {
  return join(PROJECT_ROOT, "dist", "app", `${relative(PROJECT_ROOT, entry).replace(/\.ts$/, "").split("/").join("_")}.js`);
}

/** The V8 code caches run-compiled.cjs keeps beside an entry's output. */
function codeCaches(entry: string): string[] {
  const output = compiledOutput(entry);
  return readdirSync(dirname(output))
    .filter((file) => file.startsWith(`${basename(output)}.`) && file.endsWith(".v8cache"))
    .map((file) => join(dirname(output), file));
}

function removeCompiled(entry: string): void {
  for (const file of codeCaches(entry)) rmSync(file, { force: true });
  for (const suffix of [".js", ".js.map", ".inputs"]) rmSync(compiledOutput(entry).replace(/\.js$/, suffix), { force: true });
}
