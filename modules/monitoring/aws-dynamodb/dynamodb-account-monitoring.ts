import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { AlarmTopics, MonitoringAlarm } from "../../common/alarm-factory";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { createKindAlarms, type AlarmKinds, type KindThresholds, type AlarmLinks } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { DynamoDbMetrics } from "./dynamodb-metric-factory";

export type DynamoDbAccountAlarmKind = "userErrors";
export type DynamoDbAccountThresholds = KindThresholds<DynamoDbAccountAlarmKind>;

const KINDS: AlarmKinds<DynamoDbAccountAlarmKind, null> = {
  userErrors: {
    id: "user-errors",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: () => DynamoDbMetrics.userErrors(),
    condition: (t) => `${t} or more requests rejected as user errors (HTTP 400: bad parameters, missing table, bad signature)`,
  },
};

/** DynamoDB's UserErrors, which it reports for the whole account and region, not per table. */
export class DynamoDbAccountMonitoring implements MonitoringSegment {
  readonly id = "dynamodb:account";
  readonly page = "dynamodb" as const;
  readonly title = "DynamoDB account";
  readonly alarms: MonitoringAlarm[];

  constructor(scope: Construct, props: { readonly alarmNamePrefix: string; readonly topics: AlarmTopics; readonly thresholds: DynamoDbAccountThresholds; readonly links?: AlarmLinks }) {
    requireNoTemplateSequences("DynamoDbAccountMonitoring", props, SEGMENT_FREE_TEXT);
    this.alarms = createKindAlarms({
      scope,
      where: `DynamoDbAccountMonitoring "${props.alarmNamePrefix}"`,
      segment: this.id,
      subject: "DynamoDB in this account and region",
      alarmNamePrefix: props.alarmNamePrefix,
      nameField: "alarmNamePrefix",
      kinds: KINDS,
      resource: null,
      overrides: props.thresholds,
      topics: props.topics,
      links: props.links,
    });
  }

  widgets(region: string): JsonValue[] {
    return [graphWidget(region, { title: "Account: user errors", metrics: [DynamoDbMetrics.userErrors()], alarms: this.alarms, alarmKinds: ["user-errors"] })];
  }
}
