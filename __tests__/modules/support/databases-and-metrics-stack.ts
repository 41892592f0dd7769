/**
 * A stack that monitors databases, caches and metrics of any namespace with
 * every default alarm of their segments: an Aurora Serverless v2 cluster, an
 * RDS PostgreSQL instance, an RDS Proxy, a Redis node and a serverless Valkey
 * cache, a team's own checkout metrics and KPIs. The matchers test, the
 * Terraform suite (validate, plan against moto), the drill scenarios in
 * tools/drill/scenarios/databases/ and the cost test all read it, so the names
 * below are the ones the scenarios' series carry.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { Alerting, ServerlessMonitoring } from "@serverless-monitoring/constructs";

export const DATABASE_STACK_REGION = "us-east-1";

export class DatabasesAndMetricsStack extends TerraformStack {
  readonly monitoring: ServerlessMonitoring;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: DATABASE_STACK_REGION });
    const alerting = new Alerting(this, "alerting", {
      environment: "prod",
      accountId: "111122223333",
      region: DATABASE_STACK_REGION,
      channels: { critical: { emails: ["oncall@example.com"] }, warning: { emails: ["team@example.com"] }, business: { emails: ["product@example.com"] } },
    });
    const monitoring = new ServerlessMonitoring(this, "monitoring", { environment: "prod", region: DATABASE_STACK_REGION, topics: alerting.alarmActions, dashboardName: "shop-prod" });
    this.monitoring = monitoring;

    monitoring.monitorDatabase({ dbClusterIdentifier: "orders-db", engine: "aurora-postgresql", serverless: true, maxConnections: 1000 });
    monitoring.monitorDatabase({ dbInstanceIdentifier: "legacy-db", engine: "postgres", maxConnections: 200 });
    monitoring.monitorDatabaseProxy({ proxyName: "orders-proxy" });
    monitoring.monitorCache({ cacheClusterId: "sessions-001" });
    monitoring.monitorCache({ serverlessCacheName: "carts" });

    const checkout = (metricName: string) => ({ namespace: "Acme/Checkout", metricName, dimensions: { Service: "checkout", Environment: "prod" } });
    monitoring.monitorMetrics({
      name: "checkout-prod",
      title: "Checkout",
      watches: [
        { id: "payment-errors", type: "count", metric: checkout("PaymentErrors"), when: "above", thresholds: { warning: { threshold: 25, evaluationPeriods: 1, periodSeconds: 300 } } },
        { id: "basket-latency", type: "value", metric: { ...checkout("BasketLatency"), statistic: "p99" }, when: "above", thresholds: { warning: { threshold: 500, evaluationPeriods: 3 } } },
        { id: "payment-failure-rate", type: "rate", numerator: checkout("PaymentErrors"), denominator: checkout("PaymentAttempts"), thresholds: { warning: { threshold: 5, evaluationPeriods: 3 } } },
        { id: "traffic-anomaly", type: "anomaly", metric: { ...checkout("PaymentAttempts"), statistic: "Sum" }, when: "outside", thresholds: { warning: { threshold: 3, evaluationPeriods: 3, periodSeconds: 300 } } },
      ],
    });
    monitoring.monitorBusinessMetrics({
      name: "checkout-kpis-prod",
      title: "Checkout KPIs",
      watches: [
        { id: "orders-placed", type: "count", metric: checkout("OrdersPlaced"), when: "below", thresholds: { business: { threshold: 1, evaluationPeriods: 3, periodSeconds: 300 } } },
        { id: "order-success-rate", type: "rate", numerator: checkout("OrdersPlaced"), denominator: checkout("CheckoutsStarted"), when: "below", thresholds: { business: { threshold: 90, evaluationPeriods: 3, periodSeconds: 300 } } },
      ],
    });
  }
}
