import type { EnvironmentInput } from "./schema";
import { WORKLOADS, workloadsWith } from "./workloads";

const functions = workloadsWith({ logRetentionDays: 90, errorSimulationPercent: 0 }).map((fn) => {
  // Reserved concurrency only here: a new account's concurrency limit is too low
  // to reserve anything in dev, and the deploy would fail.
  if (fn.name === WORKLOADS.paymentHandler.name) {
    return { ...fn, reservedConcurrency: 50, alarms: { errorRatePercent: { critical: { threshold: 1, evaluationPeriods: 2 } } } };
  }
  if (fn.name === WORKLOADS.orderProcessor.name) return { ...fn, reservedConcurrency: 50 };
  return fn;
});

/** Production: no simulated errors, critical tiers that page, long retention, deletion protection. */
export const production: EnvironmentInput = {
  name: "production",
  region: "us-east-1",
  state: { bucket: "serverless-monitoring-terraform-state", keyPrefix: "serverless-monitoring" },
  alertEmails: { critical: ["platform-oncall@example.com"], warning: ["platform-production@example.com"] },
  functions,
  alarms: {
    errorRatePercent: {
      warning: { threshold: 2, evaluationPeriods: 3 },
      critical: { threshold: 5, evaluationPeriods: 2 },
    },
    averageDurationMs: {
      warning: { threshold: 500, evaluationPeriods: 2 },
      critical: { threshold: 1000, evaluationPeriods: 3 },
    },
    p99DurationMs: {
      warning: { threshold: 2000, evaluationPeriods: 3 },
      critical: { threshold: 5000, evaluationPeriods: 3 },
    },
    throttles: {
      warning: { threshold: 1, evaluationPeriods: 1 },
      critical: { threshold: 5, evaluationPeriods: 1 },
    },
    dlqMessagesVisible: { critical: { threshold: 1, evaluationPeriods: 1, periodSeconds: 300 } },
    deadLetterErrors: { critical: { threshold: 1, evaluationPeriods: 1 } },
    errorTableThrottles: { warning: { threshold: 1, evaluationPeriods: 1 } },
    errorTableSystemErrors: { critical: { threshold: 1, evaluationPeriods: 2 } },
    errorRecordWriteFailures: { warning: { threshold: 1, evaluationPeriods: 1 } },
  },
  budgets: {
    monthlyLimitUsd: 500,
    dailyLimitUsd: 25,
    perServiceMonthlyLimitUsd: { lambda: 200, dynamodb: 100, cloudwatch: 100 },
  },
  tags: { Team: "platform", CostCenter: "engineering-production", Application: "serverless-monitoring" },
  xraySamplingPercent: { critical: 50, business: 30, general: 20, healthChecks: 1 },
  errorRecordRetentionDays: 90,
  features: { pointInTimeRecovery: true, deletionProtection: true, anomalyDetection: true },
};
