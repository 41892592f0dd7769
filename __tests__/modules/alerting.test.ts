import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Testing } from "cdktf";
import { Alerting } from "../../modules";

const synth = () =>
  Testing.synthScope((scope) => {
    new Alerting(scope, "alerting", {
      environment: "dev",
      accountId: "111122223333",
      channels: { critical: { emails: ["oncall@example.com"] }, warning: { emails: ["team@example.com", "lead@example.com"] } },
    });
  });

describe("Alerting", () => {
  test("a customer-managed key with rotation encrypts every tier's topic (never alias/aws/sns)", () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    expect(out).toHaveResourceWithProperties(KmsAlias, { name: "alias/monitoring-alerts-dev" });
    const topics = Object.values(JSON.parse(out).resource.aws_sns_topic) as { name: string; kms_master_key_id: string }[];
    expect(topics.map((t) => t.name).sort()).toEqual(["monitoring-alerts-dev", "monitoring-business-dev", "monitoring-warnings-dev"]);
    for (const topic of topics) expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\..+\.arn\}$/);
    expect(out).not.toContain("alias/aws/sns");
  });

  test("the key policy lets CloudWatch and Budgets use the key, for this account only", () => {
    const key = Object.values(JSON.parse(synth()).resource.aws_kms_key)[0] as { policy: string };
    const statement = JSON.parse(key.policy).Statement.find((s: { Sid: string }) => s.Sid === "AlarmAndBudgetNotificationsUseKey");
    expect(statement.Principal.Service).toEqual(["cloudwatch.amazonaws.com", "budgets.amazonaws.com"]);
    expect(statement.Action).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
    expect(statement.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "111122223333" } });
  });

  test("topic policies let CloudWatch alarms and Budgets publish, scoped to the account", () => {
    const policies = Object.values(JSON.parse(synth()).resource.aws_sns_topic_policy) as { policy: string }[];
    expect(policies).toHaveLength(3);
    for (const p of policies) {
      const statements = JSON.parse(p.policy).Statement as { Sid: string; Principal: { Service?: string }; Condition?: Record<string, Record<string, string>> }[];
      const budgets = statements.find((s) => s.Sid === "BudgetsPublish")!;
      expect(budgets.Principal.Service).toBe("budgets.amazonaws.com");
      expect(budgets.Condition!.StringEquals!["aws:SourceAccount"]).toBe("111122223333");
      const cloudwatch = statements.find((s) => s.Sid === "CloudWatchAlarmsPublish")!;
      expect(cloudwatch.Condition!.ArnLike!["aws:SourceArn"]).toBe("arn:aws:cloudwatch:*:111122223333:alarm:*");
      expect(statements.find((s) => s.Sid === "DenyInsecureTransport")).toBeDefined();
    }
  });

  test("one email subscription per address and tier", () => {
    const subscriptions = Object.values(JSON.parse(synth()).resource.aws_sns_topic_subscription) as { protocol: string; endpoint: string }[];
    expect(subscriptions.map((s) => s.endpoint).sort()).toEqual(["lead@example.com", "oncall@example.com", "team@example.com"]);
    expect(subscriptions.every((s) => s.protocol === "email")).toBe(true);
  });
});
