/**
 * Parses an environment's configuration and turns zod's issues into one error
 * a person can act on: the environment, each bad field, the bad value and
 * what is allowed.
 */
import * as z from "zod";
import { ValidationError } from "@serverless-monitoring/constructs";
import { formatValue } from "@serverless-monitoring/constructs";
import { configurationProblems } from "./rules";
import { environmentSchema, environmentShapeSchema, type EnvironmentConfig } from "./schema";

/** One problem of a configuration: the field, the value as written, and what is allowed. */
export interface Problem {
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  readonly allowed: string;
}

/** A mistake in an environment's configuration or in the variables that override it. */
export class ConfigurationError extends ValidationError {
  /** One error for one environment, one line per problem. */
  static forEnvironment(environment: string, problems: readonly (Problem | string)[]): ConfigurationError {
    const lines = problems.map((p) => (typeof p === "string" ? p : formatProblem(p)));
    return new ConfigurationError(`Invalid configuration for environment "${environment}":\n${lines.map((line) => `  - ${line}`).join("\n")}`);
  }
}

/**
 * Validates `input` as the configuration of environment `label`, or throws
 * one ConfigurationError listing every problem, one line each.
 * `today` (UTC, YYYY-MM-DD) dates the runtime rules. @default today
 */
export function parseEnvironment(label: string, input: unknown, today = new Date().toISOString().slice(0, 10)): EnvironmentConfig {
  const result = environmentSchema.safeParse(input, { reportInput: true, error: fallbackMessage });
  const lines = result.success ? configurationProblems(result.data, today).map(formatProblem) : result.error.issues.map(describeIssue);
  if (lines.length === 0 && result.success) return result.data;
  // One line per problem: a value that breaks several checks of one field is reported once.
  const unique = [...new Set(lines)].filter((line, i, all) => all.findIndex((other) => fieldOf(other) === fieldOf(line)) === i);
  throw ConfigurationError.forEnvironment(label, unique);
}

function formatProblem(p: Problem): string {
  return `${formatPath(p.path)}: got ${formatValue(p.value)}; allowed: ${p.allowed}`;
}

function fieldOf(line: string): string {
  return line.slice(0, line.indexOf(": "));
}

/** zod's own wording never reaches the user: where a schema wrote no rule, say what type is allowed. */
function fallbackMessage(issue: z.core.$ZodRawIssue): string {
  if (issue.code === "invalid_type") return `a value of type ${issue.expected}`;
  if (issue.code === "invalid_value") return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return "a value this field accepts (see environments/schema.ts)";
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
  return formatProblem({ path: issue.path as Problem["path"], value: issue.input, allowed: issue.message });
}

/** zod's own wording ("Invalid input: expected number, received undefined") is replaced by the rule when one was written. */
function expectedOf(issue: z.core.$ZodIssueInvalidType): string {
  return issue.message.startsWith("Invalid input") ? `a value of type ${issue.expected}` : issue.message;
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : !PLAIN_KEY.test(String(part)) ? `[${JSON.stringify(String(part))}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join("");
}

/** Keys printed as `.key`; any other (a route key such as "POST /payments", an empty key) is quoted, so the field reads unambiguously. */
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** The field names the schema accepts at `path`, so a misspelt field comes with its correct spelling. */
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = environmentShapeSchema;
  for (const part of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodArray) schema = schema.element;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType;
    else if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, unknown>)[String(part)];
    else return [];
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPipe || current instanceof z.ZodUnion) {
    if (current instanceof z.ZodUnion) {
      // Thresholds or `false`: the fields are the object's.
      const objects = (current.options as unknown[]).map(unwrap).filter((option) => option instanceof z.ZodObject);
      return objects.length === 1 ? objects[0] : current;
    }
    current = current instanceof z.ZodPipe ? current.in : current.unwrap();
  }
  return current;
}
