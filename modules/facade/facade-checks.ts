/**
 * The facade's own props, checked in its constructor: what its methods pass
 * on to every segment (topics, links, guards, thresholds by kind) is checked
 * once, where the user wrote it, so an error names `defaults.function...`
 * rather than the alarm it would have made.
 */
import { AWS_LIMITS } from "../common/aws-limits";
import { optionalNumber, requireAlarmTopics, requireKindThresholds, requireLink, requireName, requireRegion } from "../common/prop-checks";
import { requireNaming } from "../common/naming";
import { InvalidPropsError } from "../common/validation";
import type { ApiAlarmKind, WebSocketAlarmKind } from "../monitoring/aws-apigateway/apigateway-monitoring";
import type { DynamoDbAlarmKind } from "../monitoring/aws-dynamodb/dynamodb-monitoring";
import { LAMBDA_ALARM_KINDS } from "../monitoring/aws-lambda/lambda-monitoring";
import type { SqsAlarmKind } from "../monitoring/aws-sqs/sqs-monitoring";
import type { BusinessAlarmKind } from "../monitoring/business/business-monitoring";
import type { RdsAlarmKind } from "../monitoring/aws-rds/rds-monitoring";
import type { RdsProxyAlarmKind } from "../monitoring/aws-rds/rds-proxy-monitoring";
import type { ElastiCacheAlarmKind } from "../monitoring/aws-elasticache/elasticache-monitoring";
import type { LambdaAliasAlarmKind } from "../monitoring/aws-lambda/lambda-alias-monitoring";
import type { EventSourceAlarmKind } from "../monitoring/aws-lambda/lambda-event-source-monitoring";
import type { StepFunctionsAlarmKind } from "../monitoring/aws-stepfunctions/stepfunctions-monitoring";
import type { EventBridgeRuleAlarmKind, EventBusAlarmKind } from "../monitoring/aws-eventbridge/eventbridge-monitoring";
import type { SnsAlarmKind } from "../monitoring/aws-sns/sns-monitoring";
import type { KinesisAlarmKind } from "../monitoring/aws-kinesis/kinesis-monitoring";
import type { FirehoseAlarmKind } from "../monitoring/aws-firehose/firehose-monitoring";
import type { AppSyncAlarmKind } from "../monitoring/aws-appsync/appsync-monitoring";
import type { S3AlarmKind } from "../monitoring/aws-s3/s3-monitoring";
import type { DynamoDbIndexAlarmKind } from "../monitoring/aws-dynamodb/dynamodb-index-alarms";
import type { EstateThresholds } from "./default-thresholds";
import type { ServerlessMonitoringProps } from "./serverless-monitoring";

const kindsOf = <K extends string>(table: Record<K, true>): readonly string[] => Object.keys(table);
const API: Record<ApiAlarmKind, true> = { serverErrorRatePercent: true, serverErrorCount: true, clientErrorCount: true, p99LatencyMs: true, p99IntegrationLatencyMs: true };

/** The alarm kinds of each family of `defaults`, so a misspelt kind fails where it is written. */
export const FAMILY_KINDS: { readonly [F in keyof Required<EstateThresholds>]: readonly string[] } = {
  function: [...Object.keys(LAMBDA_ALARM_KINDS), "dlqMessagesVisible", "dlqOldestMessageAgeSeconds", "errorRecordWriteFailures"],
  httpApi: kindsOf(API),
  restApi: kindsOf(API),
  webSocketApi: kindsOf<WebSocketAlarmKind>({ connectionErrors: true, clientErrorCount: true, p99IntegrationLatencyMs: true }),
  table: kindsOf<DynamoDbAlarmKind | DynamoDbIndexAlarmKind>({ readThrottles: true, writeThrottles: true, systemErrors: true, p99LatencyMs: true, readCapacityPercent: true, writeCapacityPercent: true, indexReadThrottles: true, indexWriteThrottles: true, indexReadCapacityPercent: true, indexWriteCapacityPercent: true }),
  queue: [...kindsOf<SqsAlarmKind>({ messagesVisible: true, oldestMessageAgeSeconds: true }), "dlqMessagesVisible", "dlqOldestMessageAgeSeconds"],
  business: kindsOf<BusinessAlarmKind>({ paymentFailureRatePercent: true, orderCompletionRatePercent: true }),
  database: kindsOf<RdsAlarmKind>({ cpuPercent: true, connectionsPercent: true, freeableMemoryMiB: true, readLatencyMs: true, writeLatencyMs: true, acuUtilisationPercent: true, deadlocksPerSecond: true }),
  databaseProxy: kindsOf<RdsProxyAlarmKind>({ borrowLatencyMs: true, pinnedPercent: true }),
  cache: kindsOf<ElastiCacheAlarmKind>({ cpuPercent: true, engineCpuPercent: true, memoryPercent: true, evictions: true, connections: true, cacheHitRatePercent: true, throttledCommands: true }),
  alias: kindsOf<LambdaAliasAlarmKind>({ provisionedConcurrencyUtilisationPercent: true, provisionedConcurrencySpilloverInvocations: true }),
  eventSource: kindsOf<EventSourceAlarmKind>({ iteratorAgeMs: true, failedInvokeEvents: true, droppedEvents: true }),
  stateMachine: kindsOf<StepFunctionsAlarmKind>({ failedRatePercent: true, failedExecutions: true, timedOutExecutions: true, abortedExecutions: true, throttledExecutions: true, p99ExecutionTimeMs: true, integrationFailures: true }),
  eventBridgeRule: kindsOf<EventBridgeRuleAlarmKind>({ failedInvocations: true, throttledRules: true, deadLetterInvocations: true, invocationsFailedToBeSentToDlq: true }),
  eventBus: kindsOf<EventBusAlarmKind>({ retryRatePercent: true, p99IngestionToInvocationSuccessLatencyMs: true }),
  snsTopic: kindsOf<SnsAlarmKind>({ notificationsFailed: true, notificationsRedrivenToDlq: true, notificationsFailedToRedriveToDlq: true, notificationsFilteredOutInvalid: true }),
  kinesisStream: kindsOf<KinesisAlarmKind>({ iteratorAgeMs: true, readThroughputExceeded: true, writeThroughputExceeded: true, failedRecords: true, consumerIteratorAgeMs: true }),
  firehose: kindsOf<FirehoseAlarmKind>({ deliverySuccessPercent: true, throttledRecords: true }),
  appSyncApi: kindsOf<AppSyncAlarmKind>({ serverErrorRatePercent: true, serverErrorCount: true, clientErrorCount: true, p99LatencyMs: true }),
  s3Bucket: kindsOf<S3AlarmKind>({ serverErrorRatePercent: true, serverErrorCount: true, clientErrorCount: true, p99FirstByteLatencyMs: true }),
};

const ENVIRONMENT = { pattern: /^[A-Za-z0-9_-]{1,64}$/, allowed: "1-64 letters, digits, _ or -" };
const DASHBOARD = { pattern: /^[A-Za-z0-9_-]{1,255}$/, allowed: "1-255 letters, digits, _ or - (CloudWatch dashboard names)" };

export function checkFacadeProps(where: string, props: ServerlessMonitoringProps): void {
  requireName(where, "environment", props.environment, { max: 64, pattern: ENVIRONMENT });
  requireName(where, "dashboardName", props.dashboardName, { max: AWS_LIMITS.cloudwatch.dashboardNameMaxLength, pattern: DASHBOARD });
  requireRegion(where, "region", props.region);
  requireAlarmTopics(where, "topics", props.topics, props.region);
  requireLink(where, "runbookUrl", props.runbookUrl);
  requireLink(where, "tracesUrl", props.tracesUrl);
  requireNaming(where, "naming", props.naming);
  optionalNumber(where, "minimumInvocations", props.minimumInvocations, { min: 1, max: 1_000_000, integer: true });
  optionalNumber(where, "minimumRequests", props.minimumRequests, { min: 1, max: 1_000_000, integer: true });
  optionalNumber(where, "minimumFailures", props.minimumFailures, { min: 1, max: 1_000_000, integer: true });
  optionalNumber(where, "invocationsAnomalyBandWidth", props.invocationsAnomalyBandWidth, { min: 0, max: 100, minExclusive: true });
  optionalNumber(where, "functionsPerDashboard", props.functionsPerDashboard, { min: 1, max: 500, integer: true });
  optionalNumber(where, "objectives.pageMinimumFailures", props.objectives?.pageMinimumFailures, { min: 1, max: 60, integer: true });
  const defaults = props.defaults ?? {};
  if (defaults === null || typeof defaults !== "object") throw new InvalidPropsError(where, "defaults", defaults, `thresholds by family: ${Object.keys(FAMILY_KINDS).join(", ")}`);
  for (const [family, thresholds] of Object.entries(defaults)) {
    if (!Object.hasOwn(FAMILY_KINDS, family)) throw new InvalidPropsError(where, "defaults", family, `a family: ${Object.keys(FAMILY_KINDS).join(", ")}`);
    requireKindThresholds(where, `defaults.${family}`, thresholds, FAMILY_KINDS[family as keyof typeof FAMILY_KINDS]);
  }
}
