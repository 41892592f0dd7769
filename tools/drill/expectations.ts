/**
 * Judges a drill against its scenario's expectations. Only notifications of
 * the scenario count: the OK that every alarm sends when it first settles is
 * not an event. "Told" means an ALARM notification reached a subscriber or
 * channel of the tier's topic (delivered or not: the failure is the alert
 * path's alarms' business).
 */
import type { Expectations, Scenario } from "./scenario";
import type { DrillResult, Notification } from "./simulate";

export interface Verdict {
  readonly passed: boolean;
  /** One line per expectation: what was expected and what happened. */
  readonly checks: readonly { readonly ok: boolean; readonly text: string }[];
}

/** One ALARM message per alarm, topic and minute (a topic's several subscribers are one message). */
export function alarmMessages(result: DrillResult): Notification[] {
  const seen = new Set<string>();
  return result.notifications.filter((n) => {
    if (n.initial || n.state !== "ALARM") return false;
    const key = `${n.minute}|${n.alarm}|${n.topic}|${n.tier}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The first ALARM message to each tier, as minutes after `after`. */
export function firstTold(result: DrillResult, after: number): Map<string, Notification> {
  const first = new Map<string, Notification>();
  for (const n of alarmMessages(result)) if (n.minute >= after && !first.has(n.tier)) first.set(n.tier, n);
  return first;
}

export function incidentStart(scenario: Scenario): number {
  const starts = scenario.incidents.filter((i) => i.kind !== "maintenance" && i.kind !== "pagerDeliveryFailure").map((i) => i.from);
  return starts.length > 0 ? Math.min(...starts) : 0;
}

export function judge(scenario: Scenario, result: DrillResult, expectations: Expectations | undefined = scenario.expect): Verdict {
  const checks: { ok: boolean; text: string }[] = [];
  if (!expectations) return { passed: true, checks };
  const messages = alarmMessages(result);
  const start = incidentStart(scenario);
  for (const notify of expectations.notify) {
    const after = notify.after ?? start;
    const hit = messages.find((n) => n.minute >= after && notify.tiers.includes(n.tier));
    const ok = hit !== undefined && hit.minute - after <= notify.withinMinutes;
    const what = hit ? `${hit.tier} told after ${hit.minute - after} min (${hit.alarm})` : "nobody of those tiers told";
    checks.push({ ok, text: `${notify.tiers.join(" or ")} told within ${notify.withinMinutes} min: ${what}` });
  }
  for (const silent of expectations.silent) {
    const from = silent.from ?? 0;
    const to = silent.to ?? result.minutes;
    const heard = result.notifications.filter((n) => !n.initial && n.minute >= from && n.minute < to && (silent.tiers === undefined || silent.tiers.includes(n.tier)));
    const tiers = silent.tiers?.join(", ") ?? "every tier";
    const first = heard[0];
    checks.push({ ok: heard.length === 0, text: `${tiers} silent in minutes ${from}-${to}: ${first ? `${heard.length} notification(s), first ${first.state} to ${first.tier} at ${first.minute} (${first.alarm})` : "silent"}` });
  }
  for (const [tier, max] of Object.entries(expectations.maxAlarmNotifications)) {
    const count = messages.filter((n) => n.tier === tier).length;
    checks.push({ ok: count <= (max ?? Infinity), text: `at most ${max} ALARM notification(s) to ${tier}: ${count}` });
  }
  if (expectations.singleTier) {
    const tiers = [...new Set(messages.map((n) => n.tier))];
    checks.push({ ok: tiers.length <= 1, text: `one tier told: ${tiers.length === 0 ? "none" : tiers.join(", ")}` });
  }
  return { passed: checks.every((c) => c.ok), checks };
}
