import { ALERTING_OF, API_ROUTES, BASE_ALARMS, CAPABILITIES, BASE_STATE, BASE_XRAY_SAMPLING_PERCENT, TEAM_TAGS } from "./defaults";
import type { EnvironmentInput } from "./schema";
import { WORKLOADS, workloadsWith } from "./workloads";

/** `Errors > 0` in one period of 5 minutes, critical. */
const ANY_ERROR_PAGES = { critical: { threshold: 0, evaluationPeriods: 1, periodSeconds: 300 } } as const;

/** Per-workload settings only production has. */
const PRODUCTION_ONLY: Record<string, Partial<EnvironmentInput["functions"][number]>> = {
  // Reserved concurrency only here: a new account's concurrency limit is too low
  // to reserve anything in dev, and the deploy would fail.
  // Money moves here: any error in 5 minutes pages, whatever the rate.
  // Payments warn at 0.5 % and page at 1 %: the critical tier is never looser than the warning.
  [WORKLOADS.paymentHandler.name]: {
    reservedConcurrency: 50,
    alarms: { errorRatePercent: { warning: { threshold: 0.5, evaluationPeriods: 3 }, critical: { threshold: 1, evaluationPeriods: 2 } }, errorCount: ANY_ERROR_PAGES },
  },
  [WORKLOADS.orderProcessor.name]: { reservedConcurrency: 50, alarms: { errorCount: ANY_ERROR_PAGES } },
  // Batch work: its critical tiers sit above its own warnings (5 s and 60 s), not at the request/response functions' 1 s and 5 s.
  [WORKLOADS.dataAggregator.name]: {
    alarms: {
      averageDurationMs: { ...WORKLOADS.dataAggregator.alarms.averageDurationMs, critical: { threshold: 10_000, evaluationPeriods: 3 } },
      p99DurationMs: { ...WORKLOADS.dataAggregator.alarms.p99DurationMs, critical: { threshold: 90_000, evaluationPeriods: 3 } },
    },
  },
};

/** Production: no simulated errors, critical tiers that page, long retention, deletion protection. */
export const production: EnvironmentInput = {
  name: "production",
  region: "us-east-1",
  state: BASE_STATE,
  capabilities: CAPABILITIES,
  alerting: ALERTING_OF["production"],
  functions: workloadsWith({ logRetentionDays: 90, errorSimulationPercent: 0 }).map((fn) => ({ ...fn, ...PRODUCTION_ONLY[fn.name] })),
  alarms: {
    ...BASE_ALARMS,
    errorRatePercent: { warning: { threshold: 2, evaluationPeriods: 3 }, critical: { threshold: 5, evaluationPeriods: 2 } },
    averageDurationMs: { ...BASE_ALARMS.averageDurationMs, critical: { threshold: 1000, evaluationPeriods: 3 } },
    p99DurationMs: { ...BASE_ALARMS.p99DurationMs, critical: { threshold: 5000, evaluationPeriods: 3 } },
    throttles: { warning: { threshold: 1, evaluationPeriods: 1 }, critical: { threshold: 5, evaluationPeriods: 1 } },
    dlqMessagesVisible: { critical: BASE_ALARMS.dlqMessagesVisible.warning },
    deadLetterErrors: { critical: BASE_ALARMS.deadLetterErrors.warning },
    errorTableSystemErrors: { critical: { threshold: 1, evaluationPeriods: 2 } },
  },
  budgets: { monthlyLimitUsd: 500, dailyLimitUsd: 25, perServiceMonthlyLimitUsd: { lambda: 200, dynamodb: 100, cloudwatch: 100 } },
  tags: { ...TEAM_TAGS, CostCenter: "engineering-production" },
  xraySamplingPercent: BASE_XRAY_SAMPLING_PERCENT,
  errorRecordRetentionDays: 90,
  apis: { routes: API_ROUTES },
  features: { pointInTimeRecovery: true, deletionProtection: true, anomalyDetection: true },
};
