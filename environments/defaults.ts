/**
 * What every environment starts from: the thresholds of the system as
 * described (error rate > 5 % over 2 periods, average duration > 500 ms over
 * 2, throttles >= 5 in 1), all at warning. Environment files add critical
 * tiers and change what differs.
 */
import type { EnvironmentInput } from "./schema";

export const BASE_ALARMS = {
  errorRatePercent: { warning: { threshold: 5, evaluationPeriods: 2 } },
  // Duration publishes only in minutes with calls: M of N one-minute periods (missing = not breaching) sees a few
  // slow calls at one call every 5 minutes, and a few slow minutes at any higher traffic.
  averageDurationMs: { warning: { threshold: 500, evaluationPeriods: 15, datapointsToAlarm: 3 } },
  p99DurationMs: { warning: { threshold: 2000, evaluationPeriods: 360, datapointsToAlarm: 2 } },
  throttles: { warning: { threshold: 5, evaluationPeriods: 1 } },
  // SQS publishes its metrics every 5 minutes: a shorter period only sees missing data.
  dlqMessagesVisible: { warning: { threshold: 1, evaluationPeriods: 1, periodSeconds: 300 } },
  deadLetterErrors: { warning: { threshold: 1, evaluationPeriods: 1 } },
  errorTableThrottles: { warning: { threshold: 1, evaluationPeriods: 1 } },
  errorTableSystemErrors: { warning: { threshold: 1, evaluationPeriods: 1 } },
  errorRecordWriteFailures: { warning: { threshold: 1, evaluationPeriods: 1 } },
  // The account's unreserved pool, which every function without reserved concurrency shares.
  unreservedConcurrencyPercent: { warning: { threshold: 80, evaluationPeriods: 3 } },
  // Requests DynamoDB rejects as malformed: a deploy that broke a query shows here first.
  dynamoDbUserErrors: { warning: { threshold: 5, evaluationPeriods: 1, periodSeconds: 300 } },
} as const satisfies EnvironmentInput["alarms"];

export const BASE_STATE = { bucket: "serverless-monitoring-terraform-state", keyPrefix: "serverless-monitoring" } as const;

/** Percent of requests traced: critical 50, business 30, general 20, health checks 1. */
export const BASE_XRAY_SAMPLING_PERCENT = { critical: 50, business: 30, general: 20, healthChecks: 1 } as const;

export const TEAM_TAGS = { Team: "platform", Application: "serverless-monitoring" } as const;

/**
 * Who hears of what, per environment. Critical pages (the on-call rota's
 * paging endpoint, read from SSM at plan time) in production and staging;
 * warnings go to the team's email; business alerts to the product owners.
 */
export const ALERTING_OF = {
  dev: {
    critical: { emails: ["platform-oncall@example.com"] },
    warning: { emails: ["platform-dev@example.com"] },
    business: { emails: ["product-dev@example.com"] },
  },
  staging: {
    critical: { emails: ["platform-oncall@example.com"] },
    warning: { emails: ["platform-staging@example.com"] },
    business: { emails: ["product-staging@example.com"] },
  },
  production: {
    // The on-call rota's PagerDuty (or Opsgenie) endpoint, integration key included, lives in this SecureString
    // parameter; create it before the first deploy (README: "Alert routing"). It never enters the repository.
    critical: { emails: ["platform-oncall@example.com"], paging: { ssmParameter: "/serverless-monitoring/production/paging-endpoint" } },
    warning: { emails: ["platform-production@example.com"] },
    business: { emails: ["product-owners@example.com"] },
  },
} as const satisfies Record<string, EnvironmentInput["alerting"]>;

/** The business capabilities the system serves, each watched by one composite alarm. */
export const CAPABILITIES = { payment: "payment system health", order: "order pipeline health" } as const;

/**
 * The reference APIs' own per-route throttles, under the stage's 100/s (burst 200): payments are the
 * costliest to abuse (each one a card authorisation), orders next; POST /users keeps the stage's.
 */
export const API_ROUTES = {
  "POST /payments": { throttlingRateLimit: 20, throttlingBurstLimit: 40 },
  "POST /orders": { throttlingRateLimit: 50, throttlingBurstLimit: 100 },
  // New WebSocket connections: a client connects once and then sends messages, so a flood of connects is
  // throttled well below the messages ($default, at the stage's rate).
  $connect: { throttlingRateLimit: 10, throttlingBurstLimit: 20 },
} as const satisfies NonNullable<EnvironmentInput["apis"]>["routes"];

/**
 * Where 7 % of calls fail on purpose (dev, staging): the alarm thresholds above the simulation, so the
 * simulation is not an incident.
 */
export const SIMULATED_ERRORS_ALARMS = {
    // Twice the simulated 7 % before a warning, over three minutes: the simulation is not an incident.
    errorRatePercent: { warning: { threshold: 15, evaluationPeriods: 3 }, critical: { threshold: 25, evaluationPeriods: 3 } },
    // As the failure counts below: 7 % of calls log an ERROR line on purpose.
    errorLogLines: false,
} as const satisfies Partial<EnvironmentInput["alarms"]>;

/**
 * A dead-letter arrival (an event lost after Lambda's retries) tells the critical tier alone, as in production:
 * the same failure also burns the function's objective, which pages, and one condition tells one tier. As a
 * warning it told first (the DLQ alarm sees the event 3 minutes after its last retry, the objective's page
 * needs a second failure) and the page followed minutes later: two tiers for one failure.
 */
export const DEAD_LETTER_ALARMS = {
  dlqMessagesVisible: { critical: BASE_ALARMS.dlqMessagesVisible.warning },
  deadLetterErrors: { critical: BASE_ALARMS.deadLetterErrors.warning },
} as const satisfies Partial<EnvironmentInput["alarms"]>;

/** Where 7 % of calls fail on purpose (dev, staging): the traffic guards, API alarms and objectives that tell it apart from an incident. */
export const SIMULATED_ERRORS_DETECTION = {
  // Rates count from 10 calls a minute: with the rate alarms at 15 %, one failure in 10 calls (10 %) stays under.
  // Below that, 5 failures make a rate (3 would come from the 7 % simulation alone every few minutes).
  minimumInvocations: 10,
  minimumFailures: 5,
  // Counts of failures (5xx, WebSocket errors) cannot stay quiet under 7 % simulated errors at high traffic: the
  // rates and the objectives watch those failures here.
  // The 5xx rate warns at twice the simulated rate, as the functions' error rate.
  apis: { routes: API_ROUTES, alarms: { http: { serverErrorCount: false, serverErrorRatePercent: { warning: { threshold: 15, evaluationPeriods: 3 } } }, webSocket: { connectionErrors: false } } },
  // No objectives here: the built-in 99.9 % stand, as in production. Each simulated failure is counted as injected
  // (InjectedFailures, lambda-src/simulation) and every objective subtracts it (the stack's subtractInjectedFailures),
  // so the objectives judge real failures only: a real 5 % or 20 % failure pages as in production, at any traffic,
  // however the 7 % fall (docs/detection.md).
} as const satisfies Partial<EnvironmentInput>;
