/**
 * The contract between the infrastructure and the handler code.
 *
 * Both sides import this package (and only this package crosses the boundary),
 * so an alarm and the code that emits its metric can never disagree on a name.
 * It has no dependencies: it is bundled into every Lambda and loaded by every
 * synth, and importing it pulls in neither cdktf nor the Lambda runtime.
 *
 * @packageDocumentation
 */

/** Environment variables the infrastructure sets and the runtime library reads. */
export const ENV_VARS = {
  /** Name of the DynamoDB error table. Required. */
  errorTableName: "ERROR_TABLE_NAME",
  /** Deployment environment name, e.g. `dev`. Required. */
  environment: "ENVIRONMENT",
  /** Days an error record is kept before DynamoDB TTL removes it. */
  errorRetentionDays: "ERROR_RETENTION_DAYS",
  /** Powertools: service name, used as the `service` metric dimension and log field. */
  serviceName: "POWERTOOLS_SERVICE_NAME",
  /** Powertools: namespace of the custom metrics. */
  metricsNamespace: "POWERTOOLS_METRICS_NAMESPACE",
  /** Powertools: log level. */
  logLevel: "POWERTOOLS_LOG_LEVEL",
  /** Powertools Tracer: "false" turns tracing off; the runtime then never loads the X-Ray SDK. */
  traceEnabled: "POWERTOOLS_TRACE_ENABLED",
} as const;

/**
 * The X-Ray service name of a function: what its traces report (Lambda names
 * a function's segments after it, and the Powertools Tracer annotates the
 * same name as `Service`) and what its sampling rule matches. The
 * MonitoredFunction's POWERTOOLS_SERVICE_NAME and the stack's
 * XraySamplingRules both come from here.
 */
export function xrayServiceName(functionName: string): string {
  return functionName;
}

/** Namespace of the custom metrics emitted in CloudWatch Embedded Metric Format. */
export const METRIC_NAMESPACE = "ServerlessMonitoring";

/** Dimension names of the custom metrics. `service` is the one Powertools Metrics always adds. */
export const METRIC_DIMENSIONS = {
  service: "service",
  environment: "environment",
} as const;

/** Custom metric names. */
export const METRIC_NAMES = {
  /** Invocations that failed with a system error and were captured. */
  capturedErrors: "CapturedErrors",
  /** Invocations rejected for malformed input (the caller's fault, not the function's). */
  clientErrors: "ClientErrors",
  /** Error records that could not be written to DynamoDB and went to the log instead. */
  errorRecordWriteFailures: "ErrorRecordWriteFailures",
  /**
   * Invocations failed on purpose (a failure simulation or a chaos experiment), counted in the same
   * invocation's EMF line as they fail. They still count in Lambda's Errors and in API Gateway's 5xx;
   * objectives built with subtractInjectedFailures leave them out, so a real failure is told apart.
   */
  injectedFailures: "InjectedFailures",
} as const;

/** Key schema of the error table. The table module and the local test table both use it. */
export const ERROR_TABLE_SCHEMA = {
  partitionKey: "errorId",
  sortKey: "timestamp",
  ttlAttribute: "expiresAt",
  functionNameIndex: {
    name: "FunctionNameIndex",
    partitionKey: "functionName",
    sortKey: "timestamp",
  },
} as const;

/** Attributes of the key schema, all strings. */
export const ERROR_TABLE_KEY_ATTRIBUTES = [
  ERROR_TABLE_SCHEMA.partitionKey,
  ERROR_TABLE_SCHEMA.sortKey,
  ERROR_TABLE_SCHEMA.functionNameIndex.partitionKey,
] as const;

/** One item in the error table: one failed invocation. */
export interface ErrorRecord {
  /** Unique per failed invocation. */
  readonly errorId: string;
  /** ISO-8601 time of the failure. */
  readonly timestamp: string;
  /** The function that failed. */
  readonly functionName: string;
  /** The deployment environment, e.g. `production`. */
  readonly environment: string;
  /** The Lambda request id of the invocation. */
  readonly requestId: string;
  /** The error's name, e.g. `TypeError`. */
  readonly errorName: string;
  /** The error's message, secrets redacted. */
  readonly errorMessage: string;
  /** The stack trace, secrets redacted. */
  readonly stack: string;
  /** How long the invocation ran before it failed. */
  readonly durationMs: number;
  /** The triggering event, secrets redacted and size capped. */
  readonly event: unknown;
  /** True when `event` was cut to fit the size cap. */
  readonly eventTruncated: boolean;
  /** TTL: epoch seconds after which DynamoDB deletes the record. */
  readonly expiresAt: number;
  /** The X-Ray trace of the failed invocation (its Root id), "" when it was not traced: from the record to the trace. */
  readonly traceId: string;
  /**
   * How the invocation failed: `thrown` (the handler threw) or `timeout`
   * (the handler was still running shortly before the function's deadline,
   * and Lambda was about to stop it).
   */
  readonly failureKind: FailureKind;
}

/** The values of an error record's `failureKind`. */
export const FAILURE_KINDS = {
  /** The handler threw (or rejected). */
  thrown: "thrown",
  /** The handler was still running shortly before the deadline: Lambda times it out. */
  timeout: "timeout",
} as const;
/** How an invocation failed. */
export type FailureKind = (typeof FAILURE_KINDS)[keyof typeof FAILURE_KINDS];

/** The fields of an error record, in a fixed order, for tests and tools. */
export const ERROR_RECORD_FIELDS = [
  "errorId",
  "timestamp",
  "functionName",
  "environment",
  "requestId",
  "errorName",
  "errorMessage",
  "stack",
  "durationMs",
  "event",
  "eventTruncated",
  "expiresAt",
  "traceId",
  "failureKind",
] as const satisfies readonly (keyof ErrorRecord)[];

/** Handler file and export every bundle provides: `dist/lambda/<function>/index.js` exporting `handler`. */
export const LAMBDA_HANDLER = "index.handler";

/**
 * Business metrics the reference workloads emit (EMF, same namespace and
 * dimensions as the other custom metrics): what the business-tier alarms and
 * the business dashboard read.
 */
export const BUSINESS_METRIC_NAMES = {
  /** Payments authorised. */
  paymentsSucceeded: "PaymentsSucceeded",
  /** Payments declined (or sent to review): the payment failure rate's numerator. */
  paymentsFailed: "PaymentsFailed",
  /** Amount of each authorised payment, in the currency's minor unit (cents). */
  paymentAmount: "PaymentAmount",
  /** Orders priced and accepted. */
  ordersCompleted: "OrdersCompleted",
  /** Orders refused as invalid. */
  ordersRejected: "OrdersRejected",
} as const;
