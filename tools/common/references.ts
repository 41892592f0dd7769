/**
 * The synthesized stack refers to other resources as Terraform expressions
 * (`${aws_sns_topic.<id>.arn}`); AWS returns ARNs. Both are reduced to one
 * comparable key, `<service>:<resource>` (e.g. `sns:monitoring-alerts-dev`,
 * `cloudwatch:alarm:user-service-dev-throttles-warning`), so no account id
 * or region is needed to compare them.
 */
import type { StackJson } from "./synthesized-stack";

const REFERENCE = /\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}/g;

/** Where a resource's name lives, per type, and how its ARN reads. */
const ARN_KEYS: Record<string, (r: Record<string, unknown>) => string> = {
  aws_sns_topic: (r) => `sns:${String(r.name)}`,
  aws_cloudwatch_metric_alarm: (r) => `cloudwatch:alarm:${String(r.alarm_name)}`,
  aws_cloudwatch_composite_alarm: (r) => `cloudwatch:alarm:${String(r.alarm_name)}`,
  aws_sqs_queue: (r) => `sqs:${String(r.name)}`,
  aws_lambda_function: (r) => `lambda:function:${String(r.function_name)}`,
  aws_dynamodb_table: (r) => `dynamodb:table/${String(r.name)}`,
};

/** `arn:aws:sns:us-east-1:111122223333:topic` -> `sns:topic`; other strings unchanged. */
export function arnKey(value: string): string {
  const match = /^arn:[^:]+:([^:]+):[^:]*:[^:]*:(.+)$/.exec(value);
  return match ? `${match[1]}:${match[2]}` : value;
}

/** Replaces every `${type.id.attribute}` in `value` with the literal it stands for. */
export function resolveReferences(value: string, stack: StackJson): string {
  return value.replace(REFERENCE, (expression, type: string, id: string, attribute: string) => {
    const resource = stack.resource?.[type]?.[id];
    if (!resource) return expression;
    if (attribute === "arn" && ARN_KEYS[type]) return ARN_KEYS[type](resource);
    const literal = resource[attribute];
    return typeof literal === "string" || typeof literal === "number" ? String(literal) : expression;
  });
}

/** Deeply resolves references in, and reduces ARNs of, any JSON value. */
export function normaliseValue(value: unknown, stack?: StackJson): unknown {
  if (typeof value === "string") return arnKey(stack ? resolveReferences(value, stack) : value);
  if (Array.isArray(value)) return value.map((v) => normaliseValue(v, stack));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseValue(v, stack)]));
  return value;
}
