/**
 * The series a metric widget draws, read from its `metrics` array the way
 * CloudWatch reads it: each row is `[namespace, name, dimension, value, …,
 * options?]`, where "." repeats the previous row's item in that position, or
 * `[{ expression, label, id }]` for metric math. Rows with `visible: false`
 * feed an expression and are not drawn.
 */
export interface Series {
  readonly label: string;
  readonly color?: string;
}

export interface Threshold {
  readonly label: string;
  readonly value: number;
  readonly color?: string;
}

export function visibleSeries(metrics: unknown): Series[] {
  if (!Array.isArray(metrics)) return [];
  const series: Series[] = [];
  let previous: unknown[] = [];
  for (const row of metrics) {
    if (!Array.isArray(row)) continue;
    const last = row[row.length - 1];
    const options = (typeof last === "object" && last !== null ? last : {}) as { label?: string; visible?: boolean; expression?: string; color?: string };
    const items = (options === last ? row.slice(0, -1) : row).map((item, i) => (item === "." ? previous[i] : item));
    if (items.length > 0) previous = items;
    if (options.visible === false) continue;
    const label = options.label ?? (options.expression !== undefined ? options.expression : defaultLabel(items));
    series.push({ label, color: options.color });
  }
  return series;
}

/** CloudWatch's own legend for an unlabelled metric: its name, then its dimension values. */
function defaultLabel(items: readonly unknown[]): string {
  const [, name, ...dimensions] = items.map(String);
  const values = dimensions.filter((_, i) => i % 2 === 1);
  return [name ?? "metric", ...values].join(" ");
}

export function thresholds(annotations: unknown): Threshold[] {
  const horizontal = (annotations as { horizontal?: unknown } | undefined)?.horizontal;
  if (!Array.isArray(horizontal)) return [];
  const lines: Threshold[] = [];
  for (const entry of horizontal) {
    // A band is a pair of annotations; each edge is drawn as a line.
    for (const edge of Array.isArray(entry) ? entry : [entry]) {
      const { label, value, color } = (edge ?? {}) as { label?: string; value?: number; color?: string };
      if (typeof value === "number" && Number.isFinite(value)) lines.push({ label: label ?? String(value), value, color });
    }
  }
  return lines;
}

/**
 * Sample values for a preview: a gentle deterministic wave per series, kept
 * below the lowest threshold (a healthy page), so the threshold lines and the
 * legend are what a reviewer compares.
 */
export function sampleValues(seriesIndex: number, points: number, ceiling: number): number[] {
  const level = ceiling * (0.25 + 0.08 * (seriesIndex % 4));
  return Array.from({ length: points }, (_, t) => level * (1 + 0.35 * Math.sin(t / 3.5 + seriesIndex * 1.7) * Math.cos(t / 11 + seriesIndex)));
}
