/**
 * A small library stack with one resource of every service segment of issue
 * 28 (Step Functions, EventBridge rule and bus, SNS, Kinesis with its
 * consumer, Firehose, AppSync, S3 with its request-metrics configuration),
 * on the built-in defaults, alerting by email. The Terraform suite validates
 * and plans it; the drill replays tools/drill/scenarios/segments/ through it.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { Alerting, ServerlessMonitoring } from "@serverless-monitoring/constructs";

export const SEGMENTS_ACCOUNT = "111122223333";
export const SEGMENTS_REGION = "us-east-1";
export const STATE_MACHINE_ARN = `arn:aws:states:${SEGMENTS_REGION}:${SEGMENTS_ACCOUNT}:stateMachine:orders-workflow`;
export const WORKER_ARN = `arn:aws:lambda:${SEGMENTS_REGION}:${SEGMENTS_ACCOUNT}:function:orders-worker`;
export const APPSYNC_API_ID = "abcdefghijklmnopqrstuvwxyz";

export class ServiceSegmentsStack extends TerraformStack {
  readonly monitoring: ServerlessMonitoring;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: SEGMENTS_REGION });
    const alerting = new Alerting(this, "alerting", {
      environment: "test",
      accountId: SEGMENTS_ACCOUNT,
      channels: { critical: { emails: ["oncall@example.com"] }, warning: { emails: ["team@example.com"] } },
    });
    const monitoring = new ServerlessMonitoring(this, "monitoring", { environment: "test", region: SEGMENTS_REGION, topics: alerting.alarmActions, dashboardName: "segments-test" });
    monitoring.monitorStateMachine({ stateMachineArn: STATE_MACHINE_ARN, integrations: { lambdaFunctionArns: [WORKER_ARN] } });
    monitoring.monitorEventBridgeRule({ ruleName: "order-placed", eventBusName: "orders" });
    monitoring.monitorEventBus({ eventBusName: "orders" });
    monitoring.monitorSnsTopic({ topicName: "order-events" });
    monitoring.monitorKinesisStream({ streamName: "clickstream", consumerFunctionName: "clickstream-consumer" });
    monitoring.monitorFirehose({ deliveryStreamName: "clickstream-archive" });
    monitoring.monitorAppSyncApi({ apiId: APPSYNC_API_ID, apiName: "catalog" });
    monitoring.monitorS3Bucket({ bucketName: "orders-uploads-test", createRequestMetrics: true });
    this.monitoring = monitoring;
  }
}
