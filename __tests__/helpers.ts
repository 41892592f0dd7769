import { App, Testing } from "cdktf";
import { environmentInput, loadEnvironment, parseEnvironment, type EnvironmentConfig, type EnvironmentInput, type EnvironmentName } from "../environments";
import { MonitoringStack } from "../stacks";

export { BUNDLE_ROOT, PROJECT_ROOT } from "../paths";
import { BUNDLE_ROOT } from "../paths";

export interface SynthesizedStack {
  readonly synth: string;
  readonly json: TerraformJson;
}

export interface TerraformJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output: Record<string, { value: unknown }>;
  readonly terraform: { backend: Record<string, Record<string, unknown>>; required_providers: Record<string, unknown> };
  readonly provider: Record<string, Record<string, unknown>[]>;
}

export function synthMonitoringStack(config: EnvironmentConfig, app: App = Testing.app()): SynthesizedStack {
  const stack = new MonitoringStack(app, `monitoring-${config.name}`, { config, bundleRoot: BUNDLE_ROOT });
  const synth = Testing.synth(stack);
  return { synth, json: JSON.parse(synth) as TerraformJson };
}

export function synthEnvironment(name: EnvironmentName): SynthesizedStack {
  return synthMonitoringStack(loadEnvironment(name));
}

/** A copy of an environment's input with `change` applied, validated. */
export function variantOf(name: EnvironmentName, change: (input: Mutable<EnvironmentInput>) => void): EnvironmentConfig {
  const input = structuredClone(environmentInput(name)) as Mutable<EnvironmentInput>;
  change(input);
  return parseEnvironment(name, input);
}

/** An environment's raw input with `change` applied, for feeding parseEnvironment directly. */
export function mutatedInput(name: EnvironmentName, change: (input: Mutable<EnvironmentInput>) => void): unknown {
  const input = structuredClone(environmentInput(name)) as Mutable<EnvironmentInput>;
  change(input);
  return input;
}

export type Mutable<T> = { -readonly [K in keyof T]: any };

export function resources(json: TerraformJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource[type] ?? {});
}

/** Every IAM-style policy document in the stack, with where it came from. */
export function policyDocuments(json: TerraformJson): { readonly where: string; readonly document: PolicyDocumentJson }[] {
  const sources: [string, string][] = [
    ["aws_iam_role_policy", "policy"],
    ["aws_kms_key", "policy"],
    ["aws_sns_topic_policy", "policy"],
    ["aws_s3_bucket_policy", "policy"],
    ["aws_iam_role", "assume_role_policy"],
  ];
  return sources.flatMap(([type, field]) =>
    Object.entries(json.resource[type] ?? {}).map(([id, r]) => ({ where: `${type}.${id}`, document: JSON.parse(r[field] as string) as PolicyDocumentJson })),
  );
}

export interface PolicyStatementJson {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Principal?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}
export interface PolicyDocumentJson {
  readonly Version: string;
  readonly Statement: PolicyStatementJson[];
}

export const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
