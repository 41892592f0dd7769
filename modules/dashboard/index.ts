export * from "./graphs";
export * from "./layout";
export * from "./operations-dashboard";
export * from "./template-renderer";
