import { randomUUID } from "node:crypto";
import { FAILURE_KINDS, type ErrorRecord, type FailureKind } from "@serverless-monitoring/contract";
import { redactSecrets, redactText, sanitiseEvent, truncateUtf8 } from "./redact";

/** What `buildErrorRecord` needs to describe one failed invocation. */
export interface ErrorRecordInput {
  /** Whatever was thrown. */
  readonly error: unknown;
  /** The triggering event, stored redacted and size-capped. */
  readonly event: unknown;
  /** The function that failed. */
  readonly functionName: string;
  /** The deployment environment. */
  readonly environment: string;
  /** The Lambda request id. */
  readonly requestId: string;
  /** How long the invocation ran before it failed. */
  readonly durationMs: number;
  /** Days before TTL deletes the record. */
  readonly retentionDays: number;
  /** Events larger than this, as JSON, are stored truncated. */
  readonly maxEventBytes: number;
  /** The invocation's X-Ray trace id. @default "" (not traced) */
  readonly traceId?: string;
  /** When the failure happened; also the start of the record's retention. @default now */
  readonly now?: Date;
  /** How the invocation failed: thrown, timed out, or another of the contract's kinds. @default "thrown" */
  readonly failureKind?: FailureKind;
}

/**
 * Caps that keep a record far under DynamoDB's 400 KB item limit and its log
 * line (record plus error, about twice the record) under CloudWatch Logs'
 * 256 KB event limit.
 */
const MAX_MESSAGE_BYTES = 4 * 1024;
const MAX_STACK_BYTES = 16 * 1024;
/** The largest triggering event, as JSON, stored whole in a record (64 KiB); larger ones are truncated. */
export const MAX_EVENT_BYTES = 64 * 1024;
/** Causes followed into the stack text. */
const MAX_CAUSES = 5;

/** What was thrown, as three strings, secrets redacted and sizes capped. Never throws, whatever was thrown. */
export interface ThrownDescription {
  /** The thrown value's name, e.g. `TypeError`. */
  readonly name: string;
  /** The thrown value's message, redacted. */
  readonly message: string;
  /** The stack trace, redacted. */
  readonly stack: string;
}

/** Name, message and stack of anything thrown (an Error, a string, an object, undefined), redacted and size-capped, causes included. */
export function describeThrown(thrown: unknown): ThrownDescription {
  try {
    if (!isErrorLike(thrown)) {
      const message = typeof thrown === "string" ? thrown : `Non-error thrown: ${jsonOf(thrown)}`;
      return { name: "Error", message: redactText(truncateUtf8(message, MAX_MESSAGE_BYTES)), stack: "" };
    }
    const name = stringField(thrown, "name") || "Error";
    const message = stringField(thrown, "message");
    return {
      name: redactText(truncateUtf8(name, 256)),
      message: redactText(truncateUtf8(message, MAX_MESSAGE_BYTES)),
      stack: redactText(truncateUtf8(stackWithCauses(thrown), MAX_STACK_BYTES)),
    };
  } catch {
    return { name: "Error", message: "[a thrown value that could not be described]", stack: "" };
  }
}

/** The description a record already holds, for the log line and the trace: the thrown value is described once. */
export function thrownIn(record: ErrorRecord): ThrownDescription {
  return { name: record.errorName, message: record.errorMessage, stack: record.stack };
}

/** The error table's record of one failed invocation: redacted, size-capped, with its TTL. */
export function buildErrorRecord(input: ErrorRecordInput): ErrorRecord {
  const now = input.now ?? new Date();
  const thrown = describeThrown(input.error);
  const { event, truncated } = sanitiseEvent(input.event, Math.min(input.maxEventBytes, MAX_EVENT_BYTES));
  return {
    errorId: randomUUID(),
    timestamp: now.toISOString(),
    functionName: input.functionName,
    environment: input.environment,
    requestId: input.requestId,
    errorName: thrown.name,
    errorMessage: thrown.message,
    stack: thrown.stack,
    durationMs: Number.isFinite(input.durationMs) ? Math.round(input.durationMs * 1000) / 1000 : 0,
    event,
    eventTruncated: truncated,
    expiresAt: Math.floor(now.getTime() / 1000) + input.retentionDays * 86_400,
    traceId: input.traceId ?? "",
    failureKind: input.failureKind ?? FAILURE_KINDS.thrown,
  };
}

function isErrorLike(value: unknown): value is object {
  try {
    return value instanceof Error || (typeof value === "object" && value !== null && Object.prototype.toString.call(value) === "[object Error]");
  } catch {
    // A Proxy whose getPrototypeOf trap throws: describe it as a value.
    return false;
  }
}

/** A field read as a string; a getter that throws or a non-string value gives a described placeholder. */
function stringField(object: object, key: string): string {
  let value: unknown;
  try {
    value = (object as Record<string, unknown>)[key];
  } catch (error) {
    return `[${key} getter threw: ${describeThrownBriefly(error)}]`;
  }
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : jsonOf(value);
}

/** The stack, then each cause's, as Node prints them; cycles and depth cut. */
function stackWithCauses(error: object): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSES && isErrorLike(current) && !seen.has(current); depth++) {
    seen.add(current);
    const stack = stringField(current, "stack") || `${stringField(current, "name") || "Error"}: ${stringField(current, "message")}`;
    parts.push(depth === 0 ? stack : `Caused by: ${stack}`);
    current = readCause(current);
  }
  if (current !== undefined && seen.has(current)) parts.push("Caused by: [Circular]");
  else if (current !== undefined && !isErrorLike(current)) parts.push(`Caused by: ${jsonOf(current)}`);
  return parts.join("\n");
}

function readCause(error: object): unknown {
  try {
    return (error as { cause?: unknown }).cause;
  } catch {
    return "[cause getter threw]";
  }
}

function describeThrownBriefly(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return "unknown";
  }
}

/** JSON of a sanitised copy: total, and short. */
function jsonOf(value: unknown): string {
  return truncateUtf8(JSON.stringify(redactSecrets(value)) ?? String(typeof value), MAX_MESSAGE_BYTES);
}
