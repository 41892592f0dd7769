/**
 * Synth-time checks that an alert reaches someone: every tier an alarm
 * notifies has a subscriber, and every paging (critical) alarm has a path,
 * through the composites that cover it, to a topic someone hears.
 */
import type { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { MonitoringAlarm } from "../common/alarm-factory";
import { TIERS, type AlertTier } from "../common/tiers";
import { InvalidPropsError } from "../common/validation";
import { requireKnownProps } from "../common/known-props";

/** The estate's alarms, composites and topics, for `requireAlertPaths` to check that every alarm that should tell someone can. */
export interface AlertPathsSpec {
  /** Every alarm and composite of the estate. */
  readonly alarms: readonly MonitoringAlarm[];
  /** The composites that notify for other alarms, each with the alarms it covers. */
  readonly composites: readonly { readonly alarm: MonitoringAlarm; readonly covers: readonly MonitoringAlarm[] }[];
  /** Each tier's topic ARN (Alerting.topicArns); tiers may share one (`sameAs`), a tier without a channel has none. */
  readonly topicArns: { readonly [T in AlertTier]?: string };
  /** Whether anyone hears each tier (Alerting.subscribed). */
  readonly subscribed: Readonly<Record<AlertTier, boolean>>;
  /** The tiers that go without a channel on purpose (Alerting.noChannel): their alarms need no path. @default none */
  readonly noChannel?: readonly AlertTier[];
}

const actionsOf = (alarm: MonitoringAlarm): string[] => (alarm.resource as CloudwatchMetricAlarm | CloudwatchCompositeAlarm).alarmActionsInput ?? [];

/** Throws one clear error for the first tier nobody hears that an alarm notifies, or the first paging alarm with no path to a subscriber. */
export function requireAlertPaths(spec: AlertPathsSpec): void {
  requireKnownProps("requireAlertPaths", "requireAlertPaths", { spec });
  for (const field of ["alarms", "composites"] as const) {
    if (!Array.isArray(spec?.[field])) throw new InvalidPropsError("requireAlertPaths", field, spec?.[field], `a list of ${field === "alarms" ? "alarms (MonitoringAlarm)" : "composites ({ alarm, covers })"}`);
  }
  const all = [...spec.alarms, ...spec.composites.map((c) => c.alarm)];
  // A composite covering an alarm that is not in the estate names an alarm that does not exist: it never fires for it.
  const known = new Set(all.map((a) => a.alarmName));
  spec.composites.forEach((c, i) =>
    c.covers.forEach((a, j) => {
      if (!known.has(a.alarmName)) throw new InvalidPropsError("requireAlertPaths", `composites[${i}].covers[${j}]`, a.alarmName, `an alarm of the estate (spec.alarms or another composite): composite "${c.alarm.alarmName}" would cover an alarm that does not exist`);
    }),
  );
  // Own enumerable entries only: a tier without a channel has no ARN. Tiers sharing a topic (sameAs) share
  // its subscribers, so either tier answers for it.
  const tierOf = new Map<string, AlertTier>(Object.entries(spec.topicArns).filter((e): e is [AlertTier, string] => TIERS.includes(e[0] as AlertTier) && typeof e[1] === "string").map(([tier, arn]) => [arn, tier]));
  for (const alarm of all) {
    for (const action of actionsOf(alarm)) {
      const tier = tierOf.get(action);
      if (tier !== undefined && !spec.subscribed[tier]) {
        throw new InvalidPropsError("Alerting", `channels.${tier}`, "no subscriber or channel", `at least one of emails, sms, paging, slack, teams or existingTopicArn: alarm "${alarm.alarmName}" notifies the ${tier} tier, and nobody would hear it`);
      }
    }
  }
  const coveredBy = new Map<MonitoringAlarm, MonitoringAlarm[]>();
  for (const c of spec.composites) for (const a of c.covers) coveredBy.set(a, [...(coveredBy.get(a) ?? []), c.alarm]);
  const reaches = (alarm: MonitoringAlarm, seen: Set<MonitoringAlarm>): boolean => {
    if (seen.has(alarm)) return false;
    seen.add(alarm);
    if (actionsOf(alarm).some((action) => tierOf.has(action))) return true;
    return (coveredBy.get(alarm) ?? []).some((composite) => reaches(composite, seen));
  };
  if (spec.noChannel?.includes("critical")) return;
  for (const alarm of all.filter((a) => a.severity === "critical")) {
    if (!reaches(alarm, new Set())) {
      throw new InvalidPropsError(`Alarm "${alarm.alarmName}"`, "notification path", "none", "a path to a subscriber of the critical tier: its own action on a tier's topic, or a composite covering it that has one");
    }
  }
}
