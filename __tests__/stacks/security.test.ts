import { ENVIRONMENT_NAMES, loadEnvironment } from "../../environments";
import { countBySeverity, scanPolicyOf, scanRoutes } from "../../tools/security/route-scan";
import { asArray, policyDocuments, resources, synthEnvironment, synthMonitoringStack, variantOf, type TerraformJson } from "../helpers";

/**
 * Least privilege and encryption, checked over the synthesized JSON.
 * `*` is allowed only where AWS requires it: X-Ray has no resource-level
 * permissions, and a KMS key policy's resource is always "*" (the key itself).
 */
const STAR_RESOURCE_ALLOWED = new Set(["WriteTraces", "AccountAdministersKey", "AlarmAndBudgetNotificationsUseKey", "PublishSyntheticsMetrics"]);
/** The canaries' roles (modules/monitoring/synthetics): checked on their own below. */
const isCanaryPolicy = (where: string) => /^aws_iam_role_policy\.canaries_synthetics_/.test(where);
const WILDCARD_ACTION_ALLOWED = new Set(["AccountAdministersKey", "DenyInsecureTransport"]);

describe.each(ENVIRONMENT_NAMES)("least privilege and encryption in %s", (env) => {
  const { json } = synthEnvironment(env);
  const documents = policyDocuments(json);

  test("policies were found and parsed", () => {
    expect(documents.length).toBeGreaterThanOrEqual(5 + 5 + 1 + 2);
  });

  test("no wildcard actions outside the allowed statements", () => {
    for (const { where, document } of documents) {
      for (const statement of document.Statement) {
        if (statement.Effect === "Deny" || WILDCARD_ACTION_ALLOWED.has(statement.Sid ?? "")) continue;
        for (const action of asArray(statement.Action)) expect({ where, action }).toEqual({ where, action: expect.not.stringMatching(/(^\*$|:\*$)/) });
      }
    }
  });

  test('no "*" resources outside the allowed statements', () => {
    for (const { where, document } of documents) {
      for (const statement of document.Statement) {
        if (statement.Effect === "Deny" || STAR_RESOURCE_ALLOWED.has(statement.Sid ?? "")) continue;
        expect({ where, sid: statement.Sid, resources: asArray(statement.Resource) }).toEqual({ where, sid: statement.Sid, resources: expect.not.arrayContaining(["*"]) });
      }
    }
  });

  test("each function's role may write only its own logs and DLQ, PutItem into the error table, and traces", () => {
    for (const { where, document } of documents.filter((d) => d.where.startsWith("aws_iam_role_policy.") && !isCanaryPolicy(d.where))) {
      const actions = document.Statement.flatMap((s) => asArray(s.Action)).sort();
      expect({ where, actions }).toEqual({
        where,
        actions: ["dynamodb:PutItem", "logs:CreateLogStream", "logs:PutLogEvents", "sqs:SendMessage", "xray:PutTelemetryRecords", "xray:PutTraceSegments"],
      });
      const logs = document.Statement.find((s) => s.Sid === "WriteOwnLogs")!;
      expect(asArray(logs.Resource)[0]).toMatch(/^\$\{aws_cloudwatch_log_group\.[^}]+\.arn\}:\*$/);
    }
  });

  test("each canary's role writes only its own artifacts and logs, publishes only Synthetics metrics (PutMetricData takes no resource), reads only its own credentials", () => {
    const canaryPolicies = documents.filter((d) => isCanaryPolicy(d.where));
    expect(canaryPolicies).toHaveLength(env === "dev" ? 0 : 4);
    for (const { where, document } of canaryPolicies) {
      const actions = document.Statement.flatMap((s) => asArray(s.Action)).sort();
      const ws = where.includes("_ws-");
      expect({ where, actions }).toEqual({
        where,
        actions: ["cloudwatch:PutMetricData", ...(ws ? ["execute-api:Invoke"] : []), "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "s3:GetBucketLocation", "s3:PutObject", ...(ws ? [] : ["ssm:GetParameter"])],
      });
      const metrics = document.Statement.find((s) => s.Sid === "PublishSyntheticsMetrics")!;
      expect(metrics.Condition).toEqual({ StringEquals: { "cloudwatch:namespace": "CloudWatchSynthetics" } });
      expect(asArray(document.Statement.find((s) => s.Sid === "WriteOwnArtifacts")!.Resource)[0]).toMatch(/\/artifacts\/[a-z]+-[a-z]+\/\*$/);
    }
  });

  test("the canaries' artifacts bucket is encrypted and blocks public access", () => {
    for (const config of resources(json, "aws_s3_bucket_server_side_encryption_configuration")) expect(JSON.stringify(config.rule)).toMatch(/"sse_algorithm":"(AES256|aws:kms)"/);
    const buckets = resources(json, "aws_s3_bucket");
    expect(resources(json, "aws_s3_bucket_public_access_block")).toHaveLength(buckets.length);
    expect(resources(json, "aws_s3_bucket_server_side_encryption_configuration")).toHaveLength(buckets.length);
  });

  test("topics use the customer-managed key; queues, table and key are encrypted", () => {
    for (const topic of resources(json, "aws_sns_topic")) expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\./);
    for (const queue of resources(json, "aws_sqs_queue")) expect(queue.sqs_managed_sse_enabled).toBe(true);
    for (const table of resources(json, "aws_dynamodb_table")) expect(table.server_side_encryption).toEqual({ enabled: true });
    for (const key of resources(json, "aws_kms_key")) expect(key.enable_key_rotation).toBe(true);
  });

  test("every log group has a retention", () => {
    for (const group of resources(json, "aws_cloudwatch_log_group")) expect(group.retention_in_days).toEqual(expect.any(Number));
  });
});

/** A copy of a stack with every route's authorization removed: the routes as they were before the APIs were authorised. */
function withoutAuthorisation(json: TerraformJson): TerraformJson {
  const copy = structuredClone(json) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  for (const route of Object.values(copy.resource.aws_apigatewayv2_route ?? {})) {
    delete route.authorization_type;
    delete route.authorizer_id;
  }
  return copy as unknown as TerraformJson;
}

describe.each(ENVIRONMENT_NAMES)("route authorisation in %s (tools/security/route-scan.ts)", (env) => {
  const { json } = synthEnvironment(env);
  const policy = scanPolicyOf(loadEnvironment(env));

  test("no route anyone can call that the configuration does not mark public", () => {
    expect(scanRoutes(json, policy)).toEqual([]);
  });

  test("the scan rates unauthorised routes: HIGH for writes through a function handling money or orders, MEDIUM for the rest", () => {
    const findings = scanRoutes(withoutAuthorisation(json), policy);
    expect(findings.map((f) => `${f.severity} ${f.routeKey}`)).toEqual(["HIGH POST /orders", "HIGH POST /payments", "MEDIUM POST /users", "MEDIUM $connect"]);
    expect(countBySeverity(findings)).toEqual({ HIGH: 2, MEDIUM: 2 });
  });
});

describe("a public route", () => {
  const config = variantOf("dev", (input) => (input.apis = { routes: { "POST /users": { public: true } } }));
  const { json } = synthMonitoringStack(config);

  test("marked public in the configuration, it is not a finding", () => {
    expect(scanRoutes(json, scanPolicyOf(config))).toEqual([]);
  });

  test("the same route without the mark is a MEDIUM finding naming the route and its function", () => {
    expect(scanRoutes(json, { ...scanPolicyOf(config), publicRoutes: [] })).toEqual([
      expect.objectContaining({ severity: "MEDIUM", routeKey: "POST /users", functionName: "user-service-dev", api: "serverless-monitoring-http-dev" }),
    ]);
  });

  test("a JWT route without an authorizer is a HIGH finding", () => {
    const copy = structuredClone(json) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    const route = Object.values(copy.resource.aws_apigatewayv2_route!).find((r) => r.route_key === "POST /payments")!;
    delete route.authorizer_id;
    expect(scanRoutes(copy as unknown as TerraformJson, scanPolicyOf(config))).toEqual([expect.objectContaining({ severity: "HIGH", routeKey: "POST /payments", reason: "authorization_type JWT without an authorizer_id" })]);
  });
});
