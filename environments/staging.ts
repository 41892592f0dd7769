import type { EnvironmentInput } from "./schema";
import { workloadsWith } from "./workloads";

/** Staging: production's shape with simulated errors on, both alarm tiers. */
export const staging: EnvironmentInput = {
  name: "staging",
  region: "us-east-1",
  state: { bucket: "serverless-monitoring-terraform-state", keyPrefix: "serverless-monitoring" },
  alertEmails: { critical: ["platform-oncall@example.com"], warning: ["platform-staging@example.com"] },
  functions: workloadsWith({ logRetentionDays: 30, errorSimulationPercent: 7 }),
  alarms: {
    errorRatePercent: {
      warning: { threshold: 5, evaluationPeriods: 2 },
      critical: { threshold: 10, evaluationPeriods: 2 },
    },
    averageDurationMs: { warning: { threshold: 500, evaluationPeriods: 2 } },
    p99DurationMs: { warning: { threshold: 2000, evaluationPeriods: 3 } },
    throttles: { warning: { threshold: 5, evaluationPeriods: 1 } },
    dlqMessagesVisible: { warning: { threshold: 1, evaluationPeriods: 1, periodSeconds: 300 } },
    deadLetterErrors: { warning: { threshold: 1, evaluationPeriods: 1 } },
    errorTableThrottles: { warning: { threshold: 1, evaluationPeriods: 1 } },
    errorTableSystemErrors: { warning: { threshold: 1, evaluationPeriods: 1 } },
    errorRecordWriteFailures: { warning: { threshold: 1, evaluationPeriods: 1 } },
  },
  budgets: {
    monthlyLimitUsd: 100,
    dailyLimitUsd: 10,
    perServiceMonthlyLimitUsd: { lambda: 40, dynamodb: 20, cloudwatch: 30 },
  },
  tags: { Team: "platform", CostCenter: "engineering-staging", Application: "serverless-monitoring" },
  xraySamplingPercent: { critical: 50, business: 30, general: 20, healthChecks: 1 },
  errorRecordRetentionDays: 14,
  features: { pointInTimeRecovery: true, deletionProtection: false, anomalyDetection: false },
};
