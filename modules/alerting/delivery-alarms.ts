/**
 * The alert path watched: a tier's notifications that SNS could not deliver
 * (NumberOfNotificationsFailed of its topic) and, where it pages, the paging
 * subscription's dead-letter queue. One alarm per tier, on ANOTHER tier's
 * topic: a failing pager cannot report its own failure.
 */
import type { Construct } from "constructs";
import { createAlarm, type MonitoringAlarm } from "../common/alarm-factory";
import { metric, type MetricSpec } from "../common/metrics";
import { TIERS, type AlertTier } from "../common/tiers";

/** Which tier hears of another's delivery failures, in order of preference: the pager's failures go to chat and email, the others' to the pager. */
const WATCHED_BY: Readonly<Record<AlertTier, readonly AlertTier[]>> = {
  critical: ["warning", "business"],
  warning: ["critical", "business"],
  business: ["warning", "critical"],
};

export interface WatchedTier {
  readonly tier: AlertTier;
  /** The topic's name, the TopicName dimension of its SNS metrics. */
  readonly topicName: string;
  /** The alarm's name before the naming prefix and suffix (createAlarm adds them): `<topic's base name>-delivery-failures`. */
  readonly alarmBaseName: string;
  /** The paging subscription's dead-letter queue, if the tier pages. */
  readonly pagingDeadLetterQueueName?: string;
}

/**
 * One alarm per watched tier, notifying the first other tier anyone hears on another topic (a tier with
 * `sameAs` shares the watched one's and cannot report its failure); none where no such tier exists.
 */
export function deliveryAlarms(
  scope: Construct,
  watched: readonly WatchedTier[],
  topicArns: { readonly [T in AlertTier]?: string },
  subscribed: Readonly<Record<AlertTier, boolean>>,
  runbookUrl?: string,
): MonitoringAlarm[] {
  return watched.flatMap((w) => {
    const watcher = WATCHED_BY[w.tier].find((tier) => subscribed[tier] && TIERS.includes(tier) && topicArns[tier] !== topicArns[w.tier]);
    if (watcher === undefined) return [];
    const usingMetrics: Record<string, MetricSpec> = { failed: metric("AWS/SNS", "NumberOfNotificationsFailed", { TopicName: w.topicName }, "Sum", "Notifications failed") };
    if (w.pagingDeadLetterQueueName) usingMetrics.deadletters = metric("AWS/SQS", "NumberOfMessagesSent", { QueueName: w.pagingDeadLetterQueueName }, "Sum", "Pages dead-lettered");
    const expression = Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(" + ");
    // New arrivals, not messages waiting: a queue not yet redriven would hold the alarm in ALARM, and the next failed page would tell nobody.
    const what = w.pagingDeadLetterQueueName ? `notifications SNS could not deliver, or pages sent to ${w.pagingDeadLetterQueueName}` : "notifications SNS could not deliver";
    return [
      createAlarm(scope, `${w.tier}-delivery-failures`, {
        alarmName: w.alarmBaseName,
        description: `[${watcher.toUpperCase()}] The ${w.tier} tier's alerts are not arriving: ${what} (topic ${w.topicName}), in 1 of 1 periods of 300 s. Told to the ${watcher} tier, never to the failing one. Check the subscription's endpoint and redrive the dead-letter queue.${runbookUrl ? ` Runbook: ${runbookUrl}` : ""}`,
        severity: watcher,
        metric: { expression, label: "Undelivered notifications", usingMetrics },
        comparison: "GreaterThanThreshold",
        // SQS publishes every 5 minutes; SNS counts a failure once its retries are spent.
        threshold: { threshold: 0, evaluationPeriods: 1, periodSeconds: 300 },
        actions: [topicArns[watcher]!],
        segment: "alerting",
        kind: "delivery-failures",
      }),
    ];
  });
}
