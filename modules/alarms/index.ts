export * from "./system-health-alarm";
