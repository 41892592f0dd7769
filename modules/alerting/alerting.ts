import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { SEVERITIES, type AlarmTopics, type Severity } from "../common/alarm-factory";
import { policyDocument, type PolicyStatement } from "../common/iam";
import { resourceName } from "../common/naming";
import { requireMatch } from "../common/validation";

export interface AlertingProps {
  readonly environment: string;
  /** The account the alarms and budgets run in: topic and key policies admit only it. */
  readonly accountId: string;
  /** @default "aws" */
  readonly partition?: string;
  /** Email subscribers per severity. Each must confirm the subscription AWS sends. @default none */
  readonly emails?: { readonly [S in Severity]?: readonly string[] };
  /** Topic names are `<namePrefix>-alerts-<env>` (critical) and `<namePrefix>-warnings-<env>`. @default "monitoring" */
  readonly namePrefix?: string;
}

/** The AWS services that publish to the alert topics. */
const PUBLISHERS = { cloudwatch: "cloudwatch.amazonaws.com", budgets: "budgets.amazonaws.com" } as const;

/**
 * Critical and warning SNS topics, encrypted with a customer-managed KMS key.
 *
 * Not `alias/aws/sns`: CloudWatch cannot use the AWS-managed key, and alarm
 * notifications to a topic encrypted with it are dropped without an error.
 * The key policy lets CloudWatch and Budgets use the key for this account
 * only. (Do not copy the aws:SourceAccount condition onto an EventBridge
 * grant: EventBridge's KMS requests do not carry it.)
 */
export class Alerting extends Construct {
  readonly key: KmsKey;
  readonly criticalTopic: SnsTopic;
  readonly warningTopic: SnsTopic;
  /** Topic ARN per severity, for the alarm factory. */
  readonly topicArns: AlarmTopics;

  constructor(scope: Construct, id: string, props: AlertingProps) {
    super(scope, id);
    const partition = props.partition ?? "aws";
    const prefix = props.namePrefix ?? "monitoring";
    requireMatch("Alerting", "namePrefix", prefix, /^[a-zA-Z0-9_-]{1,200}$/, "letters, digits, _ or -");
    const root = `arn:${partition}:iam::${props.accountId}:root`;

    this.key = new KmsKey(this, "Key", {
      description: `Encrypts the ${props.environment} monitoring alert topics`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([
        // Without this statement nobody, not even the account, could manage the key again.
        { sid: "AccountAdministersKey", principals: { AWS: root }, actions: ["kms:*"], resources: ["*"] },
        {
          sid: "AlarmAndBudgetNotificationsUseKey",
          principals: { Service: [PUBLISHERS.cloudwatch, PUBLISHERS.budgets] },
          actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
          resources: ["*"],
          conditions: { StringEquals: { "aws:SourceAccount": props.accountId } },
        },
      ]),
    });
    new KmsAlias(this, "KeyAlias", { name: `alias/${resourceName(`${prefix}-alerts`, props.environment)}`, targetKeyId: this.key.keyId });

    const topicName: Record<Severity, string> = {
      critical: resourceName(`${prefix}-alerts`, props.environment),
      warning: resourceName(`${prefix}-warnings`, props.environment),
    };
    const topics = {} as Record<Severity, SnsTopic>;
    for (const severity of SEVERITIES) {
      const topic = new SnsTopic(this, `${severity}-topic`, { name: topicName[severity], kmsMasterKeyId: this.key.arn });
      new SnsTopicPolicy(this, `${severity}-topic-policy`, {
        arn: topic.arn,
        policy: policyDocument(topicPolicy(topic.arn, props.accountId, partition, root)),
      });
      for (const email of props.emails?.[severity] ?? []) {
        requireMatch("Alerting", `emails.${severity}`, email, /^[^@\s]+@[^@\s]+\.[^@\s]+$/, "an email address");
        // The address is the id, so reordering the list never re-creates (and un-confirms) a subscription.
        new SnsTopicSubscription(this, `${severity}-email-${email}`, { topicArn: topic.arn, protocol: "email", endpoint: email });
      }
      topics[severity] = topic;
    }
    this.criticalTopic = topics.critical;
    this.warningTopic = topics.warning;
    this.topicArns = { critical: topics.critical.arn, warning: topics.warning.arn };
  }
}

function topicPolicy(topicArn: string, accountId: string, partition: string, root: string): PolicyStatement[] {
  return [
    {
      sid: "AccountManagesTopic",
      principals: { AWS: root },
      actions: ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"],
      resources: [topicArn],
    },
    servicePublishes("CloudWatchAlarmsPublish", PUBLISHERS.cloudwatch, topicArn, accountId, `arn:${partition}:cloudwatch:*:${accountId}:alarm:*`),
    servicePublishes("BudgetsPublish", PUBLISHERS.budgets, topicArn, accountId, `arn:${partition}:budgets::${accountId}:*`),
    {
      sid: "DenyInsecureTransport",
      effect: "Deny",
      principals: "*",
      actions: ["sns:Publish"],
      resources: [topicArn],
      conditions: { Bool: { "aws:SecureTransport": "false" } },
    },
  ];
}

/** A service may publish on behalf of this account only (aws:SourceAccount and aws:SourceArn: no confused deputy). */
function servicePublishes(sid: string, service: string, topicArn: string, accountId: string, sourceArn: string): PolicyStatement {
  return {
    sid,
    principals: { Service: service },
    actions: ["sns:Publish"],
    resources: [topicArn],
    conditions: { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": sourceArn } },
  };
}
