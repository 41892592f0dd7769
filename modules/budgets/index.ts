export * from "./cost-budgets";
export * from "./cost-anomaly-alerts";
