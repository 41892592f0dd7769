export * from "./health-alarm";
export * from "./maintenance-window";
