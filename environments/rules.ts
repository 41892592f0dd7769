/**
 * Rules across fields, checked once an environment has its shape: what the
 * schema alone cannot see (AWS's dates, one field against another, names
 * that collide after derivation). Each problem names the field, the value
 * and what is allowed, like the schema's own.
 */
import { METRIC_PUBLISH_INTERVAL_SECONDS, alarmPeriodProblem, runtimeProblem } from "@serverless-monitoring/constructs";
import { DEFAULT_THRESHOLDS, HEALTH_CHECK_RULE_BASE_NAME } from "@serverless-monitoring/constructs";
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
  timeouts: { publisher: "logs", atLeast: true },
  dlqOldestMessageAgeSeconds: { publisher: "sqs", atLeast: false },
  unreservedConcurrencyPercent: { publisher: "lambda", atLeast: false },
  dynamoDbUserErrors: { publisher: "dynamodb", atLeast: true },
};

export function configurationProblems(config: EnvironmentConfig, today: string): Problem[] {
  return [...functionProblems(config, today), ...alarmProblems(config), ...budgetProblems(config), ...duplicateProblems(config), ...businessAlarmProblems(config), ...tierOrderProblems(config)];
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

/** Subscriptions are keyed by endpoint: the same address or number twice in a tier would be one subscription made twice. */
function duplicateProblems(config: EnvironmentConfig): Problem[] {
  return Object.entries(config.alerting).flatMap(([tier, channels]) =>
    (["emails", "sms"] as const).flatMap((field) => {
      const seen = new Set<string>();
      return channels[field].flatMap((endpoint, i) => {
        const key = endpoint.toLowerCase();
        if (!seen.has(key)) {
          seen.add(key);
          return [];
        }
        const what = field === "emails" ? "an address" : "a number";
        return [{ path: ["alerting", tier, field, i], value: endpoint, allowed: `${what} not already in alerting.${tier}.${field}` }];
      });
    }),
  );
}

/** Which function's metrics each business alarm watches: an override no function emits would go nowhere. */
export const BUSINESS_ALARM_METRICS = { paymentFailureRatePercent: "payments", orderCompletionRatePercent: "orders" } as const;

function businessAlarmProblems(config: EnvironmentConfig): Problem[] {
  return Object.entries(BUSINESS_ALARM_METRICS).flatMap(([key, metrics]) => {
    const value = config.businessAlarms[key as keyof typeof BUSINESS_ALARM_METRICS];
    if (value === undefined || config.functions.some((fn) => fn.businessMetrics === metrics)) return [];
    return [{ path: ["businessAlarms", key], value, allowed: `no override: no function emits ${metrics} metrics (set businessMetrics: "${metrics}" on the function that does)` }];
  });
}

type Tiers = { readonly warning?: { readonly threshold: number }; readonly critical?: { readonly threshold: number } };
/** The environment's alarms on the error table: merged over the built-in tiers, not replacing them. */
const TABLE_KINDS: ReadonlySet<string> = new Set(["errorTableThrottles", "errorTableSystemErrors"]);
/** The library's built-in thresholds under each of the configuration's alarms (the facade merges them kind by kind, tier by tier). */
const BUILT_IN: Readonly<Record<string, Tiers | undefined>> = {
  ...(DEFAULT_THRESHOLDS.function as Record<string, Tiers>),
  errorTableThrottles: DEFAULT_THRESHOLDS.table.writeThrottles,
  errorTableSystemErrors: DEFAULT_THRESHOLDS.table.systemErrors,
};

/**
 * Critical is the stricter tier: its threshold is at least the warning's (every alarm of the configuration
 * fires above its threshold). The library refuses the opposite when it builds the alarm; here it is said in
 * the configuration's words, on the field that was set, once the tiers are merged as the facade merges them:
 * built-in, then the environment's `alarms`, then the function's own.
 */
function tierOrderProblems(config: EnvironmentConfig): Problem[] {
  const problems: Problem[] = [];
  const check = (path: readonly (string | number)[], own: Tiers, ...under: (Tiers | undefined)[]) => {
    const merged: Tiers = Object.assign({}, ...under, own);
    const { warning, critical } = merged;
    if (!warning || !critical || critical.threshold >= warning.threshold) return;
    if (own.critical) problems.push({ path: [...path, "critical", "threshold"], value: critical.threshold, allowed: `at least the warning threshold (${warning.threshold}): the critical tier must be as strict as the warning or stricter, or it fires first and the warning never fires alone` });
    else problems.push({ path: [...path, "warning", "threshold"], value: warning.threshold, allowed: `at most the critical threshold (${critical.threshold}): the warning tier must fire first, or it never fires alone` });
  };
  const builtIn = (kind: string) => (Object.hasOwn(BUILT_IN, kind) ? BUILT_IN[kind] : undefined);
  const environmentTiers = (kind: string): Tiers | undefined => {
    const tiers = Object.hasOwn(config.alarms, kind) ? config.alarms[kind as AlarmKey] : undefined;
    return tiers === false ? undefined : tiers;
  };
  // An environment's tiers of a function kind replace the built-in ones (stacks/monitoring-stack.ts functionDefaults);
  // the error table's merge over them tier by tier.
  for (const [kind, tiers] of Object.entries(config.alarms)) if (tiers) check(["alarms", kind], tiers, TABLE_KINDS.has(kind) ? builtIn(kind) : undefined);
  config.functions.forEach((fn, i) => {
    for (const [kind, tiers] of Object.entries(fn.alarms ?? {})) {
      if (tiers) check(["functions", i, "alarms", kind], tiers, environmentTiers(kind) ?? builtIn(kind));
    }
  });
  const apiBuiltIn: Readonly<Record<string, Readonly<Record<string, Tiers | undefined>>>> = { http: DEFAULT_THRESHOLDS.httpApi as Record<string, Tiers>, webSocket: DEFAULT_THRESHOLDS.webSocketApi as Record<string, Tiers> };
  for (const [api, kinds] of Object.entries(config.apis.alarms)) {
    for (const [kind, tiers] of Object.entries(kinds as Record<string, Tiers | undefined>)) if (tiers) check(["apis", "alarms", api, kind], tiers, apiBuiltIn[api]?.[kind]);
  }
  return problems;
}
