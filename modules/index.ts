/**
 * Monitoring for a serverless estate on AWS, as CDK for Terraform constructs:
 * alarms in three tiers, dashboards paged by service, alert routing to email,
 * SMS, paging, Slack and Teams, and the workload constructs that record every
 * failure of a Lambda function.
 *
 * Start with `ServerlessMonitoring` (monitor what you have) and
 * `Alerting` (where alerts go). Every export below is public API under
 * the SemVer rules of the repository's CHANGELOG.md; nothing else is.
 *
 * @packageDocumentation
 */

// The facade: add resources, get alarms and dashboards.
export { ServerlessMonitoring, keepAddress, DEFAULT_OBJECTIVE, DEFAULT_RUNBOOK_PAGE, type ServerlessMonitoringProps, type MonitorFunctionOptions, type ResourceOptions, type MonitoredResource, type FunctionThresholds, type EstateObjectives, type CapabilityObjective } from "./facade/serverless-monitoring";
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
export { SloMonitoring, BURN_RATE_WINDOWS, SLO_TARGET_RANGE, DEFAULT_SLO_PERIOD_DAYS, DEFAULT_PAGE_MINIMUM_FAILURES, burnRateExpression, requireObjective, requireLatencyObjective, type LatencyObjective, type AvailabilityObjective, type BurnRateWindow, type BurnRateWindowShape, type ServiceLevelIndicator, type SloMonitoringProps } from "./monitoring/slo/slo-monitoring";
export { requireAlertPaths, type AlertPathsSpec } from "./alarms/alert-paths";
export { BusinessMonitoring, DEFAULT_MINIMUM_BUSINESS_EVENTS, type BusinessAlarmKind, type BusinessMonitoringProps, type BusinessThresholds } from "./monitoring/business/business-monitoring";
// Issue 28's service segments: Step Functions, EventBridge, SNS, Kinesis, Firehose, AppSync, S3 request metrics.
export { StepFunctionsMonitoring, DEFAULT_MINIMUM_EXECUTIONS, DEFAULT_MINIMUM_EXECUTION_FAILURES, type StepFunctionsAlarmKind, type StepFunctionsMonitoringProps, type StepFunctionsThresholds } from "./monitoring/aws-stepfunctions/stepfunctions-monitoring";
export { StepFunctionsMetrics, type StepFunctionsIntegrations } from "./monitoring/aws-stepfunctions/stepfunctions-metric-factory";
export { EventBridgeRuleMonitoring, EventBusMonitoring, type EventBridgeRuleAlarmKind, type EventBridgeRuleMonitoringProps, type EventBridgeRuleThresholds, type EventBusAlarmKind, type EventBusMonitoringProps, type EventBusThresholds } from "./monitoring/aws-eventbridge/eventbridge-monitoring";
export { EventBridgeRuleMetrics, EventBusMetrics, DEFAULT_EVENT_BUS } from "./monitoring/aws-eventbridge/eventbridge-metric-factory";
export { SnsTopicMonitoring, type SnsAlarmKind, type SnsTopicMonitoringProps, type SnsThresholds } from "./monitoring/aws-sns/sns-monitoring";
export { SnsMetrics } from "./monitoring/aws-sns/sns-metric-factory";
export { KinesisStreamMonitoring, type KinesisAlarmKind, type KinesisStreamMonitoringProps, type KinesisThresholds } from "./monitoring/aws-kinesis/kinesis-monitoring";
export { KinesisMetrics } from "./monitoring/aws-kinesis/kinesis-metric-factory";
export { FirehoseMonitoring, type FirehoseAlarmKind, type FirehoseMonitoringProps, type FirehoseThresholds } from "./monitoring/aws-firehose/firehose-monitoring";
export { FirehoseMetrics, FIREHOSE_DESTINATIONS, type FirehoseDestination } from "./monitoring/aws-firehose/firehose-metric-factory";
export { AppSyncApiMonitoring, type AppSyncAlarmKind, type AppSyncApiMonitoringProps, type AppSyncThresholds } from "./monitoring/aws-appsync/appsync-monitoring";
export { AppSyncMetrics } from "./monitoring/aws-appsync/appsync-metric-factory";
export { S3BucketMonitoring, DEFAULT_S3_FILTER_ID, type S3AlarmKind, type S3BucketMonitoringProps, type S3Thresholds } from "./monitoring/aws-s3/s3-monitoring";
export { S3RequestMetrics } from "./monitoring/aws-s3/s3-metric-factory";
export { summedPercent } from "./monitoring/summed-rate";
export { SERVICE_DEFAULT_THRESHOLDS, type ServiceEstateThresholds } from "./facade/service-default-thresholds";
// Databases, caches and metrics of any namespace.
export { RdsDatabaseMonitoring, RDS_ENGINES, DATABASE_TARGETS, type RdsAlarmKind, type RdsDatabaseMonitoringProps, type RdsEngine, type RdsThresholds } from "./monitoring/aws-rds/rds-monitoring";
export { RdsProxyMonitoring, type RdsProxyAlarmKind, type RdsProxyMonitoringProps, type RdsProxyThresholds } from "./monitoring/aws-rds/rds-proxy-monitoring";
export { RdsMetrics, RdsProxyMetrics, type RdsTarget } from "./monitoring/aws-rds/rds-metric-factory";
export { ElastiCacheMonitoring, DEFAULT_MINIMUM_CACHE_LOOKUPS, type ElastiCacheAlarmKind, type ElastiCacheMonitoringProps, type ElastiCacheThresholds } from "./monitoring/aws-elasticache/elasticache-monitoring";
export { ElastiCacheMetrics, type CacheTarget } from "./monitoring/aws-elasticache/elasticache-metric-factory";
export { CustomMetricMonitoring, ANOMALY_BAND_WIDTH_RANGE, DEFAULT_MINIMUM_RATE_EVENTS, DEFAULT_MINIMUM_RATE_FAILURES, type AnomalyWatch, type CountWatch, type CustomMetricMonitoringProps, type MetricWatch, type RateWatch, type ValueWatch, type WatchBase } from "./monitoring/custom/custom-metric-monitoring";
export { customMetric, customRatePercent, MAX_METRIC_DIMENSIONS, type MetricReference } from "./monitoring/custom/custom-metric-factory";

// Issue 28: REST methods, indexes, aliases, event source mappings, queues with their DLQs, and discovery at plan time.
export { type QueueThresholds } from "./facade/serverless-monitoring";
export { restMethodAlarmKind } from "./monitoring/aws-apigateway/rest-method-alarms";
export { type DynamoDbIndexAlarmKind } from "./monitoring/aws-dynamodb/dynamodb-index-alarms";
export { DynamoDbIndexMetrics, timeToLiveDeletedItemCount } from "./monitoring/aws-dynamodb/dynamodb-metric-factory";
export { LambdaAliasMonitoring, type LambdaAliasAlarmKind, type LambdaAliasMonitoringProps, type LambdaAliasThresholds } from "./monitoring/aws-lambda/lambda-alias-monitoring";
export { LambdaEventSourceMonitoring, EVENT_SOURCE_KINDS, type EventSourceAlarmKind, type EventSourceKind, type EventSourceThresholds, type LambdaEventSourceMonitoringProps } from "./monitoring/aws-lambda/lambda-event-source-monitoring";
export { EventSourceMetrics, LambdaAliasMetrics } from "./monitoring/aws-lambda/lambda-alias-metric-factory";
export { DiscoveredMonitoring, type DiscoveredMonitoringProps, type DiscoveredThresholds, type DiscoveryCriteria } from "./monitoring/discovery/discovered-monitoring";
export { DISCOVERED_TYPES, SEARCH_NAME_LIMIT, type DiscoveredType } from "./monitoring/discovery/discovery-sources";

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

// Synthetics canaries (issue 29): outside-in checks of routes, WebSocket APIs and URLs.
export { SyntheticsCanaries, canaryStatements, CANARY_NAME_PATTERN, DEFAULT_CANARY_SCHEDULE_MINUTES, DEFAULT_ARTIFACT_RETENTION_DAYS, DEFAULT_CHECK_TIMEOUT_MS, type SyntheticsCanariesProps, type DeployedCanary } from "./monitoring/synthetics/synthetics-canaries";
export { CanaryMonitoring, type CanaryMonitoringProps, type CanaryThresholds, type CanaryAlarmKind } from "./monitoring/synthetics/canary-monitoring";
export { CANARY_CHECK_VARIABLE, type CanarySpec, type HttpRouteCanary, type WebSocketCanary, type HeartbeatCanary, type CanaryAssertions } from "./monitoring/synthetics/canary-check";
export { SyntheticsMetrics, SYNTHETICS_NAMESPACE } from "./monitoring/synthetics/synthetics-metric-factory";
export { SYNTHETICS_RUNTIME_VERSION, CANARY_SCRIPT } from "./monitoring/synthetics/synthetics-runtime";
export { DEFAULT_CANARY_THRESHOLDS, type MonitoredCanaries } from "./facade/serverless-monitoring";
// Names for shared accounts: one prefix or suffix for every name the library creates, and the synth-time check that no two collide.
export { NAMING_CONTEXT_KEY, namedResources, physicalName, useNaming, type NamedResource, type NamingOptions } from "./common/naming";
// Synth speed-ups, opt-in (runApp's fastSynth, or these around a synth of your own): the same output, byte for byte.
export { installFastResolve, withFastResolve } from "./synth-speed/fast-resolve";
export { installCheapTokenTraces, TOKEN_TRACE_FRAMES, withCheapTokenTraces, withTokenTracesOnFailure } from "./synth-speed/token-traces";
