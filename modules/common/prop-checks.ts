/**
 * The checks every public construct and facade method runs on its props.
 * Each throws one {@link InvalidPropsError}: where (the construct), the field
 * as the user wrote it, the bad value, and what is allowed. The rules
 * themselves (regions, ARN patterns, limits) live in aws-rules.ts and
 * aws-limits.ts; this file only says them the same way everywhere.
 */
import { Token } from "cdktf";
import { AWS_LIMITS } from "./aws-limits";
import { AWS_PATTERNS, alarmPeriodProblem, regionProblem, type AwsPattern } from "./aws-rules";
import { TIERS, isAlertTier } from "./tiers";
import { tokenMarkerIn } from "./tokens";
import { InvalidPropsError } from "./validation";

/** A value cdktf made (a reference to another resource's attribute): not user text, checked by Terraform at plan time. */
export function isReference(value: unknown): boolean {
  return typeof value === "string" && Token.isUnresolved(value);
}

/**
 * A name the library builds other names and construct ids from: a non-empty
 * string, no cdktf token (a reference cannot name an alarm at synth time),
 * within `max` characters and, when given, matching `pattern`.
 */
export function requireName(where: string, field: string, value: unknown, options: { readonly max?: number; readonly pattern?: AwsPattern } = {}): void {
  const max = options.max ?? 255;
  const allowed = options.pattern?.allowed ?? `1-${max} characters`;
  if (typeof value !== "string" || value.trim().length === 0) throw new InvalidPropsError(where, field, value, `a non-empty name: ${allowed}`);
  const marker = tokenMarkerIn(value);
  if (marker !== undefined) throw new InvalidPropsError(where, field, value, `a plain name, without a cdktf token (${marker}): names make alarm names and construct ids at synth time, pass the name as a string`);
  if (value.length > max) throw new InvalidPropsError(where, field, value, `at most ${max} characters (it has ${value.length})`);
  if (options.pattern && !options.pattern.pattern.test(value)) throw new InvalidPropsError(where, field, value, options.pattern.allowed);
}

/** Free text a user wrote (a title, a description): no cdktf token marker, which cdktf would resolve into another resource's value. */
export function requireNoTokenMarker(where: string, field: string, value: string | undefined): void {
  if (value === undefined) return;
  const marker = tokenMarkerIn(value);
  if (marker !== undefined) throw new InvalidPropsError(where, field, value, `text without a cdktf token marker (${marker}): free text reaches Terraform as written`);
}

/** A finite number from `min` to `max`, an integer where `integer`. */
export function requireNumber(where: string, field: string, value: unknown, range: { readonly min: number; readonly max?: number; readonly integer?: boolean; readonly minExclusive?: boolean }): void {
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (range.minExclusive ? value > range.min : value >= range.min) &&
    value <= max &&
    (!range.integer || Number.isInteger(value));
  if (ok) return;
  const what = range.integer ? "an integer" : "a finite number";
  const upper = range.max === undefined ? "" : ` to ${range.max}`;
  throw new InvalidPropsError(where, field, value, `${what} ${range.minExclusive ? "above" : "from"} ${range.min}${upper}`);
}

/** An optional number: checked when given. */
export function optionalNumber(where: string, field: string, value: unknown, range: Parameters<typeof requireNumber>[3]): void {
  if (value !== undefined) requireNumber(where, field, value, range);
}

export function requireOneOf(where: string, field: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== "string" || !allowed.includes(value)) throw new InvalidPropsError(where, field, value, `one of ${allowed.join(", ")}`);
}

export function requireRegion(where: string, field: string, value: unknown): void {
  if (isReference(value)) return;
  const problem = typeof value === "string" ? regionProblem(value) : "an AWS region such as eu-west-1";
  if (problem !== undefined) throw new InvalidPropsError(where, field, value, problem);
}

/** A link a description or dashboard carries: https, or a relative path (the README's runbook sections). */
export function requireLink(where: string, field: string, value: string | undefined): void {
  if (value === undefined || isReference(value)) return;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith("https://")) {
    throw new InvalidPropsError(where, field, value, "an https:// link (or a relative path such as README.md): alarm descriptions and dashboards link it for on-call");
  }
  requireNoTokenMarker(where, field, value);
}

/**
 * An ARN of `pattern`'s kind (a reference passes: Terraform checks it), in
 * `region` where given: CloudWatch only acts on topics and functions in the
 * alarm's own region.
 */
export function requireArn(where: string, field: string, value: unknown, pattern: AwsPattern, region?: string): void {
  if (isReference(value)) return;
  if (typeof value !== "string" || !pattern.pattern.test(value)) throw new InvalidPropsError(where, field, value, pattern.allowed);
  const arnRegion = value.split(":")[3];
  if (region !== undefined && !isReference(region) && arnRegion !== region) {
    throw new InvalidPropsError(where, field, value, `an ARN in ${region}, the alarms' region: CloudWatch alarms cannot notify or invoke across regions`);
  }
}

/** An alarm action: an SNS topic, or (for ALARM) a Lambda function to invoke. */
export const ALARM_ACTION_PATTERN: AwsPattern = {
  pattern: new RegExp(`${AWS_PATTERNS.snsTopicArn.pattern.source}|${AWS_PATTERNS.lambdaFunctionArn.pattern.source}`),
  allowed: "an SNS topic ARN (arn:aws:sns:eu-west-1:111122223333:alerts) or a Lambda function ARN (arn:aws:lambda:eu-west-1:111122223333:function:restart)",
};

/** A tiered record: its keys are tiers of the registry. */
export function requireTierKeys(where: string, field: string, value: unknown): void {
  if (value === undefined || value === null || typeof value !== "object" || Array.isArray(value)) {
    if (value === undefined) return;
    throw new InvalidPropsError(where, field, value, `an object keyed by tier: ${TIERS.join(", ")}`);
  }
  const unknown = Object.keys(value).find((key) => !isAlertTier(key));
  if (unknown !== undefined) throw new InvalidPropsError(where, field, unknown, `a tier: ${TIERS.join(", ")}`);
}

/**
 * One tier's threshold as CloudWatch takes it: a finite threshold of 0 or
 * more (every metric the library alarms on is a count, a rate, a duration or
 * a percentage), at least one evaluation period, datapoints within them, a
 * period CloudWatch accepts, and at most one day of evaluation.
 */
export function requireAlarmThreshold(where: string, field: string, t: unknown): void {
  if (t === null || typeof t !== "object") throw new InvalidPropsError(where, field, t, "{ threshold, evaluationPeriods, datapointsToAlarm?, periodSeconds? }");
  const { threshold, evaluationPeriods, datapointsToAlarm, periodSeconds } = t as Record<string, unknown>;
  requireNumber(where, `${field}.threshold`, threshold, { min: 0 });
  requireNumber(where, `${field}.evaluationPeriods`, evaluationPeriods, { min: 1, integer: true });
  if (datapointsToAlarm !== undefined) requireNumber(where, `${field}.datapointsToAlarm`, datapointsToAlarm, { min: 1, max: evaluationPeriods as number, integer: true });
  const period = periodSeconds ?? 60;
  if (periodSeconds !== undefined) {
    const problem = typeof periodSeconds === "number" ? alarmPeriodProblem(periodSeconds, 10) : "a period in seconds";
    if (problem !== undefined) throw new InvalidPropsError(where, `${field}.periodSeconds`, periodSeconds, "10, 30 or a multiple of 60 up to 86400 seconds");
  }
  const maxPeriods = Math.floor(AWS_LIMITS.cloudwatch.maxAlarmEvaluationSeconds / (period as number));
  if ((evaluationPeriods as number) > maxPeriods) {
    throw new InvalidPropsError(where, `${field}.evaluationPeriods`, evaluationPeriods, `at most ${maxPeriods} periods of ${String(period)} s (CloudWatch evaluates at most one day)`);
  }
}

/** Thresholds keyed by tier: known tiers, each a valid {@link requireAlarmThreshold}. */
export function requireSeverityThresholds(where: string, field: string, value: unknown): void {
  if (value === undefined || value === false) return;
  requireTierKeys(where, field, value);
  for (const [tier, t] of Object.entries(value as object)) if (t !== undefined) requireAlarmThreshold(where, `${field}.${tier}`, t);
}

/** Thresholds keyed by alarm kind, then tier: known kinds (when `kinds` is given) and valid tiers. */
export function requireKindThresholds(where: string, field: string, value: unknown, kinds?: readonly string[]): void {
  if (value === undefined) return;
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new InvalidPropsError(where, field, value, "an object keyed by alarm kind");
  for (const [kind, tiers] of Object.entries(value as object)) {
    if (kinds !== undefined && !kinds.includes(kind)) throw new InvalidPropsError(where, field, kind, `an alarm kind: ${kinds.join(", ")}`);
    requireSeverityThresholds(where, `${field}.${kind}`, tiers);
  }
}

/** Where alarms notify: tiers of the registry, each an SNS topic (or `{ topicArn, onAlarm }`) in the alarms' region, or false. */
export function requireAlarmTopics(where: string, field: string, topics: unknown, region?: string): void {
  if (topics === null || typeof topics !== "object" || Array.isArray(topics)) throw new InvalidPropsError(where, field, topics, `an object keyed by tier: ${TIERS.join(", ")}`);
  requireTierKeys(where, field, topics);
  for (const [tier, actions] of Object.entries(topics as object)) {
    if (actions === false || actions === undefined) continue;
    if (typeof actions === "string") {
      requireArn(where, `${field}.${tier}`, actions, AWS_PATTERNS.snsTopicArn, region);
      continue;
    }
    const { topicArn, onAlarm } = actions as { topicArn?: unknown; onAlarm?: unknown };
    requireArn(where, `${field}.${tier}.topicArn`, topicArn, AWS_PATTERNS.snsTopicArn, region);
    if (onAlarm !== undefined) {
      if (!Array.isArray(onAlarm)) throw new InvalidPropsError(where, `${field}.${tier}.onAlarm`, onAlarm, "a list of Lambda function ARNs");
      onAlarm.forEach((arn, i) => requireArn(where, `${field}.${tier}.onAlarm[${i}]`, arn, ALARM_ACTION_PATTERN, region));
    }
  }
}

/** No two items alike: the second one is named. */
export function requireUnique(where: string, field: string, values: readonly unknown[]): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) throw new InvalidPropsError(where, `${field}[${i}]`, value, `each value once (it is already at an earlier index)`);
    seen.add(key);
  });
}
