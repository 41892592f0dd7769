import { App } from "cdktf";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { buildApp } from "../../main";
import { buildLambdas, bundleHandler, functionNames } from "../../scripts/build-lambda";
import { BUNDLE_ROOT, PROJECT_ROOT } from "../helpers";

function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

describe("deterministic output", () => {
  const dirs: string[] = [];
  const tempDir = (label: string) => {
    const dir = mkdtempSync(join(tmpdir(), `monitoring-${label}-`));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test("two synths into different directories are byte-identical and hold no absolute path", () => {
    const [first, second] = [tempDir("synth-a"), tempDir("synth-b")];
    buildApp(new App({ outdir: first }), {}).synth();
    buildApp(new App({ outdir: second }), {}).synth();
    const a = filesUnder(first);
    const b = filesUnder(second);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect([...a.keys()].filter((f) => f.endsWith("cdk.tf.json")).sort()).toEqual(
      ["monitoring-dev", "monitoring-production", "monitoring-staging", "state-bootstrap"].map((s) => join("stacks", s, "cdk.tf.json")),
    );
    for (const [file, content] of a) {
      expect({ file, same: content.equals(b.get(file)!) }).toEqual({ file, same: true });
      const text = content.toString("utf8");
      for (const path of [PROJECT_ROOT, first, tmpdir()]) expect({ file, leaks: text.includes(path) }).toEqual({ file, leaks: false });
    }
  });

  test("a fresh Lambda build gives the bytes of the bundles in dist/lambda", async () => {
    // dist/lambda is the global setup's build (or an earlier one with the same inputs, which is the point).
    // Beside it, so the source maps' relative paths to lambda-src are the same.
    const fresh = mkdtempSync(join(PROJECT_ROOT, "dist", "determinism-"));
    dirs.push(fresh);
    expect((await buildLambdas(fresh)).rebuilt).toHaveLength(5);
    const [a, b] = [filesUnder(fresh), filesUnder(BUNDLE_ROOT)];
    expect(a.size).toBeGreaterThanOrEqual(10);
    for (const [file, content] of a) expect({ file, same: content.equals(b.get(file)!) }).toEqual({ file, same: true });
  });

  test("an unchanged build bundles nothing; a changed handler rebuilds its bundle alone, to the bytes of a clean build", async () => {
    // Inside the project (dist/ is ignored), so the copied sources resolve node_modules as lambda-src does.
    const work = mkdtempSync(join(PROJECT_ROOT, "dist", "build-cache-test-"));
    dirs.push(work);
    const sources = join(work, "src");
    // Two of the five functions: enough to see one rebuilt alone, at 2 bundles a build instead of 5.
    const functions = ["order-processor", "user-service"];
    const leftOut = functionNames().filter((name) => !functions.includes(name)).map((name) => join(PROJECT_ROOT, "lambda-src", name));
    cpSync(join(PROJECT_ROOT, "lambda-src"), sources, { recursive: true, filter: (path) => !leftOut.includes(path) });
    const [cached, clean] = [join(work, "cached"), join(work, "clean")];

    expect((await buildLambdas(cached, sources)).rebuilt).toEqual(functions);
    // The package.json of a package is an input as well: its sideEffects decides what tree-shaking keeps.
    expect(readFileSync(join(cached, ".inputs", "order-processor.sha256"), "utf8").split("\n")).toContain(relative(PROJECT_ROOT, join(sources, "shared", "package.json")));
    const before = filesUnder(cached);
    expect((await buildLambdas(cached, sources)).rebuilt).toEqual([]);
    expect(filesUnder(cached)).toEqual(before);

    appendFileSync(join(sources, "order-processor", "price-order.ts"), "\nexport const TOUCHED = 1;\n");
    expect((await buildLambdas(cached, sources)).rebuilt).toEqual(["order-processor"]);
    // The rebuilt bundle holds the bytes a clean build of that handler gives.
    await bundleHandler(join(sources, "order-processor", "index.ts"), join(clean, "order-processor", "index.js"), sources);
    const [incremental, fresh] = [filesUnder(join(cached, "order-processor")), filesUnder(join(clean, "order-processor"))];
    expect([...fresh.keys()].sort()).toEqual([...incremental.keys()].sort());
    for (const [file, content] of fresh) expect({ file, same: content.equals(incremental.get(file)!) }).toEqual({ file, same: true });

    // The shared library is an input of every bundle.
    appendFileSync(join(sources, "shared", "luhn.ts"), "\n// touched\n");
    expect((await buildLambdas(cached, sources)).rebuilt).toEqual(functions);
  }, 60_000);
});
