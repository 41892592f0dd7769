import { requireNoTemplateSequences } from "../common/terraform-strings";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { MonitoringAlarm, TierActions } from "../common/alarm-factory";
import { deliveryAlarms, type WatchedTier } from "./delivery-alarms";
import { ALERT_TIERS, TIERS, isAlertTier, type AlertTier, type Tiered } from "../common/tiers";
import type { TierChannels } from "./channels/channels";
import { chatbotRole, slackChannel, teamsChannel } from "./channels/chatbot";
import { allowAlarmsToInvoke } from "./channels/lambda-action";
import { subscribeEmails, subscribePaging, subscribeSms } from "./channels/subscriptions";
import { policyDocument, type PolicyStatement } from "../common/iam";
import { NAMING_CONTEXT_KEY, physicalName, requireNaming, resourceName, type NamingOptions } from "../common/naming";
import { isReference, requireLink, requireName, requireRegion } from "../common/prop-checks";
import { AWS_PATTERNS } from "../common/aws-rules";
import { InvalidPropsError, requireMatch } from "../common/validation";
import { requireKnownProps } from "../common/known-props";

/** Props of {@link Alerting}: the environment and account, each tier's channels, and the topics' names and delivery watch. */
export interface AlertingProps {
  /** The environment, e.g. `production`: part of every topic and key name. */
  readonly environment: string;
  /** The account the alarms and budgets run in: topic and key policies admit only it. */
  readonly accountId: string;
  /**
   * The AWS partition of the account, in the ARNs of the topic and key policies: `aws`, `aws-cn` or `aws-us-gov`.
   * @default "aws"
   */
  readonly partition?: string;
  /** Where each tier's alerts go: email, SMS, paging, Slack, Teams, a Lambda action, or a topic the team already has. @default no channel */
  readonly channels?: Tiered<TierChannels>;
  /**
   * The region of the stack's alarms: an existing topic or a Lambda action in another region is refused
   * (CloudWatch alarms act only in their own region). @default not checked
   */
  readonly region?: string;
  /** Topic names are `<namePrefix>-<tier's topicSuffix>-<env>`: `-alerts-` (critical), `-warnings-`, `-business-`. @default "monitoring" */
  readonly namePrefix?: string;
  /** Alarm on each tier's undelivered notifications (and its paging dead-letter queue) on another tier's topic. @default true */
  readonly watchDelivery?: boolean;
  /** The runbook section the delivery-failure alarms' descriptions link. @default no link */
  readonly deliveryRunbookUrl?: string;
  /** A prefix or suffix for every name made here (topics, key alias, Chatbot, paging queues, delivery alarms), for environments that share an account. @default the naming in force (see useNaming), else none */
  readonly naming?: NamingOptions;
}

/** A name made by Alerting: `<base>-<environment>`, with the naming's prefix and suffix. */
function named(scope: Construct, base: string, environment: string): string {
  return physicalName(scope, resourceName(base, environment));
}

/** The AWS services that publish to the alert topics (Cost Explorer's anomaly alerts to the business tier's). */
const PUBLISHERS = { cloudwatch: "cloudwatch.amazonaws.com", budgets: "budgets.amazonaws.com", costAnomalies: "costalerts.amazonaws.com" } as const;

/**
 * One SNS topic per alert tier (critical, warning, business), encrypted with a customer-managed KMS key.
 *
 * Not `alias/aws/sns`: CloudWatch cannot use the AWS-managed key, and alarm
 * notifications to a topic encrypted with it are dropped without an error.
 * The key policy lets CloudWatch and Budgets use the key for this account
 * only. (Do not copy the aws:SourceAccount condition onto an EventBridge
 * grant: EventBridge's KMS requests do not carry it.)
 */
export class Alerting extends Construct {
  /** The key of the topics created here; none when every tier uses an existing topic. */
  readonly key?: KmsKey;
  /** The topics created here, by tier (none for a tier given an existing topic). */
  readonly topics: Tiered<SnsTopic>;
  /**
   * Topic ARN per tier, created or existing; a tier with `sameAs` has the other tier's. Reading the ARN
   * of a tier with `noChannel` is an error naming it (it has none): pass `alarmActions` as the topics.
   */
  readonly topicArns: Readonly<Record<AlertTier, string>>;
  /** What each tier's alarms do: notify its topic, and invoke its Lambda action if it has one; `false` for a tier with `noChannel`. For the alarm factory. */
  readonly alarmActions: Readonly<Record<AlertTier, TierActions | false>>;
  /** The tiers that go without a channel on purpose (`noChannel`), for requireAlertPaths. */
  readonly noChannel: readonly AlertTier[];
  /** Whether anyone hears each tier: a subscriber or chat channel of ours, or the team's existing topic. */
  readonly subscribed: Readonly<Record<AlertTier, boolean>>;
  /** The alarms on undelivered notifications, each on another tier's topic (see watchDelivery). */
  readonly deliveryAlarms: readonly MonitoringAlarm[];

  constructor(scope: Construct, id: string, props: AlertingProps) {
    super(scope, id);
    requireNoTemplateSequences("Alerting", props, ["deliveryRunbookUrl"]);
    requireKnownProps("Alerting", "Alerting", { props });
    requireNaming("Alerting", "naming", props.naming);
    if (props.naming !== undefined) this.node.setContext(NAMING_CONTEXT_KEY, props.naming);
    requireName("Alerting", "environment", props.environment, { max: 64, pattern: { pattern: /^[A-Za-z0-9_-]{1,64}$/, allowed: "1-64 letters, digits, _ or -" } });
    // The account may be a reference (the caller identity's account id): Terraform knows it at plan time.
    if (!isReference(props.accountId)) requireName("Alerting", "accountId", props.accountId, { pattern: { pattern: /^\d{12}$/, allowed: "a 12-digit AWS account id" } });
    if (props.region !== undefined) requireRegion("Alerting", "region", props.region);
    requireLink("Alerting", "deliveryRunbookUrl", props.deliveryRunbookUrl);
    const partition = props.partition ?? "aws";
    const prefix = props.namePrefix ?? "monitoring";
    requireMatch("Alerting", "namePrefix", prefix, /^[a-zA-Z0-9_-]{1,200}$/, "letters, digits, _ or -");
    const root = `arn:${partition}:iam::${props.accountId}:root`;

    requireKnownChannels(props.channels);
    const routes = tierRoutes(props.channels);

    const creates = TIERS.some((tier) => routes[tier] === "own" && props.channels?.[tier]?.existingTopicArn === undefined);
    if (creates) this.key = this.createKey(props, prefix, root);

    const topics: { [T in AlertTier]?: SnsTopic } = {};
    const arns: { [T in AlertTier]?: string } = {};
    const actions = {} as Record<AlertTier, TierActions | false>;
    const subscribed = {} as Record<AlertTier, boolean>;
    const watched: WatchedTier[] = [];
    const chat = TIERS.some((tier) => props.channels?.[tier]?.slack || props.channels?.[tier]?.teams) ? chatbotRole(this, named(this, `${prefix}-chatbot`, props.environment), partition) : undefined;
    for (const severity of TIERS.filter((tier) => routes[tier] === "own")) {
      const channels = props.channels?.[severity] ?? {};
      const existing = channels.existingTopicArn;
      let topicArn: string;
      if (existing !== undefined) {
        requireMatch("Alerting", `channels.${severity}.existingTopicArn`, existing, AWS_PATTERNS.snsTopicArn.pattern, AWS_PATTERNS.snsTopicArn.allowed);
        requireSameRegion(`channels.${severity}.existingTopicArn`, existing, props.region);
        topicArn = existing;
      } else {
        const topic = this.createTopic(severity, prefix, props, partition, root);
        topics[severity] = topic;
        topicArn = topic.arn;
      }
      arns[severity] = topicArn;
      subscribeEmails(this, severity, topicArn, channels.emails ?? []);
      subscribeSms(this, severity, topicArn, channels.sms ?? []);
      const pagingDlq = named(this, `${prefix}-${severity}-paging-dlq`, props.environment);
      if (channels.paging) subscribePaging(this, severity, topicArn, channels.paging, { queueName: pagingDlq });
      subscribed[severity] = existing !== undefined || [channels.emails?.length, channels.sms?.length].some((n) => (n ?? 0) > 0) || [channels.paging, channels.slack, channels.teams].some((c) => c !== undefined);
      // Our topics with someone to deliver to: a topic nobody subscribes to cannot fail a delivery.
      if (existing === undefined && subscribed[severity]) {
        const topicBase = resourceName(`${prefix}-${ALERT_TIERS[severity].topicSuffix}`, props.environment);
        // The alarm takes the naming from createAlarm, so its name starts from the topic's unprefixed name.
        watched.push({ tier: severity, topicName: physicalName(this, topicBase), alarmBaseName: `${topicBase}-delivery-failures`, ...(channels.paging ? { pagingDeadLetterQueueName: pagingDlq } : {}) });
      }
      if (channels.slack) slackChannel(this, severity, topicArn, channels.slack, chat!, named(this, `${prefix}-${severity}-slack`, props.environment));
      if (channels.teams) teamsChannel(this, severity, topicArn, channels.teams, chat!, named(this, `${prefix}-${severity}-teams`, props.environment));
      actions[severity] = topicArn;
      if (channels.lambdaActionArn) {
        requireSameRegion(`channels.${severity}.lambdaActionArn`, channels.lambdaActionArn, props.region);
        requireSameAccount(`channels.${severity}.lambdaActionArn`, channels.lambdaActionArn, props.accountId);
        allowAlarmsToInvoke(this, severity, channels.lambdaActionArn, { accountId: props.accountId, partition });
        actions[severity] = { topicArn, onAlarm: [channels.lambdaActionArn] };
      }
    }
    for (const severity of TIERS) {
      const route = routes[severity];
      if (route === "own") continue;
      if (route === "none") {
        actions[severity] = false;
        subscribed[severity] = false;
        continue;
      }
      // The other tier's topic and so its channels; not its Lambda action, which is that tier's runbook.
      arns[severity] = arns[route]!;
      actions[severity] = arns[route]!;
      subscribed[severity] = subscribed[route];
    }
    this.noChannel = TIERS.filter((tier) => routes[tier] === "none");
    this.topics = topics;
    this.topicArns = topicArnsOf(arns, this.noChannel);
    this.alarmActions = actions;
    this.subscribed = subscribed;
    this.deliveryAlarms = props.watchDelivery === false ? [] : deliveryAlarms(this, watched, arns, subscribed, props.deliveryRunbookUrl);
  }

  /** The customer-managed key of the topics: CloudWatch cannot use alias/aws/sns, and its notifications would be dropped. */
  private createKey(props: AlertingProps, prefix: string, root: string): KmsKey {
    const key = new KmsKey(this, "Key", {
      description: `Encrypts the ${props.environment} monitoring alert topics`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([
        // Without this statement nobody, not even the account, could manage the key again.
        { sid: "AccountAdministersKey", principals: { AWS: root }, actions: ["kms:*"], resources: ["*"] },
        {
          sid: "AlarmAndBudgetNotificationsUseKey",
          principals: { Service: [PUBLISHERS.cloudwatch, PUBLISHERS.budgets, PUBLISHERS.costAnomalies] },
          actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
          resources: ["*"],
          conditions: { StringEquals: { "aws:SourceAccount": props.accountId } },
        },
      ]),
    });
    new KmsAlias(this, "KeyAlias", { name: `alias/${named(this, `${prefix}-alerts`, props.environment)}`, targetKeyId: key.keyId });
    return key;
  }

  /** One tier's topic, on the key, with the policy that lets this account's CloudWatch and Budgets publish. */
  private createTopic(severity: AlertTier, prefix: string, props: AlertingProps, partition: string, root: string): SnsTopic {
    // The construct ids of the first two tiers predate the registry: `critical-topic`, `warning-topic`.
    const topic = new SnsTopic(this, `${severity}-topic`, { name: named(this, `${prefix}-${ALERT_TIERS[severity].topicSuffix}`, props.environment), kmsMasterKeyId: this.key!.arn });
    new SnsTopicPolicy(this, `${severity}-topic-policy`, { arn: topic.arn, policy: policyDocument(topicPolicy(topic.arn, props.accountId, partition, root)) });
    return topic;
  }
}

/** The fields of a tier's channels: any other is a misspelling that would route nothing. */
const CHANNEL_FIELDS: readonly (keyof TierChannels)[] = ["emails", "sms", "paging", "slack", "teams", "lambdaActionArn", "existingTopicArn", "sameAs", "noChannel"];

/** How a tier is routed: a topic of its own (created or existing), another tier's topic, or none. */
type TierRoute = "own" | "none" | AlertTier;

/**
 * Each tier's route, checked: `sameAs` names another tier that has a topic of its own (so no loop and
 * no chain), `noChannel` is `true`, and either stands alone (the channels are the other tier's, or none).
 */
function tierRoutes(channels: Tiered<TierChannels> | undefined): Record<AlertTier, TierRoute> {
  const routeOf = (tier: AlertTier): TierRoute => {
    const c = channels?.[tier];
    if (c?.noChannel !== undefined) return "none";
    return c?.sameAs ?? "own";
  };
  const routes = {} as Record<AlertTier, TierRoute>;
  for (const tier of TIERS) {
    const c = channels?.[tier] ?? {};
    const field = c.sameAs !== undefined ? "sameAs" : c.noChannel !== undefined ? "noChannel" : undefined;
    if (field !== undefined) {
      const others = Object.keys(c).filter((f) => f !== field);
      if (others.length > 0) throw new InvalidPropsError("Alerting", `channels.${tier}.${others[0]}`, (c as Record<string, unknown>)[others[0]!], `nothing beside ${field}: ${field === "sameAs" ? "the tier's alerts use the other tier's topic and channels" : "the tier has no channel"}`);
    }
    if (c.noChannel !== undefined && c.noChannel !== true) throw new InvalidPropsError("Alerting", `channels.${tier}.noChannel`, c.noChannel, "true (or leave it out)");
    const target = c.sameAs;
    if (target !== undefined) {
      const others = TIERS.filter((t) => t !== tier);
      if (typeof target !== "string" || !others.includes(target as AlertTier)) throw new InvalidPropsError("Alerting", `channels.${tier}.sameAs`, target, `another tier: ${others.join(", ")}`);
      const next = routeOf(target);
      if (next === tier) throw new InvalidPropsError("Alerting", `channels.${tier}.sameAs`, target, `a tier with a topic of its own: ${target} uses sameAs "${tier}" in turn, a loop in which neither has a topic`);
      if (next === "none") throw new InvalidPropsError("Alerting", `channels.${tier}.sameAs`, target, `a tier with a topic of its own: ${target} has noChannel; give this tier noChannel too if it should notify nobody`);
      if (next !== "own") throw new InvalidPropsError("Alerting", `channels.${tier}.sameAs`, target, `a tier with a topic of its own: ${target} uses sameAs "${next}" in turn; name "${next}" directly`);
    }
    routes[tier] = routeOf(tier);
  }
  return routes;
}

/** The tiers' ARNs; reading a tier's without a channel throws an error naming it rather than giving undefined to a string. */
function topicArnsOf(arns: { readonly [T in AlertTier]?: string }, noChannel: readonly AlertTier[]): Readonly<Record<AlertTier, string>> {
  const result = { ...arns } as Record<AlertTier, string>;
  for (const tier of noChannel) {
    // Not enumerable: spreading or listing the ARNs leaves the tier out instead of throwing.
    Object.defineProperty(result, tier, {
      enumerable: false,
      get: () => {
        throw new InvalidPropsError("Alerting", `channels.${tier}.noChannel`, true, `a channel for the ${tier} tier, since its topic ARN was asked for (Alerting.topicArns.${tier}); or pass Alerting.alarmActions as the alarms' topics, where the tier notifies nobody`);
      },
    });
  }
  return Object.freeze(result);
}

/** Tiers of the registry and channel fields only (own keys: `constructor` is neither), rather than channels that go nowhere. */
function requireKnownChannels(channels: Tiered<TierChannels> | undefined): void {
  for (const [tier, fields] of Object.entries(channels ?? {})) {
    if (!isAlertTier(tier)) throw new InvalidPropsError("Alerting", `channels.${tier}`, fields, `a tier: ${TIERS.join(", ")}`);
    for (const [field, value] of Object.entries(fields ?? {})) {
      if (!(CHANNEL_FIELDS as readonly string[]).includes(field)) throw new InvalidPropsError("Alerting", `channels.${tier}.${field}`, value, `one of ${CHANNEL_FIELDS.join(", ")}`);
      if ((field === "emails" || field === "sms") && value !== undefined && !Array.isArray(value)) throw new InvalidPropsError("Alerting", `channels.${tier}.${field}`, value, `a list of ${field === "emails" ? "email addresses" : "phone numbers"}`);
    }
  }
}

/** An ARN's region (its fourth field) must be the alarms' region, where that region is known at synth. */
function requireSameRegion(prop: string, arn: string, region: string | undefined): void {
  if (region === undefined || Token.isUnresolved(region) || Token.isUnresolved(arn)) return;
  const arnRegion = arn.split(":")[3];
  if (arnRegion !== region) {
    throw new InvalidPropsError("Alerting", prop, arn, `an ARN in ${region}, the alarms' region (this one is in ${arnRegion}): CloudWatch alarms act only on topics and functions in their own region`);
  }
}

/** CloudWatch invokes Lambda actions of its own account only, where the account is known at synth. */
function requireSameAccount(prop: string, arn: string, accountId: string): void {
  if (Token.isUnresolved(accountId) || Token.isUnresolved(arn)) return;
  const account = arn.split(":")[4];
  if (account !== accountId) {
    throw new InvalidPropsError("Alerting", prop, arn, `a function of account ${accountId}, the alarms' account (this one is of ${account}): CloudWatch alarms invoke Lambda actions of their own account only`);
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
    servicePublishes("CostAnomaliesPublish", PUBLISHERS.costAnomalies, topicArn, accountId, `arn:${partition}:ce::${accountId}:anomalysubscription/*`),
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
