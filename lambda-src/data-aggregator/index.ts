import { withErrorCapture, type Success } from "@serverless-monitoring/lambda-runtime";
import { withFailureSimulation } from "../simulation";
import { aggregateMetrics, type MetricSummary } from "./aggregate-metrics";

type Aggregation = { readonly metrics: readonly MetricSummary[]; readonly recordCount: number };

export const handler = withErrorCapture(withFailureSimulation(async (event: unknown): Promise<Success<Aggregation>> => ({ ok: true, data: aggregateMetrics(event) })), { operation: "aggregate-metrics" });
