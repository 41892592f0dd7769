/**
 * Worked example (synthesized by __tests__/examples): a platform team monitors
 * the serverless estate it already runs, with the topics it already has.
 * Nothing is created but alarms, metric filters and dashboards.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { Alerting, ServerlessMonitoring } from "@serverless-monitoring/constructs";

const ACCOUNT = "arn:aws:sns:eu-west-1:111122223333";
const SERVICES = ["cart", "catalog", "checkout", "customers", "delivery", "discounts", "emails", "fraud", "invoices", "inventory"];
/** 30 functions: an api, a worker and a cron per service, all on JSON logs, 30 s and 512 MB. */
const FUNCTIONS = SERVICES.flatMap((service) => ["api", "worker", "cron"].map((role) => `${service}-${role}`));

export class EstateMonitoring extends TerraformStack {
  readonly monitoring: ServerlessMonitoring;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    // The team's own topics; warnings also reach its Slack channel through AWS Chatbot.
    const alerting = new Alerting(this, "alerting", {
      environment: "prod",
      accountId: "111122223333",
      channels: {
        critical: { existingTopicArn: `${ACCOUNT}:pagerduty-critical` },
        warning: { existingTopicArn: `${ACCOUNT}:team-shop-warnings`, slack: { workspaceId: "T0123ABCD", channelId: "C0SHOPOPS" } },
        business: { existingTopicArn: `${ACCOUNT}:shop-business` },
      },
    });
    const monitoring = new ServerlessMonitoring(this, "monitoring", {
      environment: "prod",
      region: "eu-west-1",
      topics: alerting.alarmActions,
      dashboardName: "shop-estate",
      // The team's own latency budget for every function, over the built-in defaults.
      defaults: { function: { p99DurationMs: { warning: { threshold: 3000, evaluationPeriods: 3 } } } },
    });

    for (const functionName of FUNCTIONS) {
      const worker = functionName.endsWith("-worker");
      monitoring.monitorFunction(
        { functionName, timeoutSeconds: 30, memoryMiB: 512, logFormat: "JSON", ...(worker ? { deadLetterQueueName: `${functionName}-dlq` } : {}) },
        // Checkout pages on any error in 5 minutes, not only on a rate.
        functionName === "checkout-api" ? { thresholds: { errorCount: { critical: { threshold: 0, evaluationPeriods: 1, periodSeconds: 300 } } } } : {},
      );
    }

    monitoring.monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "shop-http" });
    monitoring.monitorWebSocketApi({ apiId: "f6g7h8i9j0", apiName: "shop-live", stage: "production" });
    monitoring.monitorTable({ tableName: "shop-orders" });
    monitoring.monitorTable({ tableName: "shop-ledger", billingMode: "PROVISIONED", operations: ["PutItem", "Query"] });
    monitoring.monitorQueue({ queueName: "shop-fulfilment" }, { thresholds: { oldestMessageAgeSeconds: { critical: { threshold: 3600, evaluationPeriods: 1, periodSeconds: 300 } } } });
    this.monitoring = monitoring;
  }
}
