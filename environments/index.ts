import { dev } from "./dev";
import { production } from "./production";
import { ENVIRONMENT_NAMES, type EnvironmentConfig, type EnvironmentInput, type EnvironmentName } from "./schema";
import { staging } from "./staging";
import { ConfigurationError, parseEnvironment } from "./validate";

export * from "./schema";
export { ConfigurationError, parseEnvironment, type Problem } from "./validate";
export { BUSINESS_ALARM_METRICS } from "./rules";
export { ESTATE, findTarget, loadEstate, sourceAccounts, type DeploymentTarget, type Estate, type EstateInput, type MonitoringAccount } from "./estate";

const ENVIRONMENTS: Record<EnvironmentName, EnvironmentInput> = { dev, staging, production };

/** One of the reference system's three environments (environmentInput's names); any estate may have others (./estate.ts). */
export function isEnvironmentName(name: string): name is EnvironmentName {
  return (ENVIRONMENT_NAMES as readonly string[]).includes(name);
}

/** The validated configuration of one reference environment; an unknown name lists the valid ones. */
export function loadEnvironment(name: string): EnvironmentConfig {
  if (!isEnvironmentName(name)) {
    throw new ConfigurationError(`Unknown environment "${name}". Valid environments: ${ENVIRONMENT_NAMES.join(", ")}.`);
  }
  const config = parseEnvironment(name, ENVIRONMENTS[name]);
  if (config.name !== name) {
    // Two files naming one environment would deploy two stacks into the same state file.
    throw ConfigurationError.forEnvironment(name, [{ path: ["name"], value: config.name, allowed: `"${name}" (the environment this file configures)` }]);
  }
  return config;
}

/** The raw (unvalidated) input of one environment, for tests and tools that derive variants from it. */
export function environmentInput(name: EnvironmentName): EnvironmentInput {
  return ENVIRONMENTS[name];
}

/** Every environment, validated, in deploy order. */
export function loadAllEnvironments(): EnvironmentConfig[] {
  return ENVIRONMENT_NAMES.map(loadEnvironment);
}
