/**
 * The configuration property's synthesized cases (../environments/config-property.ts),
 * a sample of them, through the real provider: `terraform init` from the
 * mirror and `terraform validate`. Beside them, the limits at their edges:
 * the longest capability name and runbook URL the configuration accepts.
 * CONFIG_PROPERTY_SEED varies the sample.
 */
import { App } from "cdktf";
import fc from "fast-check";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { capabilityNameMaxLength, RUNBOOK_URL_MAX_LENGTH, type EnvironmentConfig } from "../../environments";
import { MonitoringStack } from "../../stacks";
import { findProviderMirror, missingTerraform, terraformIn, writeCliConfig, type ProviderMirror } from "../../scripts/terraform-e2e/terraform";
import { prepareWorkspace } from "../../scripts/terraform-e2e/workspace";
import { configurationCase, describeCase, outcomeOf } from "../environments/config-property";
import { BUNDLE_ROOT, variantOf } from "../helpers";

const SAMPLE = 4;
const SEED = Number(process.env.CONFIG_PROPERTY_SEED ?? 20261207);

const mirrorOrMissing = findProviderMirror();
const blocker = missingTerraform() ?? ("missing" in mirrorOrMissing ? mirrorOrMissing.missing : undefined);
const mirror = "missing" in mirrorOrMissing ? undefined : (mirrorOrMissing as ProviderMirror);

let root: string;
let cliConfig: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "config-property-e2e-"));
  if (!blocker) cliConfig = writeCliConfig(join(root, "terraformrc"), mirror!);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Synthesizes the configuration's stack as `npm run synth` does, and validates it with terraform. */
async function validate(name: string, config: EnvironmentConfig): Promise<void> {
  const outdir = join(root, name, "cdktf.out");
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  new MonitoringStack(app, `monitoring-${config.name}`, { config, bundleRoot: BUNDLE_ROOT });
  app.synth();
  const workDir = join(root, name, "work");
  prepareWorkspace({ stackDir: join(outdir, "stacks", `monitoring-${config.name}`), workDir, providerVersion: mirror!.awsVersion });
  const terraform = terraformIn(workDir, cliConfig);
  const init = await terraform.run(["init", "-backend=false", "-no-color"]);
  if (init.status !== 0) throw new Error(`terraform init (${name}) exited ${init.status}:\n${init.stderr.slice(-4000)}`);
  const result = await terraform.run(["validate", "-no-color"]);
  if (result.status !== 0 || !result.stdout.includes("The configuration is valid.")) throw new Error(`terraform validate (${name}) exited ${result.status}:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
}

const step = (name: string, body: () => Promise<void>) => (blocker ? test.skip : test)(blocker ? `${name} (skipped: ${blocker})` : name, body, 600_000);

step(`${SAMPLE} synthesized cases of the configuration property pass terraform validate (seed ${SEED})`, async () => {
  const sampled = fc.sample(configurationCase, { seed: SEED, numRuns: 300 });
  const accepted = sampled.flatMap((c) => {
    const outcome = outcomeOf(c);
    return outcome.kind === "synthesized" ? [{ c, config: outcome.config }] : [];
  });
  expect(accepted.length).toBeGreaterThanOrEqual(SAMPLE);
  const chosen = accepted.slice(0, SAMPLE);
  for (const [i, { c, config }] of chosen.entries()) {
    console.info(`validating case ${i + 1} of ${SAMPLE}: ${describeCase(c)}`);
    await validate(`case-${i + 1}`, config);
  }
});

step("the longest capability name and runbook URL the configuration accepts pass terraform validate", async () => {
  const capability = "c".repeat(capabilityNameMaxLength("production"));
  const config = variantOf("production", (i) => {
    i.capabilities = { ...i.capabilities, [capability]: "the longest capability" };
    i.functions[2].capability = capability;
    i.runbookUrl = `https://example.com/${"r".repeat(RUNBOOK_URL_MAX_LENGTH - "https://example.com/".length)}`;
  });
  await validate("limits", config);
});
