import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import type { Construct } from "constructs";
import { AWS_PATTERNS } from "../../common/aws-rules";
import { requireMatch } from "../../common/validation";
import type { AlertTier } from "../../common/tiers";

/**
 * A runbook-automation Lambda as an alarm action of a tier. CloudWatch
 * invokes it directly; the permission admits CloudWatch alarms of this
 * account, in the function's region, only.
 */
export function allowAlarmsToInvoke(scope: Construct, tier: AlertTier, functionArn: string, account: { readonly accountId: string; readonly partition: string }): void {
  requireMatch("Alerting", `channels.${tier}.lambdaActionArn`, functionArn, AWS_PATTERNS.lambdaFunctionArn.pattern, AWS_PATTERNS.lambdaFunctionArn.allowed);
  new LambdaPermission(scope, `${tier}-lambda-action-permission`, {
    statementId: `AllowCloudWatchAlarms-${tier}`,
    action: "lambda:InvokeFunction",
    functionName: functionArn,
    principal: "lambda.alarms.cloudwatch.amazonaws.com",
    sourceAccount: account.accountId,
    // An alarm may invoke only a function in its own region: the function's ARN names the region of the alarms to admit.
    sourceArn: `arn:${account.partition}:cloudwatch:${functionArn.split(":")[3]}:${account.accountId}:alarm:*`,
  });
}
