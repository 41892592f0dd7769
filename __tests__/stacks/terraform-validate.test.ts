/**
 * Checks that need real Terraform providers: `terraform validate` through
 * cdktf's toBeValidTerraform, and a plan. They run where `terraform` is
 * installed and its registry is reachable (and, for the plan, AWS
 * credentials exist); elsewhere each reports itself skipped with the reason.
 */
import { spawnSync } from "node:child_process";
import { App, Testing } from "cdktf";
import { loadEnvironment } from "../../environments";
import { MonitoringStack } from "../../stacks";
import { BUNDLE_ROOT } from "../helpers";

function missingForValidate(): string | undefined {
  if (spawnSync("terraform", ["version"], { encoding: "utf8" }).status !== 0) return "no terraform binary on PATH";
  if (process.env.TF_PLUGIN_CACHE_DIR) return undefined;
  const lookup = spawnSync(process.execPath, ["-e", "require('dns').lookup('registry.terraform.io', (e) => process.exit(e ? 1 : 0))"], { timeout: 5000 });
  return lookup.status === 0 ? undefined : "registry.terraform.io is unreachable, so terraform init cannot download the aws and archive providers";
}

function missingForPlan(): string | undefined {
  const validate = missingForValidate();
  if (validate) return validate;
  const hasCredentials = ["AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI"].some((v) => process.env[v]);
  return hasCredentials ? undefined : "no AWS credentials in the environment (a plan reads the account and the S3 state)";
}

const validateBlocker = missingForValidate();
const planBlocker = missingForPlan();
const fullSynth = () => {
  const stack = new MonitoringStack(Testing.app() as App, "monitoring-dev", { config: loadEnvironment("dev"), bundleRoot: BUNDLE_ROOT });
  return Testing.fullSynth(stack);
};

describe("with real Terraform providers", () => {
  (validateBlocker ? test.skip : test)(
    `the dev stack is valid Terraform${validateBlocker ? ` (skipped: ${validateBlocker})` : ""}`,
    () => {
      expect(fullSynth()).toBeValidTerraform();
    },
    300_000,
  );

  (planBlocker ? test.skip : test)(
    `the dev stack plans successfully${planBlocker ? ` (skipped: ${planBlocker})` : ""}`,
    () => {
      expect(fullSynth()).toPlanSuccessfully();
    },
    600_000,
  );
});
