/** Reads a stack that `npm run synth` wrote, with a clear error when it is not there. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ToolError } from "./cli";

export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { readonly value: unknown }>;
}

/** A synthesized stack by its id, e.g. `monitoring-qa-111122223333-eu-west-1` (a DeploymentTarget's stackId). */
export function readStackById(stackId: string, synthDir = "cdktf.out"): StackJson {
  const path = join(synthDir, "stacks", stackId, "cdk.tf.json");
  if (!existsSync(path)) throw new ToolError(`no synthesized stack at ${path}. Run \`npm run synth\` first (or pass --synth-dir).`);
  return JSON.parse(readFileSync(path, "utf8")) as StackJson;
}

export function resourcesOf(stack: StackJson, type: string): Record<string, unknown>[] {
  return Object.values(stack.resource?.[type] ?? {});
}
