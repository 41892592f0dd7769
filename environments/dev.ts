import type { EnvironmentInput } from "./schema";
import { workloadsWith } from "./workloads";

/**
 * Development: cheap and noisy on purpose (7 % simulated errors). Warnings for
 * everything; one critical tier, far above the simulated rate, for a broken deploy.
 */
export const dev: EnvironmentInput = {
  name: "dev",
  region: "us-east-1",
  state: { bucket: "serverless-monitoring-terraform-state", keyPrefix: "serverless-monitoring" },
  alertEmails: { critical: ["platform-oncall@example.com"], warning: ["platform-dev@example.com"] },
  functions: workloadsWith({ logRetentionDays: 7, errorSimulationPercent: 7 }),
  alarms: {
    errorRatePercent: {
      warning: { threshold: 5, evaluationPeriods: 2 },
      critical: { threshold: 25, evaluationPeriods: 3 },
    },
    averageDurationMs: { warning: { threshold: 500, evaluationPeriods: 2 } },
    p99DurationMs: { warning: { threshold: 2000, evaluationPeriods: 3 } },
    throttles: { warning: { threshold: 5, evaluationPeriods: 1 } },
    // SQS publishes its metrics every 5 minutes: a shorter period only sees missing data.
    dlqMessagesVisible: { warning: { threshold: 1, evaluationPeriods: 1, periodSeconds: 300 } },
    deadLetterErrors: { warning: { threshold: 1, evaluationPeriods: 1 } },
    errorTableThrottles: { warning: { threshold: 1, evaluationPeriods: 1 } },
    errorTableSystemErrors: { warning: { threshold: 1, evaluationPeriods: 1 } },
    errorRecordWriteFailures: { warning: { threshold: 1, evaluationPeriods: 1 } },
  },
  budgets: {
    monthlyLimitUsd: 50,
    dailyLimitUsd: 5,
    perServiceMonthlyLimitUsd: { lambda: 20, dynamodb: 10, cloudwatch: 15 },
  },
  tags: { Team: "platform", CostCenter: "engineering-dev", Application: "serverless-monitoring" },
  xraySamplingPercent: { critical: 50, business: 30, general: 20, healthChecks: 1 },
  errorRecordRetentionDays: 7,
  features: { pointInTimeRecovery: true, deletionProtection: false, anomalyDetection: false },
};
