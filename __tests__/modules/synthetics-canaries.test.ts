/**
 * Synthetics canaries through the facade and in the reference stack: what is
 * created, least privilege and encryption checked over the synthesized JSON,
 * the alarms, the capability and objective they feed, and bad props refused
 * with one error naming the field.
 */
import { Testing } from "cdktf";
import { join } from "node:path";
import { ServerlessMonitoring, SYNTHETICS_RUNTIME_VERSION, type CanarySpec } from "@serverless-monitoring/constructs";
import { BUNDLE_ROOT, synthEnvironment, synthMonitoringStack } from "../helpers";
import { environmentInput, parseEnvironment } from "../../environments";

const topics = { critical: "arn:aws:sns:eu-west-1:111122223333:critical", warning: "arn:aws:sns:eu-west-1:111122223333:warning" };
type Json = Record<string, any>;

const CANARIES: CanarySpec[] = [
  { kind: "http", name: "checkout", url: "https://api.example.com/checkout", method: "POST", body: { cart: "c1" }, jwt: { parameterName: "/estate/canary-user", clientId: "client123" } },
  { kind: "websocket", name: "live", url: "wss://ws.example.com/live", message: { action: "ping" }, expectReply: "pong", iam: { connectArn: "arn:aws:execute-api:eu-west-1:111122223333:abc123/live/$connect" } },
  { kind: "heartbeat", name: "status-page", url: "https://status.example.com/" },
];

function synth(canaries: readonly CanarySpec[] = CANARIES, extra: Json = {}) {
  const out = Testing.synthScope((scope) => {
    const m = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate" });
    m.monitorCanaries({ environment: "prod", codeDirectory: join(BUNDLE_ROOT, "canaries"), region: "eu-west-1", accountId: "111122223333", canaries, ...extra });
  });
  return { text: out, json: JSON.parse(out) as Json };
}

describe("canaries through the facade", () => {
  const { text, json } = synth();
  const r = json.resource;

  test("one canary per spec, on the one pinned runtime, every 5 minutes by default, code from the bucket by its hash", () => {
    const canaries = Object.values(r.aws_synthetics_canary) as Json[];
    expect(canaries.map((c) => c.name).sort()).toEqual(["checkout", "live", "status-page"]);
    for (const c of canaries) {
      expect(c).toMatchObject({ runtime_version: SYNTHETICS_RUNTIME_VERSION, handler: "api-canary.handler", schedule: { expression: "rate(5 minutes)" }, start_canary: true, delete_lambda: true, artifact_config: { s3_encryption: { encryption_mode: "SSE_S3" } } });
      expect(c.artifact_s3_location).toMatch(new RegExp(`/artifacts/${c.name}/$`));
      expect(c.run_config).toMatchObject({ timeout_in_seconds: 60, memory_in_mb: 960 });
    }
    expect(SYNTHETICS_RUNTIME_VERSION).toBe("syn-nodejs-4.1");
    const code = Object.values(r.aws_s3_object)[0] as Json;
    expect(code.key).toMatch(/^code\/api-canary-\$\{data\.archive_file\..+\.output_md5\}\.zip$/);
    const archive = Object.values(json.data.archive_file)[0] as Json;
    expect(archive).toMatchObject({ type: "zip", output_file_mode: "0644" });
  });

  test("the check reaches the canary as its CANARY_CHECK variable, and no secret does", () => {
    const checkout = (Object.values(r.aws_synthetics_canary) as Json[]).find((c) => c.name === "checkout")!;
    const check = JSON.parse(checkout.run_config.environment_variables.CANARY_CHECK);
    expect(check).toEqual({ kind: "http", url: "https://api.example.com/checkout", method: "POST", body: { cart: "c1" }, expectedStatus: 200, credentials: { kind: "jwt", parameterName: "/estate/canary-user", clientId: "client123" }, timeoutMs: 10_000 });
    expect(text).not.toMatch(/password|"token"|secret_string|SecretString/i);
  });

  test("the artifacts bucket: encrypted, public access blocked, owner enforced, TLS only, run artifacts expiring", () => {
    expect(Object.values(r.aws_s3_bucket_server_side_encryption_configuration)[0]).toMatchObject({ rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }] });
    expect(Object.values(r.aws_s3_bucket_public_access_block)[0]).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(Object.values(r.aws_s3_bucket_ownership_controls)[0]).toMatchObject({ rule: { object_ownership: "BucketOwnerEnforced" } });
    const lifecycle = Object.values(r.aws_s3_bucket_lifecycle_configuration)[0] as Json;
    expect(lifecycle.rule[0]).toMatchObject({ status: "Enabled", filter: [{ prefix: "artifacts/" }], expiration: [{ days: 30 }] });
    const policy = JSON.parse((Object.values(r.aws_s3_bucket_policy)[0] as Json).policy);
    expect(policy.Statement[0]).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
  });

  test("least privilege: each role writes its own artifacts and logs, publishes only Synthetics metrics, reads only its own credentials", () => {
    const policies = Object.values(r.aws_iam_role_policy) as Json[];
    expect(policies).toHaveLength(3);
    const byName: Record<string, Json[]> = Object.fromEntries(policies.map((p) => [p.name, JSON.parse(p.policy).Statement as Json[]]));
    for (const [name, statements] of Object.entries(byName)) {
      const canary = name.replace(/-canary-least-privilege$/, "");
      for (const s of statements) {
        expect(s.Effect).toBe("Allow");
        const actions: string[] = [s.Action].flat();
        expect(actions.every((a) => !a.includes("*"))).toBe(true);
        if (s.Resource === "*") {
          // The only wildcard resource: PutMetricData, which takes none, held to the Synthetics namespace.
          expect(actions).toEqual(["cloudwatch:PutMetricData"]);
          expect(s.Condition).toEqual({ StringEquals: { "cloudwatch:namespace": "CloudWatchSynthetics" } });
        }
      }
      expect(statements.find((s) => s.Sid === "WriteOwnArtifacts")!.Resource).toMatch(new RegExp(`/artifacts/${canary}/\\*$`));
      expect(statements.find((s) => s.Sid === "WriteOwnLogs")!.Resource).toBe(`arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/cwsyn-${canary}-*`);
    }
    expect(byName["checkout-canary-least-privilege"]!.find((s) => s.Sid === "ReadOwnCredentials")).toMatchObject({ Action: "ssm:GetParameter", Resource: "arn:aws:ssm:eu-west-1:111122223333:parameter/estate/canary-user" });
    expect(byName["live-canary-least-privilege"]!.find((s) => s.Sid === "ConnectToWebSocket")).toMatchObject({ Action: "execute-api:Invoke", Resource: "arn:aws:execute-api:eu-west-1:111122223333:abc123/live/$connect" });
    expect(byName["status-page-canary-least-privilege"]!.map((s) => s.Sid)).toEqual(["WriteOwnArtifacts", "LocateArtifactsBucket", "WriteOwnLogs", "PublishSyntheticsMetrics"]);
    for (const role of Object.values(r.aws_iam_role) as Json[]) expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: "lambda.amazonaws.com" });
  });

  test("alarms: success below the objective's target (critical, 2 of 3 runs) and duration p99 (warning, 3 runs in a row)", () => {
    const alarms = Object.values(r.aws_cloudwatch_metric_alarm) as Json[];
    const success = alarms.find((a) => a.alarm_name === "checkout-canary-success-percent-critical")!;
    expect(success).toMatchObject({ namespace: "CloudWatchSynthetics", metric_name: "SuccessPercent", dimensions: { CanaryName: "checkout" }, statistic: "Average", comparison_operator: "LessThanThreshold", threshold: 99.9, evaluation_periods: 3, datapoints_to_alarm: 2, period: 300, alarm_actions: [topics.critical] });
    const duration = alarms.find((a) => a.alarm_name === "checkout-canary-duration-p99-warning")!;
    expect(duration).toMatchObject({ metric_name: "Duration", extended_statistic: "p99", threshold: 5000, evaluation_periods: 3, period: 300, alarm_actions: [topics.warning] });
    expect(alarms).toHaveLength(6);
  });

  test.each([
    [{ canaries: [{ ...CANARIES[2]!, name: "Status_Page" }] }, 'canaries[0].name is "Status_Page"; allowed: 1-21 lowercase letters, digits, _ or -'],
    [{ canaries: [CANARIES[2]!, CANARIES[2]!] }, 'canaries[1].name is "status-page"; allowed: a name no other canary of the estate has'],
    [{ scheduleMinutes: 90 }, "scheduleMinutes is 90; allowed: a whole number of minutes from 1 to 60"],
    [{ artifactRetentionDays: 0 }, "artifactRetentionDays is 0; allowed: a whole number of days from 1 to 455"],
    [{ canaries: [{ ...CANARIES[2]!, expectedStatus: 700 }] }, "canaries[0].expectedStatus is 700; allowed: an HTTP status from 100 to 599"],
    [{ codeDirectory: join(BUNDLE_ROOT, "nowhere") }, 'codeDirectory is "dist/lambda/nowhere"; allowed: a directory holding nodejs/node_modules/api-canary.js'],
  ])("bad props are refused with one error naming the field: %j", (extra, message) => {
    const { canaries, ...rest } = extra as Json;
    expect(() => synth(canaries ?? CANARIES, rest)).toThrow(message);
  });
});

describe("the reference system's canaries", () => {
  test("staging and production: the three routes and the WebSocket; dev none unless switched on", () => {
    const names = (json: Json) => Object.values(json.resource.aws_synthetics_canary ?? {}).map((c: any) => c.name).sort();
    expect(names(synthEnvironment("production").json)).toEqual(["orders-production", "payments-production", "users-production", "ws-production"]);
    expect(names(synthEnvironment("staging").json)).toEqual(["orders-staging", "payments-staging", "users-staging", "ws-staging"]);
    expect(names(synthEnvironment("dev").json)).toEqual([]);
    const dev = parseEnvironment("dev", { ...environmentInput("dev"), canaries: { enabled: true } });
    expect(names(synthMonitoringStack(dev).json)).toEqual(["orders-dev", "payments-dev", "users-dev", "ws-dev"]);
  });

  test("production: a failing payments canary pages through the payment capability, and burns its objective", () => {
    const { json } = synthEnvironment("production");
    const composites = Object.values(json.resource.aws_cloudwatch_composite_alarm) as Json[];
    expect(composites.find((c) => c.alarm_name === "payment-health-production")!.alarm_rule).toContain('ALARM("payments-production-canary-success-percent-critical")');
    const health = composites.find((c) => c.alarm_name === "system-health-production")!.alarm_rule;
    // Canaries of no capability go to system health directly.
    expect(health).toContain('ALARM("users-production-canary-success-percent-critical")');
    expect(health).toContain('ALARM("ws-production-canary-success-percent-critical")');
    const fast = (Object.values(json.resource.aws_cloudwatch_metric_alarm) as Json[]).find((a) => a.alarm_name === "payment-production-slo-fast-long")!;
    const returned = fast.metric_query.find((q: Json) => q.return_data);
    expect(returned.expression).toContain("(FILL(runs1, 0) - FILL(passed1, 0) / 100)");
    expect(fast.metric_query.find((q: Json) => q.id === "runs1").metric).toMatchObject({ namespace: "CloudWatchSynthetics", metric_name: "SuccessPercent", stat: "SampleCount", dimensions: { CanaryName: "payments-production" } });
  });

  test("the JWT routes' canaries read the canary user from SSM at run time; the WebSocket canary may invoke only $connect", () => {
    const { json, synth } = synthEnvironment("production");
    const payments = (Object.values(json.resource.aws_synthetics_canary) as Json[]).find((c) => c.name === "payments-production")!;
    const check = JSON.parse(payments.run_config.environment_variables.CANARY_CHECK);
    expect(check.credentials).toEqual({ kind: "jwt", parameterName: "/serverless-monitoring/production/canary-api-user", clientId: expect.stringMatching(/^\$\{aws_cognito_user_pool_client\..+\.id\}$/) });
    expect(check.url).toMatch(/^\$\{aws_apigatewayv2_stage\..+\.invoke_url\}payments$/);
    const ws = JSON.parse((Object.values(json.resource.aws_iam_role_policy) as Json[]).find((p) => p.name === "ws-production-canary-least-privilege")!.policy);
    expect(ws.Statement.find((s: Json) => s.Sid === "ConnectToWebSocket").Resource).toMatch(/^\$\{aws_apigatewayv2_api\..+\.execution_arn\}\/live\/\$connect$/);
    expect(synth).not.toMatch(/"password"/);
  });

  test("staging pages on three failed runs of three (simulated errors), every 15 minutes", () => {
    const { json } = synthEnvironment("staging");
    const alarm = (Object.values(json.resource.aws_cloudwatch_metric_alarm) as Json[]).find((a) => a.alarm_name === "orders-staging-canary-success-percent-critical")!;
    // The route objective's target (99.9 %: staging's objectives leave the simulated failures out); a run is 0 or 100 %, so three failed runs in a row page.
    expect(alarm).toMatchObject({ evaluation_periods: 3, datapoints_to_alarm: 3, period: 900, threshold: 99.9 });
  });
});
