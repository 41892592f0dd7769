/** How a drill reads: the timeline and verdict as text or JSON, and the suite's "What gets detected" table. */
import type { Verdict } from "./expectations";
import { alarmMessages, firstTold, incidentStart } from "./expectations";
import type { Scenario } from "./scenario";
import type { DrillResult } from "./simulate";
import type { SuiteCase } from "./suite";

export function formatTimeline(result: DrillResult, verdict: Verdict | undefined, options: { readonly verbose?: boolean } = {}): string {
  const lines = [`== ${result.scenario} (${result.minutes} minutes)`];
  const settled = result.changes.filter((c) => c.initial).length;
  if (settled > 0) lines.push(`   ${settled} alarm(s) settled OK at start (their initial notifications are not counted)`);
  type Row = { minute: number; text: string };
  const rows: Row[] = [];
  const changes = result.changes.filter((c) => !c.initial);
  const notifications = result.notifications.filter((n) => !n.initial);
  const limit = options.verbose ? Infinity : 40;
  for (const c of changes) rows.push({ minute: c.minute, text: `${c.kind === "composite" ? "composite" : "alarm    "} ${c.alarm}: ${c.from} -> ${c.to}` });
  for (const n of notifications) rows.push({ minute: n.minute, text: `notify    ${n.tier} ${n.state} via ${n.topic || "-"} ${n.channel} ${n.endpoint}${n.delivered ? "" : " (delivery failed)"}: ${n.alarm}` });
  for (const s of result.suppressed) rows.push({ minute: s.minute, text: `suppressed ${s.alarm} ${s.state} (by ${s.by})` });
  rows.sort((a, b) => a.minute - b.minute);
  for (const row of rows.slice(0, limit)) lines.push(`   min ${String(row.minute).padStart(5)}  ${row.text}`);
  if (rows.length > limit) lines.push(`   ... ${rows.length - limit} more event(s) (--verbose shows them all)`);
  if (rows.length === 0) lines.push("   no state change and nobody told");
  if (verdict) {
    for (const check of verdict.checks) lines.push(`   ${check.ok ? "ok  " : "FAIL"} ${check.text}`);
    lines.push(`   verdict: ${verdict.passed ? "PASS" : "FAIL"}`);
  }
  return `${lines.join("\n")}\n`;
}

export function timelineJson(result: DrillResult, verdict: Verdict | undefined): unknown {
  return {
    scenario: result.scenario,
    minutes: result.minutes,
    changes: result.changes,
    notifications: result.notifications,
    suppressed: result.suppressed,
    ...(verdict ? { verdict: { passed: verdict.passed, checks: verdict.checks } } : {}),
  };
}

/** One cell of the table: who was told, and how long after the incident began. */
export interface Outcome {
  readonly case: SuiteCase;
  readonly environment: string;
  readonly result: DrillResult;
  readonly verdict: Verdict;
}

const TIER_ORDER = ["critical", "warning", "business", "none"];

function cell(outcomes: readonly Outcome[], isWeek: boolean): string {
  if (isWeek) {
    const counts = new Map<string, number>();
    for (const o of outcomes) for (const n of alarmMessages(o.result)) counts.set(n.tier, (counts.get(n.tier) ?? 0) + 1);
    if (counts.size === 0) return "nobody";
    return [...counts].sort((a, b) => TIER_ORDER.indexOf(a[0]) - TIER_ORDER.indexOf(b[0])).map(([tier, n]) => `${tier} ${n}×`).join(", ");
  }
  const perTier = new Map<string, number[]>();
  for (const o of outcomes) {
    for (const [tier, n] of firstTold(o.result, incidentStart(o.case.scenario))) {
      const list = perTier.get(tier) ?? [];
      list.push(n.minute - incidentStart(o.case.scenario));
      perTier.set(tier, list);
    }
  }
  if (perTier.size === 0) {
    // Told before the incident began (dev's simulated errors, a dead-letter queue never drained): the incident itself tells nobody new.
    const already = [...new Set(outcomes.flatMap((o) => alarmMessages(o.result).filter((n) => n.minute < incidentStart(o.case.scenario)).map((n) => n.tier)))];
    return `nobody${outcomes.length > 1 ? ` (0/${outcomes.length})` : ""}${already.length > 0 ? `; ${already.sort((a, b) => TIER_ORDER.indexOf(a) - TIER_ORDER.indexOf(b)).join(", ")} already alarming` : ""}`;
  }
  return [...perTier]
    .sort((a, b) => TIER_ORDER.indexOf(a[0]) - TIER_ORDER.indexOf(b[0]))
    .map(([tier, delays]) => `${tier} ≤ ${Math.max(...delays)} min${delays.length < outcomes.length ? ` (${delays.length}/${outcomes.length})` : ""}`)
    .join(", ");
}

/** The README's "What gets detected" table: a row per incident and traffic level, a column per environment. */
export function detectionTable(outcomes: readonly Outcome[], environments: readonly string[], traffic: Readonly<Record<string, number>>): string {
  const rows: string[] = [`| Incident | Traffic (requests/day) | ${environments.join(" | ")} |`, `|---|---|${environments.map(() => "---").join("|")}|`];
  const order: string[] = [];
  for (const o of outcomes) if (!order.includes(o.case.incidentId)) order.push(o.case.incidentId);
  for (const id of order) {
    for (const level of Object.keys(traffic)) {
      const here = outcomes.filter((o) => o.case.incidentId === id && o.case.level === level);
      if (here.length === 0) continue;
      const title = here[0]!.case.title;
      const cells = environments.map((env) => {
        const inEnv = here.filter((o) => o.environment === env);
        return inEnv.length === 0 ? "n/a" : cell(inEnv, inEnv[0]!.case.scenario.minutes >= 10080 && inEnv[0]!.case.scenario.incidents.length === 0);
      });
      rows.push(`| ${title} | ${traffic[level]!.toLocaleString("en-US")} | ${cells.join(" | ")} |`);
    }
  }
  return `${rows.join("\n")}\n`;
}

/** The failed expectations of a suite run, one line each. */
export function failures(outcomes: readonly Outcome[]): string[] {
  return outcomes.filter((o) => !o.verdict.passed).flatMap((o) => o.verdict.checks.filter((c) => !c.ok).map((c) => `${o.case.scenario.name}: ${c.text}`));
}

export type { Scenario };
