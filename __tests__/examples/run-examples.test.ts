/** `npm run example -- <name>`: every example synthesizes into its own folder. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLES, HANDLER_EXAMPLES } from "../../tools/example/catalog";
import { synthesizeExample } from "../../tools/example/synthesize";
import { runEntry } from "../entries";
import { PROJECT_ROOT } from "../helpers";

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "examples-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("every file in examples/ is a listed stack example or a handler", () => {
  const files = readdirSync(join(PROJECT_ROOT, "examples"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.replace(/\.ts$/, ""))
    .sort();
  expect(files).toEqual([...Object.keys(EXAMPLES), ...HANDLER_EXAMPLES].sort());
});

test.each(Object.keys(EXAMPLES))("%s synthesizes every stack it defines into its own folder", (name) => {
  const { outdir, stacks } = synthesizeExample(name, root);
  expect(outdir).toBe(join(root, "examples", name));
  expect(Object.keys(stacks)).toEqual(Object.keys(EXAMPLES[name]!.stacks));
  for (const [stack, count] of Object.entries(stacks)) {
    const file = join(outdir, "stacks", stack, "cdk.tf.json");
    expect(existsSync(file)).toBe(true);
    const json = JSON.parse(readFileSync(file, "utf8")) as { resource: Record<string, object> };
    expect(count).toBeGreaterThan(0);
    expect(Object.keys(json.resource)).toContain("aws_cloudwatch_metric_alarm");
  }
});

test("the command writes the example and says where; an unknown name is one line and exit 1", () => {
  const ok = runEntry("tools/example/cli.ts", ["monitor-existing-functions", "--out", root]);
  expect(ok.stderr).toBe("");
  expect(ok.status).toBe(0);
  expect(ok.stdout).toMatch(/^checkout-monitoring: \d+ resources in .*examples\/monitor-existing-functions\/stacks\/checkout-monitoring\/cdk\.tf\.json\n$/);
  const bad = runEntry("tools/example/cli.ts", ["nope"]);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toBe(`example: unknown example "nope". Examples: ${Object.keys(EXAMPLES).join(", ")}.\n`);
});
