/**
 * AWS service limits that the modules and the environment schema validate
 * against at synth time, so a mistake fails `cdktf synth` instead of
 * `terraform apply` halfway through a deploy.
 */
export const AWS_LIMITS = {
  lambda: {
    functionNameMaxLength: 64,
    memoryMiB: { min: 128, max: 10240 },
    timeoutSeconds: { min: 1, max: 900 },
  },
  iam: { roleNameMaxLength: 64 },
  sqs: { queueNameMaxLength: 80 },
  cloudwatch: {
    /** Period x evaluation periods may not exceed one day. */
    maxAlarmEvaluationSeconds: 86_400,
    /** Metric-math alarms may reference at most 10 metrics. */
    maxMetricsPerAlarm: 10,
    /** Actions per alarm state (alarm, OK, insufficient data). */
    maxActionsPerAlarmState: 5,
    /** Alarms one composite alarm rule may reference. */
    maxAlarmsPerCompositeRule: 100,
    /** Characters in a composite alarm rule. */
    maxCompositeRuleLength: 10_240,
    alarmNameMaxLength: 255,
    alarmDescriptionMaxLength: 1024,
    maxWidgetsPerDashboard: 500,
    maxMetricsPerGraphWidget: 500,
    maxAlarmsPerAlarmWidget: 100,
    dashboardNameMaxLength: 255,
  },
  logs: {
    /** The retention values CloudWatch Logs accepts. */
    retentionDays: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
  },
  xray: { samplingRuleNameMaxLength: 32 },
  budgets: { maxEmailSubscribersPerNotification: 10 },
  s3: { bucketNameLength: { min: 3, max: 63 } },
} as const;
