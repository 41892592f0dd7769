/** Synthesizes one example into its own output folder, as `cdktf synth` would for an app of the example's stacks. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { ToolError } from "../common/cli";
import { EXAMPLES } from "./catalog";

export interface SynthesizedExample {
  readonly outdir: string;
  /** Per stack, its resources by type. */
  readonly stacks: Readonly<Record<string, number>>;
}

export function exampleOutdir(name: string, root = "cdktf.out"): string {
  return join(root, "examples", name);
}

export function synthesizeExample(name: string, root = "cdktf.out"): SynthesizedExample {
  const example = Object.hasOwn(EXAMPLES, name) ? EXAMPLES[name] : undefined;
  if (!example) throw new ToolError(`unknown example "${name}". Examples: ${Object.keys(EXAMPLES).join(", ")}.`);
  const outdir = exampleOutdir(name, root);
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  const created = Object.entries(example.stacks).map(([id, makeStack]) => makeStack(app, id));
  app.synth();
  const stacks = Object.fromEntries(created.map((stack) => [stack.node.id, resourceCount(stack)]));
  return { outdir, stacks };
}

function resourceCount(stack: import("cdktf").TerraformStack): number {
  const json = stack.toTerraform() as { resource?: Record<string, Record<string, unknown>> };
  return Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}
