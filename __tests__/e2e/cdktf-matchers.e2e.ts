/**
 * cdktf's own matchers, toBeValidTerraform and toPlanSuccessfully, on the dev
 * stack, through the same provider mirror as the rest of this suite (the
 * stack rewritten in place for the mirror's provider) and, for the plan,
 * against moto. Each reports itself skipped where its precondition is missing.
 */
import { App, Testing } from "cdktf";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadEnvironment } from "../../environments";
import { MonitoringStack } from "../../stacks";
import { missingMoto, startMotoServer } from "../../scripts/terraform-e2e/moto-server";
import { findProviderMirror, missingTerraform, writeCliConfig, type ProviderMirror } from "../../scripts/terraform-e2e/terraform";
import { prepareWorkspace } from "../../scripts/terraform-e2e/workspace";
import { BUNDLE_ROOT } from "../helpers";
import "../cdktf-matchers";

const mirrorOrMissing = findProviderMirror();
const validateBlocker = missingTerraform() ?? ("missing" in mirrorOrMissing ? mirrorOrMissing.missing : undefined);
const planBlocker = validateBlocker ?? missingMoto();

/** A full synth of the dev stack, rewritten in place for the mirror's provider (and moto's endpoint, when given). */
function devStackFor(mirror: ProviderMirror, endpoint?: string): string {
  const outdir = Testing.fullSynth(new MonitoringStack(Testing.app() as App, "monitoring-dev", { config: loadEnvironment("dev"), bundleRoot: BUNDLE_ROOT }));
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, { workingDirectory: string }> };
  for (const stack of Object.values(manifest.stacks)) {
    const dir = join(outdir, stack.workingDirectory);
    prepareWorkspace({ stackDir: dir, workDir: dir, providerVersion: mirror.awsVersion, ...(endpoint ? { endpoint } : {}) });
  }
  process.env.TF_CLI_CONFIG_FILE = writeCliConfig(join(outdir, "terraformrc"), mirror);
  return outdir;
}

describe("cdktf's Terraform matchers through the provider mirror", () => {
  const original = process.env.TF_CLI_CONFIG_FILE;
  afterEach(() => {
    if (original === undefined) delete process.env.TF_CLI_CONFIG_FILE;
    else process.env.TF_CLI_CONFIG_FILE = original;
  });

  (validateBlocker ? test.skip : test)(`the dev stack is valid Terraform${validateBlocker ? ` (skipped: ${validateBlocker})` : ""}`, () => {
    expect(devStackFor(mirrorOrMissing as ProviderMirror)).toBeValidTerraform();
  }, 300_000);

  (planBlocker ? test.skip : test)(`the dev stack plans successfully against moto${planBlocker ? ` (skipped: ${planBlocker})` : ""}`, async () => {
    const moto = await startMotoServer();
    try {
      expect(devStackFor(mirrorOrMissing as ProviderMirror, moto.endpoint)).toPlanSuccessfully();
    } finally {
      await moto.stop();
    }
  }, 300_000);
});
