/**
 * Availability per objective over a date range, from GetMetricData: events
 * and failed events summed per window (canary runs as events, failed runs as
 * failures), the availability against the target, the error budget left, and
 * the worst windows.
 */
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { Objective, SlaMetric } from "./objectives";

export interface WindowResult {
  readonly start: Date;
  readonly bad: number;
  readonly total: number;
}

export interface ObjectiveResult {
  readonly objective: Objective;
  readonly bad: number;
  readonly total: number;
  /** Windows with failures, worst (lowest availability) first. */
  readonly worst: readonly WindowResult[];
}

/** Reads every metric of the objectives, one series per metric, window by window. */
export async function measure(client: CloudWatchClient, objectives: readonly Objective[], from: Date, to: Date, windowSeconds: number): Promise<ObjectiveResult[]> {
  const metrics = new Map<string, SlaMetric>();
  const keyOf = (m: SlaMetric) => JSON.stringify([m.namespace, m.metricName, Object.entries(m.dimensions).sort(), m.stat]);
  for (const o of objectives) for (const m of [...o.bad, ...o.total, ...o.canaries.flatMap((c) => [c.runs, c.passedTimes100])]) metrics.set(keyOf(m), m);
  const ids = new Map([...metrics.keys()].map((key, i) => [key, `m${i}`]));
  const series = new Map<string, Map<number, number>>();
  const entries = [...metrics.entries()];
  // GetMetricData takes at most 500 queries a call.
  for (let offset = 0; offset < entries.length; offset += 500) {
    const queries: MetricDataQuery[] = entries.slice(offset, offset + 500).map(([key, m]) => ({
      Id: ids.get(key)!,
      MetricStat: { Metric: { Namespace: m.namespace, MetricName: m.metricName, Dimensions: Object.entries(m.dimensions).map(([Name, Value]) => ({ Name, Value })) }, Period: windowSeconds, Stat: m.stat },
      ReturnData: true,
    }));
    let nextToken: string | undefined;
    do {
      const page = await client.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: from, EndTime: to, ScanBy: "TimestampAscending", ...(nextToken ? { NextToken: nextToken } : {}) }));
      for (const result of page.MetricDataResults ?? []) {
        const points = series.get(result.Id!) ?? new Map<number, number>();
        series.set(result.Id!, points);
        (result.Timestamps ?? []).forEach((t, i) => points.set(t.getTime(), (points.get(t.getTime()) ?? 0) + (result.Values?.[i] ?? 0)));
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }
  const valuesOf = (m: SlaMetric) => series.get(ids.get(keyOf(m))!) ?? new Map<number, number>();
  return objectives.map((objective) => {
    const windows = new Map<number, { bad: number; total: number }>();
    const add = (t: number, bad: number, total: number) => {
      const w = windows.get(t) ?? { bad: 0, total: 0 };
      windows.set(t, { bad: w.bad + bad, total: w.total + total });
    };
    for (const m of objective.bad) for (const [t, v] of valuesOf(m)) add(t, v, 0);
    for (const m of objective.total) for (const [t, v] of valuesOf(m)) add(t, 0, v);
    for (const c of objective.canaries) {
      const passed = valuesOf(c.passedTimes100);
      for (const [t, runs] of valuesOf(c.runs)) add(t, Math.max(0, runs - (passed.get(t) ?? 0) / 100), runs);
    }
    const all = [...windows.entries()].map(([t, w]) => ({ start: new Date(t), ...w }));
    return {
      objective,
      bad: all.reduce((s, w) => s + w.bad, 0),
      total: all.reduce((s, w) => s + w.total, 0),
      worst: all.filter((w) => w.bad > 0 && w.total > 0).sort((a, b) => b.bad / b.total - a.bad / a.total || a.start.getTime() - b.start.getTime()),
    };
  });
}

export function formatReport(environment: string, from: Date, to: Date, windowSeconds: number, results: readonly ObjectiveResult[], notes: readonly string[], worstCount = 3): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const pct = (n: number) => `${n.toFixed(3)} %`;
  const rows = results.map((r) => {
    const budget = 100 - r.objective.targetPercent;
    if (r.total === 0) return `| ${r.objective.name} | ${r.objective.targetPercent} % | no data | 0 / 0 | ${"100 %"} |`;
    const availability = 100 * (1 - r.bad / r.total);
    const spent = (100 - availability) / budget;
    const left = `${Math.round(100 * (1 - spent))} %`;
    return `| ${r.objective.name} | ${r.objective.targetPercent} % | ${pct(availability)}${availability < r.objective.targetPercent ? " (below target)" : ""} | ${fmt(r.bad)} / ${fmt(r.total)} | ${left} |`;
  });
  const worst = results.flatMap((r) =>
    r.worst.slice(0, worstCount).map((w) => `- ${r.objective.name}: ${w.start.toISOString().slice(0, 16)}Z for ${windowSeconds / 60} min, ${pct(100 * (1 - w.bad / w.total))} (${fmt(w.bad)} of ${fmt(w.total)} failed)`),
  );
  return [
    `## Availability of ${environment}, ${day(from)} to ${day(to)} (windows of ${windowSeconds / 60} minutes)`,
    "",
    "Each objective's events as its burn-rate alarms count them (canary runs are events, failed runs failures); the error budget left is of this range.",
    "",
    "| objective | target | availability | failed / all events | error budget left |",
    "|---|---:|---:|---:|---:|",
    ...rows,
    "",
    "### Worst windows",
    "",
    ...(worst.length > 0 ? worst : ["- none: no window had a failure"]),
    ...(notes.length > 0 ? ["", ...notes.map((n) => `Note: ${n}`)] : []),
    "",
  ].join("\n");
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString("en-US") : n.toFixed(2));
