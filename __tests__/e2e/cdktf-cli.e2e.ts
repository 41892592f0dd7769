/**
 * The real cdktf CLI from node_modules, with the dependencies package.json's
 * overrides give it (one TypeScript for jsii and jsii-rosetta; see
 * __tests__/scripts/cdktf-cli-dependencies.test.ts): it still runs the app,
 * and `cdktf convert` still translates with that TypeScript.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../paths";
import { CDKTF_CLI_BIN, resolveAsCdktfCli } from "../cdktf-cli";

describe("the cdktf CLI", () => {
  test("`cdktf list` runs the app and lists its four stacks", () => {
    const outdir = mkdtempSync(join(tmpdir(), "cdktf-list-"));
    try {
      const result = spawnSync(process.execPath, [CDKTF_CLI_BIN, "list", "--output", outdir], { cwd: PROJECT_ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" }, timeout: 120_000 });
      expect(result.status).toBe(0);
      // The table's rows: name, then the path, cut to the terminal's width.
      const names = [...result.stdout.matchAll(/^([\w-]+) +\S+$/gm)].map(([, name]) => name!);
      expect(names).toEqual(["monitoring-dev", "monitoring-production", "monitoring-staging", "state-bootstrap"]);
      for (const name of names) expect(existsSync(join(outdir, "stacks", name, "cdk.tf.json"))).toBe(true);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 120_000);

  test("jsii-rosetta, loaded as the CLI loads it, translates TypeScript to Python (`cdktf convert --language python`)", () => {
    // The CLI's bundle requires @cdktf/hcl2cdk, which translates with this jsii-rosetta (translateTypeScript and a language visitor).
    const hcl2cdk = resolveAsCdktfCli("@cdktf/hcl2cdk");
    const rosetta = createRequire(hcl2cdk)("jsii-rosetta") as typeof import("jsii-rosetta");
    const snippet = [
      'import { SnsTopic } from "./.gen/providers/aws/sns-topic";',
      "class Alerts extends TerraformStack {",
      "  constructor(scope: Construct, name: string) {",
      "    super(scope, name);",
      '    const topic = new SnsTopic(this, "alerts", { name: "alerts", kmsMasterKeyId: "alias/monitoring" });',
      "    console.log(topic.arn);",
      "  }",
      "}",
    ].join("\n");
    const { translation } = rosetta.translateTypeScript({ fileName: "terraform.tf", contents: snippet }, new rosetta.PythonVisitor());
    expect(translation.trim()).toBe(
      [
        "from ...gen.providers.aws.sns_topic import SnsTopic",
        "class Alerts(TerraformStack):",
        "    def __init__(self, scope, name):",
        "        super().__init__(scope, name)",
        '        topic = SnsTopic(self, "alerts", name="alerts", kms_master_key_id="alias/monitoring")',
        "        print(topic.arn)",
      ].join("\n"),
    );
  }, 120_000);
});
