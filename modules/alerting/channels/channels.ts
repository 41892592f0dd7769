import type { AlertTier } from "../../common/tiers";

/**
 * The channels a tier's topic can deliver to. Each channel binds to one
 * tier's topic; any combination per tier. Secrets (a paging endpoint with its
 * integration key) are read at plan time, never written in the repository or
 * the synthesized JSON.
 */
export interface PagingEndpoint {
  /** A SecureString SSM parameter holding the HTTPS endpoint (PagerDuty, Opsgenie). @default none: give `secretsManagerSecret` instead */
  readonly ssmParameter?: string;
  /** A Secrets Manager secret whose value is the endpoint. @default none: give `ssmParameter` instead */
  readonly secretsManagerSecret?: string;
}

/** A Slack channel that receives a tier's alerts through AWS Chatbot; the workspace must be authorised for AWS Chatbot in the console first. */
export interface SlackChannel {
  /** The workspace (team) id AWS Chatbot was authorised for in the console, e.g. T0123ABCD. */
  readonly workspaceId: string;
  /** The Slack channel id, e.g. `C0123ABCD`. */
  readonly channelId: string;
}

/** A Microsoft Teams channel that receives a tier's alerts through AWS Chatbot; the team must be authorised for AWS Chatbot in the console first. */
export interface TeamsChannel {
  /** The Microsoft Entra tenant id. */
  readonly tenantId: string;
  /** The Microsoft Teams team id. */
  readonly teamId: string;
  /** The Microsoft Teams channel id. */
  readonly channelId: string;
}

/** Where one tier's alerts go: any combination of email, SMS, a paging endpoint, Slack, Teams and a Lambda action, on a topic of ours or an existing one, or the same as another tier. */
export interface TierChannels {
  /**
   * Email addresses subscribed to the tier's topic; each must confirm the subscription from the email AWS sends.
   * @default none
   */
  readonly emails?: readonly string[];
  /** E.164 numbers. @default none */
  readonly sms?: readonly string[];
  /**
   * A paging service's HTTPS endpoint (PagerDuty, Opsgenie), read at plan time from SSM or Secrets Manager and subscribed to the tier's topic.
   * @default none
   */
  readonly paging?: PagingEndpoint;
  /** Through AWS Chatbot. @default none */
  readonly slack?: SlackChannel;
  /** Through AWS Chatbot. @default none */
  readonly teams?: TeamsChannel;
  /** A runbook-automation Lambda the tier's alarms invoke directly. @default none */
  readonly lambdaActionArn?: string;
  /** A topic the team already has, used instead of creating one. @default a topic of ours */
  readonly existingTopicArn?: string;
  /**
   * Deliver this tier's alerts on another tier's topic, and so to its channels, instead of a topic of
   * its own (none is created), e.g. `critical: { sameAs: "warning" }` where an environment does not page.
   * Alone: the channels are the other tier's. @default a topic of its own
   */
  readonly sameAs?: AlertTier;
  /**
   * `true`: the tier has no channel in this environment, on purpose. No topic is created; its alarms
   * (`Alerting.alarmActions` gives `false`) notify nobody and show on the dashboard. Alone. @default false
   */
  readonly noChannel?: true;
}
