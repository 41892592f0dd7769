/**
 * What every monitoring segment offers, in the style of
 * cdk-monitoring-constructs: one segment per monitored resource, owning its
 * alarms (each knows its segment and its threshold line) and its dashboard
 * graphs. Dashboards are composed from segments and page by segment.
 */
import type { MonitoringAlarm } from "../common/alarm-factory";
import type { JsonValue } from "../dashboard/template-renderer";

/** The pages of the operations dashboard, in order; a segment names the page it belongs on. */
export const DASHBOARD_PAGES = {
  lambda: { title: "Lambda", nameSuffix: "" },
  api: { title: "API Gateway", nameSuffix: "-api" },
  dynamodb: { title: "DynamoDB", nameSuffix: "-dynamodb" },
  sqs: { title: "SQS", nameSuffix: "-sqs" },
  business: { title: "Business", nameSuffix: "-business" },
  // Issue 28's service segments: Step Functions, EventBridge, SNS, Kinesis and Firehose share one page; S3 request metrics have their own.
  integration: { title: "Workflows, events and streams", nameSuffix: "-integration" },
  s3: { title: "S3", nameSuffix: "-s3" },
  database: { title: "Databases and caches", nameSuffix: "-database" },
  custom: { title: "Custom metrics", nameSuffix: "-custom" },
} as const;
/** A page of the operations dashboard. */
export type DashboardPage = keyof typeof DASHBOARD_PAGES;

/**
 * A dashboard segment owning its alarms and graphs: what every segment of the
 * library implements, and what a segment of the team's own implements for
 * {@link ServerlessMonitoring.addSegment} (see examples/custom-segment.ts).
 */
export interface MonitoringSegment {
  /** Unique within a facade, e.g. `lambda:user-service-dev`; every alarm of the segment carries it. */
  readonly id: string;
  /** The dashboard page the segment's widgets go on. */
  readonly page: DashboardPage;
  /** Heading of the segment's graphs, e.g. the function name. */
  readonly title: string;
  /** The segment's alarms. */
  readonly alarms: readonly MonitoringAlarm[];
  /** Lambda segments: the function, counted in the page's 24 h totals. @default not counted */
  readonly functionName?: string;
  /** A segment that belongs with a function's Lambda segment (error capture): it joins that function's page. @default none */
  readonly companionOf?: string;
  /** The segment's graphs, rendered from JSON templates, each drawing its alarms' threshold lines. */
  widgets(region: string): JsonValue[];
}
