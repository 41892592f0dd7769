/**
 * The built-in thresholds of issue 28's service segments (Step Functions,
 * EventBridge, SNS, Kinesis, Firehose, AppSync, S3), part of
 * DEFAULT_THRESHOLDS. Chosen like the others: quiet in a healthy estate, loud
 * before users notice. A kind left out here has no default; give it per
 * facade (`defaults`) or per resource (`thresholds`).
 */
import type { AlarmThreshold } from "../common/alarm-factory";
import type { AppSyncThresholds } from "../monitoring/aws-appsync/appsync-monitoring";
import type { EventBridgeRuleThresholds, EventBusThresholds } from "../monitoring/aws-eventbridge/eventbridge-monitoring";
import type { FirehoseThresholds } from "../monitoring/aws-firehose/firehose-monitoring";
import type { KinesisThresholds } from "../monitoring/aws-kinesis/kinesis-monitoring";
import type { S3Thresholds } from "../monitoring/aws-s3/s3-monitoring";
import type { SnsThresholds } from "../monitoring/aws-sns/sns-monitoring";
import type { StepFunctionsThresholds } from "../monitoring/aws-stepfunctions/stepfunctions-monitoring";

const minutes = (threshold: number, evaluationPeriods: number): AlarmThreshold => ({ threshold, evaluationPeriods });
const fiveMinutes = (threshold: number, evaluationPeriods = 1): AlarmThreshold => ({ threshold, evaluationPeriods, periodSeconds: 300 });

/** Thresholds for every resource of the service segments' kinds (Step Functions, EventBridge, SNS, Kinesis, Firehose, AppSync, S3): part of {@link EstateThresholds}. */
export interface ServiceEstateThresholds {
  /** Thresholds of every Step Functions state machine. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly stateMachine?: StepFunctionsThresholds;
  /** Thresholds of every EventBridge rule. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly eventBridgeRule?: EventBridgeRuleThresholds;
  /** Thresholds of every EventBridge bus. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly eventBus?: EventBusThresholds;
  /** Thresholds of every SNS topic. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly snsTopic?: SnsThresholds;
  /** Thresholds of every Kinesis data stream. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly kinesisStream?: KinesisThresholds;
  /** Thresholds of every Firehose stream. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly firehose?: FirehoseThresholds;
  /** Thresholds of every AppSync GraphQL API. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly appSyncApi?: AppSyncThresholds;
  /** Thresholds of every S3 bucket's request metrics. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly s3Bucket?: S3Thresholds;
}

/** A consumer 5 minutes behind for 5 minutes is slow; an hour behind, it is stalled and the stream's retention is running out. */
const ITERATOR_AGE = { warning: minutes(300_000, 5) };

/** The built-in thresholds of the service segments' kinds, part of {@link DEFAULT_THRESHOLDS}; the defaults page (docs/library/defaults.md) lists them with their values. */
export const SERVICE_DEFAULT_THRESHOLDS = {
  stateMachine: {
    failedRatePercent: { warning: minutes(5, 2) },
    // As an API's 5xx count: five failed workflows in five minutes is the capability down.
    failedExecutions: { critical: fiveMinutes(5) },
    timedOutExecutions: { warning: fiveMinutes(1) },
    throttledExecutions: { warning: fiveMinutes(5) },
    integrationFailures: { warning: fiveMinutes(3) },
    // No default for aborted executions (StopExecution is often deliberate) nor execution time (a workflow's own).
  },
  eventBridgeRule: {
    failedInvocations: { warning: fiveMinutes(1) },
    throttledRules: { warning: fiveMinutes(5) },
    deadLetterInvocations: { warning: fiveMinutes(1) },
    // Events neither delivered nor kept: lost for good, and the DLQ itself is broken (permissions, KMS, deleted).
    invocationsFailedToBeSentToDlq: { critical: fiveMinutes(1) },
  },
  eventBus: {
    retryRatePercent: { warning: fiveMinutes(10, 3) },
    p99IngestionToInvocationSuccessLatencyMs: { warning: fiveMinutes(30_000, 3) },
  },
  snsTopic: {
    notificationsFailed: { warning: fiveMinutes(1) },
    notificationsRedrivenToDlq: { warning: fiveMinutes(1) },
    // As EventBridge's: a notification lost for good.
    notificationsFailedToRedriveToDlq: { critical: fiveMinutes(1) },
    notificationsFilteredOutInvalid: { warning: fiveMinutes(1) },
  },
  kinesisStream: {
    iteratorAgeMs: { ...ITERATOR_AGE, critical: minutes(3_600_000, 5) },
    readThroughputExceeded: { warning: fiveMinutes(5, 3) },
    writeThroughputExceeded: { warning: fiveMinutes(5) },
    failedRecords: { warning: fiveMinutes(1) },
    consumerIteratorAgeMs: ITERATOR_AGE,
  },
  firehose: {
    deliverySuccessPercent: { warning: fiveMinutes(99, 3) },
    throttledRecords: { warning: fiveMinutes(1) },
  },
  // As HTTP and REST APIs: 5xx rate above 5 %, more than 5 5xx in 5 minutes, latency p99 above 1 s over 3 periods.
  appSyncApi: {
    serverErrorRatePercent: { warning: fiveMinutes(5) },
    serverErrorCount: { critical: fiveMinutes(5) },
    p99LatencyMs: { warning: minutes(1000, 3) },
  },
  s3Bucket: {
    serverErrorRatePercent: { warning: fiveMinutes(5) },
    p99FirstByteLatencyMs: { warning: minutes(1000, 3) },
  },
} as const satisfies Required<ServiceEstateThresholds>;
