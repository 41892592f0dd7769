import { Logger, LogLevelThreshold } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context } from "aws-lambda";
import { readRuntimeConfig, type RuntimeConfig } from "./config";
import { ENV_VARS, FAILURE_KINDS, METRIC_DIMENSIONS, METRIC_NAMES, METRIC_NAMESPACE, type ErrorRecord, type FailureKind } from "@serverless-monitoring/contract";
import { buildErrorRecord, describeThrown, thrownIn } from "./error-record";
import { DynamoDbErrorStore, type ErrorStore } from "./error-store";
import { clientErrorAnswer, type ProxyResponse } from "./api-gateway";
import { ClientError, ConfigurationError, type ClientErrorResponse } from "./errors";
import { outboundRedactor, type OutboundRedactor } from "./outbound";
import { attempt } from "./attempt";
import { claimColdStart, currentTraceId, invocationTracer, startOperation } from "./tracing";

/** A Lambda handler as Lambda calls it: the event and the context in, a promise of the result out. What withErrorCapture returns. */
export type LambdaHandler<TEvent, TResult> = (event: TEvent, context: Context) => Promise<TResult>;

/** What a wrapped handler may use of the invocation: its metrics go out in the same EMF line as the wrapper's. */
export interface InvocationTools {
  /** Adds a custom metric (e.g. one of the contract's BUSINESS_METRIC_NAMES) to this invocation's EMF output. Never throws. */
  addMetric(name: string, unit: "Count" | "None", value: number): void;
}

/** A handler wrapped by withErrorCapture; `tools` is optional to use. */
export type CapturedHandler<TEvent, TResult> = (event: TEvent, context: Context, tools: InvocationTools) => Promise<TResult>;

/**
 * Options of {@link withErrorCapture}: where error records go and how long writing one may take, the client-error answer, the logger, metrics and X-Ray operation, and the timeout margin.
 */
export interface ErrorCaptureOptions<TClientResult = ClientErrorResponse | ProxyResponse> {
  /**
   * The runtime configuration: the error table's name, the environment and the other settings of the contract's variables.
   * @default read from the environment (ERROR_TABLE_NAME, ENVIRONMENT, ...) at cold start
   */
  readonly config?: RuntimeConfig;
  /**
   * Where error records are written.
   * @default the DynamoDB error table named by the config
   */
  readonly store?: ErrorStore;
  /**
   * How long writing an error record may take before it goes to the log
   * instead; never longer than the invocation's remaining time less
   * LOG_MARGIN_MS. @default 2000
   */
  readonly writeTimeoutMs?: number;
  /** Events larger than this (as JSON) are stored truncated; at most MAX_EVENT_BYTES (64 KB). @default 16384 */
  readonly maxEventBytes?: number;
  /** What the function returns for invalid input. @default `{ ok: false, error: { type: "ClientError", ... } }`, as the body of a 400 to API Gateway */
  readonly onClientError?: (error: ClientError, event: unknown) => TClientResult;
  /**
   * The logger of the structured ERROR line (and of the whole record when it cannot be written).
   * @default a Powertools Logger for the function
   */
  readonly logger?: Logger;
  /**
   * Where the wrapper's metrics (CapturedErrors, ClientErrors, ErrorRecordWriteFailures) and the handler's own go, in one EMF line per invocation.
   * @default Powertools Metrics in the contract's namespace
   */
  readonly metrics?: Metrics;
  /** The X-Ray subsegment the handler runs in is `## <operation>`. @default the service name (POWERTOOLS_SERVICE_NAME) */
  readonly operation?: string;
  /**
   * How long before the invocation's deadline a handler still running is
   * recorded as timing out (the record written, or logged in full), in ms;
   * `false` records no timeouts. A number is used as it is.
   * @default defaultTimeoutMarginMs(remaining time at the start): max(250 ms, 2 % of it), at most writeTimeoutMs + LOG_MARGIN_MS
   */
  readonly timeoutMarginMs?: number | false;
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
export function withErrorCapture<TEvent, TResult, TClientResult = ClientErrorResponse | ProxyResponse>(
  handler: CapturedHandler<TEvent, TResult>,
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
  const writeTimeoutMs = options.writeTimeoutMs ?? 2000;
  const maxEventBytes = options.maxEventBytes ?? 16 * 1024;
  const onClientError = options.onClientError ?? ((error: ClientError, event: unknown) => clientErrorAnswer(error, event) as TClientResult);
  const timeoutMarginMs = options.timeoutMarginMs ?? ((remaining: number) => defaultTimeoutMarginMs(remaining, writeTimeoutMs));
  if (typeof timeoutMarginMs === "number" && !(Number.isFinite(timeoutMarginMs) && timeoutMarginMs >= 0)) {
    throw new ConfigurationError(`withErrorCapture: timeoutMarginMs is ${String(timeoutMarginMs)}; allowed: a number of milliseconds from 0, or false to record no timeouts.`);
  }

  const tools: InvocationTools = { addMetric: (name, unit, value) => record(name, unit, value) };
  const operationName = options.operation ?? serviceName ?? "handler";

  return async (event, context) => {
    const started = performance.now();
    // Every answer and log line of this invocation leaves through it: no secret of the event is echoed.
    const redact = outboundRedactor(event);
    const log = (level: "debug" | "warn" | "error", message: string, attributes: Record<string, unknown>) => quietly(() => logger[level](message, redact.value(attributes)));
    const coldStart = claimColdStart();
    // Made by the first sampled invocation, not at cold start: see tracing.ts.
    const tracer = attempt(() => invocationTracer(), undefined);
    // Cold start and service: the annotations every trace search starts from, as Powertools' own handler wrapper puts them.
    const operation = startOperation(tracer, operationName, { ColdStart: coldStart, ...(serviceName ? { Service: serviceName } : {}) });
    // As Powertools' own handler wrapper does: log sampling (POWERTOOLS_LOGGER_SAMPLE_RATE) is decided per invocation.
    quietly(() => logger.refreshSampleRateCalculation());
    quietly(() => logger.addContext(context));
    quietly(() => metrics.captureColdStartMetric(context.functionName));
    // Lambda stops a timed-out handler without a word to it: shortly before the deadline the failure is recorded here.
    let timedOut: Promise<ErrorRecord | undefined> | undefined;
    const timer = startTimeoutTimer(context, timeoutMarginMs, (marginMs, remainingAtStartMs) => {
      const error = new InvocationTimeoutError(marginMs, remainingAtStartMs);
      timedOut = capture(error, event, context, elapsed(started), FAILURE_KINDS.timeout, redact, log).then((captured) => {
        operation.fail(captured ? thrownIn(captured) : describeThrown(error), captured?.errorId);
        // Lambda may stop the function before the handler settles: the metrics go out now.
        publish(metrics);
        return captured;
      });
    });
    try {
      const result = await handler(event, context, tools);
      clearTimeout(timer);
      if (timedOut) await timedOut;
      // A line per success only where DEBUG is on (POWERTOOLS_LOG_LEVEL=DEBUG, or the invocations Powertools' log
      // sampling picks): Lambda's REPORT line already records every invocation, and one more line each would
      // cost more than the rest of the wrapper together, in time and in log ingestion at high traffic.
      else if (attempt(() => logger.level <= LogLevelThreshold.DEBUG, false)) log("debug", "Invocation succeeded", { status: "success", durationMs: elapsed(started) });
      return redact.response(result);
    } catch (error) {
      clearTimeout(timer);
      const durationMs = elapsed(started);
      if (isClientError(error)) {
        if (timedOut) await timedOut;
        count(METRIC_NAMES.clientErrors);
        log("warn", "Invocation rejected: invalid input", { status: "client_error", durationMs, issues: error.issues });
        return redact.response(onClientError(error, event));
      }
      // Exactly one record per invocation: a handler that throws after its timeout was recorded adds none.
      if (timedOut) await timedOut;
      else {
        const captured = await capture(error, event, context, durationMs, FAILURE_KINDS.thrown, redact, log);
        // The record already holds the redacted description: the trace reuses it rather than describing the value again.
        operation.fail(captured ? thrownIn(captured) : describeThrown(error), captured?.errorId);
      }
      // Whatever was thrown goes back unchanged, so Lambda's own error handling (retries, DLQ) still applies.
      throw error;
    } finally {
      clearTimeout(timer);
      operation.end();
      publish(metrics);
    }
  };

  /** A metric must never cost a record: a failing metrics client is passed over. */
  function record(name: string, unit: "Count" | "None", value: number): void {
    quietly(() => metrics.addMetric(name, unit === "Count" ? MetricUnit.Count : MetricUnit.NoUnit, value));
  }

  function count(name: string): void {
    quietly(() => metrics.addMetric(name, MetricUnit.Count, 1));
  }

  /** Records one failure, in the table or else in the log, and returns the record. Never throws, whatever was thrown. */
  async function capture(
    error: unknown,
    event: unknown,
    context: Context,
    durationMs: number,
    failureKind: FailureKind,
    redact: OutboundRedactor,
    log: (level: "error", message: string, attributes: Record<string, unknown>) => void,
  ): Promise<ErrorRecord | undefined> {
    let record: ErrorRecord | undefined;
    let persisted = false;
    const message = failureKind === FAILURE_KINDS.timeout ? "Invocation timed out" : "Invocation failed";
    const status = failureKind === FAILURE_KINDS.timeout ? "timeout" : "error";
    try {
      // The record holds no secret the answer and the log may not: the event's own secrets are redacted wherever they are echoed.
      record = redact.value(
        buildErrorRecord({
          error,
          event,
          functionName: context.functionName,
          environment: config.environment,
          requestId: context.awsRequestId,
          durationMs,
          retentionDays: config.errorRetentionDays,
          maxEventBytes,
          traceId: currentTraceId(),
          failureKind,
        }),
      );
      count(METRIC_NAMES.capturedErrors);
      const timeoutMs = writeDeadlineMs(context, writeTimeoutMs);
      const writeError = timeoutMs > 0 ? await persist(store, record, timeoutMs) : new Error(`no time left to write the record (${remainingMs(context)} ms remaining)`);
      persisted = !writeError;
      if (writeError) count(METRIC_NAMES.errorRecordWriteFailures);
      log("error", message, {
        status,
        durationMs,
        errorId: record.errorId,
        error: thrownIn(record),
        errorRecordPersisted: !writeError,
        ...(writeError ? { [UNDELIVERED_MARKER]: true, errorRecordWriteError: oneLine(writeError), errorRecord: record } : {}),
      });
    } catch (captureError) {
      // A bug of ours must not cost the record or change the outcome: the log line still carries what is known.
      log("error", message, {
        status,
        durationMs,
        error: describeThrown(error),
        errorRecordPersisted: persisted,
        ...(persisted ? {} : { [UNDELIVERED_MARKER]: true, errorRecordWriteError: `capture failed: ${oneLine(captureError)}`, ...(record ? { errorRecord: record } : {}) }),
      });
    }
    return record;
  }
}

/** What a timed-out invocation's record says was thrown: nothing was; Lambda was about to stop the handler. */
export class InvocationTimeoutError extends Error {
  constructor(marginMs: number, remainingAtStartMs: number) {
    super(`The handler was still running ${marginMs} ms before the invocation's deadline (${remainingAtStartMs} ms after it started): Lambda stops it there ("Task timed out").`);
    this.name = "InvocationTimeoutError";
    // Where the timer fired says nothing of where the handler was: no frames.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * The default margin before the deadline, from the time remaining when the
 * invocation starts. It must hold the error-table write (a few ms to tens of
 * ms in the region, a few hundred on a cold connection) plus the log line
 * (LOG_MARGIN_MS), and a busy event loop that fires the timer late: at least
 * 250 ms, 2 % of the time for longer functions (600 ms at 30 s), and never
 * more than the write may take plus the log line (2.1 s by default), so a
 * 15-minute function is not declared timed out 18 s early.
 */
export function defaultTimeoutMarginMs(remainingAtStartMs: number, writeTimeoutMs = 2000): number {
  return Math.round(Math.min(Math.max(MIN_TIMEOUT_MARGIN_MS, remainingAtStartMs * 0.02), writeTimeoutMs + LOG_MARGIN_MS));
}

const MIN_TIMEOUT_MARGIN_MS = 250;

/** Arms the timeout timer for this invocation, or none when the deadline is unknown or timeouts are off. */
function startTimeoutTimer(
  context: Context,
  margin: number | false | ((remainingAtStartMs: number) => number),
  onTimeout: (marginMs: number, remainingAtStartMs: number) => void,
): ReturnType<typeof setTimeout> | undefined {
  const remaining = remainingMs(context);
  if (margin === false || remaining === undefined) return undefined;
  const marginMs = typeof margin === "number" ? margin : margin(remaining);
  const timer = setTimeout(() => onTimeout(marginMs, remaining), Math.max(0, remaining - marginMs));
  // The timer alone never keeps a process alive (a test runner, a local invoke).
  timer.unref?.();
  return timer;
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

/** Time the log line needs after an abandoned write, before Lambda stops the invocation. */
export const LOG_MARGIN_MS = 100;

/** The write may take `writeTimeoutMs`, but never past the invocation's remaining time less the log line's margin. */
function writeDeadlineMs(context: Context, writeTimeoutMs: number): number {
  const remaining = remainingMs(context);
  return remaining === undefined ? writeTimeoutMs : Math.max(0, Math.min(writeTimeoutMs, remaining - LOG_MARGIN_MS));
}

function remainingMs(context: Context): number | undefined {
  try {
    const remaining = context.getRemainingTimeInMillis();
    return Number.isFinite(remaining) ? remaining : undefined;
  } catch {
    return undefined;
  }
}

function oneLine(error: unknown): string {
  const { name, message } = describeThrown(error);
  return message ? `${name}: ${message}` : name;
}

function isClientError(error: unknown): error is ClientError {
  try {
    return error instanceof ClientError;
  } catch {
    return false;
  }
}

function publish(metrics: Metrics): void {
  quietly(() => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  });
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}

/** Runs a side effect (metrics, logging, tracing) that must never change the invocation's outcome. */
function quietly(effect: () => void): void {
  attempt(effect, undefined);
}
