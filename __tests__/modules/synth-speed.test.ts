/**
 * runApp's opt-in `fastSynth` (modules/synth-speed): the same bytes as a
 * plain synth, a configuration mistake reported once without a second run,
 * and any other failure run again with token traces, then thrown.
 */
import { App, TerraformStack } from "cdktf";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runApp, ServerlessMonitoring, type RunAppOptions } from "@serverless-monitoring/constructs";
import { EstateMonitoring } from "../../examples/monitor-an-estate";
import { CheckoutMonitoring } from "../../examples/monitor-existing-functions";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Every file runApp writes, by path under its output directory. */
function runInto(build: (app: App) => void, options: RunAppOptions): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), "synth-speed-"));
  dirs.push(outdir);
  runApp(build, { outdir }, options);
  const files = readdirSync(outdir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(files.map((entry) => [join(entry.parentPath, entry.name).slice(outdir.length), readFileSync(join(entry.parentPath, entry.name), "utf8")]));
}

describe("runApp({ fastSynth })", () => {
  test("writes the bytes a plain synth writes (the examples' stacks and manifest)", () => {
    const build = (app: App) => {
      new EstateMonitoring(app, "example-estate");
      new CheckoutMonitoring(app, "example-checkout");
    };
    const [plain, fast] = [runInto(build, {}), runInto(build, { fastSynth: true })];
    expect([...fast.keys()].sort()).toEqual([...plain.keys()].sort());
    expect([...plain.keys()].filter((file) => file.endsWith("cdk.tf.json"))).toHaveLength(2);
    for (const [file, text] of plain) expect({ file, same: fast.get(file) === text }).toEqual({ file, same: true });
  });

  test("reports a configuration mistake once, without building the app again", () => {
    let builds = 0;
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      runInto(
        (app) => {
          builds += 1;
          const stack = new TerraformStack(app, "mistaken");
          new ServerlessMonitoring(stack, "monitoring", { environment: "prod", region: "eu-west-1", topics: {}, dashboardName: "" });
        },
        { fastSynth: true },
      );
      expect(builds).toBe(1);
      expect(error).toHaveBeenCalledTimes(1);
      expect(String(error.mock.calls[0]![0])).toMatch(/dashboardName/);
      expect(process.exitCode).toBe(1);
    } finally {
      error.mockRestore();
      process.exitCode = undefined;
    }
  });

  test("runs a failing synth again with token traces, then throws what that run throws", () => {
    let builds = 0;
    expect(() =>
      runInto(
        () => {
          builds += 1;
          throw new Error(`build failed (run ${builds})`);
        },
        { fastSynth: true },
      ),
    ).toThrow("build failed (run 2)");
    expect(builds).toBe(2);
  });
});
