import { ALERTING_OF, API_ROUTES, BASE_ALARMS, CAPABILITIES, BASE_STATE, BASE_XRAY_SAMPLING_PERCENT, TEAM_TAGS } from "./defaults";
import type { EnvironmentInput } from "./schema";
import { workloadsWith } from "./workloads";

/**
 * Development: cheap and noisy on purpose (7 % simulated errors). Warnings for
 * everything; one critical tier, far above the simulated rate, for a broken deploy.
 */
export const dev: EnvironmentInput = {
  name: "dev",
  region: "us-east-1",
  state: BASE_STATE,
  capabilities: CAPABILITIES,
  alerting: ALERTING_OF["dev"],
  functions: workloadsWith({ logRetentionDays: 7, errorSimulationPercent: 7 }),
  alarms: {
    ...BASE_ALARMS,
    errorRatePercent: { ...BASE_ALARMS.errorRatePercent, critical: { threshold: 25, evaluationPeriods: 3 } },
  },
  // CloudWatch: the monitoring itself lists at $45.50 a month (npm run cost -- --env dev), logs come on top.
  // Raised from $25 with the estate monitoring (four dashboard pages, $12, three of them free where the
  // account's free tier is unused; the log metric filters' 20 metrics, $6) and the alert routing
  // (the business page, $3; two capability composites, $1; five business metrics, $1.50; detailed metrics of the two capability routes, $3.60).
  budgets: { monthlyLimitUsd: 70, dailyLimitUsd: 5, perServiceMonthlyLimitUsd: { lambda: 20, dynamodb: 10, cloudwatch: 50 } },
  tags: { ...TEAM_TAGS, CostCenter: "engineering-dev" },
  xraySamplingPercent: BASE_XRAY_SAMPLING_PERCENT,
  errorRecordRetentionDays: 7,
  apis: { routes: API_ROUTES },
  features: { pointInTimeRecovery: true, deletionProtection: false, anomalyDetection: false },
};
