import { ALERTING_OF, BASE_ALARMS, CAPABILITIES, BASE_STATE, BASE_XRAY_SAMPLING_PERCENT, DEAD_LETTER_ALARMS, SIMULATED_ERRORS_ALARMS, SIMULATED_ERRORS_DETECTION, TEAM_TAGS } from "./defaults";
import type { EnvironmentInput } from "./schema";
import { WORKLOADS, workloadsWith } from "./workloads";

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
  // data-aggregator is invoked asynchronously: simulated failures would fill its dead-letter queue, which holds
  // the DLQ alarm in ALARM for good (one DLQ arrival must tell someone). The simulation runs on the others.
  functions: workloadsWith({ logRetentionDays: 7, errorSimulationPercent: 7 }).map((fn) => (fn.name === WORKLOADS.dataAggregator.name ? { ...fn, errorSimulationPercent: 0 } : fn)),
  alarms: {
    ...BASE_ALARMS,
    ...SIMULATED_ERRORS_ALARMS,
    ...DEAD_LETTER_ALARMS,
  },
  // 7 % of calls fail on purpose here: the detection settings that tell that apart from an incident.
  ...SIMULATED_ERRORS_DETECTION,
  // CloudWatch: the monitoring itself lists at $43.50 a month (npm run cost -- --env dev), logs come on top.
  // Raised from $25 with the estate monitoring (four dashboard pages, $12, three of them free where the
  // account's free tier is unused; the log metric filters' 20 metrics, $6) and the alert routing
  // (the business page, $3; two capability composites, $1; five business metrics, $1.50; detailed metrics of the two capability routes, $3.60).
  // Raised to $90 (monthly to $100) with the objectives (issue 26; $74.50 listed by npm run cost -- --env dev, the timeouts filters included):
  // nine objectives (five functions, two capability routes, two capabilities), each six burn-rate window alarms of
  // 2 to 8 metrics and two composites, about $25; the warning and business tier composites and the warnings'
  // suppressor, which let maintenance silence every tier, $1.50; the alert-path alarms, $0.50. Less the counts
  // turned off here. 80 % of the budget stays above the estimate, so the budget alert means logs or a change.
  // Raised to $100 (monthly to $110) when every HTTP route got its objective and detailed metrics ($78.50 listed:
  // POST /users' objective, 5xx alarm and six route metrics, $4): at $90 the estimate alone passed the 80 % alert.
  // Raised to $115 (monthly to $125) with the detection of issue 26's second part ($90.30 listed): the WebSocket
  // messages objective, the objectives' injected-failure metrics (subtracted, one more metric in each of 13 window
  // sets) and the four functions' InjectedFailures metrics, about $12; at $100 the estimate passed the 80 % alert.
  budgets: { monthlyLimitUsd: 125, dailyLimitUsd: 5, perServiceMonthlyLimitUsd: { lambda: 20, dynamodb: 10, cloudwatch: 115 } },
  tags: { ...TEAM_TAGS, CostCenter: "engineering-dev" },
  xraySamplingPercent: BASE_XRAY_SAMPLING_PERCENT,
  errorRecordRetentionDays: 7,
  features: { pointInTimeRecovery: true, deletionProtection: false, anomalyDetection: false },
  // No canaries in dev by default (their runs cost $10.37 a canary a month at 5 minutes): `enabled: true` switches them on.
  canaries: { enabled: false },
};
