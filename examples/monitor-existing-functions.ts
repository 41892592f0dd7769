/**
 * Worked example (and a test: __tests__/examples): a platform team monitors
 * two functions it already deploys elsewhere. Nothing is created but the
 * alert topics, the alarms, the health alarm and the dashboard.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { Alerting, FunctionAlarms, MonitoredFunction, OperationsDashboard, SystemHealthAlarm } from "../modules";

export class CheckoutMonitoring extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    const alerting = new Alerting(this, "alerting", {
      environment: "prod",
      accountId: "111122223333",
      emails: { critical: ["oncall@acme.example"] },
      namePrefix: "checkout",
    });
    const functions = ["checkout-api", "checkout-worker"].map((name) => MonitoredFunction.fromFunctionName(name, { deadLetterQueueName: `${name}-dlq` }));
    const alarms = functions.flatMap(
      (fn) =>
        new FunctionAlarms(this, `${fn.functionName}-alarms`, {
          function: fn,
          environment: "prod",
          topics: alerting.topicArns,
          thresholds: {
            errorRatePercent: { warning: { threshold: 1, evaluationPeriods: 3 }, critical: { threshold: 5, evaluationPeriods: 2 } },
            p99DurationMs: { warning: { threshold: 1500, evaluationPeriods: 3 } },
            dlqMessagesVisible: { critical: { threshold: 1, evaluationPeriods: 1, periodSeconds: 300 } },
          },
        }).alarms,
    );
    new SystemHealthAlarm(this, "health", {
      alarmName: "checkout-health",
      alarms: alarms.filter((a) => a.severity === "critical"),
      topicArn: alerting.topicArns.critical,
    });
    new OperationsDashboard(this, "dashboard", { dashboardName: "checkout", environment: "prod", region: "eu-west-1", functions, alarms });
  }
}
