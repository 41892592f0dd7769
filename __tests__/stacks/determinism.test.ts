import { App } from "cdktf";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { buildApp } from "../../main";
import { buildLambdas, functionNames } from "../../scripts/build-lambda";
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

/** The files that are in only one of the two trees, or whose bytes differ. */
function differingFiles(actual: Map<string, Buffer>, expected: Map<string, Buffer>): string[] {
  const names = [...new Set([...actual.keys(), ...expected.keys()])].sort();
  return names.filter((file) => {
    const [a, b] = [actual.get(file), expected.get(file)];
    return a === undefined || b === undefined || !a.equals(b);
  });
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

  test("another checkout builds the bytes of dist/lambda; an unchanged build bundles nothing; a changed handler rebuilds its bundle alone", async () => {
    // dist/lambda is the global setup's build (or an earlier one with the same inputs, which is the point).
    // The copy keeps the layout (<checkout>/lambda-src beside <checkout>/dist/lambda), so the source maps'
    // relative paths are the same; inside the project (dist/ is ignored), so node_modules resolves as for lambda-src.
    const checkout = mkdtempSync(join(PROJECT_ROOT, "dist", "checkout-"));
    dirs.push(checkout);
    const [sources, out] = [join(checkout, "lambda-src"), join(checkout, "dist", "lambda")];
    cpSync(join(PROJECT_ROOT, "lambda-src"), sources, { recursive: true });
    // The functions' bundles (an older dist/lambda may hold others, which nothing packages).
    const bundles = (root: string) => new Map([...filesUnder(root)].filter(([file]) => functionNames().includes(file.split(sep)[0]!)));

    expect((await buildLambdas(out, sources)).rebuilt).toEqual(functionNames());
    const clean = bundles(out);
    expect(clean.size).toBeGreaterThanOrEqual(10);
    expect(differingFiles(clean, bundles(BUNDLE_ROOT))).toEqual([]);

    // Every bundle records the shared library, and the package.json of each package it read
    // (its sideEffects decides what tree-shaking keeps): a change to either rebuilds it.
    for (const name of functionNames()) {
      const recorded = readFileSync(join(out, ".inputs", `${name}.sha256`), "utf8").split("\n");
      for (const input of ["index.ts", "package.json"].map((file) => relative(PROJECT_ROOT, join(sources, "shared", file)))) {
        expect({ name, recorded: recorded.includes(input) }).toEqual({ name, recorded: true });
      }
    }

    expect((await buildLambdas(out, sources)).rebuilt).toEqual([]);
    expect(differingFiles(bundles(out), clean)).toEqual([]);

    const changed = join(sources, "order-processor", "price-order.ts");
    const original = readFileSync(changed);
    appendFileSync(changed, '\nconsole.info("touched");\n');
    expect((await buildLambdas(out, sources)).rebuilt).toEqual(["order-processor"]);
    expect(differingFiles(bundles(out), clean)).toEqual(["order-processor/index.js", "order-processor/index.js.map"].map((file) => file.replace("/", sep)));
    // Changed back, it is rebuilt again, to the bytes of the clean build.
    writeFileSync(changed, original);
    expect((await buildLambdas(out, sources)).rebuilt).toEqual(["order-processor"]);
    expect(differingFiles(bundles(out), clean)).toEqual([]);
  }, 60_000);
});
