import { ALERTING_OF, API_ROUTES, BASE_ALARMS, CAPABILITIES, BASE_STATE, BASE_XRAY_SAMPLING_PERCENT, TEAM_TAGS } from "./defaults";
import type { EnvironmentInput } from "./schema";
import { workloadsWith } from "./workloads";

/** Staging: production's shape with simulated errors on, both alarm tiers. */
export const staging: EnvironmentInput = {
  name: "staging",
  region: "us-east-1",
  state: BASE_STATE,
  capabilities: CAPABILITIES,
  alerting: ALERTING_OF["staging"],
  functions: workloadsWith({ logRetentionDays: 30, errorSimulationPercent: 7 }),
  alarms: {
    ...BASE_ALARMS,
    errorRatePercent: { ...BASE_ALARMS.errorRatePercent, critical: { threshold: 10, evaluationPeriods: 2 } },
  },
  // CloudWatch raised from $30 with the estate monitoring and the alert routing ($45.50 listed by npm run cost -- --env staging): see dev.
  budgets: { monthlyLimitUsd: 120, dailyLimitUsd: 10, perServiceMonthlyLimitUsd: { lambda: 40, dynamodb: 20, cloudwatch: 50 } },
  tags: { ...TEAM_TAGS, CostCenter: "engineering-staging" },
  xraySamplingPercent: BASE_XRAY_SAMPLING_PERCENT,
  errorRecordRetentionDays: 14,
  apis: { routes: API_ROUTES },
  features: { pointInTimeRecovery: true, deletionProtection: false, anomalyDetection: false },
};
