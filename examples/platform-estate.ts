/**
 * Worked example (synthesized, validated and drilled by __tests__/examples):
 * a platform team monitors the estate other repositories deploy, in prod and
 * staging, in one account. Staging does not page: its critical alarms go to
 * the warning tier's channels. At most 80 lines of code (blank lines and
 * comments not counted; __tests__/examples counts them).
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, type App } from "cdktf";
import type { Construct } from "constructs";
import { Alerting, ServerlessMonitoring } from "@serverless-monitoring/constructs";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
/** The twelve functions, deployed by other repositories as `<name>-<environment>`. */
const FUNCTIONS = ["storefront-api", "partner-api", "cart", "checkout", "payments", "refunds", "fulfilment", "notifications", "search-indexer", "stock-sync", "audit-stream", "nightly-reports"];
/** The functions that consume a queue, each with its queue and the queue's dead-letter queue. */
const QUEUES = { fulfilment: "fulfilment-jobs", notifications: "notification-jobs" } as const;

export interface EstateEnvironment {
  /** e.g. `prod`: the suffix of every name, as the other repositories deploy them. */
  readonly name: string;
  /** Critical alarms page (the PagerDuty endpoint in SSM, read at plan time); otherwise they go to the warning tier's channels. */
  readonly pages: boolean;
  /** The HTTP API's id in this environment. */
  readonly httpApiId: string;
  /** The UUIDs of the event source mappings (created with metrics_config EventCount), by consuming function. */
  readonly mappings: Readonly<Record<"audit-stream" | keyof typeof QUEUES, string>>;
}

export const ESTATE_ENVIRONMENTS: readonly EstateEnvironment[] = [
  { name: "prod", pages: true, httpApiId: "a1b2c3d4e5", mappings: { "audit-stream": "5f0e4c2a-8d1b-4e7f-9a3c-2b6d8e1f0a47", fulfilment: "14e0db71-5d35-4eb5-b481-8945cf9d10c2", notifications: "9b2b1f7e-3c1a-4d2e-8f00-6a7c2d1e5b43" } },
  { name: "staging", pages: false, httpApiId: "f6g7h8i9j0", mappings: { "audit-stream": "0c7a9e31-2f4b-4d85-b6e0-7d1c3a5f9e28", fulfilment: "e2d4f6a8-1b3c-4e5f-8a7b-9c0d1e2f3a4b", notifications: "3a5c7e9f-0b2d-4f6a-8c1e-5d7f9b1a3c6e" } },
];

export class PlatformEstate extends TerraformStack {
  readonly monitoring: ServerlessMonitoring;

  constructor(scope: Construct, id: string, env: EstateEnvironment) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: REGION });
    const n = (name: string) => `${name}-${env.name}`;
    const alerting = new Alerting(this, "alerting", {
      environment: env.name,
      accountId: ACCOUNT,
      namePrefix: "platform",
      channels: {
        critical: env.pages ? { paging: { ssmParameter: "/platform/pagerduty-endpoint" } } : { sameAs: "warning" },
        warning: { emails: ["platform-oncall@acme.example"] },
        business: { emails: ["commerce-leads@acme.example"] },
      },
    });
    const monitoring = new ServerlessMonitoring(this, "monitoring", { environment: env.name, region: REGION, topics: alerting.alarmActions, dashboardName: n("platform-estate") });
    this.monitoring = monitoring;

    for (const fn of FUNCTIONS) {
      const consumes = fn in QUEUES;
      monitoring.monitorFunction({ functionName: n(fn), timeoutSeconds: consumes ? 60 : 30, memoryMiB: 1024, logFormat: "JSON" });
    }
    // Checkout keeps 20 warm executions on its `live` alias; the audit consumer reads a Kinesis stream.
    monitoring.monitorLambdaAlias({ functionName: n("checkout"), alias: "live" });
    monitoring.monitorEventSource({ functionName: n("audit-stream"), source: "kinesis", name: "audit-events", uuid: env.mappings["audit-stream"] });
    for (const [fn, queue] of Object.entries(QUEUES)) {
      monitoring.monitorQueue({ queueName: n(queue), deadLetterQueue: n(`${queue}-dlq`) });
      monitoring.monitorEventSource({ functionName: n(fn), source: "sqs", name: queue, uuid: env.mappings[fn as keyof typeof QUEUES] });
    }

    // Partners call one method that matters: it gets its own alarms and objective.
    monitoring.monitorRestApi({ apiName: n("partner-gateway"), stage: env.name, methods: ["POST /orders"] });
    monitoring.monitorHttpApi({ apiId: env.httpApiId, apiName: n("storefront") });

    monitoring.monitorTable({ tableName: n("orders"), globalSecondaryIndexes: ["by-customer"] });
    monitoring.monitorTable({ tableName: n("ledger"), billingMode: "PROVISIONED", operations: ["PutItem", "Query"], globalSecondaryIndexes: ["by-account"] });
    monitoring.monitorTable({ tableName: n("sessions"), timeToLive: true, operations: ["GetItem", "PutItem", "DeleteItem"] });

    // The order workflow, the shop's event bus with its two rules, and the audit stream its consumer reads.
    monitoring.monitorStateMachine({ stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${n("order-workflow")}` });
    monitoring.monitorEventBus({ eventBusName: n("shop-events") });
    for (const rule of ["order-placed", "order-shipped"]) monitoring.monitorEventBridgeRule({ ruleName: n(rule), eventBusName: n("shop-events") });
    monitoring.monitorKinesisStream({ streamName: n("audit-events"), consumerFunctionName: n("audit-stream") });

    // KPIs the shop publishes in its own namespace tell the business tier: orders stop, or too few checkouts end in an order.
    const kpi = (metricName: string) => ({ namespace: "Acme/Shop", metricName, dimensions: { Environment: env.name } });
    monitoring.monitorBusinessMetrics({
      name: n("shop-kpis"),
      watches: [
        { id: "orders-placed", type: "count", metric: kpi("OrdersPlaced"), when: "below", thresholds: { business: { threshold: 1, evaluationPeriods: 3, periodSeconds: 300 } } },
        { id: "checkout-success-rate", type: "rate", numerator: kpi("OrdersPlaced"), denominator: kpi("CheckoutsStarted"), when: "below", thresholds: { business: { threshold: 90, evaluationPeriods: 3, periodSeconds: 300 } } },
      ],
    });
  }
}

/** Both environments, one stack each, in the given app. */
export function platformEstateStacks(app: App): PlatformEstate[] {
  return ESTATE_ENVIRONMENTS.map((env) => new PlatformEstate(app, `platform-estate-${env.name}`, env));
}
