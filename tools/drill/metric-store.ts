/**
 * Per-minute metric data, as CloudWatch stores it (a statistic set per
 * minute: sum, sample count, minimum, maximum), and its aggregation into an
 * alarm's periods.
 *
 * Percentiles: a minute may also keep its samples as (value, count) pairs
 * (the generator's latencies come in a few classes), and a period's pNN is
 * then the exact nearest-rank percentile of all its samples. A minute with no
 * pairs (a raw series) counts as `count` samples of its average: the
 * approximation for raw data, which gives one value per minute.
 */
export class MetricSeries {
  readonly sum: Float64Array;
  readonly count: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly samples = new Map<number, [number, number][]>();

  constructor(readonly minutes: number) {
    this.sum = new Float64Array(minutes);
    this.count = new Float64Array(minutes);
    this.min = new Float64Array(minutes).fill(Infinity);
    this.max = new Float64Array(minutes).fill(-Infinity);
  }

  /** Adds `count` samples of `value` at a minute (several calls merge, as CloudWatch merges publishes). */
  add(minute: number, value: number, count = 1): void {
    if (count <= 0 || minute < 0 || minute >= this.minutes) return;
    const before = this.count[minute]!;
    const min = this.min[minute]!;
    const max = this.max[minute]!;
    // Pairs are kept only once a minute holds two distinct values: until then its average is every sample's value.
    const pairs = this.samples.get(minute);
    if (pairs) {
      const same = pairs.find((p) => p[0] === value);
      if (same) same[1] += count;
      else pairs.push([value, count]);
    } else if (before > 0 && (value !== min || min !== max)) {
      this.samples.set(minute, [
        [min, before],
        [value, count],
      ]);
    }
    this.sum[minute]! += value * count;
    this.count[minute] = before + count;
    if (value < min) this.min[minute] = value;
    if (value > max) this.max[minute] = value;
  }
}

/** CloudWatch's statistic names: Sum, Average, Minimum, Maximum, SampleCount, pNN or pNN.N. */
export function parseStat(stat: string): { readonly kind: "Sum" | "Average" | "Minimum" | "Maximum" | "SampleCount" } | { readonly kind: "percentile"; readonly q: number } | undefined {
  if (["Sum", "Average", "Minimum", "Maximum", "SampleCount"].includes(stat)) return { kind: stat as "Sum" };
  const p = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(stat);
  return p ? { kind: "percentile", q: Number(p[1]) / 100 } : undefined;
}

/** The datapoints of one statistic over aligned periods of `periodMinutes`; NaN where the period holds no sample (a missing datapoint). */
export function aggregate(series: MetricSeries | undefined, stat: string, periodMinutes: number, periods: number): Float64Array {
  const out = new Float64Array(periods).fill(NaN);
  if (!series) return out;
  const parsed = parseStat(stat);
  if (!parsed) throw new Error(`statistic "${stat}" is not one the drill evaluates (Sum, Average, Minimum, Maximum, SampleCount, pNN)`);
  for (let k = 0; k < periods; k++) {
    const from = k * periodMinutes;
    const to = Math.min(from + periodMinutes, series.minutes);
    let sum = 0;
    let count = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let m = from; m < to; m++) {
      const c = series.count[m]!;
      if (c === 0) continue;
      sum += series.sum[m]!;
      count += c;
      if (series.min[m]! < min) min = series.min[m]!;
      if (series.max[m]! > max) max = series.max[m]!;
    }
    if (count === 0) continue;
    switch (parsed.kind) {
      case "Sum":
        out[k] = sum;
        break;
      case "Average":
        out[k] = sum / count;
        break;
      case "Minimum":
        out[k] = min;
        break;
      case "Maximum":
        out[k] = max;
        break;
      case "SampleCount":
        out[k] = count;
        break;
      case "percentile":
        out[k] = percentile(series, from, to, count, parsed.q);
        break;
    }
  }
  return out;
}

/** Nearest rank: the smallest sample value with at least ceil(q × n) samples at or below it. */
function percentile(series: MetricSeries, from: number, to: number, total: number, q: number): number {
  const pairs: [number, number][] = [];
  for (let m = from; m < to; m++) {
    if (series.count[m] === 0) continue;
    const minute = series.samples.get(m);
    if (minute) pairs.push(...minute);
    else pairs.push([series.sum[m]! / series.count[m]!, series.count[m]!]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [value, count] of pairs) {
    seen += count;
    if (seen >= rank) return value;
  }
  return pairs[pairs.length - 1]![0];
}

/** A metric's identity: namespace, name and dimensions (sorted), as CloudWatch matches them exactly. */
export function metricKey(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>): string {
  const dims = Object.keys(dimensions)
    .sort()
    .map((k) => `${k}=${dimensions[k]}`)
    .join(",");
  return `${namespace}|${metricName}|${dims}`;
}

/** Every metric of a run, by {@link metricKey}. */
export class MetricStore {
  private readonly series = new Map<string, MetricSeries>();

  constructor(readonly minutes: number) {}

  get(key: string): MetricSeries | undefined {
    return this.series.get(key);
  }

  /** The series of a metric, created empty on first use. */
  at(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>): MetricSeries {
    const key = metricKey(namespace, metricName, dimensions);
    let series = this.series.get(key);
    if (!series) {
      series = new MetricSeries(this.minutes);
      this.series.set(key, series);
    }
    return series;
  }

  keys(): IterableIterator<string> {
    return this.series.keys();
  }
}
