/**
 * The stacks of one account and region as CloudWatch sees them: one set of
 * alarms, composites and topics, whatever stack (and state) each came from.
 * A split estate's shards name the shared stack's topics and maintenance
 * window through SSM parameters (`data.aws_ssm_parameter`); here each such
 * reference becomes the value the shared stack publishes, so an alarm's
 * action finds its topic and a composite its suppressor, as they do in AWS.
 */
import { stackIdsOf } from "../../stacks/estate-split";
import { readStackById, type StackJson } from "./synthesized-stack";

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

const RESOURCE_REFERENCE = /\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\./g;
const PARAMETER_REFERENCE = /\$\{data\.aws_ssm_parameter\.([A-Za-z0-9_-]+)\.value\}/g;

/** Every string in `value`, rewritten by `f`. */
function mapStrings(value: unknown, f: (text: string) => string): unknown {
  if (typeof value === "string") return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

/** The stack's resources under ids prefixed with `prefix`, and its references to them rewritten, so stacks merge without collisions. */
function prefixed(stack: StackJson, prefix: string): StackJson {
  const own = stack.resource ?? {};
  const rename = (text: string) => text.replace(RESOURCE_REFERENCE, (whole, type: string, id: string) => (own[type]?.[id] ? `\${${type}.${prefix}${id}.` : whole));
  const resource = Object.fromEntries(Object.entries(own).map(([type, byId]) => [type, Object.fromEntries(Object.entries(byId).map(([id, r]) => [`${prefix}${id}`, mapStrings(r, rename)]))])) as Blocks;
  return { resource, ...(stack.data ? { data: stack.data } : {}) };
}

/**
 * Merges the stacks of one account and region (a split target's shared stack and shards) into one, each SSM
 * parameter a stack reads replaced by the value another publishes. One stack is returned as it is.
 */
export function linkStacks(stacks: readonly StackJson[]): StackJson {
  if (stacks.length === 1) return stacks[0]!;
  const renamed = stacks.map((stack, i) => prefixed(stack, `s${i}_`));
  const published = new Map<string, string>();
  for (const stack of renamed) for (const parameter of Object.values(stack.resource?.aws_ssm_parameter ?? {})) published.set(String(parameter.name), String(parameter.value));
  const resource: Blocks = {};
  for (const stack of renamed) {
    const reads = stack.data?.aws_ssm_parameter ?? {};
    const resolve = (text: string) =>
      text.replace(PARAMETER_REFERENCE, (whole, id: string) => {
        const name = reads[id]?.name;
        if (name === undefined) return whole;
        // A parameter no stack publishes (a paging endpoint, a secret kept outside the estate) stays a reference.
        return published.get(String(name)) ?? whole;
      });
    for (const [type, byId] of Object.entries(stack.resource ?? {})) resource[type] = { ...resource[type], ...(mapStrings(byId, resolve) as Blocks[string]) };
  }
  return { resource };
}

/**
 * The stacks a deployment target became, read from a synth: its one stack, or a split target's shared
 * stack and shards linked as CloudWatch sees them. What the tools that judge a target's monitoring
 * (cost, drift, the drill, the route scan) read.
 */
export function readTargetStack(target: Parameters<typeof stackIdsOf>[0], synthDir?: string): StackJson {
  return linkStacks(stackIdsOf(target).map((id) => readStackById(id, synthDir)));
}
