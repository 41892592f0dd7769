/**
 * Input validation for handlers, on `zod/mini`: the same engine as zod with
 * a tree-shakable API, about 20 KB in a bundle where classic zod (with its
 * locales) costs 440 KB. English messages only.
 */
import { config, safeParse, type core } from "zod/mini";
import { en } from "zod/locales";
import { ClientError } from "./errors";

config(en());

/** Parses a handler's input; malformed input becomes a ClientError that lists each problem by field. */
export function parseInput<S extends core.$ZodType>(schema: S, event: unknown, what = "event"): core.output<S> {
  const result = safeParse(schema, event);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : what}: ${issue.message}`);
  throw new ClientError(`Invalid ${what}`, issues);
}
