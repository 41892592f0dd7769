/**
 * Issue 28's service segments against the real `terraform` and AWS provider
 * (from the mirror) and moto: a library stack with one resource of each
 * segment (Step Functions, EventBridge rule and bus, SNS, Kinesis with its
 * consumer, Firehose, AppSync, S3 with its request-metrics configuration)
 * passes `terraform validate`, and plans against moto, every resource a create.
 * Where terraform, the mirror or moto is missing, each step reports itself
 * skipped with the reason.
 */
import { App } from "cdktf";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ServiceSegmentsStack } from "./support/service-segments-stack";
import { startMotoServer, type MotoServer } from "../../scripts/terraform-e2e/moto-server";
import { terraformIn, writeCliConfig } from "../../scripts/terraform-e2e/terraform";
import { prepareWorkspace } from "../../scripts/terraform-e2e/workspace";
import { expectSuccess, mirror, motoBlocker as motoBlockerOf, step, terraformBlocker } from "../../scripts/terraform-e2e/steps";

const STACK = "service-segments";
const motoBlocker = motoBlockerOf();

let root: string;
let stackDir: string;
let cliConfig: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "service-segments-e2e-"));
  if (terraformBlocker) return;
  const app = new App({ outdir: join(root, "cdktf.out") });
  new ServiceSegmentsStack(app, STACK);
  app.synth();
  stackDir = join(root, "cdktf.out", "stacks", STACK);
  cliConfig = writeCliConfig(join(root, "terraformrc"), mirror!);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe(`the service segments with the AWS provider ${mirror?.awsVersion ?? "(none)"} from the mirror`, () => {
  step(terraformBlocker, "the stack passes terraform init and validate", async () => {
    const workDir = join(root, "validate");
    prepareWorkspace({ stackDir, workDir, providerVersion: mirror!.awsVersion });
    const terraform = terraformIn(workDir, cliConfig);
    expectSuccess(await terraform.run(["init", "-backend=false", "-no-color"]), "terraform init");
    const validate = await terraform.run(["validate", "-no-color"]);
    expectSuccess(validate, "terraform validate");
    expect(validate.stdout).toContain("The configuration is valid.");
  }, 180_000);

  describe("against moto", () => {
    let moto: MotoServer | undefined;
    beforeAll(async () => {
      if (!motoBlocker) moto = await startMotoServer();
    }, 60_000);
    afterAll(async () => moto?.stop());

    step(motoBlocker, "the stack plans against moto: every resource a create, the request-metrics configuration and every segment's alarms among them", async () => {
      const workDir = join(root, "plan");
      prepareWorkspace({ stackDir, workDir, providerVersion: mirror!.awsVersion, endpoint: moto!.endpoint });
      const terraform = terraformIn(workDir, cliConfig);
      expectSuccess(await terraform.run(["init", "-no-color"]), "terraform init");
      const plan = await terraform.run(["plan", "-no-color", "-out=plan.tfplan"]);
      expectSuccess(plan, "terraform plan");
      const show = await terraform.run(["show", "-json", "plan.tfplan"]);
      expectSuccess(show, "terraform show -json");
      const changes = (JSON.parse(show.stdout) as { resource_changes: { address: string; type: string; mode: string; change: { actions: string[]; after: Record<string, unknown> } }[] }).resource_changes.filter((c) => c.mode === "managed");
      const synthesized = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as { resource: Record<string, object> };
      const count = Object.values(synthesized.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
      expect(changes.filter((c) => c.change.actions.join() === "create")).toHaveLength(count);
      expect(plan.stdout).toContain(`Plan: ${count} to add, 0 to change, 0 to destroy.`);
      expect(changes.find((c) => c.type === "aws_s3_bucket_metric")!.change.after).toMatchObject({ bucket: "orders-uploads-test", name: "EntireBucket" });
      const alarmNames = changes.filter((c) => c.type === "aws_cloudwatch_metric_alarm").map((c) => String(c.change.after.alarm_name));
      for (const name of ["orders-workflow-failed-critical", "order-placed-dlq-send-failures-critical", "orders-retry-rate-warning", "order-events-notifications-failed-warning", "clickstream-consumer-iterator-age-warning", "clickstream-archive-delivery-success-warning", "catalog-5xx-rate-warning", "orders-uploads-test-first-byte-latency-warning"]) {
        expect(alarmNames).toContain(name);
      }
    }, 300_000);
  });
});
