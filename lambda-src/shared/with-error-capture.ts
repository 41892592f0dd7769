import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context } from "aws-lambda";
import { readRuntimeConfig, type RuntimeConfig } from "./config";
import { ENV_VARS, METRIC_DIMENSIONS, METRIC_NAMES, METRIC_NAMESPACE, type ErrorRecord } from "./contract";
import { buildErrorRecord } from "./error-record";
import { DynamoDbErrorStore, type ErrorStore } from "./error-store";
import { ClientError, clientErrorResponse, type ClientErrorResponse } from "./errors";
import { simulate } from "./simulation";

export type LambdaHandler<TEvent, TResult> = (event: TEvent, context: Context) => Promise<TResult>;

export interface ErrorCaptureOptions<TClientResult = ClientErrorResponse> {
  /** @default read from the environment (ERROR_TABLE_NAME, ENVIRONMENT, ...) at cold start */
  readonly config?: RuntimeConfig;
  /** @default the DynamoDB error table named by the config */
  readonly store?: ErrorStore;
  /** How long writing an error record may take before it goes to the log instead. @default 1000 */
  readonly writeTimeoutMs?: number;
  /** Events larger than this (as JSON) are stored truncated. @default 16384 */
  readonly maxEventBytes?: number;
  /** What the function returns for invalid input. @default `{ ok: false, error: { type: "ClientError", ... } }` */
  readonly onClientError?: (error: ClientError) => TClientResult;
  /** @default a Powertools Logger for the function */
  readonly logger?: Logger;
  /** @default Powertools Metrics in the contract's namespace */
  readonly metrics?: Metrics;
  /** Source of randomness for failure simulation. @default Math.random */
  readonly random?: () => number;
}

/** Marks a log line that carries an error record DynamoDB did not take. Search the logs for it. */
export const UNDELIVERED_MARKER = "errorRecordUndelivered";

/**
 * Wraps a handler so that every failure is captured and nothing is lost:
 *
 * - a thrown error writes one record to the error table (bounded in time),
 *   emits `CapturedErrors`, logs one structured ERROR line and is re-thrown
 *   unchanged, so Lambda's own error handling (retries, DLQ) still applies;
 * - if the record cannot be written, the full record goes into that ERROR
 *   line instead, marked `errorRecordUndelivered`, and
 *   `ErrorRecordWriteFailures` is emitted;
 * - a ClientError (invalid input) is answered, not thrown, and counted as
 *   `ClientErrors`.
 *
 * Configuration is read when the wrapper is created (at cold start), so a
 * missing variable fails the first invocation with a message naming it.
 */
export function withErrorCapture<TEvent, TResult, TClientResult = ClientErrorResponse>(
  handler: LambdaHandler<TEvent, TResult>,
  options: ErrorCaptureOptions<TClientResult> = {},
): LambdaHandler<TEvent, TResult | TClientResult> {
  const config = options.config ?? readRuntimeConfig();
  const store = options.store ?? new DynamoDbErrorStore(config.errorTableName);
  const serviceName = process.env[ENV_VARS.serviceName];
  const logger = options.logger ?? new Logger({ ...(serviceName ? { serviceName } : {}), persistentKeys: { environment: config.environment } });
  const metrics =
    options.metrics ??
    new Metrics({
      namespace: METRIC_NAMESPACE,
      ...(serviceName ? { serviceName } : {}),
      defaultDimensions: { [METRIC_DIMENSIONS.environment]: config.environment },
    });
  const writeTimeoutMs = options.writeTimeoutMs ?? 1000;
  const maxEventBytes = options.maxEventBytes ?? 16 * 1024;
  const onClientError = options.onClientError ?? ((error: ClientError) => clientErrorResponse(error) as TClientResult);
  const simulation = { errorRate: config.errorSimulationRate, latencyMs: config.simulatedLatencyMs, ...(options.random ? { random: options.random } : {}) };

  return async (event, context) => {
    const started = performance.now();
    logger.addContext(context);
    metrics.captureColdStartMetric(context.functionName);
    try {
      await simulate(simulation);
      const result = await handler(event, context);
      logger.info("Invocation succeeded", { status: "success", durationMs: elapsed(started) });
      return result;
    } catch (error) {
      const durationMs = elapsed(started);
      if (error instanceof ClientError) {
        metrics.addMetric(METRIC_NAMES.clientErrors, MetricUnit.Count, 1);
        logger.warn("Invocation rejected: invalid input", { status: "client_error", durationMs, issues: error.issues });
        return onClientError(error);
      }
      metrics.addMetric(METRIC_NAMES.capturedErrors, MetricUnit.Count, 1);
      const record = buildErrorRecord({
        error,
        event,
        functionName: context.functionName,
        environment: config.environment,
        requestId: context.awsRequestId,
        durationMs,
        retentionDays: config.errorRetentionDays,
        maxEventBytes,
      });
      const writeError = await persist(store, record, writeTimeoutMs);
      if (writeError) metrics.addMetric(METRIC_NAMES.errorRecordWriteFailures, MetricUnit.Count, 1);
      logger.error("Invocation failed", {
        status: "error",
        durationMs,
        errorId: record.errorId,
        error,
        errorRecordPersisted: !writeError,
        ...(writeError ? { [UNDELIVERED_MARKER]: true, errorRecordWriteError: describe(writeError), errorRecord: record } : {}),
      });
      throw error;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

/** Returns the write error instead of throwing: a failed write must never change the function's outcome. */
async function persist(store: ErrorStore, record: ErrorRecord, timeoutMs: number): Promise<unknown> {
  try {
    await store.put(record, { timeoutMs });
    return undefined;
  } catch (writeError) {
    return writeError ?? new Error("unknown write error");
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}
