/**
 * `npm run test:e2e`: every synthesized stack against the real `terraform`
 * binary and AWS provider (from a filesystem mirror), and the dev stack
 * planned, applied and checked against moto, a local AWS API:
 *
 * 1. init + validate every stack, the examples', and one using every alert channel;
 * 2. plan dev and production against moto; plan-summary counts what the plan shows;
 * 3. apply dev (less what moto cannot serve: scripts/terraform-e2e/excluded-from-apply.ts);
 * 4. a second plan changes nothing; the applied Cognito pool issues a token
 *    the applied JWT authorizer's rules admit, and refuses a weak password;
 * 5. drift finds nothing, then exactly the four changes made by hand;
 *    the integration checks that need no Lambda invocation pass;
 * 6. `npm run maintenance` opens and ends a window through CloudWatch's API.
 *
 * Where terraform, the mirror or moto is missing, each step reports itself
 * skipped with the reason. With AWS_ENDPOINT_URL set, steps 2-5 use that
 * endpoint (LocalStack, say) instead of starting moto.
 */
import { CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmsCommand, GetDashboardCommand, GetMetricStatisticsCommand, PutDashboardCommand, PutMetricAlarmCommand, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import type { JsonWebKey } from "node:crypto";
import { App } from "cdktf";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../../main";
import { EstateMonitoring } from "../../examples/monitor-an-estate";
import { CheckoutMonitoring } from "../../examples/monitor-existing-functions";
import { MAINTENANCE_METRIC } from "../../modules/alarms/maintenance-window";
import { EveryChannelStack } from "./support/every-channel-stack";
import { startMotoServer, type MotoServer } from "../../scripts/terraform-e2e/moto-server";
import { terraformIn, writeCliConfig, type TerraformRunner } from "../../scripts/terraform-e2e/terraform";
import { prepareWorkspace } from "../../scripts/terraform-e2e/workspace";
import { PROJECT_ROOT } from "../../paths";
import { runEntry } from "../entries";
import { excludedAddresses } from "../../scripts/terraform-e2e/excluded-from-apply";
import { realPlanFixturePath, trimPlanForFixture } from "../../scripts/terraform-e2e/plan-fixture";
import { authorize } from "../stacks/support/jwt-authorizer-model";
import { expectSuccess, externalEndpoint, mirror, motoBlocker as motoBlockerOf, step, terraformBlocker } from "../../scripts/terraform-e2e/steps";

const STACKS = ["monitoring-dev", "monitoring-staging", "monitoring-production", "state-bootstrap"] as const;
/** Stacks beside the app's, so every resource type the modules can make is validated, not only those the environments use. */
const EXTRA_STACKS = ["example-estate", "example-checkout", "every-channel"] as const;
const PLANNED = ["monitoring-dev", "monitoring-production"] as const;
const REGION = "us-east-1";

const motoBlocker = motoBlockerOf(true);

/** Runs a tool as `npm run <tool>` does. */
function tool(script: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): { status: number; stdout: string; stderr: string } {
  const result = runEntry(script, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, CHECKPOINT_DISABLE: "1" },
    timeout: 120_000,
  });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

let root: string;
let synthDir: string;
let cliConfig: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "terraform-e2e-"));
  synthDir = join(root, "cdktf.out");
  if (terraformBlocker) return;
  buildApp(new App({ outdir: synthDir }), {}).synth();
  const extra = new App({ outdir: synthDir });
  new EstateMonitoring(extra, "example-estate");
  new CheckoutMonitoring(extra, "example-checkout");
  new EveryChannelStack(extra, "every-channel");
  extra.synth();
  cliConfig = writeCliConfig(join(root, "terraformrc"), mirror!);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe(`terraform validate against the AWS provider ${mirror?.awsVersion ?? "(none)"} from the mirror`, () => {
  for (const stack of [...STACKS, ...EXTRA_STACKS]) {
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

describe("against moto, a local AWS API", () => {
  let moto: MotoServer | undefined;
  let applyDir: string;
  let apply: TerraformRunner;
  const awsEnv = (): Record<string, string> => ({ AWS_ENDPOINT_URL: moto!.endpoint, AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_REGION: REGION, AWS_DEFAULT_REGION: REGION });
  const cloudWatch = () => new CloudWatchClient({ endpoint: moto!.endpoint, region: REGION, credentials: { accessKeyId: "test", secretAccessKey: "test" } });

  beforeAll(async () => {
    if (!motoBlocker) moto = externalEndpoint ? { endpoint: externalEndpoint, stop: async () => undefined } : await startMotoServer();
  }, 60_000);
  afterAll(async () => moto?.stop());

  for (const stack of PLANNED) {
    step(motoBlocker, `${stack} plans against moto and plan-summary counts what the plan shows`, async () => {
      const workDir = join(root, "plan", stack);
      prepareWorkspace({ stackDir: join(synthDir, "stacks", stack), workDir, providerVersion: mirror!.awsVersion, endpoint: moto!.endpoint });
      // The paging endpoints are read from SSM at plan time: the parameters must exist, as they would in the account.
      await seedPagingParameters(join(synthDir, "stacks", stack, "cdk.tf.json"), moto!.endpoint);
      const terraform = terraformIn(workDir, cliConfig);
      expectSuccess(await terraform.run(["init", "-no-color"]), "terraform init");
      const plan = await terraform.run(["plan", "-no-color", "-out=plan.tfplan"]);
      expectSuccess(plan, "terraform plan");
      const show = await terraform.run(["show", "-json", "plan.tfplan"]);
      expectSuccess(show, "terraform show -json");
      writeFileSync(join(workDir, "plan.json"), show.stdout);

      const planJson = JSON.parse(show.stdout) as { resource_changes: { address: string; mode: string; change: { actions: string[] } }[] };
      const creates = planJson.resource_changes.filter((c) => c.mode === "managed" && c.change.actions.join() === "create").length;
      const synthesized = JSON.parse(readFileSync(join(synthDir, "stacks", stack, "cdk.tf.json"), "utf8")) as { resource: Record<string, object> };
      const resourceCount = Object.values(synthesized.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
      expect(creates).toBe(resourceCount);
      expect(plan.stdout).toContain(`Plan: ${resourceCount} to add, 0 to change, 0 to destroy.`);

      const summary = tool("tools/plan-summary/cli.ts", [join(workDir, "plan.json"), "--title", stack]);
      expectSuccess(summary, "plan-summary");
      expect(summary.stdout).toContain(`**${creates} to create, 0 to update, 0 to replace, 0 to delete**`);
      const perType = [...summary.stdout.matchAll(/^\| `(aws_[a-z0-9_]+)` \| (\d+) \|/gm)].map((m) => [m[1]!, Number(m[2])] as const);
      expect(Object.fromEntries(perType)).toEqual(Object.fromEntries(Object.entries(synthesized.resource).map(([type, byName]) => [type, Object.keys(byName).length])));

      if (stack === "monitoring-dev" && process.env.UPDATE_PLAN_FIXTURE === "1") {
        writeFileSync(realPlanFixturePath(), `${JSON.stringify(trimPlanForFixture(JSON.parse(show.stdout)), null, 1)}\n`);
      }
    }, 300_000);
  }

  step(motoBlocker, "monitoring-dev applies against moto (less the resource types moto cannot serve)", async () => {
    applyDir = join(root, "apply", "stacks", "monitoring-dev");
    const json = prepareWorkspace({ stackDir: join(synthDir, "stacks", "monitoring-dev"), workDir: applyDir, providerVersion: mirror!.awsVersion, endpoint: moto!.endpoint, excludeFromApply: true });
    expect(excludedAddresses(JSON.parse(readFileSync(join(synthDir, "stacks", "monitoring-dev", "cdk.tf.json"), "utf8")).resource).length).toBeGreaterThan(0);
    expect(JSON.stringify(json)).not.toMatch(/\$\{aws_(cloudwatch_composite_alarm|xray_sampling_rule|budgets_budget)\./);
    apply = terraformIn(applyDir, cliConfig);
    expectSuccess(await apply.run(["init", "-no-color"]), "terraform init");
    const result = await apply.run(["apply", "-no-color", "-auto-approve"], { timeoutMs: 360_000 });
    expectSuccess(result, "terraform apply");
    expect(result.stdout).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed\./);
  }, 400_000);

  step(motoBlocker, "a second plan of the same inputs changes nothing (plan -detailed-exitcode exits 0)", async () => {
    const plan = await apply.run(["plan", "-no-color", "-detailed-exitcode"]);
    if (plan.status !== 0) throw new Error(`plan -detailed-exitcode exited ${plan.status}:\n${plan.stdout.slice(-6000)}\n${plan.stderr}`);
  }, 120_000);

  step(motoBlocker, "the applied user pool issues tokens the applied JWT authorizer admits (model of API Gateway's rules); anonymous and tampered requests are refused", async () => {
    const show = await apply.run(["show", "-json"]);
    expectSuccess(show, "terraform show -json");
    const state = JSON.parse(show.stdout) as { values: { root_module: { resources: { type: string; values: Record<string, any> }[] } } };
    const applied = (type: string) => state.values.root_module.resources.filter((r) => r.type === type).map((r) => r.values);
    const [pool] = applied("aws_cognito_user_pool");
    const [client] = applied("aws_cognito_user_pool_client");
    const [authorizerState] = applied("aws_apigatewayv2_authorizer");
    const jwt = authorizerState!.jwt_configuration[0] as { issuer: string; audience: string[] };
    expect(jwt).toEqual({ issuer: `https://${pool!.endpoint}`, audience: [client!.id] });
    const httpRoutes = applied("aws_apigatewayv2_route").filter((r) => r.api_id === authorizerState!.api_id);
    expect(httpRoutes.map((r) => [r.route_key, r.authorization_type, r.authorizer_id])).toEqual(expect.arrayContaining(["POST /users", "POST /orders", "POST /payments"].map((k) => [k, "JWT", authorizerState!.id])));
    expect(applied("aws_apigatewayv2_route").find((r) => r.route_key === "$connect")!.authorization_type).toBe("AWS_IAM");

    const cognito = new CognitoIdentityProviderClient({ endpoint: moto!.endpoint, region: REGION, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    try {
      await cognito.send(new AdminCreateUserCommand({ UserPoolId: pool!.id, Username: "api-caller", MessageAction: "SUPPRESS" }));
      await expect(cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool!.id, Username: "api-caller", Password: "short1!A", Permanent: true }))).rejects.toThrow(/password policy/);
      const password = "Correct-Horse-Battery-9";
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool!.id, Username: "api-caller", Password: password, Permanent: true }));
      const auth = await cognito.send(new InitiateAuthCommand({ ClientId: client!.id, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "api-caller", PASSWORD: password } }));
      const { IdToken: idToken, AccessToken: accessToken } = auth.AuthenticationResult!;
      const jwks = ((await (await fetch(`${moto!.endpoint}/${pool!.id}/.well-known/jwks.json`)).json()) as { keys: JsonWebKey[] }).keys;
      const authorizer = { issuer: jwt.issuer, audience: jwt.audience, identitySource: authorizerState!.identity_sources[0] as string };
      const route = { authorizationType: httpRoutes.find((r) => r.route_key === "POST /payments")!.authorization_type as string };
      const now = Math.floor(Date.now() / 1000);
      const decide = (headers: Record<string, string>) => authorize({ headers }, route, authorizer, jwks, now);
      expect(decide({ Authorization: `Bearer ${idToken}` })).toMatchObject({ status: 200, jwt: { claims: { iss: jwt.issuer, aud: client!.id, "cognito:username": "api-caller" } } });
      expect(decide({ Authorization: `Bearer ${accessToken}` })).toMatchObject({ status: 200, jwt: { claims: { client_id: client!.id, token_use: "access" } } });
      expect(decide({})).toMatchObject({ status: 401 });
      const [head, , signature] = idToken!.split(".");
      const claims = JSON.parse(Buffer.from(idToken!.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
      const tampered = `${head}.${Buffer.from(JSON.stringify({ ...claims, "cognito:username": "admin" })).toString("base64url")}.${signature}`;
      expect(decide({ Authorization: `Bearer ${tampered}` })).toMatchObject({ status: 401 });
    } finally {
      cognito.destroy();
    }
  }, 120_000);

  step(motoBlocker, "drift reports no drift right after the apply (exit 0)", async () => {
    const drift = tool("tools/drift/cli.ts", ["--env", "dev", "--synth-dir", join(root, "apply")], awsEnv());
    expect({ status: drift.status, report: drift.status === 0 ? "" : `${drift.stdout}${drift.stderr}` }).toEqual({ status: 0, report: "" });
  }, 120_000);

  step(motoBlocker, "the integration checks that need no Lambda invocation pass against the applied stack", async () => {
    const outputs = await apply.run(["output", "-json"]);
    expectSuccess(outputs, "terraform output");
    writeFileSync(join(root, "outputs.json"), outputs.stdout);
    const result = tool("tools/integration/cli.ts", ["--env", "dev", "--outputs", join(root, "outputs.json"), "--synth-dir", join(root, "apply"), "--skip-invoke"], awsEnv());
    expectSuccess(result, "test:integration");
    expect(result.stdout).toMatch(/^ok {3}publish a test message to the alert topic/m);
    expect(result.stdout).toMatch(/^ok {3}error records of user-service-dev queryable through FunctionNameIndex/m);
    expect(result.stdout).toMatch(/^ok {3}all \d+ alarms exist in a valid state/m);
    expect(result.stdout).toMatch(/^\d+ passed, 0 failed$/m);
  }, 120_000);

  step(motoBlocker, "drift reports exactly the four changes made by hand through the AWS SDK (exit 2)", async () => {
    const client = cloudWatch();
    const describe = async (name: string): Promise<MetricAlarm> => (await client.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms![0]!;
    const edited = await describe("user-service-dev-error-rate-warning");
    await client.send(new PutMetricAlarmCommand({ ...putInput(edited), Threshold: (edited.Threshold ?? 0) + 7 }));
    await client.send(new DeleteAlarmsCommand({ AlarmNames: ["order-processor-dev-throttles-warning"] }));
    await client.send(new PutMetricAlarmCommand({ ...putInput(await describe("payment-handler-dev-throttles-warning")), AlarmName: "payment-handler-dev-added-by-hand" }));
    const dashboardName = "serverless-monitoring-dev";
    const body = JSON.parse((await client.send(new GetDashboardCommand({ DashboardName: dashboardName }))).DashboardBody!) as { widgets: { properties: { title?: string } }[] };
    const renamed = body.widgets.findIndex((w) => w.properties.title !== undefined);
    body.widgets[renamed]!.properties.title = "Renamed by hand";
    await client.send(new PutDashboardCommand({ DashboardName: dashboardName, DashboardBody: JSON.stringify(body) }));
    client.destroy();

    const drift = tool("tools/drift/cli.ts", ["--env", "dev", "--synth-dir", join(root, "apply"), "--json"], awsEnv());
    expect(drift.status).toBe(2);
    const report = JSON.parse(drift.stdout) as { items: { kind: string; name: string; status: string; differences?: { field: string; expected: unknown; actual: unknown }[] }[] };
    const summary = report.items.map((i) => ({ kind: i.kind, name: i.name, status: i.status, fields: (i.differences ?? []).map((d) => d.field) }));
    expect(summary).toEqual(
      expect.arrayContaining([
        { kind: "alarm", name: "user-service-dev-error-rate-warning", status: "changed", fields: ["threshold"] },
        { kind: "alarm", name: "order-processor-dev-throttles-warning", status: "missing", fields: [] },
        { kind: "alarm", name: "payment-handler-dev-added-by-hand", status: "unmanaged", fields: [] },
        { kind: "dashboard", name: dashboardName, status: "changed", fields: [`body.widgets[${renamed}].properties.title`] },
      ]),
    );
    expect(summary).toHaveLength(4);
  }, 120_000);

  step(motoBlocker, "npm run maintenance opens a window (the suppressor's metric reads 1) and ends it (0), through CloudWatch's API", async () => {
    const client = cloudWatch();
    const minimum = async (from: number) => {
      const stats = await client.send(
        new GetMetricStatisticsCommand({
          Namespace: MAINTENANCE_METRIC.namespace,
          MetricName: MAINTENANCE_METRIC.metricName,
          Dimensions: [{ Name: MAINTENANCE_METRIC.dimension, Value: "dev" }],
          StartTime: new Date(from),
          EndTime: new Date(from + 40 * 60_000),
          Period: 60,
          Statistics: ["Minimum"],
        }),
      );
      return stats.Datapoints ?? [];
    };
    const minuteAfter = (time: number) => Math.floor(time / 60_000) * 60_000 + 60_000;
    // The SDK gzips PutMetricData bodies over 10 KB (ending a window is 120 points); moto 5.2 cannot read gzip, AWS can.
    const env = { ...awsEnv(), AWS_DISABLE_REQUEST_COMPRESSION: "true" };
    const openedAt = Date.now();
    const open = tool("tools/maintenance/cli.ts", ["--env", "dev", "--for", "30m"], env);
    expectSuccess(open, "maintenance --for 30m");
    expect(open.stdout).toContain("Maintenance window of dev open until");
    const during = await minimum(openedAt - 120_000);
    expect(during.length).toBeGreaterThanOrEqual(30);
    expect(new Set(during.map((d) => d.Minimum))).toEqual(new Set([1]));

    // From the minute after --end started: the minute it ran in may have begun before it (and keep its 1).
    const endedAt = Date.now();
    expectSuccess(tool("tools/maintenance/cli.ts", ["--env", "dev", "--end"], env), "maintenance --end");
    const after = await minimum(minuteAfter(endedAt));
    expect(after.length).toBeGreaterThanOrEqual(28);
    expect(new Set(after.map((d) => d.Minimum))).toEqual(new Set([0]));
    client.destroy();
  }, 120_000);
});

/** Stores a stand-in endpoint in every SSM parameter the stack reads (SecureString, as a team would store its PagerDuty URL). */
async function seedPagingParameters(stackJson: string, endpoint: string): Promise<void> {
  const json = JSON.parse(readFileSync(stackJson, "utf8")) as { data?: { aws_ssm_parameter?: Record<string, { name: string }> } };
  const ssm = new SSMClient({ endpoint, region: REGION, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  for (const { name } of Object.values(json.data?.aws_ssm_parameter ?? {})) {
    await ssm.send(new PutParameterCommand({ Name: name, Value: "https://events.example.com/integration/stand-in", Type: "SecureString", Overwrite: true }));
  }
  ssm.destroy();
}

/** The PutMetricAlarm input that recreates a described alarm. */
function putInput(alarm: MetricAlarm) {
  return {
    AlarmName: alarm.AlarmName!,
    AlarmDescription: alarm.AlarmDescription,
    ActionsEnabled: alarm.ActionsEnabled,
    AlarmActions: alarm.AlarmActions,
    OKActions: alarm.OKActions,
    InsufficientDataActions: alarm.InsufficientDataActions,
    MetricName: alarm.MetricName,
    Namespace: alarm.Namespace,
    Statistic: alarm.Statistic,
    ExtendedStatistic: alarm.ExtendedStatistic,
    Dimensions: alarm.Dimensions,
    Period: alarm.Period,
    EvaluationPeriods: alarm.EvaluationPeriods!,
    DatapointsToAlarm: alarm.DatapointsToAlarm,
    Threshold: alarm.Threshold,
    ComparisonOperator: alarm.ComparisonOperator!,
    TreatMissingData: alarm.TreatMissingData,
    Metrics: alarm.Metrics,
  };
}
