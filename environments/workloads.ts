/**
 * The five monitored workloads, as every environment starts from them.
 * Environment files adjust what differs (retention, simulation, concurrency).
 */
import type { EnvironmentInput } from "./schema";

type FunctionInput = EnvironmentInput["functions"][number];

export const WORKLOADS = {
  userService: {
    name: "user-service",
    description: "Validates and normalises user records",
    samplingTier: "business",
    httpRoute: "POST /users",
  },
  orderProcessor: {
    name: "order-processor",
    description: "Prices orders: line items, discounts, tax and shipping",
    samplingTier: "critical",
    httpRoute: "POST /orders",
    capability: "order",
    businessMetrics: "orders",
  },
  paymentHandler: {
    name: "payment-handler",
    description: "Decides payment authorisations within amount limits",
    samplingTier: "critical",
    httpRoute: "POST /payments",
    capability: "payment",
    businessMetrics: "payments",
  },
  notificationSender: {
    name: "notification-sender",
    description: "Plans notification fan-out per channel",
    samplingTier: "business",
    webSocket: true,
  },
  dataAggregator: {
    name: "data-aggregator",
    description: "Aggregates metric records over a batch",
    samplingTier: "general",
    memoryMiB: 512,
    timeoutSeconds: 120,
    // Batch work: its latency budget is larger than the request/response functions'.
    alarms: {
      averageDurationMs: { warning: { threshold: 1000, evaluationPeriods: 15, datapointsToAlarm: 3 } },
      p99DurationMs: { warning: { threshold: 5000, evaluationPeriods: 360, datapointsToAlarm: 2 } },
    },
  },
} as const satisfies Record<string, Omit<FunctionInput, "logRetentionDays">>;

/** The five workloads with the settings one environment gives all of them. */
export function workloadsWith(common: Pick<FunctionInput, "logRetentionDays" | "errorSimulationPercent">): FunctionInput[] {
  return Object.values(WORKLOADS).map((workload) => ({ ...workload, ...common }));
}
