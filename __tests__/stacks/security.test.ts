import { ENVIRONMENT_NAMES } from "../../environments";
import { asArray, policyDocuments, resources, synthEnvironment } from "../helpers";

/**
 * Least privilege and encryption, checked over the synthesized JSON.
 * `*` is allowed only where AWS requires it: X-Ray has no resource-level
 * permissions, and a KMS key policy's resource is always "*" (the key itself).
 */
const STAR_RESOURCE_ALLOWED = new Set(["WriteTraces", "AccountAdministersKey", "AlarmAndBudgetNotificationsUseKey"]);
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
    for (const { where, document } of documents.filter((d) => d.where.startsWith("aws_iam_role_policy."))) {
      const actions = document.Statement.flatMap((s) => asArray(s.Action)).sort();
      expect({ where, actions }).toEqual({
        where,
        actions: ["dynamodb:PutItem", "logs:CreateLogStream", "logs:PutLogEvents", "sqs:SendMessage", "xray:PutTelemetryRecords", "xray:PutTraceSegments"],
      });
      const logs = document.Statement.find((s) => s.Sid === "WriteOwnLogs")!;
      expect(asArray(logs.Resource)[0]).toMatch(/^\$\{aws_cloudwatch_log_group\.[^}]+\.arn\}:\*$/);
    }
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
