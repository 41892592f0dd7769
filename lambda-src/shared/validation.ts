/**
 * Input validation for handlers, on `zod/mini`: the same engine as zod with
 * a tree-shakable API, about 20 KB in a bundle where classic zod (with its
 * locales) costs 440 KB. English messages only.
 */
import { config, safeParse, type core } from "zod/mini";
import { en } from "zod/locales";
import { ClientError } from "./errors";
import { truncateUtf8 } from "./redact";

/** Issues listed in a ClientError, and the length of each: the answer and its log line stay small whatever the input. */
const MAX_ISSUES = 20;
const MAX_ISSUE_BYTES = 512;

config(en());

/** Parses a handler's input; malformed input becomes a ClientError that lists each problem by field. */
export function parseInput<S extends core.$ZodType>(schema: S, event: unknown, what = "event"): core.output<S> {
  const result = safeParse(schema, event);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : what}: ${issue.message}`);
  // A batch of 10,000 bad records must not become a 10,000-line answer and log line.
  const shown = issues.length > MAX_ISSUES ? [...issues.slice(0, MAX_ISSUES), `... and ${issues.length - MAX_ISSUES} more problems`] : issues;
  throw new ClientError(`Invalid ${what}`, shown.map((issue) => truncateUtf8(issue, MAX_ISSUE_BYTES)));
}
