export * from "./monitoring-stack";
export * from "./state-bootstrap-stack";
export * from "./state-location";
export * from "./monitoring-account-stack";
export * from "./observability-link";
export * from "./placement";
export * from "./estate-split";
export * from "./estate-shard-stacks";
