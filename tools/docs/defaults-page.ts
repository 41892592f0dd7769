/**
 * The library's default thresholds as a table of values, for the library
 * guide: read from DEFAULT_THRESHOLDS itself, so the page cannot disagree with
 * the code (the API reference shows their types only).
 */
import { DEFAULT_THRESHOLDS } from "@serverless-monitoring/constructs";

/** The alarm factory's period when a threshold names none. */
const DEFAULT_PERIOD_SECONDS = 60;

interface Threshold {
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly periodSeconds?: number;
}

export function defaultsTable(): string {
  const rows = ["| resource | setting | tier | threshold | breaching periods | period |", "|---|---|---|---:|---|---:|"];
  for (const [resource, kinds] of Object.entries(DEFAULT_THRESHOLDS as Record<string, Record<string, Record<string, Threshold> | false>>)) {
    for (const [kind, tiers] of Object.entries(kinds)) {
      if (tiers === false) continue;
      for (const [tier, t] of Object.entries(tiers)) {
        const periods = t.datapointsToAlarm !== undefined && t.datapointsToAlarm !== t.evaluationPeriods ? `${t.datapointsToAlarm} of ${t.evaluationPeriods}` : t.evaluationPeriods === 1 ? "1" : `${t.evaluationPeriods} in a row`;
        rows.push(`| ${resource} | \`${kind}\` | ${tier} | ${t.threshold} | ${periods} | ${t.periodSeconds ?? DEFAULT_PERIOD_SECONDS} s |`);
      }
    }
  }
  return `${rows.join("\n")}\n`;
}
