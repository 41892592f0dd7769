/**
 * Issue 28 against the real `terraform` and AWS provider (from the mirror)
 * and moto:
 *
 * 1. examples/platform-estate.ts (prod and staging) and a discovery stack
 *    pass `terraform init` and `terraform validate`;
 * 2. tagged functions, tables and queues (and the example's paging endpoint
 *    in SSM) are created in moto by a seed configuration, applied by
 *    terraform;
 * 3. the discovery stack plans against moto: its data sources find the
 *    tagged (or prefixed) resources at plan time, and the plan makes each
 *    kind's alarm for every one found, and none for a resource the facade
 *    monitors by name or one without the tag;
 * 4. the example's prod stack plans against moto: every resource to create.
 *
 * Where terraform, the mirror or moto is missing, each step reports itself
 * skipped with the reason.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ServerlessMonitoring } from "@serverless-monitoring/constructs";
import { platformEstateStacks } from "../../examples/platform-estate";
import { startMotoServer, type MotoServer } from "../../scripts/terraform-e2e/moto-server";
import { terraformIn, writeCliConfig } from "../../scripts/terraform-e2e/terraform";
import { deterministicZip, prepareWorkspace } from "../../scripts/terraform-e2e/workspace";
import { expectSuccess, mirror, motoBlocker as motoBlockerOf, step, terraformBlocker } from "../../scripts/terraform-e2e/steps";

const REGION = "us-east-1";
/** examples/platform-estate.ts's region. */
const ESTATE_REGION = "eu-west-1";
const motoBlocker = motoBlockerOf();

/** A platform team's discovery: everything tagged team=payments, and every queue named shop-*; one function it monitors by name. */
class DiscoveryStack extends TerraformStack {
  constructor(scope: App, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: REGION });
    const topics = { critical: `arn:aws:sns:${REGION}:123456789012:critical`, warning: `arn:aws:sns:${REGION}:123456789012:warning` };
    const monitoring = new ServerlessMonitoring(this, "monitoring", { environment: "prod", region: REGION, topics, dashboardName: "discovered" });
    monitoring.monitorDiscovered({ name: "payments", tags: { team: ["payments"] } });
    monitoring.monitorDiscovered({ name: "shop", namePrefix: "shop-", types: ["queue"] });
    monitoring.monitorFunction({ functionName: "payments-api" });
  }
}

/** What moto holds before the plans: tagged and untagged resources, and the paging endpoint the example reads. */
function seedConfiguration(workDir: string, endpoint: string): void {
  const source = join(workDir, "src");
  mkdirSync(source, { recursive: true });
  writeFileSync(join(source, "index.js"), "exports.handler = async () => ({ ok: true });\n");
  writeFileSync(join(workDir, "fn.zip"), deterministicZip(source));
  const fn = (name: string, tags: Record<string, string>) => ({ function_name: name, role: "${aws_iam_role.fn.arn}", runtime: "nodejs20.x", handler: "index.handler", filename: "fn.zip", tags });
  const table = (name: string, tags: Record<string, string>) => ({ name, billing_mode: "PAY_PER_REQUEST", hash_key: "id", attribute: [{ name: "id", type: "S" }], tags });
  const provider = (region: string) => ({
    region,
    access_key: "test",
    secret_key: "test",
    skip_credentials_validation: true,
    skip_metadata_api_check: "true",
    skip_requesting_account_id: true,
    endpoints: [Object.fromEntries(["iam", "lambda", "dynamodb", "sqs", "ssm", "sts"].map((s) => [s, endpoint]))],
  });
  const config = {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: mirror!.awsVersion } } },
    // The discovery stack's region, and the example's (its paging endpoint is read there).
    provider: { aws: [provider(REGION), { ...provider(ESTATE_REGION), alias: "estate" }] },
    resource: {
      aws_iam_role: { fn: { name: "seed-fn", assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }) } },
      aws_lambda_function: {
        api: fn("payments-api", { team: "payments" }),
        worker: fn("payments-worker", { team: "payments" }),
        other: fn("search-indexer", { team: "search" }),
      },
      aws_dynamodb_table: { ledger: table("payments-ledger", { team: "payments" }), other: table("search-index", { team: "search" }) },
      aws_sqs_queue: { jobs: { name: "payments-jobs", tags: { team: "payments" } }, shop: { name: "shop-orders" }, other: { name: "search-jobs" } },
      aws_ssm_parameter: { paging: { provider: "aws.estate", name: "/platform/pagerduty-endpoint", type: "SecureString", value: "https://events.example.com/integration/stand-in" } },
    },
  };
  writeFileSync(join(workDir, "seed.tf.json"), JSON.stringify(config, null, 2));
}

let root: string;
let synthDir: string;
let cliConfig: string;
const STACKS = ["platform-estate-prod", "platform-estate-staging", "discovery"] as const;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "discovery-e2e-"));
  synthDir = join(root, "cdktf.out");
  if (terraformBlocker) return;
  const app = new App({ outdir: synthDir });
  platformEstateStacks(app);
  new DiscoveryStack(app, "discovery");
  app.synth();
  cliConfig = writeCliConfig(join(root, "terraformrc"), mirror!);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe(`issue 28's stacks against the AWS provider ${mirror?.awsVersion ?? "(none)"}`, () => {
  for (const stack of STACKS) {
    step(terraformBlocker, `${stack} passes terraform init and validate`, async () => {
      const workDir = join(root, "validate", stack);
      prepareWorkspace({ stackDir: join(synthDir, "stacks", stack), workDir, providerVersion: mirror!.awsVersion });
      const terraform = terraformIn(workDir, cliConfig);
      expectSuccess(await terraform.run(["init", "-backend=false", "-no-color"]), `terraform init (${stack})`);
      const validate = await terraform.run(["validate", "-no-color"]);
      expectSuccess(validate, `terraform validate (${stack})`);
      expect(validate.stdout).toContain("The configuration is valid.");
    }, 120_000);
  }
});

describe("plans against moto with tagged resources", () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    if (motoBlocker) return;
    moto = await startMotoServer();
    const seedDir = join(root, "seed");
    mkdirSync(seedDir, { recursive: true });
    seedConfiguration(seedDir, moto.endpoint);
    const terraform = terraformIn(seedDir, cliConfig);
    expectSuccess(await terraform.run(["init", "-no-color"]), "terraform init (seed)");
    expectSuccess(await terraform.run(["apply", "-no-color", "-auto-approve"]), "terraform apply (seed)");
  }, 300_000);
  afterAll(async () => moto?.stop());

  async function plan(stack: string): Promise<{ stdout: string; changes: { address: string; type: string; index?: string; change: { actions: string[]; after: Record<string, unknown> } }[] }> {
    const workDir = join(root, "plan", stack);
    prepareWorkspace({ stackDir: join(synthDir, "stacks", stack), workDir, providerVersion: mirror!.awsVersion, endpoint: moto!.endpoint });
    const terraform = terraformIn(workDir, cliConfig);
    expectSuccess(await terraform.run(["init", "-no-color"]), `terraform init (${stack})`);
    const result = await terraform.run(["plan", "-no-color", "-out=plan.tfplan"]);
    expectSuccess(result, `terraform plan (${stack})`);
    const show = await terraform.run(["show", "-json", "plan.tfplan"]);
    expectSuccess(show, "terraform show -json");
    return { stdout: result.stdout, changes: (JSON.parse(show.stdout) as { resource_changes: never[] }).resource_changes };
  }

  step(motoBlocker, "discovery: the plan makes each kind's alarms for every tagged or prefixed resource found, and none for the others", async () => {
    const { changes } = await plan("discovery");
    const alarmNames = changes.filter((c) => c.type === "aws_cloudwatch_metric_alarm" && c.index !== undefined).map((c) => String(c.change.after.alarm_name)).sort();
    expect(alarmNames).toEqual(
      [
        "payments-worker-error-rate-warning",
        "payments-worker-throttles-warning",
        "payments-ledger-latency-warning",
        "payments-ledger-read-throttles-warning",
        "payments-ledger-system-errors-warning",
        "payments-ledger-write-throttles-warning",
        "payments-jobs-messages-visible-warning",
        "payments-jobs-oldest-message-age-warning",
        "shop-orders-messages-visible-warning",
        "shop-orders-oldest-message-age-warning",
      ].sort(),
    );
    // payments-api is monitored by name: its alarms are the facade's own, once.
    const byName = changes.filter((c) => c.type === "aws_cloudwatch_metric_alarm" && c.index === undefined).map((c) => String(c.change.after.alarm_name));
    expect(byName.filter((n) => n === "payments-api-error-rate-warning")).toHaveLength(1);
    expect(alarmNames.some((n) => n.startsWith("search-") || n.startsWith("payments-api"))).toBe(false);
    // The SQS page's SEARCH lists the names found by tag, quotes escaped so the body stays JSON, and the prefix as a partial match.
    // (The Lambda page's body is known only after apply: its alarm-status widget lists payments-api's alarm ARNs.)
    const dashboard = changes.find((c) => c.type === "aws_cloudwatch_dashboard" && String(c.change.after.dashboard_name) === "discovered-sqs")!;
    const body = JSON.parse(String(dashboard.change.after.dashboard_body)) as { widgets: { properties: { metrics?: { expression?: string }[][] } }[] };
    const expressions = body.widgets.flatMap((w) => w.properties.metrics ?? []).flat().map((m) => m.expression).filter(Boolean);
    expect(expressions).toEqual(
      expect.arrayContaining([
        `SEARCH('{AWS/SQS,QueueName} (MetricName="ApproximateAgeOfOldestMessage") (QueueName="payments-jobs")', 'Maximum', 300)`,
        `SEARCH('{AWS/SQS,QueueName} (MetricName="ApproximateAgeOfOldestMessage") (QueueName=shop-)', 'Maximum', 300)`,
      ]),
    );
  }, 300_000);

  step(motoBlocker, "examples/platform-estate.ts (prod): plans against moto, every resource to create", async () => {
    const { stdout, changes } = await plan("platform-estate-prod");
    const synthesized = JSON.parse(readFileSync(join(synthDir, "stacks", "platform-estate-prod", "cdk.tf.json"), "utf8")) as { resource: Record<string, object> };
    const count = Object.values(synthesized.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
    expect(changes.filter((c) => c.change.actions.join() === "create")).toHaveLength(count);
    expect(stdout).toContain(`Plan: ${count} to add, 0 to change, 0 to destroy.`);
  }, 300_000);
});
