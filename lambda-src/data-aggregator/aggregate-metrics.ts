import * as z from "zod/mini";
import { ClientError, parseInput } from "@serverless-monitoring/lambda-runtime";

export const aggregateEventSchema = z.strictObject({
  records: z
    .array(
      z.strictObject({
        metric: z.string().check(z.minLength(1), z.maxLength(256)),
        value: z.number({ error: "must be a finite number" }),
        timestamp: z.iso.datetime({ offset: true, error: "must be an ISO-8601 time such as 2026-01-31T12:00:00Z" }),
      }),
    )
    .check(z.minLength(1, { error: "a batch needs at least one record" }), z.maxLength(10_000, { error: "at most 10,000 records per batch" })),
  percentiles: z._default(z.array(z.number().check(z.gt(0), z.maximum(100))).check(z.maxLength(10)), [50, 95, 99]),
});
export type AggregateEvent = z.input<typeof aggregateEventSchema>;

export interface MetricSummary {
  readonly metric: string;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Nearest-rank percentiles, keyed `p50`, `p95`, ... */
  readonly percentiles: Readonly<Record<string, number>>;
  readonly firstTimestamp: string;
  readonly lastTimestamp: string;
}

/** Summarises a batch per metric name, metrics in name order. */
export function aggregateMetrics(event: unknown): { readonly metrics: readonly MetricSummary[]; readonly recordCount: number } {
  const batch = parseInput(aggregateEventSchema, event);
  const byMetric = new Map<string, { values: number[]; times: number[] }>();
  for (const record of batch.records) {
    const group = byMetric.get(record.metric) ?? { values: [], times: [] };
    group.values.push(record.value);
    group.times.push(Date.parse(record.timestamp));
    byMetric.set(record.metric, group);
  }
  const metrics = [...byMetric.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([metric, { values, times }]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const sum = values.reduce((total, v) => total + v, 0);
      // Finite inputs can still add up past Number.MAX_VALUE: refuse the batch rather than answer null.
      if (!Number.isFinite(sum)) throw new ClientError("Invalid event", [`records: the values of metric "${metric}" add up beyond ±${Number.MAX_VALUE}`]);
      return {
        metric,
        count: values.length,
        sum,
        min: sorted[0]!,
        max: sorted[sorted.length - 1]!,
        mean: sum / values.length,
        percentiles: Object.fromEntries(batch.percentiles.map((p) => [`p${p}`, sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!])),
        firstTimestamp: new Date(Math.min(...times)).toISOString(),
        lastTimestamp: new Date(Math.max(...times)).toISOString(),
      };
    });
  return { metrics, recordCount: batch.records.length };
}
