import { randomUUID } from "node:crypto";
import type { ErrorRecord } from "./contract";
import { sanitiseEvent, truncateUtf8 } from "./redact";

export interface ErrorRecordInput {
  readonly error: unknown;
  readonly event: unknown;
  readonly functionName: string;
  readonly environment: string;
  readonly requestId: string;
  readonly durationMs: number;
  readonly retentionDays: number;
  readonly maxEventBytes: number;
  /** @default now */
  readonly now?: Date;
}

/** Caps that keep a record well under DynamoDB's 400 KB item limit. */
const MAX_MESSAGE_BYTES = 4 * 1024;
const MAX_STACK_BYTES = 16 * 1024;

export function buildErrorRecord(input: ErrorRecordInput): ErrorRecord {
  const now = input.now ?? new Date();
  const error = input.error instanceof Error ? input.error : new Error(typeof input.error === "string" ? input.error : `Non-error thrown: ${safeString(input.error)}`);
  const { event, truncated } = sanitiseEvent(input.event, input.maxEventBytes);
  return {
    errorId: randomUUID(),
    timestamp: now.toISOString(),
    functionName: input.functionName,
    environment: input.environment,
    requestId: input.requestId,
    errorName: error.name,
    errorMessage: truncateUtf8(error.message, MAX_MESSAGE_BYTES),
    stack: truncateUtf8(error.stack ?? "", MAX_STACK_BYTES),
    durationMs: Math.round(input.durationMs * 1000) / 1000,
    event,
    eventTruncated: truncated,
    expiresAt: Math.floor(now.getTime() / 1000) + input.retentionDays * 86_400,
  };
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
