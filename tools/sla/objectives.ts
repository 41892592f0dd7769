/**
 * What the SLA report measures, read from a synthesized stack: each
 * objective's metrics and error budget (from its fast burn-rate alarm, the
 * same metrics the alarms burn on), and each canary's success target (from its
 * success alarm). Reading the alarms means the report and the paging can never
 * count different things.
 */
import { resourcesOf, type StackJson } from "../common/synthesized-stack";
import { ToolError } from "../common/cli";

export interface SlaMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: string;
}

/** An objective: bad and all events (sums), canaries counted by their runs; its target from the error budget. */
export interface Objective {
  readonly name: string;
  readonly targetPercent: number;
  readonly bad: readonly SlaMetric[];
  readonly total: readonly SlaMetric[];
  /** Canaries whose runs count: runs (SampleCount of SuccessPercent) and passed (its Sum / 100). */
  readonly canaries: readonly { readonly runs: SlaMetric; readonly passedTimes100: SlaMetric }[];
}

type Query = { id: string; expression?: string; metric?: { namespace: string; metric_name: string; dimensions?: Record<string, string>; stat: string } };

const FAST_LONG = /-slo-fast-long$/;

export function objectivesOf(stack: StackJson, substitute: (value: string) => string): Objective[] {
  const objectives = resourcesOf(stack, "aws_cloudwatch_metric_alarm")
    .filter((a) => FAST_LONG.test(String(a.alarm_name)))
    .map((a): Objective => {
      const queries = a.metric_query as Query[];
      const expression = queries.find((q) => q.expression)?.expression ?? "";
      const budget = /\/ ([0-9.e-]+), 0\)$/.exec(expression);
      if (!budget) throw new ToolError(`alarm ${String(a.alarm_name)}: its expression does not end in "/ <budget>, 0)": not an objective of this library.`);
      const metric = (id: string): SlaMetric => {
        const m = queries.find((q) => q.id === id)!.metric!;
        return { namespace: m.namespace, metricName: m.metric_name, dimensions: Object.fromEntries(Object.entries(m.dimensions ?? {}).map(([k, v]) => [k, substitute(v)])), stat: m.stat };
      };
      const ids = queries.filter((q) => q.metric).map((q) => q.id);
      return {
        name: String(a.alarm_name).replace(FAST_LONG, ""),
        targetPercent: round(100 * (1 - Number(budget[1])), 4),
        bad: ids.filter((id) => /^bad\d*$/.test(id)).map(metric),
        total: ids.filter((id) => /^total\d*$/.test(id)).map(metric),
        canaries: ids.filter((id) => /^runs\d+$/.test(id)).map((id) => ({ runs: metric(id), passedTimes100: metric(id.replace("runs", "passed")) })),
      };
    });
  // Each canary alone too: its runs against its success alarm's threshold.
  const canaries = resourcesOf(stack, "aws_synthetics_canary").map((c): Objective => {
    const name = String(c.name);
    const success = resourcesOf(stack, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === `${name}-canary-success-percent-critical`);
    const dims = { CanaryName: name };
    return {
      name: `canary ${name}`,
      targetPercent: Number(success?.threshold ?? 99.9),
      bad: [],
      total: [],
      canaries: [{ runs: { namespace: "CloudWatchSynthetics", metricName: "SuccessPercent", dimensions: dims, stat: "SampleCount" }, passedTimes100: { namespace: "CloudWatchSynthetics", metricName: "SuccessPercent", dimensions: dims, stat: "Sum" } }],
    };
  });
  return [...objectives, ...canaries];
}

/** The metrics whose dimensions still hold a Terraform reference (an API id known only after apply). */
export function unresolved(objective: Objective): SlaMetric[] {
  return [...objective.bad, ...objective.total].filter((m) => Object.values(m.dimensions).some((v) => v.includes("${")));
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));
