import { Construct } from "constructs";
import { createSeverityAlarms, type AlarmTopics, type MonitoringAlarm, type SeverityThresholds } from "../common/alarm-factory";
import { DynamoDbMetrics } from "../common/metrics";
import { describe } from "./function-alarms";

export interface ErrorTableAlarmsProps {
  readonly tableName: string;
  readonly topics: AlarmTopics;
  /** Write throttle events on the table, alarming at >= threshold. @default no alarm */
  readonly throttles?: SeverityThresholds;
  /** DynamoDB system errors on PutItem, alarming at >= threshold. @default no alarm */
  readonly systemErrors?: SeverityThresholds;
}

/** Alarms on the error table itself: when it cannot take writes, failures stop being recorded. */
export class ErrorTableAlarms extends Construct {
  readonly alarms: MonitoringAlarm[];

  constructor(scope: Construct, id: string, props: ErrorTableAlarmsProps) {
    super(scope, id);
    this.alarms = [
      ...createSeverityAlarms(this, "throttles", {
        baseName: `${props.tableName}-write-throttles`,
        describe: (severity, t) => describe(severity, props.tableName, `${t.threshold} or more write throttle events`, t),
        metric: DynamoDbMetrics.writeThrottleEvents(props.tableName),
        comparison: "GreaterThanOrEqualToThreshold",
        thresholds: props.throttles,
        topics: props.topics,
      }),
      ...createSeverityAlarms(this, "system-errors", {
        baseName: `${props.tableName}-system-errors`,
        describe: (severity, t) => describe(severity, props.tableName, `${t.threshold} or more DynamoDB system errors on PutItem`, t),
        metric: DynamoDbMetrics.putItemSystemErrors(props.tableName),
        comparison: "GreaterThanOrEqualToThreshold",
        thresholds: props.systemErrors,
        topics: props.topics,
      }),
    ];
  }
}
