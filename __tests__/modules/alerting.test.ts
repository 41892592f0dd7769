import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Testing } from "cdktf";
import { Alerting } from "@serverless-monitoring/constructs";
import "../cdktf-matchers";

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
    expect(statement.Principal.Service).toEqual(["cloudwatch.amazonaws.com", "budgets.amazonaws.com", "costalerts.amazonaws.com"]);
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

describe("Alerting channels, per tier", () => {
  const LAMBDA = "arn:aws:lambda:eu-west-1:111122223333:function:restart-workers";
  const EXISTING = "arn:aws:sns:eu-west-1:111122223333:team-business";
  let alarmActions: unknown;
  const out = Testing.synthScope((scope) => {
    const alerting = new Alerting(scope, "alerting", {
      environment: "prod",
      accountId: "111122223333",
      channels: {
        critical: { sms: ["+4915112345678"], paging: { ssmParameter: "/monitoring/pagerduty-endpoint" }, lambdaActionArn: LAMBDA },
        warning: { emails: ["team@example.com"], slack: { workspaceId: "T0123ABCD", channelId: "C0123ABCD" }, teams: { tenantId: "11111111-2222-3333-4444-555555555555", teamId: "66666666-7777-8888-9999-000000000000", channelId: "19:abc@thread.tacv2" } },
        business: { existingTopicArn: EXISTING },
      },
    });
    alarmActions = alerting.alarmActions;
  });
  const json = JSON.parse(out);
  const subscriptions = Object.values(json.resource.aws_sns_topic_subscription) as Record<string, unknown>[];

  test("SMS on the critical tier", () => {
    expect(subscriptions).toContainEqual(expect.objectContaining({ protocol: "sms", endpoint: "+4915112345678", topic_arn: expect.stringContaining("critical-topic") }));
  });

  test("paging: the endpoint is read from SSM at plan time, never written; retries, then its own encrypted DLQ", () => {
    expect(Object.values(json.data.aws_ssm_parameter)).toEqual([expect.objectContaining({ name: "/monitoring/pagerduty-endpoint", with_decryption: true })]);
    const paging = subscriptions.find((s) => s.protocol === "https")!;
    expect(paging.endpoint).toMatch(/^\$\{data\.aws_ssm_parameter\.[^.]+\.value\}$/);
    expect(paging.endpoint_auto_confirms).toBe(true);
    expect(JSON.parse(paging.delivery_policy as string).healthyRetryPolicy).toMatchObject({ numRetries: 20, backoffFunction: "exponential" });
    expect(JSON.parse(paging.redrive_policy as string).deadLetterTargetArn).toMatch(/^\$\{aws_sqs_queue\.[^.]+\.arn\}$/);
    expect(Object.values(json.resource.aws_sqs_queue)).toEqual([expect.objectContaining({ name: "monitoring-critical-paging-dlq-prod", sqs_managed_sse_enabled: true })]);
    const queuePolicy = JSON.parse((Object.values(json.resource.aws_sqs_queue_policy)[0] as { policy: string }).policy);
    expect(queuePolicy.Statement).toEqual([expect.objectContaining({ Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage", Condition: { ArnEquals: { "aws:SourceArn": expect.stringContaining("critical-topic") } } })]);
    expect(out).not.toMatch(/events\.pagerduty\.com|https:\/\/[^"$]*integration/);
  });

  test("paging from Secrets Manager instead", () => {
    const synth = Testing.synthScope((scope) => {
      new Alerting(scope, "alerting", { environment: "prod", accountId: "111122223333", channels: { critical: { paging: { secretsManagerSecret: "monitoring/opsgenie-endpoint" } } } });
    });
    expect(Object.values(JSON.parse(synth).data.aws_secretsmanager_secret_version)).toEqual([expect.objectContaining({ secret_id: "monitoring/opsgenie-endpoint" })]);
    expect(() =>
      Testing.synthScope((scope) => {
        new Alerting(scope, "alerting", { environment: "prod", accountId: "111122223333", channels: { critical: { paging: { ssmParameter: "/a", secretsManagerSecret: "b" } } } });
      }),
    ).toThrow('Alerting: channels.critical.paging is {"ssmParameter":"/a","secretsManagerSecret":"b"}; allowed: exactly one of ssmParameter and secretsManagerSecret.');
  });

  test("Slack and Teams through AWS Chatbot: one read-only role, a CloudWatch read-only guardrail", () => {
    const slack = Object.values(json.resource.aws_chatbot_slack_channel_configuration)[0] as Record<string, unknown>;
    expect(slack).toMatchObject({ slack_team_id: "T0123ABCD", slack_channel_id: "C0123ABCD", guardrail_policy_arns: ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"], user_authorization_required: true });
    expect(slack.sns_topic_arns).toEqual([expect.stringContaining("warning-topic")]);
    expect(Object.values(json.resource.aws_chatbot_teams_channel_configuration)[0]).toMatchObject({ team_id: "66666666-7777-8888-9999-000000000000", channel_id: "19:abc@thread.tacv2" });
    const role = Object.values(json.resource.aws_iam_role)[0] as { assume_role_policy: string };
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: "chatbot.amazonaws.com" });
    const policy = JSON.parse((Object.values(json.resource.aws_iam_role_policy)[0] as { policy: string }).policy);
    expect(policy.Statement.flatMap((s: { Action: string[] }) => s.Action)).toEqual(["cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData", "cloudwatch:GetMetricWidgetImage"]);
  });

  test("a runbook Lambda: invoked by this account's CloudWatch alarms only, on ALARM of its tier", () => {
    expect(Object.values(json.resource.aws_lambda_permission)).toEqual([
      expect.objectContaining({ function_name: LAMBDA, principal: "lambda.alarms.cloudwatch.amazonaws.com", source_account: "111122223333", source_arn: "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:*" }),
    ]);
    expect((alarmActions as Record<string, unknown>).critical).toEqual({ topicArn: expect.any(String), onAlarm: [LAMBDA] });
  });

  test("an existing topic: none created for its tier, and its ARN is the tier's", () => {
    expect(Object.values(json.resource.aws_sns_topic).map((t) => (t as { name: string }).name).sort()).toEqual(["monitoring-alerts-prod", "monitoring-warnings-prod"]);
    expect((alarmActions as Record<string, unknown>).business).toBe(EXISTING);
  });
});
