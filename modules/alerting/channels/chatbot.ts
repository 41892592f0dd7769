import { ChatbotSlackChannelConfiguration } from "@cdktf/provider-aws/lib/chatbot-slack-channel-configuration";
import { ChatbotTeamsChannelConfiguration } from "@cdktf/provider-aws/lib/chatbot-teams-channel-configuration";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { Construct } from "constructs";
import { assumeRolePolicy, policyDocument } from "../../common/iam";
import { AWS_PATTERNS } from "../../common/aws-rules";
import { requireName } from "../../common/prop-checks";
import type { AlertTier } from "../../common/tiers";
import type { SlackChannel, TeamsChannel } from "./channels";

/**
 * The role AWS Chatbot acts with in chat: it may read alarms and graph
 * metrics, nothing else, and the guardrail (CloudWatch read-only) caps what
 * any chat user can do through it.
 */
export function chatbotRole(scope: Construct, roleName: string, partition: string): { readonly roleArn: string; readonly guardrailPolicyArns: string[] } {
  const role = new IamRole(scope, "chatbot-role", { name: roleName, description: "AWS Chatbot: read alarms and metrics for the alert channels", assumeRolePolicy: assumeRolePolicy("chatbot.amazonaws.com") });
  new IamRolePolicy(scope, "chatbot-role-policy", {
    name: "read-alarms-and-metrics",
    role: role.id,
    policy: policyDocument([
      // GetMetricData and GetMetricWidgetImage have no resource-level permissions: "*" is the only resource they take.
      { sid: "ChatbotReadsMetrics", actions: ["cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData", "cloudwatch:GetMetricWidgetImage"], resources: ["*"] },
    ]),
  });
  return { roleArn: role.arn, guardrailPolicyArns: [`arn:${partition}:iam::aws:policy/CloudWatchReadOnlyAccess`] };
}

export function slackChannel(scope: Construct, tier: AlertTier, topicArn: string, slack: SlackChannel, role: ReturnType<typeof chatbotRole>, configurationName: string): void {
  requireName("Alerting", `channels.${tier}.slack.workspaceId`, slack.workspaceId, { pattern: AWS_PATTERNS.slackWorkspaceId });
  requireName("Alerting", `channels.${tier}.slack.channelId`, slack.channelId, { pattern: AWS_PATTERNS.slackChannelId });
  new ChatbotSlackChannelConfiguration(scope, `${tier}-slack`, {
    configurationName,
    slackTeamId: slack.workspaceId,
    slackChannelId: slack.channelId,
    snsTopicArns: [topicArn],
    iamRoleArn: role.roleArn,
    guardrailPolicyArns: role.guardrailPolicyArns,
    userAuthorizationRequired: true,
    loggingLevel: "ERROR",
  });
}

export function teamsChannel(scope: Construct, tier: AlertTier, topicArn: string, teams: TeamsChannel, role: ReturnType<typeof chatbotRole>, configurationName: string): void {
  requireName("Alerting", `channels.${tier}.teams.tenantId`, teams.tenantId, { pattern: AWS_PATTERNS.microsoftId });
  requireName("Alerting", `channels.${tier}.teams.teamId`, teams.teamId, { pattern: AWS_PATTERNS.microsoftId });
  requireName("Alerting", `channels.${tier}.teams.channelId`, teams.channelId, { pattern: AWS_PATTERNS.teamsChannelId });
  new ChatbotTeamsChannelConfiguration(scope, `${tier}-teams`, {
    configurationName,
    tenantId: teams.tenantId,
    teamId: teams.teamId,
    channelId: teams.channelId,
    snsTopicArns: [topicArn],
    iamRoleArn: role.roleArn,
    guardrailPolicyArns: role.guardrailPolicyArns,
    userAuthorizationRequired: true,
    loggingLevel: "ERROR",
  });
}
