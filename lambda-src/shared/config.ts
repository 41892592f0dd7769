import { ENV_VARS } from "@serverless-monitoring/contract";
import { ConfigurationError } from "./errors";

/** What the runtime library reads from the environment, once per container. */
export interface RuntimeConfig {
  /** ERROR_TABLE_NAME: the table error records go to. */
  readonly errorTableName: string;
  /** ENVIRONMENT: the deployment environment. */
  readonly environment: string;
  /** ERROR_RETENTION_DAYS: days an error record lives. */
  readonly errorRetentionDays: number;
}

/** The process environment, or a stand-in for it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Reads the configuration; a missing or malformed variable throws a message that names it. */
export function readRuntimeConfig(env: Env = process.env): RuntimeConfig {
  return {
    errorTableName: required(env, ENV_VARS.errorTableName),
    environment: required(env, ENV_VARS.environment),
    errorRetentionDays: numberVariable(env, ENV_VARS.errorRetentionDays, 30, 1, 3650),
  };
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === "") {
    throw new ConfigurationError(`Environment variable ${name} is required but not set. The MonitoredFunction module sets it; set it yourself when wrapping your own function.`);
  }
  return value;
}

/** A numeric variable from `min` to `max`, `fallback` when unset; anything else throws a ConfigurationError naming it. */
export function numberVariable(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigurationError(`Environment variable ${name} is ${JSON.stringify(raw)}; allowed: a number from ${min} to ${max}.`);
  }
  return value;
}
