import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { physicalName, resourceName } from "../common/naming";
import { requireLink, requireName } from "../common/prop-checks";
import { AWS_LIMITS } from "../common/aws-limits";
import { terraformLiteral, requireNoTemplateSequences } from "../common/terraform-strings";
import { requireKnownProps } from "../common/known-props";
import { requireMaxLength } from "../common/validation";

/**
 * The metric a maintenance window is made of. `npm run maintenance` publishes
 * 1 for every minute of the window (CloudWatch takes data points up to two
 * hours ahead), and 0 for the minutes left when a window ends early; the
 * alarm reads the minute's Minimum, so an ended window reads 0.
 */
export const MAINTENANCE_METRIC = { namespace: "ServerlessMonitoring/Maintenance", metricName: "MaintenanceWindow", dimension: "Environment" } as const;
/** The suppressor alarm of an environment: the stack creates it, `npm run maintenance` reports on it. */
export function maintenanceAlarmName(environment: string): string {
  return resourceName("maintenance-window", environment);
}

/** CloudWatch accepts data points at most two hours ahead: the longest window one command can open. */
export const MAX_MAINTENANCE_WINDOW_MINUTES = 120;

/** Props of {@link MaintenanceWindowAlarm}. */
export interface MaintenanceWindowAlarmProps {
  /** The environment whose composite alarms the window silences; part of the alarm's name. */
  readonly environment: string;
  /** The runbook section its description links, e.g. `https://github.com/acme/monitoring/blob/main/docs/runbooks.md#runbook-composite-alarms`. @default no link */
  readonly runbookUrl?: string;
}

/**
 * The actions suppressor of the environment's composite alarms: in ALARM
 * during a maintenance window, silent itself (no actions), and back to OK
 * when the window's minutes run out, so alarms fire normally after it.
 */
export class MaintenanceWindowAlarm extends Construct {
  /** The suppressor alarm resource. */
  readonly alarm: CloudwatchMetricAlarm;
  /** The suppressor's name: composites name it as their actions suppressor, and `npm run maintenance` sets its state. */
  readonly alarmName: string;

  constructor(scope: Construct, id: string, props: MaintenanceWindowAlarmProps) {
    super(scope, id);
    requireNoTemplateSequences("MaintenanceWindowAlarm", props, ["runbookUrl"]);
    requireKnownProps("MaintenanceWindowAlarm", "MaintenanceWindowAlarm", { props });
    requireName("MaintenanceWindowAlarm", "environment", props.environment, { max: 64, pattern: { pattern: /^[A-Za-z0-9_-]{1,64}$/, allowed: "1-64 letters, digits, _ or -" } });
    requireLink("MaintenanceWindowAlarm", "runbookUrl", props.runbookUrl);
    this.alarmName = physicalName(this, maintenanceAlarmName(props.environment));
    const description = `Maintenance window of ${props.environment}: while in ALARM the composite alarms take no action. Opened and closed by npm run maintenance.${props.runbookUrl ? ` Runbook: ${props.runbookUrl}` : ""}`;
    requireMaxLength("MaintenanceWindowAlarm", "environment", props.environment, AWS_LIMITS.cloudwatch.alarmNameMaxLength - "maintenance-window-".length);
    requireMaxLength("MaintenanceWindowAlarm", "runbookUrl", props.runbookUrl ?? "", AWS_LIMITS.cloudwatch.alarmDescriptionMaxLength - (description.length - (props.runbookUrl ?? "").length));
    this.alarm = new CloudwatchMetricAlarm(this, "Alarm", {
      alarmName: this.alarmName,
      alarmDescription: terraformLiteral(description),
      namespace: MAINTENANCE_METRIC.namespace,
      metricName: MAINTENANCE_METRIC.metricName,
      dimensions: { [MAINTENANCE_METRIC.dimension]: props.environment },
      statistic: "Minimum",
      period: 60,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "notBreaching",
      actionsEnabled: false,
    });
  }
}
