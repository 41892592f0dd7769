export * from "./cost-budgets";
