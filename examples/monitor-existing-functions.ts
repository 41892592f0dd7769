/**
 * Worked example (and a test: __tests__/examples): a platform team monitors
 * two functions it already deploys elsewhere. Nothing is created but the
 * alert topics, the alarms, the health alarm and the dashboard.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { Alerting, ServerlessMonitoring, HealthAlarm } from "@serverless-monitoring/constructs";

export class CheckoutMonitoring extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    const alerting = new Alerting(this, "alerting", { environment: "prod", accountId: "111122223333", channels: { critical: { emails: ["oncall@acme.example"] } }, namePrefix: "checkout" });
    const monitoring = new ServerlessMonitoring(this, "monitoring", {
      environment: "prod",
      region: "eu-west-1",
      topics: alerting.topicArns,
      dashboardName: "checkout",
      withoutBuiltInDefaults: true,
      defaults: {
        function: {
          errorRatePercent: { warning: { threshold: 1, evaluationPeriods: 3 }, critical: { threshold: 5, evaluationPeriods: 2 } },
          p99DurationMs: { warning: { threshold: 1500, evaluationPeriods: 3 } },
          dlqMessagesVisible: { critical: { threshold: 1, evaluationPeriods: 1, periodSeconds: 300 } },
        },
      },
    });
    for (const name of ["checkout-api", "checkout-worker"]) monitoring.monitorFunction({ functionName: name, deadLetterQueueName: `${name}-dlq` });
    const health = new HealthAlarm(this, "health", {
      alarmName: "checkout-health",
      alarms: monitoring.alarms.filter((a) => a.severity === "critical"),
      topicArn: alerting.topicArns.critical,
    });
    monitoring.addAlarmsToDashboard([health.monitoringAlarm]);
  }
}
