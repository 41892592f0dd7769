/**
 * Rules across fields, checked once an environment has its shape: what the
 * schema alone cannot see (AWS's dates, one field against another, names
 * that collide after derivation). Each problem names the field, the value
 * and what is allowed, like the schema's own.
 */
import { METRIC_PUBLISH_INTERVAL_SECONDS, alarmPeriodProblem, runtimeProblem } from "@serverless-monitoring/constructs";
import { HEALTH_CHECK_RULE_BASE_NAME } from "@serverless-monitoring/constructs";
import type { EnvironmentConfig, Threshold } from "./schema";
import type { Problem } from "./validate";

type AlarmKey = keyof EnvironmentConfig["alarms"];

/** Which service publishes each alarm's metric, and whether the alarm fires at ">=" (so a threshold of 0 is always in alarm). */
const ALARM_METRICS: Readonly<Record<AlarmKey, { readonly publisher: keyof typeof METRIC_PUBLISH_INTERVAL_SECONDS; readonly atLeast: boolean }>> = {
  errorRatePercent: { publisher: "lambda", atLeast: false },
  averageDurationMs: { publisher: "lambda", atLeast: false },
  p99DurationMs: { publisher: "lambda", atLeast: false },
  throttles: { publisher: "lambda", atLeast: true },
  dlqMessagesVisible: { publisher: "sqs", atLeast: true },
  deadLetterErrors: { publisher: "lambda", atLeast: true },
  errorTableThrottles: { publisher: "dynamodb", atLeast: true },
  errorTableSystemErrors: { publisher: "dynamodb", atLeast: true },
  errorRecordWriteFailures: { publisher: "custom", atLeast: true },
  errorCount: { publisher: "lambda", atLeast: false },
  maxDurationTimeoutPercent: { publisher: "lambda", atLeast: false },
  concurrencyPercent: { publisher: "lambda", atLeast: false },
  memoryUtilisationPercent: { publisher: "logs", atLeast: false },
  initDurationP99Ms: { publisher: "logs", atLeast: false },
  coldStartRatePercent: { publisher: "logs", atLeast: false },
  errorLogLines: { publisher: "logs", atLeast: true },
  dlqOldestMessageAgeSeconds: { publisher: "sqs", atLeast: false },
  unreservedConcurrencyPercent: { publisher: "lambda", atLeast: false },
  dynamoDbUserErrors: { publisher: "dynamodb", atLeast: true },
};

export function configurationProblems(config: EnvironmentConfig, today: string): Problem[] {
  return [...functionProblems(config, today), ...alarmProblems(config), ...budgetProblems(config), ...emailProblems(config)];
}

function functionProblems(config: EnvironmentConfig, today: string): Problem[] {
  const problems: Problem[] = [];
  config.functions.forEach((fn, i) => {
    const runtime = runtimeProblem(fn.runtime, today);
    if (runtime) problems.push({ path: ["functions", i, "runtime"], value: fn.runtime, allowed: runtime });
    if (fn.name === HEALTH_CHECK_RULE_BASE_NAME) {
      problems.push({ path: ["functions", i, "name"], value: fn.name, allowed: `a name other than "${HEALTH_CHECK_RULE_BASE_NAME}": its X-Ray sampling rule "${fn.name}-${config.name}" would be the health-check rule's` });
    }
    if (fn.simulatedLatencyMs >= fn.timeoutSeconds * 1000) {
      problems.push({ path: ["functions", i, "simulatedLatencyMs"], value: fn.simulatedLatencyMs, allowed: `less than the timeout (${fn.timeoutSeconds * 1000} ms)` });
    }
    for (const [key, tiers] of Object.entries(fn.alarms ?? {})) problems.push(...tierProblems(["functions", i, "alarms", key], ALARM_METRICS[key as AlarmKey], tiers));
  });
  return problems;
}

function alarmProblems(config: EnvironmentConfig): Problem[] {
  const apiAlarms = Object.entries(config.apis.alarms).flatMap(([api, kinds]) =>
    Object.entries(kinds).flatMap(([key, tiers]) => tierProblems(["apis", "alarms", api, key], API_ALARM_METRIC, tiers)),
  );
  return [...Object.entries(config.alarms).flatMap(([key, tiers]) => tierProblems(["alarms", key], ALARM_METRICS[key as AlarmKey], tiers)), ...apiAlarms];
}

/** API Gateway publishes every minute; every API alarm fires above its threshold. */
const API_ALARM_METRIC = { publisher: "apigateway", atLeast: false } as const;

function tierProblems(
  path: readonly (string | number)[],
  metric: { readonly publisher: keyof typeof METRIC_PUBLISH_INTERVAL_SECONDS; readonly atLeast: boolean },
  tiers: { readonly warning?: Threshold; readonly critical?: Threshold } | false | undefined,
): Problem[] {
  return (["warning", "critical"] as const).flatMap((tier) => {
    const t = tiers === false ? undefined : tiers?.[tier];
    if (!t) return [];
    const problems: Problem[] = [];
    const period = alarmPeriodProblem(t.periodSeconds, METRIC_PUBLISH_INTERVAL_SECONDS[metric.publisher]);
    if (period) problems.push({ path: [...path, tier, "periodSeconds"], value: t.periodSeconds, allowed: period });
    if (metric.atLeast && t.threshold <= 0) {
      problems.push({ path: [...path, tier, "threshold"], value: t.threshold, allowed: "a number above 0: this alarm fires at or above its threshold, so at 0 it would never leave ALARM" });
    }
    return problems;
  });
}

function budgetProblems(config: EnvironmentConfig): Problem[] {
  const { monthlyLimitUsd, dailyLimitUsd, perServiceMonthlyLimitUsd } = config.budgets;
  const problems: Problem[] = [];
  if (dailyLimitUsd > monthlyLimitUsd) problems.push({ path: ["budgets", "dailyLimitUsd"], value: dailyLimitUsd, allowed: `at most monthlyLimitUsd (${monthlyLimitUsd})` });
  for (const [service, limit] of Object.entries(perServiceMonthlyLimitUsd)) {
    if (limit > monthlyLimitUsd) problems.push({ path: ["budgets", "perServiceMonthlyLimitUsd", service], value: limit, allowed: `at most monthlyLimitUsd (${monthlyLimitUsd})` });
  }
  return problems;
}

/** Subscriptions are keyed by address: the same address twice in a tier would be one subscription made twice. */
function emailProblems(config: EnvironmentConfig): Problem[] {
  return Object.entries(config.alerting).flatMap(([tier, { emails }]) => {
    const seen = new Set<string>();
    return emails.flatMap((email, i) => {
      const key = email.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        return [];
      }
      return [{ path: ["alerting", tier, "emails", i], value: email, allowed: `an address not already in alerting.${tier}.emails` }];
    });
  });
}
