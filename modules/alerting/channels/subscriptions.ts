import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import type { Construct } from "constructs";
import { policyDocument } from "../../common/iam";
import { AWS_PATTERNS } from "../../common/aws-rules";
import { InvalidPropsError, requireMatch } from "../../common/validation";
import type { AlertTier } from "../../common/tiers";
import type { PagingEndpoint } from "./channels";

/** Email: each address confirms the subscription AWS sends. The address is the id, so reordering never re-creates one. */
export function subscribeEmails(scope: Construct, tier: AlertTier, topicArn: string, emails: readonly string[]): void {
  requireDistinct(tier, "emails", emails, "an address");
  for (const [i, email] of emails.entries()) {
    requireMatch("Alerting", `channels.${tier}.emails[${i}]`, email, /^[^@\s]+@[^@\s]+\.[^@\s]+$/, "an email address");
    new SnsTopicSubscription(scope, `${tier}-email-${email}`, { topicArn, protocol: "email", endpoint: email });
  }
}

/** SMS: for whoever must be reached away from a screen. */
export function subscribeSms(scope: Construct, tier: AlertTier, topicArn: string, numbers: readonly string[]): void {
  requireDistinct(tier, "sms", numbers, "a number");
  for (const [i, number] of numbers.entries()) {
    requireMatch("Alerting", `channels.${tier}.sms[${i}]`, number, AWS_PATTERNS.phoneNumber.pattern, AWS_PATTERNS.phoneNumber.allowed);
    new SnsTopicSubscription(scope, `${tier}-sms-${number}`, { topicArn, protocol: "sms", endpoint: number });
  }
}

/** The endpoint is the subscription's id: the same one twice (in any case) would be one subscription made twice. */
function requireDistinct(tier: AlertTier, field: "emails" | "sms", endpoints: readonly string[], what: string): void {
  const seen = new Map<string, number>();
  endpoints.forEach((endpoint, i) => {
    const key = endpoint.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) throw new InvalidPropsError("Alerting", `channels.${tier}.${field}[${i}]`, endpoint, `${what} not already in channels.${tier}.${field} (it is [${first}])`);
    seen.set(key, i);
  });
}

/** How SNS retries a paging endpoint: quickly at first, for about 20 minutes, then the message goes to the dead-letter queue. */
const PAGING_DELIVERY_POLICY = {
  healthyRetryPolicy: { numRetries: 20, numNoDelayRetries: 2, minDelayTarget: 5, maxDelayTarget: 120, numMinDelayRetries: 3, numMaxDelayRetries: 10, backoffFunction: "exponential" },
  throttlePolicy: { maxReceivesPerSecond: 10 },
};

/**
 * HTTPS to a paging service. The endpoint (it carries the integration key)
 * is read from SSM or Secrets Manager when Terraform plans: the repository and
 * the synthesized JSON hold only the parameter's name. Undeliverable alerts
 * go to the subscription's own encrypted dead-letter queue.
 */
export function subscribePaging(scope: Construct, tier: AlertTier, topicArn: string, paging: PagingEndpoint, names: { readonly queueName: string }): SqsQueue {
  const where = "Alerting";
  const endpoint = pagingEndpoint(scope, tier, paging, where);
  const dlq = new SqsQueue(scope, `${tier}-paging-dlq`, { name: names.queueName, sqsManagedSseEnabled: true, messageRetentionSeconds: 14 * 24 * 3600 });
  new SqsQueuePolicy(scope, `${tier}-paging-dlq-policy`, {
    queueUrl: dlq.url,
    policy: policyDocument([
      {
        sid: "TopicDeadLettersOnly",
        principals: { Service: "sns.amazonaws.com" },
        actions: ["sqs:SendMessage"],
        resources: [dlq.arn],
        conditions: { ArnEquals: { "aws:SourceArn": topicArn } },
      },
    ]),
  });
  new SnsTopicSubscription(scope, `${tier}-paging`, {
    topicArn,
    protocol: "https",
    endpoint,
    // PagerDuty and Opsgenie confirm SNS subscriptions themselves.
    endpointAutoConfirms: true,
    deliveryPolicy: JSON.stringify(PAGING_DELIVERY_POLICY),
    redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }),
  });
  return dlq;
}

function pagingEndpoint(scope: Construct, tier: AlertTier, paging: PagingEndpoint, where: string): string {
  if ((paging.ssmParameter === undefined) === (paging.secretsManagerSecret === undefined)) {
    throw new InvalidPropsError(where, `channels.${tier}.paging`, paging, "exactly one of ssmParameter and secretsManagerSecret");
  }
  if (paging.ssmParameter !== undefined) {
    requireMatch(where, `channels.${tier}.paging.ssmParameter`, paging.ssmParameter, AWS_PATTERNS.ssmParameterName.pattern, AWS_PATTERNS.ssmParameterName.allowed);
    return new DataAwsSsmParameter(scope, `${tier}-paging-endpoint`, { name: paging.ssmParameter, withDecryption: true }).value;
  }
  requireMatch(where, `channels.${tier}.paging.secretsManagerSecret`, paging.secretsManagerSecret!, AWS_PATTERNS.secretsManagerSecret.pattern, AWS_PATTERNS.secretsManagerSecret.allowed);
  return new DataAwsSecretsmanagerSecretVersion(scope, `${tier}-paging-endpoint`, { secretId: paging.secretsManagerSecret! }).secretString;
}
