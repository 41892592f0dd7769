export * from "./monitoring-stack";
export * from "./state-bootstrap-stack";
export * from "./state-location";
