/** Step Functions' metrics, named after the official AWS/States metric names. Published every minute, most only when not zero. */
import { metric, type MathExpressionSpec, type MetricSpec, type Statistic } from "../../common/metrics";
import { summedPercent } from "../summed-rate";

const execution = (stateMachineArn: string, metricName: string, statistic: Statistic, label: string): MetricSpec => metric("AWS/States", metricName, { StateMachineArn: stateMachineArn }, statistic, label);

/** The integrations a state machine calls: Lambda functions by ARN, other services' resources by ARN. */
export interface StepFunctionsIntegrations {
  /** ARNs of the Lambda functions its Task states invoke (`LambdaFunctionsFailed`, `LambdaFunctionsTimedOut`). @default none */
  readonly lambdaFunctionArns?: readonly string[];
  /** ARNs of the other resources its Task states call (`ServiceIntegrationsFailed`, `ServiceIntegrationsTimedOut`). @default none */
  readonly serviceIntegrationResourceArns?: readonly string[];
}

/** Step Functions' metrics of one state machine (`AWS/States`, dimension `StateMachineArn`, and its integrations' by ARN), as the specs graphs and alarms read. */
export const StepFunctionsMetrics = {
  executionsStarted: (arn: string) => execution(arn, "ExecutionsStarted", "Sum", "Started"),
  executionsSucceeded: (arn: string) => execution(arn, "ExecutionsSucceeded", "Sum", "Succeeded"),
  executionsFailed: (arn: string) => execution(arn, "ExecutionsFailed", "Sum", "Failed"),
  executionsTimedOut: (arn: string) => execution(arn, "ExecutionsTimedOut", "Sum", "Timed out"),
  executionsAborted: (arn: string) => execution(arn, "ExecutionsAborted", "Sum", "Aborted"),
  executionThrottled: (arn: string) => execution(arn, "ExecutionThrottled", "Sum", "Throttled"),
  p99ExecutionTime: (arn: string) => execution(arn, "ExecutionTime", "p99", "Execution time p99 (ms)"),

  /**
   * Failed and timed-out executions as a percentage of those that ended
   * (succeeded, failed, timed out or aborted): all four are counted when an
   * execution ends, so a long workflow's failure is not divided by the
   * executions started in its last minute.
   */
  failedRatePercent: (arn: string, minimumExecutions: number, minimumFailures: number): MathExpressionSpec =>
    summedPercent(
      "Failed or timed out (% of ended executions)",
      { failed: StepFunctionsMetrics.executionsFailed(arn), timedout: StepFunctionsMetrics.executionsTimedOut(arn) },
      { failed: StepFunctionsMetrics.executionsFailed(arn), timedout: StepFunctionsMetrics.executionsTimedOut(arn), succeeded: StepFunctionsMetrics.executionsSucceeded(arn), aborted: StepFunctionsMetrics.executionsAborted(arn) },
      minimumExecutions,
      minimumFailures,
    ),

  /** Failed and timed-out calls of every integration given, summed (two metrics each: at most five integrations in one alarm). */
  integrationFailures: (integrations: StepFunctionsIntegrations): MathExpressionSpec => {
    const usingMetrics: Record<string, MetricSpec> = {};
    (integrations.lambdaFunctionArns ?? []).forEach((arn, i) => {
      usingMetrics[`lambdafailed${i}`] = metric("AWS/States", "LambdaFunctionsFailed", { LambdaFunctionArn: arn }, "Sum", `Lambda failed ${i}`);
      usingMetrics[`lambdatimedout${i}`] = metric("AWS/States", "LambdaFunctionsTimedOut", { LambdaFunctionArn: arn }, "Sum", `Lambda timed out ${i}`);
    });
    (integrations.serviceIntegrationResourceArns ?? []).forEach((arn, i) => {
      usingMetrics[`servicefailed${i}`] = metric("AWS/States", "ServiceIntegrationsFailed", { ServiceIntegrationResourceArn: arn }, "Sum", `Service failed ${i}`);
      usingMetrics[`servicetimedout${i}`] = metric("AWS/States", "ServiceIntegrationsTimedOut", { ServiceIntegrationResourceArn: arn }, "Sum", `Service timed out ${i}`);
    });
    return { expression: `SUM([${Object.keys(usingMetrics).join(", ")}])`, label: "Integration calls failed or timed out", usingMetrics };
  },
} as const;
