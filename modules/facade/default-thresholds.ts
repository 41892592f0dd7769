/**
 * What every monitored resource gets unless the facade is told otherwise:
 * the thresholds of the system as described to us, chosen to be quiet in a
 * healthy estate and loud before users notice. Every one can be changed per
 * facade (`defaults`) and per resource (`thresholds`), or turned off (`false`).
 */
import type { AlarmThreshold } from "../common/alarm-factory";
import type { ApiThresholds, WebSocketThresholds } from "../monitoring/aws-apigateway/apigateway-monitoring";
import type { DynamoDbThresholds } from "../monitoring/aws-dynamodb/dynamodb-monitoring";
import type { LambdaAliasThresholds } from "../monitoring/aws-lambda/lambda-alias-monitoring";
import type { EventSourceThresholds } from "../monitoring/aws-lambda/lambda-event-source-monitoring";
import type { BusinessThresholds } from "../monitoring/business/business-monitoring";
import type { RdsThresholds } from "../monitoring/aws-rds/rds-monitoring";
import type { RdsProxyThresholds } from "../monitoring/aws-rds/rds-proxy-monitoring";
import type { ElastiCacheThresholds } from "../monitoring/aws-elasticache/elasticache-monitoring";
import { SERVICE_DEFAULT_THRESHOLDS, type ServiceEstateThresholds } from "./service-default-thresholds";
import type { FunctionThresholds, QueueThresholds } from "./serverless-monitoring";

const minutes = (threshold: number, evaluationPeriods: number): AlarmThreshold => ({ threshold, evaluationPeriods });
/** One period of five minutes: "N in 5 minutes", and the SQS publishing interval. */
const fiveMinutes = (threshold: number, evaluationPeriods = 1): AlarmThreshold => ({ threshold, evaluationPeriods, periodSeconds: 300 });

/**
 * Thresholds for every resource of a kind, the `defaults` of {@link ServerlessMonitoringProps}: each kind's thresholds go over the built-in {@link DEFAULT_THRESHOLDS} kind by kind and tier by tier.
 */
export interface EstateThresholds extends ServiceEstateThresholds {
  /** Thresholds of every Lambda function. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly function?: FunctionThresholds;
  /** Thresholds of every HTTP API. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly httpApi?: ApiThresholds;
  /** Thresholds of every REST API. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly restApi?: ApiThresholds;
  /** Thresholds of every WebSocket API. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly webSocketApi?: WebSocketThresholds;
  /** Thresholds of every DynamoDB table. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly table?: DynamoDbThresholds;
  /** Thresholds of every SQS queue, and of its dead-letter queue (`dlq...`) where one is given. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly queue?: QueueThresholds;
  /** Thresholds of the business KPIs. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly business?: BusinessThresholds;
  /** Thresholds of every RDS instance and Aurora cluster. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly database?: RdsThresholds;
  /** Thresholds of every RDS Proxy. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly databaseProxy?: RdsProxyThresholds;
  /** Thresholds of every ElastiCache node or serverless cache. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly cache?: ElastiCacheThresholds;
  /** Thresholds of every alias or version with provisioned concurrency. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly alias?: LambdaAliasThresholds;
  /** Thresholds of every event source mapping. @default the built-in defaults, or none with `withoutBuiltInDefaults` */
  readonly eventSource?: EventSourceThresholds;
}

/** HTTP and REST APIs alike: 5xx rate above 5 %, more than 5 5xx in 5 minutes, latency p99 above 1 s over 3 periods. */
const API_DEFAULTS = {
  serverErrorRatePercent: { warning: fiveMinutes(5) },
  serverErrorCount: { critical: fiveMinutes(5) },
  p99LatencyMs: { warning: minutes(1000, 3) },
} as const satisfies ApiThresholds;

/**
 * The built-in thresholds, per kind of resource and setting: tier, threshold,
 * evaluation periods and period. Every value is listed in the library guide's
 * defaults page (docs/library/defaults.md in the repository), generated from
 * this object.
 */
export const DEFAULT_THRESHOLDS = {
  function: {
    errorRatePercent: { warning: minutes(5, 2) },
    throttles: { warning: minutes(5, 1) },
    maxDurationTimeoutPercent: { warning: minutes(80, 1) },
    concurrencyPercent: { warning: minutes(80, 3) },
    memoryUtilisationPercent: { warning: fiveMinutes(80) },
    initDurationP99Ms: { warning: fiveMinutes(1000, 3) },
    coldStartRatePercent: { warning: fiveMinutes(20, 3) },
    errorLogLines: { warning: fiveMinutes(10) },
    timeouts: { warning: fiveMinutes(1) },
    deadLetterErrors: { warning: minutes(1, 1) },
    dlqMessagesVisible: { warning: fiveMinutes(1) },
    errorRecordWriteFailures: { warning: minutes(1, 1) },
  },
  httpApi: API_DEFAULTS,
  restApi: API_DEFAULTS,
  webSocketApi: {
    connectionErrors: { critical: fiveMinutes(10) },
    // The integration is the function: its healthy tail (p99 of a few hundred ms) is not an incident. 1 s, as the HTTP API's latency.
    p99IntegrationLatencyMs: { warning: minutes(1000, 3) },
  },
  table: {
    readThrottles: { warning: minutes(1, 1) },
    writeThrottles: { warning: minutes(1, 1) },
    systemErrors: { warning: minutes(1, 1) },
    p99LatencyMs: { warning: minutes(100, 3) },
    readCapacityPercent: { warning: minutes(80, 3) },
    writeCapacityPercent: { warning: minutes(80, 3) },
    // Each global secondary index given: as the table (a throttled index write throttles the table's write).
    indexReadThrottles: { warning: minutes(1, 1) },
    indexWriteThrottles: { warning: minutes(1, 1) },
    indexReadCapacityPercent: { warning: minutes(80, 3) },
    indexWriteCapacityPercent: { warning: minutes(80, 3) },
  },
  queue: {
    oldestMessageAgeSeconds: { warning: fiveMinutes(900) },
    messagesVisible: { warning: fiveMinutes(1000) },
    // Where the queue's dead-letter queue is given: any message there is a message the consumer gave up on, as for a function's DLQ.
    dlqMessagesVisible: { warning: fiveMinutes(1) },
  },
  // Business tier: answered within the hour, so three periods of five minutes before it speaks.
  business: {
    paymentFailureRatePercent: { business: fiveMinutes(5, 3) },
    orderCompletionRatePercent: { business: fiveMinutes(95, 3) },
  },
  ...SERVICE_DEFAULT_THRESHOLDS,
  // Databases and caches: the reference system's database targets (CPU and connection pool below 80 %,
  // queries under 100 ms), each sustained for minutes before it speaks; RDS and ElastiCache publish every minute.
  database: {
    cpuPercent: { warning: minutes(80, 5) },
    connectionsPercent: { warning: minutes(80, 3) },
    freeableMemoryMiB: { warning: minutes(128, 5) },
    readLatencyMs: { warning: minutes(100, 3) },
    writeLatencyMs: { warning: minutes(100, 3) },
    acuUtilisationPercent: { warning: minutes(90, 5) },
    // Any deadlock in 3 of 5 minutes: a retry loop, not the odd one a healthy database resolves.
    deadlocksPerSecond: { warning: { threshold: 0, evaluationPeriods: 5, datapointsToAlarm: 3 } },
  },
  databaseProxy: {
    borrowLatencyMs: { warning: minutes(100, 3) },
    pinnedPercent: { warning: fiveMinutes(50, 3) },
  },
  cache: {
    cpuPercent: { warning: minutes(90, 5) },
    engineCpuPercent: { warning: minutes(90, 5) },
    memoryPercent: { warning: minutes(80, 5) },
    evictions: { warning: fiveMinutes(100, 3) },
    // ElastiCache's maxclients is 65,000: 50,000 leaves room to find the leak.
    connections: { warning: minutes(50000, 3) },
    cacheHitRatePercent: { warning: fiveMinutes(80, 3) },
    throttledCommands: { warning: fiveMinutes(1) },
  },
  // Provisioned concurrency nearly all in use for 5 minutes; spillover (cold starts it was bought to avoid) in three 5-minute periods running.
  alias: {
    provisionedConcurrencyUtilisationPercent: { warning: minutes(90, 5) },
    provisionedConcurrencySpilloverInvocations: { warning: fiveMinutes(10, 3) },
  },
  // A stream consumer a minute behind for 5 minutes; failed events (SQS: batch item failures too) 5 in 5 minutes; a dropped record is lost.
  eventSource: {
    iteratorAgeMs: { warning: minutes(60_000, 5) },
    failedInvokeEvents: { warning: fiveMinutes(5) },
    droppedEvents: { warning: minutes(1, 1) },
  },
} as const satisfies Required<EstateThresholds>;

/** `over` on top of `base`, kind by kind and tier by tier; `false` turns a kind off. */
export function mergeThresholds<T extends Record<string, unknown>>(base: T | undefined, over: T | undefined): T {
  const merged: Record<string, unknown> = { ...base };
  for (const [kind, tiers] of Object.entries(over ?? {})) {
    // Own properties only: a kind named like a member of every object (constructor) has no base.
    const under = Object.hasOwn(merged, kind) ? merged[kind] : undefined;
    merged[kind] = tiers === false || under === false || under === undefined ? tiers : { ...(under as object), ...(tiers as object) };
  }
  return merged as T;
}
