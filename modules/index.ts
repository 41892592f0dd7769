/**
 * Public API of the monitoring modules. Each construct works on its own in a
 * platform team's stack; the MonitoringStack shows them composed.
 */
export * from "./alarms";
export * from "./alerting";
export * from "./budgets";
export * from "./dashboard";
export * from "./error-table";
export * from "./facade";
export * from "./monitored-function";
export * from "./monitoring";
export * from "./state-bucket";
export * from "./xray-sampling";
export { AWS_LIMITS } from "./common/aws-limits";
export * from "./common/alarm-factory";
export * from "./common/iam";
export * from "./common/metrics";
export { resourceName } from "./common/naming";
export { ValidationError } from "./common/errors";
export { InvalidPropsError } from "./common/validation";
