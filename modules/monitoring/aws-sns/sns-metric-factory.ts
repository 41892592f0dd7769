/** SNS's metrics, named after the official AWS/SNS metric names (dimension TopicName). Published every minute. */
import { metric, type MathExpressionSpec, type MetricSpec, type Statistic } from "../../common/metrics";

const topic = (topicName: string, metricName: string, statistic: Statistic, label: string): MetricSpec => metric("AWS/SNS", metricName, { TopicName: topicName }, statistic, label);

/** SNS's metrics of one topic (`AWS/SNS`, dimension `TopicName`), as the specs graphs and alarms read: published, delivered, failed, redriven and filtered out. */
export const SnsMetrics = {
  messagesPublished: (topicName: string) => topic(topicName, "NumberOfMessagesPublished", "Sum", "Published"),
  notificationsDelivered: (topicName: string) => topic(topicName, "NumberOfNotificationsDelivered", "Sum", "Delivered"),
  notificationsFailed: (topicName: string) => topic(topicName, "NumberOfNotificationsFailed", "Sum", "Failed"),
  notificationsRedrivenToDlq: (topicName: string) => topic(topicName, "NumberOfNotificationsRedrivenToDlq", "Sum", "Redriven to a DLQ"),
  notificationsFailedToRedriveToDlq: (topicName: string) => topic(topicName, "NumberOfNotificationsFailedToRedriveToDlq", "Sum", "Failed to redrive to a DLQ"),
  filteredOutInvalidAttributes: (topicName: string) => topic(topicName, "NumberOfNotificationsFilteredOut-InvalidAttributes", "Sum", "Filtered out: invalid attributes"),
  filteredOutInvalidMessageBody: (topicName: string) => topic(topicName, "NumberOfNotificationsFilteredOut-InvalidMessageBody", "Sum", "Filtered out: invalid message body"),
  /** Messages a subscription's filter policy could not be applied to, whether for their attributes or their body. */
  filteredOutInvalid: (topicName: string): MathExpressionSpec => ({
    expression: "SUM([attributes, body])",
    label: "Filtered out as invalid",
    usingMetrics: { attributes: SnsMetrics.filteredOutInvalidAttributes(topicName), body: SnsMetrics.filteredOutInvalidMessageBody(topicName) },
  }),
} as const;
