export * from "./alerting";
