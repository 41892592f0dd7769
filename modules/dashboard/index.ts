export * from "./layout";
export * from "./operations-dashboard";
export * from "./template-renderer";
export type { FunctionAnnotations } from "./widgets";
