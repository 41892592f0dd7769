import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { AlarmTopics, MonitoringAlarm } from "../../common/alarm-factory";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { createKindAlarms, type AlarmKinds, type KindThresholds, type AlarmLinks } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { DynamoDbMetrics } from "./dynamodb-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the account-wide DynamoDB segment can alarm on: `userErrors`, the requests of the whole account and region DynamoDB rejected with HTTP 400 (bad parameters, a missing table, a bad signature), counted per period.
 */
export type DynamoDbAccountAlarmKind = "userErrors";
/** The account-wide DynamoDB thresholds: per {@link DynamoDbAccountAlarmKind}, a threshold per tier, or `false` for none. */
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
  /** The segment's id, `dynamodb:account`: unique within a facade, and carried by every alarm of the segment. */
  readonly id = "dynamodb:account";
  /** Always `dynamodb`: the segment's graphs go on the "DynamoDB" page of the operations dashboard. */
  readonly page = "dynamodb" as const;
  /** Heading of the segment's graphs: `DynamoDB account`. */
  readonly title = "DynamoDB account";
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];

  constructor(scope: Construct, props: { readonly alarmNamePrefix: string; readonly topics: AlarmTopics; readonly thresholds: DynamoDbAccountThresholds; readonly links?: AlarmLinks }) {
    requireNoTemplateSequences("DynamoDbAccountMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("DynamoDbAccountMonitoring", "DynamoDbAccountMonitoring", { props });
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

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    return [graphWidget(region, { title: "Account: user errors", metrics: [DynamoDbMetrics.userErrors()], alarms: this.alarms, alarmKinds: ["user-errors"] })];
  }
}
