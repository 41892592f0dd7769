export * from "./xray-sampling-rules";
export * from "./xray-fault-group";
