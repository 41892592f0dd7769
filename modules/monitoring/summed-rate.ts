/**
 * A percentage of sums of metrics, guarded against low traffic like
 * {@link guardedPercent}: the services of this folder publish a count per
 * outcome (failed, timed out, succeeded...), often only when it is not zero,
 * so each term is filled with 0 before it is added.
 */
import type { MathExpressionSpec, MetricSpec } from "../common/metrics";

/**
 * 100 x sum(bad) / sum(total), 0 while the total is below `minimumTotal` in
 * the period, unless the bad ones reach `minimumBad` there: the guard never
 * blinds the alarm (3 failures of 5 executions is a failure, not noise).
 * `total` must include every `bad` metric, so a period whose bad count reaches
 * the minimum never divides by zero.
 * @param label - the expression's label
 * @param bad - the failures, by metric id (a lowercase letter first)
 * @param total - every outcome, by metric id; holds the ids of `bad` too
 * @param minimumTotal - the total below which the rate reads 0...
 * @param minimumBad - ...unless this many failed in the period
 */
export function summedPercent(label: string, bad: Readonly<Record<string, MetricSpec>>, total: Readonly<Record<string, MetricSpec>>, minimumTotal: number, minimumBad: number): MathExpressionSpec {
  const sum = (ids: readonly string[]) => (ids.length === 1 ? `FILL(${ids[0]}, 0)` : `(${ids.map((id) => `FILL(${id}, 0)`).join(" + ")})`);
  const b = sum(Object.keys(bad));
  const t = sum(Object.keys(total));
  return {
    expression: `IF(${t} >= ${minimumTotal}, 100 * ${b} / ${t}, IF(${b} >= ${minimumBad}, 100 * ${b} / ${t}, 0))`,
    label,
    usingMetrics: { ...bad, ...total },
  };
}
