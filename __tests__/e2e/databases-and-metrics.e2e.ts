/**
 * The database, cache and custom metric segments against the real `terraform`
 * binary and AWS provider (from the mirror): the stack of
 * __tests__/modules/support/databases-and-metrics-stack.ts passes init and
 * validate, and plans against moto, every synthesized resource to be created.
 * Where terraform, the mirror or moto is missing, each step reports itself
 * skipped with the reason (as in terraform.e2e.ts).
 */
import { App } from "cdktf";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMotoServer, type MotoServer } from "../../scripts/terraform-e2e/moto-server";
import { terraformIn, writeCliConfig } from "../../scripts/terraform-e2e/terraform";
import { prepareWorkspace } from "../../scripts/terraform-e2e/workspace";
import { DatabasesAndMetricsStack } from "../modules/support/databases-and-metrics-stack";
import { expectSuccess, externalEndpoint, mirror, motoBlocker as motoBlockerOf, step, terraformBlocker } from "../../scripts/terraform-e2e/steps";

const STACK = "databases-and-metrics";
const motoBlocker = motoBlockerOf(true);

let root: string;
let stackDir: string;
let cliConfig: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "terraform-e2e-databases-"));
  const app = new App({ outdir: join(root, "cdktf.out") });
  new DatabasesAndMetricsStack(app, STACK);
  app.synth();
  stackDir = join(root, "cdktf.out", "stacks", STACK);
  if (!terraformBlocker) cliConfig = writeCliConfig(join(root, "terraformrc"), mirror!);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe(`databases, caches and custom metrics against the AWS provider ${mirror?.awsVersion ?? "(none)"} from the mirror`, () => {
  step(terraformBlocker, `${STACK} passes terraform init and validate`, async () => {
    const workDir = join(root, "validate");
    prepareWorkspace({ stackDir, workDir, providerVersion: mirror!.awsVersion });
    const terraform = terraformIn(workDir, cliConfig);
    expectSuccess(await terraform.run(["init", "-backend=false", "-no-color"]), "terraform init");
    const validate = await terraform.run(["validate", "-no-color"]);
    expectSuccess(validate, "terraform validate");
    expect(validate.stdout).toContain("The configuration is valid.");
  }, 180_000);

  describe("against moto, a local AWS API", () => {
    let moto: MotoServer | undefined;
    beforeAll(async () => {
      if (!motoBlocker) moto = externalEndpoint ? { endpoint: externalEndpoint, stop: async () => undefined } : await startMotoServer();
    }, 60_000);
    afterAll(async () => moto?.stop());

    step(motoBlocker, `${STACK} plans against moto: every alarm, dashboard page, topic and key to be created`, async () => {
      const workDir = join(root, "plan");
      prepareWorkspace({ stackDir, workDir, providerVersion: mirror!.awsVersion, endpoint: moto!.endpoint });
      const terraform = terraformIn(workDir, cliConfig);
      expectSuccess(await terraform.run(["init", "-no-color"]), "terraform init");
      const plan = await terraform.run(["plan", "-no-color", "-out=plan.tfplan"]);
      expectSuccess(plan, "terraform plan");
      const show = await terraform.run(["show", "-json", "plan.tfplan"]);
      expectSuccess(show, "terraform show -json");
      const changes = (JSON.parse(show.stdout) as { resource_changes: { type: string; mode: string; change: { actions: string[]; after: Record<string, unknown> } }[] }).resource_changes.filter((c) => c.mode === "managed");
      const synthesized = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as { resource: Record<string, object> };
      const count = Object.values(synthesized.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
      expect(changes.filter((c) => c.change.actions.join() === "create")).toHaveLength(count);
      expect(plan.stdout).toContain(`Plan: ${count} to add, 0 to change, 0 to destroy.`);
      const planned = (type: string) => changes.filter((c) => c.type === type).map((c) => c.change.after);
      const alarmNames = planned("aws_cloudwatch_metric_alarm").map((a) => a.alarm_name);
      expect(alarmNames).toEqual(expect.arrayContaining(["orders-db-acu-utilisation-warning", "orders-proxy-pinned-sessions-warning", "carts-throttled-commands-warning", "checkout-prod-traffic-anomaly-warning", "checkout-kpis-prod-orders-placed-business"]));
      expect(planned("aws_cloudwatch_dashboard").map((d) => d.dashboard_name)).toEqual(expect.arrayContaining(["shop-prod-database", "shop-prod-custom", "shop-prod-business"]));
    }, 300_000);
  });
});
