import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { TerraformStack, type ITerraformDependable, type TerraformResource } from "cdktf";
import { Construct } from "constructs";
import type { MonitoringAlarm, Severity } from "../common/alarm-factory";
import { AWS_LIMITS } from "../common/aws-limits";
import { terraformLiteral, requireNoTemplateSequences } from "../common/terraform-strings";
import { requireKnownProps } from "../common/known-props";
import { InvalidPropsError, requireMaxLength } from "../common/validation";
import { AWS_PATTERNS } from "../common/aws-rules";
import { physicalName } from "../common/naming";
import { requireArn, requireLink, requireName, requireOneOf, requireUnique } from "../common/prop-checks";
import { TIERS } from "../common/tiers";

/** A composite alarm over other alarms: its name, what it covers, whom it tells and what silences it. */
export interface HealthAlarmProps {
  /** e.g. `system-health-dev`, `payment-health-production`. */
  readonly alarmName: string;
  /** What it watches, for the description, e.g. `payment system health`. @default the alarm name */
  readonly title?: string;
  /** The alarms whose any ALARM makes it unhealthy (metric alarms or other composites). */
  readonly alarms: readonly MonitoringAlarm[];
  /** Notified on ALARM and OK. The alarms it covers no longer notify this topic themselves (see notifyDirectly). */
  readonly topicArn: string;
  /** Names of covered alarms that keep notifying the topic themselves, for teams that want both. @default none */
  readonly notifyDirectly?: readonly string[];
  /** Linked from the description. @default no link */
  readonly dashboardUrl?: string;
  /** Linked from the description. @default no link */
  readonly runbookUrl?: string;
  /** Put before the description, e.g. the account and region `[111122223333 eu-west-1] `; the list of alarms shrinks to make room. @default none */
  readonly descriptionPrefix?: string;
  /** The tier it notifies for: its description's tag and its place on the dashboard. @default "critical" */
  readonly severity?: Severity;
  /** While this alarm is in ALARM (a maintenance window), the composite takes no action. @default none */
  readonly suppressor?: {
    readonly alarmName: string;
    readonly resource: ITerraformDependable;
    /** How long a change waits for the suppressor to go into ALARM. @default 120 */
    readonly waitSeconds?: number;
    /** How long actions stay suppressed after the suppressor leaves ALARM. @default 300 */
    readonly extensionSeconds?: number;
  };
}

/** How long the composite waits for the suppressor to go into ALARM, and keeps quiet after it leaves it. */
const SUPPRESSOR_WAIT_SECONDS = 120;
const SUPPRESSOR_EXTENSION_SECONDS = 300;

/**
 * A composite alarm in ALARM while any of its alarms is: one notification
 * per incident. The alarms it covers stop notifying its topic themselves
 * (unless listed in `notifyDirectly`), its description names them and links
 * the dashboard and runbook, and a maintenance window's suppressor alarm
 * silences it.
 *
 * A rule may reference at most 100 alarms, so beyond that the alarms are
 * grouped into part alarms (`<name>-part-1`, ...) without actions, and the top
 * alarm combines the parts.
 */
export class HealthAlarm extends Construct {
  /** The composite alarm resource. */
  readonly alarm: CloudwatchCompositeAlarm;
  /** The composite alarm's name, for rules and actions that refer to it. */
  readonly alarmName: string;
  /** The composite as an alarm of no segment: for a dashboard's alarm status, or another composite. */
  readonly monitoringAlarm: MonitoringAlarm;
  /** The alarms it covers (props.alarms). */
  readonly covers: readonly MonitoringAlarm[];

  constructor(scope: Construct, id: string, props: HealthAlarmProps) {
    super(scope, id);
    requireNoTemplateSequences("HealthAlarm", props, ["title", "dashboardUrl", "runbookUrl", "alarms", "suppressor.resource"]);
    requireKnownProps("HealthAlarm", "HealthAlarm", { props });
    const where = `HealthAlarm "${props.alarmName}"`;
    requireName(where, "alarmName", props.alarmName, { max: AWS_LIMITS.cloudwatch.alarmNameMaxLength });
    if (!Array.isArray(props.alarms)) throw new InvalidPropsError(where, "alarms", props.alarms, "a list of alarms (MonitoringAlarm, as segments and createAlarm return them)");
    if (props.alarms.length === 0) throw new InvalidPropsError(where, "alarms", [], `at least one alarm (configure a ${props.severity ?? "critical"} tier for at least one alarm)`);
    requireMaxLength(where, "alarmName", props.alarmName, AWS_LIMITS.cloudwatch.alarmNameMaxLength);
    checkComposite(this, where, props);
    const alarmName = physicalName(this, props.alarmName);
    this.alarmName = alarmName;
    this.covers = props.alarms;
    // Rules name their alarms literally (readable in a plan), so the ordering is made explicit with dependsOn.
    const groups = chunk(props.alarms, AWS_LIMITS.cloudwatch.maxAlarmsPerCompositeRule);
    const members: readonly { alarmName: string; resource: ITerraformDependable }[] =
      groups.length === 1
        ? groups[0]!
        : groups.map((group, i) => {
            const partName = `${alarmName}-part-${i + 1}`;
            const part = new CloudwatchCompositeAlarm(this, `part-${i + 1}`, {
              alarmName: partName,
              alarmDescription: `Part ${i + 1} of ${groups.length} of ${alarmName}; notifies through it.`,
              alarmRule: anyInAlarm(group, partName),
              dependsOn: group.map((a) => a.resource),
            });
            return { alarmName: partName, resource: part };
          });
    if (members.length > AWS_LIMITS.cloudwatch.maxAlarmsPerCompositeRule) {
      throw new InvalidPropsError(where, "alarms", props.alarms.length, "at most 10,000 alarms (100 parts of 100)");
    }
    this.alarm = new CloudwatchCompositeAlarm(this, "Alarm", {
      alarmName: alarmName,
      alarmDescription: terraformLiteral(describeComposite(props, alarmName)),
      alarmRule: anyInAlarm(members, alarmName),
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
      ...(props.suppressor
        ? {
            actionsSuppressor: {
              alarm: props.suppressor.alarmName,
              waitPeriod: props.suppressor.waitSeconds ?? SUPPRESSOR_WAIT_SECONDS,
              extensionPeriod: props.suppressor.extensionSeconds ?? SUPPRESSOR_EXTENSION_SECONDS,
            },
          }
        : {}),
      dependsOn: [...members.map((m) => m.resource), ...(props.suppressor ? [props.suppressor.resource] : [])],
    });
    this.monitoringAlarm = { alarmName: alarmName, severity: props.severity ?? "critical", arn: this.alarm.arn, resource: this.alarm, segment: "composite", kind: "health" };
    const keep = new Set(props.notifyDirectly ?? []);
    for (const alarm of props.alarms) if (!keep.has(alarm.alarmName)) stopNotifying(alarm, props.topicArn);
  }
}

/**
 * A composite's props: its topic, tier, links and title as CloudWatch takes
 * them, and every alarm it covers an alarm of this stack (a rule naming an
 * alarm that does not exist never fires), each once.
 */
const ALARM_TYPES = ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"];

function checkComposite(scope: Construct, where: string, props: HealthAlarmProps): void {
  requireArn(where, "topicArn", props.topicArn, AWS_PATTERNS.snsTopicArn);
  (props.notifyDirectly ?? []).forEach((arn, i) => requireArn(where, `notifyDirectly[${i}]`, arn, AWS_PATTERNS.snsTopicArn));
  if (props.severity !== undefined) requireOneOf(where, "severity", props.severity, TIERS);
  requireLink(where, "runbookUrl", props.runbookUrl);
  requireLink(where, "dashboardUrl", props.dashboardUrl);
  if (props.title !== undefined) requireName(where, "title", props.title, { max: 512 });
  const stack = TerraformStack.of(scope);
  props.alarms.forEach((alarm, i) => {
    // By type name, not instanceof: a consumer's second copy of the provider package makes the same resources.
    const resource = alarm?.resource as Partial<TerraformResource> | undefined;
    const real = resource instanceof Construct && ALARM_TYPES.includes((resource as Partial<TerraformResource>).terraformResourceType ?? "") && TerraformStack.of(resource) === stack;
    if (!real) throw new InvalidPropsError(where, `alarms[${i}]`, alarm?.alarmName, "an alarm made in this stack (by createAlarm, a segment, or another HealthAlarm): a composite naming an alarm that does not exist never fires");
  });
  requireUnique(where, "alarms", props.alarms.map((a) => a.alarmName));
  // The composite lives with the alarms it covers; their own literal action ARNs say which region that is.
  const region = coveredRegion(props.alarms);
  if (region !== undefined) {
    requireArn(where, "topicArn", props.topicArn, AWS_PATTERNS.snsTopicArn, region);
    (props.notifyDirectly ?? []).forEach((arn, i) => requireArn(where, `notifyDirectly[${i}]`, arn, AWS_PATTERNS.snsTopicArn, region));
  }
}

/** The one region of the covered alarms' literal action ARNs (topics, Lambda actions); none when they have none or disagree. */
function coveredRegion(alarms: readonly MonitoringAlarm[]): string | undefined {
  const regions = new Set<string>();
  for (const alarm of alarms) {
    const resource = alarm.resource as unknown as { alarmActionsInput?: unknown; okActionsInput?: unknown };
    for (const actions of [resource.alarmActionsInput, resource.okActionsInput]) {
      if (!Array.isArray(actions)) continue;
      for (const arn of actions) if (typeof arn === "string" && /^arn:[^:]+:(sns|lambda):[a-z0-9-]+:/.test(arn)) regions.add(arn.split(":")[3]!);
    }
  }
  return regions.size === 1 ? [...regions][0] : undefined;
}

/** What fired (the composite, while any of its alarms is in ALARM), which alarms, and where to look. */
function describeComposite(props: HealthAlarmProps, alarmName: string): string {
  const head = `${props.descriptionPrefix ?? ""}[${(props.severity ?? "critical").toUpperCase()}] ${props.title ?? alarmName}: in ALARM while any of ${props.alarms.length} alarms is in ALARM.`;
  const links = `${props.runbookUrl ? ` Runbook: ${props.runbookUrl}` : ""}${props.dashboardUrl ? ` Dashboard: ${props.dashboardUrl}` : ""}`;
  const room = AWS_LIMITS.cloudwatch.alarmDescriptionMaxLength - head.length - links.length - " Covers: ".length - " and 9999 more.".length;
  const names: string[] = [];
  let used = 0;
  for (const alarm of props.alarms) {
    if (used + alarm.alarmName.length + 2 > room) break;
    names.push(alarm.alarmName);
    used += alarm.alarmName.length + 2;
  }
  const rest = props.alarms.length - names.length;
  const description = `${head} Covers: ${names.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}.${links}`;
  // The list of alarms shrinks to fit; the title and the links cannot.
  if (description.length > AWS_LIMITS.cloudwatch.alarmDescriptionMaxLength) {
    throw new InvalidPropsError(
      `HealthAlarm "${props.alarmName}"`,
      "title, runbookUrl and dashboardUrl",
      `${head}${links}`,
      `together short enough that the description stays within ${AWS_LIMITS.cloudwatch.alarmDescriptionMaxLength} characters (it would have ${description.length})`,
    );
  }
  return description;
}

/** A covered alarm stops notifying the composite's topic itself: the composite does, once per incident. */
function stopNotifying(alarm: MonitoringAlarm, topicArn: string): void {
  const resource = alarm.resource as CloudwatchMetricAlarm | CloudwatchCompositeAlarm;
  const without = (actions: string[] | undefined) => (actions ?? []).filter((action) => action !== topicArn);
  resource.alarmActions = without(resource.alarmActionsInput);
  resource.okActions = without(resource.okActionsInput);
}

function anyInAlarm(alarms: readonly { alarmName: string }[], ruleOwner: string): string {
  const rule = alarms.map((a) => `ALARM("${a.alarmName}")`).join(" OR ");
  if (rule.length > AWS_LIMITS.cloudwatch.maxCompositeRuleLength) {
    throw new InvalidPropsError(`HealthAlarm "${ruleOwner}"`, "alarm rule length", rule.length, `at most ${AWS_LIMITS.cloudwatch.maxCompositeRuleLength} characters; use shorter alarm names`);
  }
  return rule;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
