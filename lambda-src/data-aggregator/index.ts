import { withErrorCapture, type Success } from "../shared";
import { aggregateMetrics, type MetricSummary } from "./aggregate-metrics";

type Aggregation = { readonly metrics: readonly MetricSummary[]; readonly recordCount: number };

export const handler = withErrorCapture(async (event: unknown): Promise<Success<Aggregation>> => ({ ok: true, data: aggregateMetrics(event) }), { operation: "aggregate-metrics" });
