/**
 * A stack that uses every alert channel and tier feature at least once, so
 * the Terraform suite validates each resource type they make against the real
 * provider: SMS, paging from SSM and from Secrets Manager (with its DLQ),
 * Slack and Teams through AWS Chatbot, a runbook Lambda action, an existing
 * topic, and alarms that invoke the Lambda.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { Alerting, ServerlessMonitoring } from "@serverless-monitoring/constructs";

export class EveryChannelStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    const alerting = new Alerting(this, "alerting", {
      environment: "prod",
      accountId: "111122223333",
      channels: {
        critical: {
          emails: ["oncall@example.com"],
          sms: ["+4915112345678"],
          paging: { ssmParameter: "/monitoring/pagerduty-endpoint" },
          lambdaActionArn: "arn:aws:lambda:eu-west-1:111122223333:function:restart-workers",
        },
        warning: {
          paging: { secretsManagerSecret: "monitoring/opsgenie-endpoint" },
          slack: { workspaceId: "T0123ABCD", channelId: "C0123ABCD" },
          teams: { tenantId: "11111111-2222-3333-4444-555555555555", teamId: "66666666-7777-8888-9999-000000000000", channelId: "19:abc@thread.tacv2" },
        },
        business: { existingTopicArn: "arn:aws:sns:eu-west-1:111122223333:team-business" },
      },
    });
    const monitoring = new ServerlessMonitoring(this, "monitoring", { environment: "prod", region: "eu-west-1", topics: alerting.alarmActions, dashboardName: "every-channel" });
    monitoring.monitorQueue({ queueName: "jobs" }, { thresholds: { messagesVisible: { critical: { threshold: 5000, evaluationPeriods: 1, periodSeconds: 300 } } } });
    monitoring.monitorBusinessKpis({ serviceName: "payments", emits: "payments" });
  }
}
