/**
 * The multi-account estate (two environments x two accounts x two regions and
 * a monitoring account) against the real terraform and AWS provider:
 * every stack passes init and validate, and three plan against moto, each
 * provider assuming its account's role there (moto's STS hands out
 * credentials of the role's account, so allowed_account_ids is checked too).
 * The eight source stacks differ only by environment, account and region, so
 * one of each environment (in different accounts and regions) plans, with the
 * monitoring account: a plan of each of the others would add four minutes to
 * CI and no case.
 *
 * Before a source stack plans, the sink's ARN is put in SSM in its account and
 * region, as the monitoring account's stack puts it there on deploy.
 *
 * A split environment's stacks pass validate too: its shared stack and one of
 * its shards (the shards differ only by their functions).
 */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { App } from "cdktf";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../../main";
import { loadEstate } from "../../environments";
import { SINK_ARN_PARAMETER } from "../../stacks";
import { startMotoServer, type MotoServer } from "../../scripts/terraform-e2e/moto-server";
import { terraformIn, writeCliConfig } from "../../scripts/terraform-e2e/terraform";
import { prepareWorkspace } from "../../scripts/terraform-e2e/workspace";
import { TWO_ACCOUNT_ESTATE } from "../stacks/support/two-account-estate";
import { expectSuccess, mirror, motoBlocker as motoBlockerOf, step, terraformBlocker } from "../../scripts/terraform-e2e/steps";

const motoBlocker = motoBlockerOf();
const estate = loadEstate(TWO_ACCOUNT_ESTATE);
const STACKS = [...estate.targets.map((t) => t.stackId), "monitoring-account"];
const PLANNED = new Set([estate.targets[0]!.stackId, estate.targets[estate.targets.length - 1]!.stackId, "monitoring-account"]);

let root: string;
let synthDir: string;
let cliConfig: string;
/** One plugin cache: every stack's init links the provider instead of copying 500 MB. */
let pluginCache: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "multi-account-e2e-"));
  synthDir = join(root, "cdktf.out");
  if (terraformBlocker) return;
  buildApp(new App({ outdir: synthDir }), {}, TWO_ACCOUNT_ESTATE).synth();
  cliConfig = writeCliConfig(join(root, "terraformrc"), mirror!);
  pluginCache = join(root, "plugin-cache");
  mkdirSync(pluginCache);
}, 180_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("every stack of a two-account, two-region estate", () => {
  let moto: MotoServer | undefined;
  beforeAll(async () => {
    if (!motoBlocker) moto = await startMotoServer();
  }, 60_000);
  afterAll(async () => moto?.stop());

  for (const stack of STACKS) {
    const plans = PLANNED.has(stack);
    step(motoBlocker, `${stack}: terraform validate with the real provider${plans ? ", and a plan against moto that adds every resource" : ""}`, async () => {
      const workDir = join(root, "plan", stack);
      const json = prepareWorkspace({ stackDir: join(synthDir, "stacks", stack), workDir, providerVersion: mirror!.awsVersion, endpoint: moto!.endpoint });
      const terraform = terraformIn(workDir, cliConfig, { TF_PLUGIN_CACHE_DIR: pluginCache });
      expectSuccess(await terraform.run(["init", "-backend=false", "-no-color"]), `terraform init (${stack})`);
      const validate = await terraform.run(["validate", "-no-color"]);
      expectSuccess(validate, `terraform validate (${stack})`);
      expect(validate.stdout).toContain("The configuration is valid.");
      if (!plans) return;

      const target = estate.targets.find((t) => t.stackId === stack);
      if (target) await seedParameters(moto!.endpoint, target.roleArn!, target.region, Object.values(json.data?.aws_ssm_parameter ?? {}).map((d) => String(d.name)));
      const plan = await terraform.run(["plan", "-no-color", "-refresh=false"], { timeoutMs: 540_000 });
      expectSuccess(plan, `terraform plan (${stack})`);
      const synthesized = JSON.parse(readFileSync(join(synthDir, "stacks", stack, "cdk.tf.json"), "utf8")) as { resource: Record<string, object> };
      const resourceCount = Object.values(synthesized.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
      expect(plan.stdout).toContain(`Plan: ${resourceCount} to add, 0 to change, 0 to destroy.`);
      // Progress on a slow machine: jest prints the file's results only when all its steps are done.
      process.stderr.write(`multi-account e2e: ${stack} valid, plans ${resourceCount} to add\n`);
    }, 600_000);
  }
});

describe("a split environment's stacks", () => {
  const SPLIT_ESTATE = { environments: [{ ...TWO_ACCOUNT_ESTATE.environments[1]!, split: { by: "capability" as const } }] };
  const splitTarget = loadEstate(SPLIT_ESTATE).targets[0]!;
  let splitDir: string;
  beforeAll(() => {
    splitDir = join(root, "split.out");
    if (!terraformBlocker) buildApp(new App({ outdir: splitDir }), {}, SPLIT_ESTATE).synth();
  }, 180_000);

  for (const suffix of ["shared", "payment"]) {
    const stack = `${splitTarget.stackId}-${suffix}`;
    step(terraformBlocker, `${stack}: terraform validate with the real provider`, async () => {
      const workDir = join(root, "validate", stack);
      prepareWorkspace({ stackDir: join(splitDir, "stacks", stack), workDir, providerVersion: mirror!.awsVersion });
      const terraform = terraformIn(workDir, cliConfig, { TF_PLUGIN_CACHE_DIR: pluginCache });
      expectSuccess(await terraform.run(["init", "-backend=false", "-no-color"]), `terraform init (${stack})`);
      const validate = await terraform.run(["validate", "-no-color"]);
      expectSuccess(validate, `terraform validate (${stack})`);
      expect(validate.stdout).toContain("The configuration is valid.");
    }, 600_000);
  }
});

/** Puts each parameter the stack reads into its account (through the role, as the deploy reaches it) and region. */
async function seedParameters(endpoint: string, roleArn: string, region: string, names: readonly string[]): Promise<void> {
  const sts = new STSClient({ endpoint, region, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "e2e-seed" }));
  const ssm = new SSMClient({ endpoint, region, credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! } });
  for (const name of names) {
    const value = name === SINK_ARN_PARAMETER ? `arn:aws:oam:${region}:999999999999:sink/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b` : "https://events.example.com/integration/stand-in";
    await ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: name === SINK_ARN_PARAMETER ? "String" : "SecureString", Overwrite: true }));
  }
  sts.destroy();
  ssm.destroy();
}
