/**
 * What a stack needs to know about where the estate places it
 * (environments/estate.ts): the role its provider assumes, its state file,
 * and the label that makes every alarm say its account and region.
 */
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import { Aspects, type IAspect } from "cdktf";
import type { IConstruct } from "constructs";
import { AWS_LIMITS, InvalidPropsError } from "@serverless-monitoring/constructs";

export interface StackPlacement {
  /** The role the stack's provider assumes. @default the deploy's own credentials */
  readonly roleArn?: string;
  /** The state file's path under the key prefix, e.g. `dev/111122223333/eu-west-1`. */
  readonly statePath: string;
  /** The region of the state bucket (one per environment, whatever region a stack deploys to). */
  readonly stateRegion: string;
  /** Put before every alarm's description, e.g. `[111122223333 eu-west-1] `. @default no label */
  readonly alarmLabel?: string;
}

/** The one session name every assumed role shows in CloudTrail, so a deploy is recognisable there. */
export const DEPLOY_SESSION_NAME = "serverless-monitoring-deploy";

/** The provider's assume_role block for a role, or nothing without one. */
export function assumeRoleOf(roleArn: string | undefined): Pick<AwsProviderConfig, "assumeRole"> {
  return roleArn ? { assumeRole: [{ roleArn, sessionName: DEPLOY_SESSION_NAME }] } : {};
}

/**
 * Prefixes every alarm description in `scope` with `label`. An alarm's SNS notification carries its
 * description (AlarmDescription), and the chat and pager channels show it first: a responder reads the
 * account and region before anything else. Alarm names are left alone, so adding the label never replaces
 * an alarm (a renamed alarm is a new alarm, its history lost).
 */
export function labelAlarms(scope: IConstruct, label: string): void {
  Aspects.of(scope).add(new AlarmLabel(label));
}

class AlarmLabel implements IAspect {
  constructor(private readonly label: string) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CloudwatchMetricAlarm || node instanceof CloudwatchCompositeAlarm)) return;
    const description = node.alarmDescriptionInput ?? "";
    if (description.startsWith(this.label)) return; // aspects may visit a node more than once
    const labelled = `${this.label}${description}`;
    if (labelled.length > AWS_LIMITS.cloudwatch.alarmDescriptionMaxLength) {
      throw new InvalidPropsError("labelAlarms", `alarm ${node.alarmNameInput ?? node.node.path} description`, labelled.slice(0, 80) + "...", `at most ${AWS_LIMITS.cloudwatch.alarmDescriptionMaxLength} characters with the label "${this.label}" (shorten the runbook URL or the alarm's description)`);
    }
    node.alarmDescription = labelled;
  }
}
