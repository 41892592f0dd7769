/**
 * Parses an environment's configuration and turns zod's issues into one error
 * a person can act on: the environment, each bad field, the bad value and
 * what is allowed.
 */
import { z } from "zod";
import { environmentSchema, type EnvironmentConfig } from "./schema";

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigurationError";
  }
}

/** Validates `input` as the configuration of environment `label`, or throws one ConfigurationError listing every problem. */
export function parseEnvironment(label: string, input: unknown): EnvironmentConfig {
  const result = environmentSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${describeIssue(issue)}`);
  throw new ConfigurationError(`Invalid configuration for environment "${label}":\n${lines.join("\n")}`);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeysAt(issue.path);
    const fields = issue.keys.map((key) => formatPath([...issue.path, key])).join(", ");
    return `${fields}: unknown field; allowed fields here: ${allowed.join(", ")}`;
  }
  if (issue.input === undefined && issue.code === "invalid_type") {
    return `${field}: missing; required: ${expectedOf(issue)}`;
  }
  return `${field}: got ${formatValue(issue.input)}; allowed: ${issue.message}`;
}

/** zod's own wording ("Invalid input: expected number, received undefined") is replaced by the rule when one was written. */
function expectedOf(issue: z.core.$ZodIssueInvalidType): string {
  return issue.message.startsWith("Invalid input") ? `a value of type ${issue.expected}` : issue.message;
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join("");
}

function formatValue(value: unknown): string {
  if (typeof value === "string" && value.includes(" = ")) return value; // already a computed explanation
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The field names the schema accepts at `path`, so a misspelt field comes with its correct spelling. */
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = environmentSchema;
  for (const part of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodArray) schema = schema.element;
    else if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, unknown>)[String(part)];
    else return [];
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPipe) {
    current = current instanceof z.ZodPipe ? current.in : current.unwrap();
  }
  return current;
}
