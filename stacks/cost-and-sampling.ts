/**
 * What an environment has once, whatever the stack that holds it (the
 * unsplit stack, or a split environment's shared stack): its budgets, its
 * cost-anomaly alerts and its X-Ray sampling rules. The construct ids are
 * the stack's own (`budgets`, `cost-anomalies`, `xray-sampling`): Terraform
 * addresses, unchanged.
 */
import { xrayServiceName } from "@serverless-monitoring/contract";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../environments";
import { CostAnomalyAlerts, CostBudgets, XraySamplingRules, resourceName, type Alerting } from "@serverless-monitoring/constructs";

export function addCostAlertsAndSampling(stack: Construct, config: EnvironmentConfig, alerting: Alerting): void {
  const env = config.name;
  new CostBudgets(stack, "budgets", {
    environment: env,
    monthlyLimitUsd: config.budgets.monthlyLimitUsd,
    dailyLimitUsd: config.budgets.dailyLimitUsd,
    perServiceMonthlyLimitUsd: config.budgets.perServiceMonthlyLimitUsd,
    topicArn: alerting.topicArns.warning,
    emails: config.alerting.warning.emails,
    actualThresholdPercent: config.budgets.actualThresholdPercent,
    forecastedThresholdPercent: config.budgets.forecastedThresholdPercent,
  });

  // Cost anomalies are the business tier's: with no channel there, nobody would hear them.
  if (!alerting.noChannel.includes("business")) {
    new CostAnomalyAlerts(stack, "cost-anomalies", {
      name: resourceName("serverless-monitoring", env),
      // The provider's default tags put Environment on everything the stack creates.
      costTag: { key: "Environment", value: env },
      topicArn: alerting.topicArns.business,
      minimumImpactUsd: config.budgets.anomalyImpactUsd,
    });
  }

  new XraySamplingRules(stack, "xray-sampling", {
    environment: env,
    ratesPercent: config.xraySamplingPercent,
    // The same name the function's traces report (the contract's xrayServiceName): a rule cannot miss its function.
    services: config.functions.filter((fn) => fn.tracing).map((fn) => ({ serviceName: xrayServiceName(resourceName(fn.name, env)), tier: fn.samplingTier })),
  });
}
