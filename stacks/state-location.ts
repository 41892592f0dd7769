/**
 * Where each environment keeps its Terraform state, and the environment
 * variables that let CI point it elsewhere at synth time.
 */
import { ConfigurationError, type EnvironmentConfig } from "../environments";
import { regionProblem, s3BucketNameProblem, s3KeyPrefixProblem } from "@serverless-monitoring/constructs";

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

const RULES: Record<keyof StateLocation, { readonly problem: (value: string) => string | undefined }> = {
  bucket: { problem: s3BucketNameProblem },
  keyPrefix: { problem: s3KeyPrefixProblem },
  region: { problem: regionProblem },
};

/** Reads and validates the override variables; unset or empty ones are ignored. */
export function readStateOverrides(env: Readonly<Record<string, string | undefined>>): StateOverrides {
  const overrides: { -readonly [K in keyof StateLocation]?: string } = {};
  for (const [field, variable] of Object.entries(STATE_OVERRIDE_VARIABLES) as [keyof StateLocation, string][]) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    const problem = RULES[field].problem(value);
    if (problem) throw new ConfigurationError(`${variable}: got ${JSON.stringify(value)}; allowed: ${problem}.`);
    overrides[field] = value;
  }
  return overrides;
}

/**
 * Environments that share a state bucket must share its region: the bootstrap
 * stack creates each bucket once, in one region.
 */
export function requireOneRegionPerBucket(environments: readonly { readonly name: string; readonly location: StateLocation }[]): void {
  const first = new Map<string, { readonly name: string; readonly region: string }>();
  for (const { name, location } of environments) {
    const earlier = first.get(location.bucket);
    if (earlier && earlier.region !== location.region) {
      throw ConfigurationError.forEnvironment(name, [
        {
          path: ["region"],
          value: location.region,
          allowed: `"${earlier.region}", the region of state bucket "${location.bucket}" that environment "${earlier.name}" shares (set state.bucket to another bucket, or MONITORING_STATE_REGION)`,
        },
      ]);
    }
    if (!earlier) first.set(location.bucket, { name, region: location.region });
  }
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
