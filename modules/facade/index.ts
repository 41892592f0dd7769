export * from "./default-thresholds";
export * from "./serverless-monitoring";
