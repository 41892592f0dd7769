/**
 * Per-minute metric data, as CloudWatch stores it (a statistic set per
 * minute: sum, sample count, minimum, maximum), and its aggregation into an
 * alarm's periods.
 *
 * Percentiles: every publish is kept as (value, count) samples (the
 * generator's latencies come in a few classes), and a period's pNN is the
 * exact nearest-rank percentile of all its samples. A raw series gives one
 * value per minute, so each minute counts as one sample: the approximation
 * for raw data.
 */
export class MetricSeries {
  readonly sum: Float64Array;
  readonly count: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  /** Every add as (minute, value, count), for percentiles: appended, in no particular order. */
  readonly sampleMinute: number[] = [];
  readonly sampleValue: number[] = [];
  readonly sampleCount: number[] = [];

  /** @param keepSamples whether a percentile of this metric is read (only then are samples kept). */
  constructor(
    readonly minutes: number,
    private readonly keepSamples = true,
  ) {
    this.sum = new Float64Array(minutes);
    this.count = new Float64Array(minutes);
    this.min = new Float64Array(minutes).fill(Infinity);
    this.max = new Float64Array(minutes).fill(-Infinity);
  }

  /** Adds `count` samples of `value` at a minute (several calls merge, as CloudWatch merges publishes). */
  add(minute: number, value: number, count = 1): void {
    if (count <= 0 || minute < 0 || minute >= this.minutes) return;
    this.sum[minute]! += value * count;
    this.count[minute]! += count;
    if (value < this.min[minute]!) this.min[minute] = value;
    if (value > this.max[minute]!) this.max[minute] = value;
    if (!this.keepSamples) return;
    this.sampleMinute.push(minute);
    this.sampleValue.push(value);
    this.sampleCount.push(count);
  }
}

/**
 * CloudWatch's statistic names: Sum, Average, Minimum, Maximum, SampleCount, pNN or pNN.N, and trimmed counts
 * over absolute bounds, TC(a:b), TC(a:) or TC(:b): the samples above a and at most b (CloudWatch's statistics
 * definitions: the lower bound is exclusive, the upper inclusive). Bounds in percent (TC(10%:90%)) are not evaluated.
 */
export function parseStat(
  stat: string,
): { readonly kind: "Sum" | "Average" | "Minimum" | "Maximum" | "SampleCount" } | { readonly kind: "percentile"; readonly q: number } | { readonly kind: "trimmedCount"; readonly above: number; readonly atMost: number } | undefined {
  if (["Sum", "Average", "Minimum", "Maximum", "SampleCount"].includes(stat)) return { kind: stat as "Sum" };
  const tc = /^TC\((\d+(?:\.\d+)?)?:(\d+(?:\.\d+)?)?\)$/i.exec(stat);
  if (tc && (tc[1] !== undefined || tc[2] !== undefined)) return { kind: "trimmedCount", above: tc[1] === undefined ? -Infinity : Number(tc[1]), atMost: tc[2] === undefined ? Infinity : Number(tc[2]) };
  const p = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(stat);
  return p ? { kind: "percentile", q: Number(p[1]) / 100 } : undefined;
}

/** Whether a statistic needs every sample kept (percentiles, trimmed counts). */
export function needsSamples(stat: string): boolean {
  const kind = parseStat(stat)?.kind;
  return kind === "percentile" || kind === "trimmedCount";
}

/** The datapoints of one statistic over aligned periods of `periodMinutes`; NaN where the period holds no sample (a missing datapoint). */
export function aggregate(series: MetricSeries | undefined, stat: string, periodMinutes: number, periods: number): Float64Array {
  const out = new Float64Array(periods).fill(NaN);
  if (!series) return out;
  const parsed = parseStat(stat);
  if (!parsed) throw new Error(`statistic "${stat}" is not one the drill evaluates (Sum, Average, Minimum, Maximum, SampleCount, pNN, TC(a:b) in absolute values)`);
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
      case "trimmedCount":
        break;
    }
  }
  if (parsed.kind === "percentile") percentiles(series, periodMinutes, out, parsed.q);
  if (parsed.kind === "trimmedCount") trimmedCounts(series, periodMinutes, out, parsed.above, parsed.atMost);
  return out;
}

/** The samples in (above, atMost] of each period that has any sample (0 when none falls in the range). */
function trimmedCounts(series: MetricSeries, periodMinutes: number, out: Float64Array, above: number, atMost: number): void {
  for (let i = 0; i < series.sampleMinute.length; i++) {
    const k = Math.floor(series.sampleMinute[i]! / periodMinutes);
    if (k >= out.length) continue;
    if (Number.isNaN(out[k]!)) out[k] = 0;
    const v = series.sampleValue[i]!;
    if (v > above && v <= atMost) out[k]! += series.sampleCount[i]!;
  }
}

/** Nearest rank over each period's samples: the smallest value with at least ceil(q × n) samples at or below it. */
function percentiles(series: MetricSeries, periodMinutes: number, out: Float64Array, q: number): void {
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < series.sampleMinute.length; i++) {
    const k = Math.floor(series.sampleMinute[i]! / periodMinutes);
    if (k >= out.length) continue;
    let bucket = buckets.get(k);
    if (!bucket) buckets.set(k, (bucket = []));
    bucket.push(i);
  }
  for (const [k, indices] of buckets) {
    indices.sort((a, b) => series.sampleValue[a]! - series.sampleValue[b]!);
    const total = indices.reduce((sum, i) => sum + series.sampleCount[i]!, 0);
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (const i of indices) {
      seen += series.sampleCount[i]!;
      if (seen >= rank) {
        out[k] = series.sampleValue[i]!;
        break;
      }
    }
  }
}

/** A metric's identity: namespace, name and dimensions (sorted), as CloudWatch matches them exactly. */
export function metricKey(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>): string {
  const dims = Object.keys(dimensions)
    .sort()
    .map((k) => `${k}=${dimensions[k]}`)
    .join(",");
  return `${namespace}|${metricName}|${dims}`;
}

/** A metric no alarm reads: publishing to it costs nothing. */
class UnreadSeries extends MetricSeries {
  constructor() {
    super(0, false);
  }
  override add(): void {}
}
const UNREAD = new UnreadSeries();

/** What a run needs kept: the metrics alarms read, and those whose percentiles they read. */
export interface ReadMetrics {
  readonly keys: ReadonlySet<string>;
  readonly percentiles: ReadonlySet<string>;
}

/** Every metric of a run, by {@link metricKey}. Given the metrics read, the others are dropped as they are published. */
export class MetricStore {
  private readonly series = new Map<string, MetricSeries>();

  constructor(
    readonly minutes: number,
    private readonly read?: ReadMetrics,
  ) {}

  get(key: string): MetricSeries | undefined {
    return this.series.get(key);
  }

  /** The series of a metric, created empty on first use. */
  at(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>): MetricSeries {
    const key = metricKey(namespace, metricName, dimensions);
    let series = this.series.get(key);
    if (!series) {
      if (this.read && !this.read.keys.has(key)) return UNREAD;
      series = new MetricSeries(this.minutes, this.read ? this.read.percentiles.has(key) : true);
      this.series.set(key, series);
    }
    return series;
  }

  keys(): IterableIterator<string> {
    return this.series.keys();
  }
}
