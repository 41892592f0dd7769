export * from "./error-table-alarms";
export * from "./function-alarms";
export * from "./system-health-alarm";
