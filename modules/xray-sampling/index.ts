export * from "./xray-sampling-rules";
