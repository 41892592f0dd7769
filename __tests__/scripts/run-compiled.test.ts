import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { PROJECT_ROOT } from "../../paths";
import { runEntry } from "../entries";

/**
 * scripts/run-compiled.cjs, on a small entry of its own: it compiles once,
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
    output = join(PROJECT_ROOT, "dist", "app", `${relative(PROJECT_ROOT, entry).replace(/\.ts$/, "").split("/").join("_")}.js`);
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    for (const suffix of [".js", ".js.map", ".inputs"]) rmSync(output.replace(/\.js$/, suffix), { force: true });
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
