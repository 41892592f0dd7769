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

/**
 * The resource types whose names AWS keeps unique, the prop that carries the
 * name, and its longest length: what the synth-time name check
 * (common/naming.ts) reads. `within`: unique only within that (a log group's
 * metric filters).
 */
export const AWS_NAME_LIMITS = {
  aws_cloudwatch_metric_alarm: { field: "alarmName", max: 255 },
  aws_cloudwatch_composite_alarm: { field: "alarmName", max: 255 },
  aws_cloudwatch_dashboard: { field: "dashboardName", max: 255 },
  aws_cloudwatch_log_metric_filter: { field: "name", max: 512, within: "logGroupName" },
  aws_cloudwatch_log_group: { field: "name", max: 512 },
  aws_sns_topic: { field: "name", max: 256 },
  aws_kms_alias: { field: "name", max: 256 },
  aws_sqs_queue: { field: "name", max: 80 },
  aws_iam_role: { field: "name", max: 64 },
  aws_lambda_function: { field: "functionName", max: 64 },
  aws_dynamodb_table: { field: "name", max: 255 },
  aws_s3_bucket: { field: "bucket", max: 63 },
  aws_xray_group: { field: "groupName", max: 32 },
  aws_xray_sampling_rule: { field: "ruleName", max: 32 },
  aws_chatbot_slack_channel_configuration: { field: "configurationName", max: 128 },
  aws_chatbot_teams_channel_configuration: { field: "configurationName", max: 128 },
  aws_budgets_budget: { field: "name", max: 100 },
  aws_ce_anomaly_monitor: { field: "name", max: 1024 },
  aws_ce_anomaly_subscription: { field: "name", max: 1024 },
  aws_ssm_parameter: { field: "name", max: 2048 },
} as const;
