/**
 * Where each environment keeps its Terraform state, and the environment
 * variables that let CI point it elsewhere at synth time.
 */
import { ConfigurationError, type EnvironmentConfig } from "../environments";

/** Set any of these when running `cdktf synth` (or `npm run synth`) to override the configured state location. */
export const STATE_OVERRIDE_VARIABLES = {
  bucket: "MONITORING_STATE_BUCKET",
  keyPrefix: "MONITORING_STATE_KEY_PREFIX",
  region: "MONITORING_STATE_REGION",
} as const;

export interface StateLocation {
  readonly bucket: string;
  readonly keyPrefix: string;
  readonly region: string;
}

export type StateOverrides = Partial<StateLocation>;

const RULES: Record<keyof StateLocation, { readonly pattern: RegExp; readonly allowed: string }> = {
  bucket: { pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, allowed: "an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens" },
  keyPrefix: { pattern: /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, allowed: "a path without leading or trailing slash" },
  region: { pattern: /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, allowed: "an AWS region such as eu-west-1" },
};

/** Reads and validates the override variables; unset or empty ones are ignored. */
export function readStateOverrides(env: Readonly<Record<string, string | undefined>>): StateOverrides {
  const overrides: { -readonly [K in keyof StateLocation]?: string } = {};
  for (const [field, variable] of Object.entries(STATE_OVERRIDE_VARIABLES) as [keyof StateLocation, string][]) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    const rule = RULES[field];
    if (!rule.pattern.test(value)) throw new ConfigurationError(`${variable}: got ${JSON.stringify(value)}; allowed: ${rule.allowed}.`);
    overrides[field] = value;
  }
  return overrides;
}

export function stateLocation(config: EnvironmentConfig, overrides: StateOverrides = {}): StateLocation {
  return {
    bucket: overrides.bucket ?? config.state.bucket,
    keyPrefix: overrides.keyPrefix ?? config.state.keyPrefix,
    region: overrides.region ?? config.region,
  };
}

/** One state file per environment: `<prefix>/<environment>/terraform.tfstate`. */
export function stateKey(location: StateLocation, environment: string): string {
  return `${location.keyPrefix}/${environment}/terraform.tfstate`;
}
