/**
 * The shared runtime library: wrap any Lambda handler with `withErrorCapture`
 * to record its failures in the error table. Public API.
 */
export { acceptingApiGateway, apiGatewayEvent, clientErrorAnswer, type ProxyResponse } from "./api-gateway";
export { numberVariable, readRuntimeConfig, type Env, type RuntimeConfig } from "./config";
export * from "@serverless-monitoring/contract";
export { buildErrorRecord, describeThrown, MAX_EVENT_BYTES, type ErrorRecordInput, type ThrownDescription } from "./error-record";
export { DynamoDbErrorStore, sharedDocumentClient, type ErrorStore } from "./error-store";
export { ClientError, clientErrorResponse, ConfigurationError, type ClientErrorResponse } from "./errors";
export { isLuhnValid } from "./luhn";
export { isSecretKey, REDACTED, redactSecrets, redactText, sanitiseEvent, storableNumber, TRUNCATION_MARKER } from "./redact";
export { MIN_ECHOED_SECRET_LENGTH, outboundRedactor, secretValuesIn, type OutboundRedactor } from "./outbound";
export { parseInput } from "./validation";
export { annotateTrace, currentTraceId, hashedId, traceOperation, type AnnotationValue } from "./tracing";
export { defaultTimeoutMarginMs, InvocationTimeoutError, LOG_MARGIN_MS, UNDELIVERED_MARKER, withErrorCapture, type CapturedHandler, type ErrorCaptureOptions, type InvocationTools, type LambdaHandler } from "./with-error-capture";

/** The success shape every workload returns. */
export interface Success<T> {
  /** Always true. */
  readonly ok: true;
  /** The handler's result. */
  readonly data: T;
}
