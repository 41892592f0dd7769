/**
 * X-Ray tracing through Powertools for AWS Lambda Tracer: one tracer per
 * container, a subsegment per operation, business annotations redacted like
 * error records.
 *
 * With POWERTOOLS_TRACE_ENABLED=false (MonitoredFunction `tracing: false`)
 * the tracer and the X-Ray SDK are never loaded: no cold-start or
 * per-invocation cost. Where tracing is on, they are loaded by the first
 * invocation X-Ray samples (invocationTracer), not when the handler module
 * loads: an invocation that is not sampled (Sampled=0 in _X_AMZN_TRACE_ID)
 * sends nothing, so a container that only ever serves such invocations never
 * loads them, and one whose first sampled invocation comes later pays for
 * them there. Every call here is total: tracing never changes a handler's
 * outcome.
 */
import type { Tracer } from "@aws-lambda-powertools/tracer";
import { createHash } from "node:crypto";
import { ENV_VARS } from "@serverless-monitoring/contract";
import { attempt } from "./attempt";
import { describeThrown, type ThrownDescription } from "./error-record";
import { isSecretKey, redactText, truncateUtf8 } from "./redact";

/** The value of an X-Ray annotation: a string, number or boolean, as X-Ray indexes annotations for filter expressions. */
export type AnnotationValue = string | number | boolean;
type Env = Readonly<Record<string, string | undefined>>;

let tracer: Tracer | undefined;
let decided = false;

/** The container's tracer, made on first use; undefined when tracing is off. */
export function containerTracer(env: Env = process.env): Tracer | undefined {
  if (!decided) {
    decided = true;
    if (env[ENV_VARS.traceEnabled]?.toLowerCase() !== "false") {
      // Loaded here, not imported at the top: with tracing off the X-Ray SDK is never evaluated (nor, bundled, parsed).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Tracer: PowertoolsTracer } = require("./tracer-sdk") as typeof import("./tracer-sdk");
      const serviceName = env[ENV_VARS.serviceName];
      // Outbound HTTP is not ours to trace; the AWS SDK clients we use are captured one by one.
      tracer = new PowertoolsTracer({ ...(serviceName ? { serviceName } : {}), captureHTTPsRequests: false });
    }
  }
  return tracer;
}

let coldStartClaimed = false;

/**
 * True for the container's first invocation, once (as Powertools counts a
 * cold start: on-demand containers only). Kept here, not by the tracer, which
 * is made by the first sampled invocation: that may be a later one.
 */
export function claimColdStart(env: Env = process.env): boolean {
  if (coldStartClaimed) return false;
  coldStartClaimed = true;
  return env["AWS_LAMBDA_INITIALIZATION_TYPE"]?.trim() === "on-demand";
}

/** The container's tracer if it has been made; never makes it. */
export function loadedTracer(): Tracer | undefined {
  return tracer;
}

/**
 * The tracer for the current invocation: undefined where tracing is off, or
 * where X-Ray did not sample the invocation (Sampled=0), for which nothing is
 * sent; else the container's tracer, made on first use. An invocation whose
 * trace header says nothing of sampling is traced, as the X-Ray SDK would.
 */
export function invocationTracer(env: Env = process.env): Tracer | undefined {
  if (/(?:^|;)Sampled=0(?:;|$)/.test(env._X_AMZN_TRACE_ID ?? "")) return undefined;
  return containerTracer(env);
}

/** The invocation's X-Ray trace id (the `Root=` of _X_AMZN_TRACE_ID), or "" when it is not traced. */
export function currentTraceId(env: Env = process.env): string {
  return /(?:^|;)Root=([^;]+)/.exec(env._X_AMZN_TRACE_ID ?? "")?.[1] ?? "";
}

/** One traced operation: a subsegment `## <name>` under the current segment. */
export interface TracedOperation {
  annotate(annotations: Readonly<Record<string, AnnotationValue>>): void;
  /** Marks the subsegment faulted with the failure as the error record describes it (redacted, total). */
  fail(thrown: ThrownDescription, errorId?: string): void;
  end(): void;
}

const NOT_TRACED: TracedOperation = { annotate: () => undefined, fail: () => undefined, end: () => undefined };

/**
 * Starts `## <name>` under the current segment, with `annotations` on it.
 * Annotations go on the subsegment itself, not through the Tracer: it would
 * look the current segment up again (from the environment) for each one.
 */
export function startOperation(active: Tracer | undefined, name: string, annotations: Readonly<Record<string, AnnotationValue>> = {}): TracedOperation {
  if (!isTracing(active)) return NOT_TRACED;
  const parent = attempt(() => active.getSegment(), undefined);
  const subsegment = attempt(() => parent?.addNewSubsegment(`## ${name}`), undefined);
  if (!parent || !subsegment) return NOT_TRACED;
  attempt(() => active.setSegment(subsegment), undefined);
  const annotate = (more: Readonly<Record<string, AnnotationValue>>) => putAnnotations((key, value) => subsegment.addAnnotation(key, value), more);
  annotate(annotations);
  return {
    annotate,
    fail: (thrown, errorId) => {
      // The SDK reads name, message and stack: hand it the description, never the thrown value itself.
      attempt(() => subsegment.addError(asError(thrown)), undefined);
      if (errorId) annotate({ errorId });
    },
    end: () => {
      attempt(() => subsegment.close(), undefined);
      attempt(() => active.setSegment(parent), undefined);
    },
  };
}

/** Business context on the current operation's subsegment, searchable in X-Ray: secret keys dropped, values redacted and short. */
export function annotateTrace(annotations: Readonly<Record<string, AnnotationValue>>): void {
  const active = invocationTracer();
  if (isTracing(active)) putAnnotations((key, value) => active.putAnnotation(key, value), annotations);
}

/**
 * Traces one business operation of your own handler in one call: a
 * subsegment `## <name>` with the annotations, the error attached if it throws.
 */
export async function traceOperation<T>(name: string, annotations: Readonly<Record<string, AnnotationValue>>, work: () => Promise<T> | T): Promise<T> {
  const operation = startOperation(invocationTracer(), name);
  operation.annotate(annotations);
  try {
    return await work();
  } catch (error) {
    operation.fail(describeThrown(error));
    throw error;
  } finally {
    operation.end();
  }
}

/** A stable, non-reversible stand-in for an identifier that is personal data (a user id), fit for an annotation. */
export function hashedId(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 16);
}

function isTracing(active: Tracer | undefined): active is Tracer {
  return active !== undefined && attempt(() => active.isTracingEnabled(), false);
}

function asError({ name, message, stack }: ThrownDescription): Error {
  const error = new Error(message);
  error.name = name;
  error.stack = stack || `${name}: ${message}`;
  return error;
}

function putAnnotations(put: (key: string, value: AnnotationValue) => void, annotations: Readonly<Record<string, AnnotationValue>>): void {
  for (const [key, value] of Object.entries(annotations)) {
    if (isSecretKey(key)) continue;
    // X-Ray annotation keys: letters, digits and underscores.
    const safeKey = key.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 500);
    const safeValue = typeof value === "string" ? redactText(truncateUtf8(value, 256)) : value;
    attempt(() => put(safeKey, safeValue), undefined);
  }
}
