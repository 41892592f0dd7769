/** SQS's metrics, named after the official AWS/SQS metric names. SQS publishes them every 5 minutes. */
import { metric, type MetricSpec, type Statistic } from "../../common/metrics";

const sqs = (queueName: string, metricName: string, statistic: Statistic, label: string): MetricSpec => metric("AWS/SQS", metricName, { QueueName: queueName }, statistic, label);

export const SqsMetrics = {
  messagesVisible: (queueName: string) => sqs(queueName, "ApproximateNumberOfMessagesVisible", "Maximum", "Messages visible"),
  oldestMessageAgeSeconds: (queueName: string) => sqs(queueName, "ApproximateAgeOfOldestMessage", "Maximum", "Age of oldest message (s)"),
  messagesSent: (queueName: string) => sqs(queueName, "NumberOfMessagesSent", "Sum", "Messages sent"),
  messagesDeleted: (queueName: string) => sqs(queueName, "NumberOfMessagesDeleted", "Sum", "Messages deleted"),
} as const;
