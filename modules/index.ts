/**
 * Monitoring for a serverless estate on AWS, as CDK for Terraform constructs:
 * alarms in three tiers, dashboards paged by service, alert routing to email,
 * SMS, paging, Slack and Teams, and the workload constructs that record every
 * failure of a Lambda function.
 *
 * Start with {@link ServerlessMonitoring} (monitor what you have) and
 * {@link Alerting} (where alerts go). Every export below is public API under
 * the SemVer rules of the repository's CHANGELOG.md; nothing else is.
 *
 * @packageDocumentation
 */

// The facade: add resources, get alarms and dashboards.
export { ServerlessMonitoring, keepAddress, DEFAULT_OBJECTIVE, type ServerlessMonitoringProps, type MonitorFunctionOptions, type ResourceOptions, type MonitoredResource, type FunctionThresholds, type EstateObjectives, type CapabilityObjective } from "./facade/serverless-monitoring";
export { DEFAULT_THRESHOLDS, type EstateThresholds } from "./facade/default-thresholds";

// Alert routing: one topic per tier (or your own), and the channels bound to them.
export { Alerting, type AlertingProps } from "./alerting/alerting";
export type { PagingEndpoint, SlackChannel, TeamsChannel, TierChannels } from "./alerting/channels/channels";
export { ALERT_TIERS, TIERS, type AlertTier, type Tiered } from "./common/tiers";

// Composite and maintenance alarms.
export { HealthAlarm, type HealthAlarmProps } from "./alarms/health-alarm";
export { MaintenanceWindowAlarm, MAINTENANCE_METRIC, MAX_MAINTENANCE_WINDOW_MINUTES, maintenanceAlarmName, type MaintenanceWindowAlarmProps } from "./alarms/maintenance-window";

// Segments: one per AWS service, usable without the facade.
export { DASHBOARD_PAGES, type DashboardPage, type MonitoringSegment } from "./monitoring/segment";
export { segmentAlarms, describe, type AlarmKind, type AlarmKinds, type AlarmLinks, type KindThresholds, type NotApplicable, type SegmentAlarmProps } from "./monitoring/alarm-kinds";
export { LambdaFunctionMonitoring, DEFAULT_MINIMUM_INVOCATIONS, DEFAULT_MINIMUM_FAILURES, type IMonitoredFunction, type LambdaAlarmKind, type LambdaFunctionMonitoringProps, type LambdaThresholds } from "./monitoring/aws-lambda/lambda-monitoring";
export { LambdaAccountMonitoring, DEFAULT_ACCOUNT_CONCURRENCY_LIMIT, type LambdaAccountAlarmKind, type LambdaAccountMonitoringProps, type LambdaAccountThresholds } from "./monitoring/aws-lambda/lambda-account-monitoring";
export type { LogFormat } from "./monitoring/aws-lambda/lambda-log-metrics";
export { HttpApiMonitoring, RestApiMonitoring, WebSocketApiMonitoring, DEFAULT_MINIMUM_REQUESTS, DEFAULT_MINIMUM_API_FAILURES, routeAlarmKind, type ApiAlarmKind, type ApiThresholds, type HttpApiMonitoringProps, type RestApiMonitoringProps, type WebSocketAlarmKind, type WebSocketApiMonitoringProps, type WebSocketThresholds } from "./monitoring/aws-apigateway/apigateway-monitoring";
export { DynamoDbTableMonitoring, type BillingMode, type DynamoDbAlarmKind, type DynamoDbTableMonitoringProps, type DynamoDbThresholds } from "./monitoring/aws-dynamodb/dynamodb-monitoring";
export { DynamoDbAccountMonitoring, type DynamoDbAccountAlarmKind, type DynamoDbAccountThresholds } from "./monitoring/aws-dynamodb/dynamodb-account-monitoring";
export { DEFAULT_DYNAMODB_OPERATIONS } from "./monitoring/aws-dynamodb/dynamodb-metric-factory";
export { SqsQueueMonitoring, type SqsAlarmKind, type SqsQueueMonitoringProps, type SqsThresholds } from "./monitoring/aws-sqs/sqs-monitoring";
export { ErrorCaptureMonitoring, type ErrorCaptureAlarmKind, type ErrorCaptureMonitoringProps, type ErrorCaptureThresholds } from "./monitoring/error-capture/error-capture-monitoring";
export { SloMonitoring, BURN_RATE_WINDOWS, SLO_TARGET_RANGE, DEFAULT_SLO_PERIOD_DAYS, DEFAULT_PAGE_MINIMUM_FAILURES, burnRateExpression, requireObjective, type AvailabilityObjective, type BurnRateWindow, type BurnRateWindowShape, type ServiceLevelIndicator, type SloMonitoringProps } from "./monitoring/slo/slo-monitoring";
export { requireAlertPaths, type AlertPathsSpec } from "./alarms/alert-paths";
export { BusinessMonitoring, DEFAULT_MINIMUM_BUSINESS_EVENTS, type BusinessAlarmKind, type BusinessMonitoringProps, type BusinessThresholds } from "./monitoring/business/business-monitoring";

// Alarms and metrics: what every segment builds on, for segments of your own.
export { createAlarm, createSeverityAlarms, SEVERITIES, type SeverityAlarmsSpec, type AlarmDefinition, type AlarmThreshold, type AlarmTopics, type ComparisonOperator, type MonitoringAlarm, type Severity, type SeverityThresholds, type ThresholdLine, type TierActions } from "./common/alarm-factory";
export { guardedPercent, metric, type AlarmMetric, type MathExpressionSpec, type MetricSpec, type Statistic } from "./common/metrics";

// Dashboards.
export { OperationsDashboard, dashboardUrl, type DashboardTemplatePage, type OperationsDashboardProps } from "./dashboard/operations-dashboard";
export { graphWidget, logWidget, spendWidget, thresholdLines, SEVERITY_COLORS, type GraphSpec } from "./dashboard/graphs";
export { WidgetSize } from "./dashboard/layout";
export type { JsonValue, TemplateValues } from "./dashboard/template-renderer";

// The workload constructs: a function that records its failures, and what it needs.
export { MonitoredFunction, type MonitoredFunctionProps } from "./monitored-function/monitored-function";
export { ErrorTable, type ErrorTableProps, type IErrorTable } from "./error-table/error-table";
export { StateBucket, type StateBucketProps } from "./state-bucket/state-bucket";
export { XraySamplingRules, type SamplingTier, type XraySamplingRulesProps } from "./xray-sampling/xray-sampling-rules";
export { XrayFaultGroup, type XrayFaultGroupProps } from "./xray-sampling/xray-fault-group";
export { CostBudgets, BUDGETED_SERVICES, type BudgetedService, type CostBudgetsProps } from "./budgets/cost-budgets";
export { CostAnomalyAlerts, type CostAnomalyAlertsProps } from "./budgets/cost-anomaly-alerts";
export { assumeRolePolicy, policyDocument, type IGrantable, type PolicyStatement } from "./common/iam";

// Validation: the one error type synth throws for bad input, and the AWS rules behind it, for checking configuration of your own.
export { ValidationError } from "./common/errors";
// The entry helper: build and synthesize an app, a configuration mistake reported once, without a stack trace.
export { reportValidationError, runApp, type RunAppOptions } from "./app/run-app";
export { InvalidPropsError, formatValue } from "./common/validation";
export { tokenMarkerIn } from "./common/tokens";
export { AWS_LIMITS } from "./common/aws-limits";
export { AWS_PATTERNS, AWS_REGIONS, LAMBDA_RUNTIMES, METRIC_PUBLISH_INTERVAL_SECONDS, TAG_LIMITS, alarmPeriodProblem, creatableRuntimes, regionProblem, runtimeProblem, s3BucketNameProblem, s3KeyPrefixProblem, tagKeyProblem, tagValueProblem, type AwsPattern } from "./common/aws-rules";
export { HEALTH_CHECK_RULE_BASE_NAME, resourceName } from "./common/naming";

// Synth speed-ups, opt-in (runApp's fastSynth, or these around a synth of your own): the same output, byte for byte.
export { installFastResolve, withFastResolve } from "./synth-speed/fast-resolve";
export { installCheapTokenTraces, TOKEN_TRACE_FRAMES, withCheapTokenTraces, withTokenTracesOnFailure } from "./synth-speed/token-traces";
