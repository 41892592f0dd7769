export * from "./monitored-function";
