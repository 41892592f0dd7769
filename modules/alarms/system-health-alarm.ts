import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { MonitoringAlarm } from "../common/alarm-factory";
import { AWS_LIMITS } from "../common/aws-limits";
import { InvalidPropsError } from "../common/validation";

export interface SystemHealthAlarmProps {
  /** e.g. `system-health-dev`. */
  readonly alarmName: string;
  /** The alarms whose any ALARM makes the system unhealthy, usually the critical tier. */
  readonly alarms: readonly MonitoringAlarm[];
  /** Notified on ALARM and OK of the composite (its parts notify their own topics). */
  readonly topicArn: string;
}

/**
 * One composite alarm that is in ALARM when any of the given alarms is.
 *
 * A composite rule may reference at most 100 alarms, so beyond that the
 * alarms are grouped into part alarms (`<name>-part-1`, ...) without actions,
 * and the top alarm combines the parts.
 */
export class SystemHealthAlarm extends Construct {
  readonly alarm: CloudwatchCompositeAlarm;
  readonly alarmName: string;
  /** The composite as an alarm of no segment, for a dashboard's alarm status. */
  readonly monitoringAlarm: MonitoringAlarm;

  constructor(scope: Construct, id: string, props: SystemHealthAlarmProps) {
    super(scope, id);
    if (props.alarms.length === 0) {
      throw new InvalidPropsError(`SystemHealthAlarm "${props.alarmName}"`, "alarms", [], "at least one alarm (configure a critical tier for at least one alarm)");
    }
    this.alarmName = props.alarmName;
    // Rules name their alarms literally (readable in a plan), so the ordering is made explicit with dependsOn.
    const groups = chunk(props.alarms, AWS_LIMITS.cloudwatch.maxAlarmsPerCompositeRule);
    const members: readonly { alarmName: string; resource: ITerraformDependable }[] =
      groups.length === 1
        ? groups[0]!
        : groups.map((group, i) => {
            const partName = `${props.alarmName}-part-${i + 1}`;
            const part = new CloudwatchCompositeAlarm(this, `part-${i + 1}`, {
              alarmName: partName,
              alarmDescription: `Part ${i + 1} of ${groups.length} of ${props.alarmName}; notifies through it.`,
              alarmRule: anyInAlarm(group, partName),
              dependsOn: group.map((a) => a.resource),
            });
            return { alarmName: partName, resource: part };
          });
    if (members.length > AWS_LIMITS.cloudwatch.maxAlarmsPerCompositeRule) {
      throw new InvalidPropsError(`SystemHealthAlarm "${props.alarmName}"`, "alarms", props.alarms.length, "at most 10,000 alarms (100 parts of 100)");
    }
    this.alarm = new CloudwatchCompositeAlarm(this, "Alarm", {
      alarmName: props.alarmName,
      alarmDescription: `[CRITICAL] In ALARM while any of ${props.alarms.length} critical alarms is in ALARM.`,
      alarmRule: anyInAlarm(members, props.alarmName),
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
      dependsOn: members.map((m) => m.resource),
    });
    this.monitoringAlarm = { alarmName: props.alarmName, severity: "critical", arn: this.alarm.arn, resource: this.alarm, segment: "composite", kind: "system-health" };
  }
}

function anyInAlarm(alarms: readonly { alarmName: string }[], ruleOwner: string): string {
  const rule = alarms.map((a) => `ALARM("${a.alarmName}")`).join(" OR ");
  if (rule.length > AWS_LIMITS.cloudwatch.maxCompositeRuleLength) {
    throw new InvalidPropsError(`SystemHealthAlarm "${ruleOwner}"`, "alarm rule length", rule.length, `at most ${AWS_LIMITS.cloudwatch.maxCompositeRuleLength} characters; use shorter alarm names`);
  }
  return rule;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
