import { Aspects, TerraformResource, TerraformStack, type IAspect } from "cdktf";
import type { Construct, IConstruct } from "constructs";
import { AWS_NAME_LIMITS } from "./aws-limits";
import { InvalidPropsError, formatValue } from "./validation";

/** The one naming rule of the project: `{name}-{environment}`, e.g. `error-logs-dev`. */
export function resourceName(name: string, environment: string): string {
  return `${name}-${environment}`;
}

/** The X-Ray health-check sampling rule is `<this>-<environment>`: no function may take that name. */
export const HEALTH_CHECK_RULE_BASE_NAME = "health-checks";

/**
 * A prefix and a suffix for every name the library creates (alarms,
 * composites, dashboards, topics, the key's alias, Chatbot configurations and
 * role, paging dead-letter queues, budgets, anomaly monitors, X-Ray groups
 * and rules, functions and their roles, queues and log groups, tables,
 * buckets), so that two environments can share an account:
 * `{ prefix: "staging" }` makes `orders-errors-critical` `staging-orders-errors-critical`.
 */
export interface NamingOptions {
  /** Put before every name, joined with `-`. @default none */
  readonly prefix?: string;
  /** Put after every name, joined with `-`. @default none */
  readonly suffix?: string;
}

/**
 * The construct-tree context key the naming options live under. cdktf's own
 * mechanism for settings that flow down the tree: set it for a whole app
 * (`new App({ context: { [NAMING_CONTEXT_KEY]: { prefix: "staging" } } })`,
 * or cdktf.json's `context`), for a stack or a subtree with {@link useNaming},
 * or for one facade or Alerting with their `naming` prop. The nearest setting
 * wins.
 */
export const NAMING_CONTEXT_KEY = "@serverless-monitoring/constructs:naming";

/** Lowercase letters, digits and `-`: the one alphabet every named resource type accepts (S3 buckets are the strictest). */
const AFFIX = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

/**
 * Gives every name the library creates under `scope` a prefix or suffix.
 * Call it before anything is added to `scope` (first thing in a stack's
 * constructor): context cannot change under existing children.
 * @param scope - a stack, or any construct whose subtree shares the naming
 * @param naming - the prefix and suffix
 */
export function useNaming(scope: Construct, naming: NamingOptions): void {
  if (naming === undefined) throw new InvalidPropsError(`useNaming "${scope.node.path}"`, "naming", naming, "{ prefix?, suffix? }");
  requireNaming(`useNaming "${scope.node.path}"`, "naming", naming);
  if (scope.node.children.length > 0) {
    throw new InvalidPropsError(`useNaming "${scope.node.path}"`, "scope", scope.node.path, "a construct with no children yet: call useNaming first thing in the stack's constructor, or pass naming to the construct");
  }
  scope.node.setContext(NAMING_CONTEXT_KEY, naming);
}

/** Checks a naming option where a construct takes one: each affix 1-32 lowercase letters, digits or `-`. */
export function requireNaming(where: string, field: string, naming: unknown): void {
  if (naming === undefined) return;
  if (naming === null || typeof naming !== "object" || Array.isArray(naming)) throw new InvalidPropsError(where, field, naming, "{ prefix?, suffix? }");
  const extra = Object.keys(naming).find((key) => key !== "prefix" && key !== "suffix");
  if (extra !== undefined) throw new InvalidPropsError(where, field, extra, "prefix or suffix");
  for (const key of ["prefix", "suffix"] as const) {
    const value = (naming as NamingOptions)[key];
    if (value !== undefined && (typeof value !== "string" || !AFFIX.test(value))) {
      throw new InvalidPropsError(where, `${field}.${key}`, value, "1-32 lowercase letters, digits or -, starting and ending with a letter or digit (every resource type, S3 buckets included, accepts these)");
    }
  }
}

/** The naming in force at `scope`: the nearest context setting, or none. */
export function namingOf(scope: IConstruct): NamingOptions {
  return (scope.node.tryGetContext(NAMING_CONTEXT_KEY) as NamingOptions | undefined) ?? {};
}

/**
 * The name a resource created under `scope` gets: `base` with the naming's
 * prefix and suffix. With no naming, `base` itself, so today's names stay.
 * A base that already carries them keeps them once: alarm names are built
 * from the deployed names of the resources they watch (`prod-orders` gives
 * `prod-orders-errors-critical`, not `prod-prod-orders-...`).
 * Also makes sure the stack checks its names at synth: two resources of one
 * name, or a name past AWS's limit for its type, fail the synth.
 * @param scope - where the resource is created
 * @param base - the name without prefix or suffix
 */
export function physicalName(scope: IConstruct, base: string): string {
  checkNamesOf(scope);
  const { prefix, suffix } = namingOf(scope);
  const head = prefix === undefined || base.startsWith(`${prefix}-`) ? "" : `${prefix}-`;
  const tail = suffix === undefined || base.endsWith(`-${suffix}`) ? "" : `-${suffix}`;
  return `${head}${base}${tail}`;
}

const checkedStacks = new WeakSet<TerraformStack>();

function checkNamesOf(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (checkedStacks.has(stack)) return;
  checkedStacks.add(stack);
  Aspects.of(stack).add(new UniqueNames());
}

/** A named resource of a stack: what the name check and the shared-account test read. */
export interface NamedResource {
  /** The Terraform resource type, e.g. `aws_cloudwatch_metric_alarm`. */
  readonly type: string;
  /** The prop that carries the name, e.g. `alarmName`. */
  readonly field: string;
  /** The name, prefix and suffix included. */
  readonly name: string;
  /** The construct path, for messages. */
  readonly path: string;
  /** Names of this type are unique within this (a log group's metric filters), else in the account. @default in the account and region */
  readonly within?: string;
}

/** Every resource of `scope`'s tree whose name AWS keeps unique, with a plain (not token) name. */
export function namedResources(scope: IConstruct): NamedResource[] {
  return collect(scope).map(({ resource }) => resource);
}

function collect(scope: IConstruct): { resource: NamedResource; construct: IConstruct }[] {
  return scope.node.findAll().flatMap((c) => {
    if (!(c instanceof TerraformResource)) return [];
    const rule = Object.hasOwn(AWS_NAME_LIMITS, c.terraformResourceType) ? AWS_NAME_LIMITS[c.terraformResourceType as keyof typeof AWS_NAME_LIMITS] : undefined;
    if (rule === undefined) return [];
    const record = c as unknown as Record<string, unknown>;
    const name = record[`${rule.field}Input`];
    if (typeof name !== "string" || name.includes("${")) return [];
    const within = "within" in rule ? record[`${rule.within}Input`] : undefined;
    return [{ resource: { type: c.terraformResourceType, field: rule.field, name, path: c.node.path, ...(typeof within === "string" ? { within } : {}) }, construct: c }];
  });
}

/**
 * The synth-time check of a stack's names: two resources of one type with
 * one name (two alarms `orders-errors-critical`, two dashboards) are one
 * InvalidPropsError naming both construct paths and the name; and every name,
 * prefix and suffix included, stays within AWS's limit for its type.
 * Added to a stack by the first name the library makes in it.
 */
export class UniqueNames implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack)) return;
    const seen = new Map<string, NamedResource>();
    for (const { resource: r, construct } of collect(node)) {
      const limit = AWS_NAME_LIMITS[r.type as keyof typeof AWS_NAME_LIMITS].max;
      if (r.name.length > limit) {
        const { prefix, suffix } = namingOf(construct);
        const affixes = prefix || suffix ? ` (with the naming ${formatValue({ prefix, suffix })})` : "";
        throw new InvalidPropsError(r.path, r.field, r.name, `at most ${limit} characters for ${r.type}${affixes}; it has ${r.name.length}: shorten the name or the naming prefix/suffix`);
      }
      const key = `${r.type}\u0000${r.within ?? ""}\u0000${r.name}`;
      const first = seen.get(key);
      if (first !== undefined) {
        throw new InvalidPropsError(
          r.path,
          r.field,
          r.name,
          `a name not already taken by ${first.path}: ${r.type} names are unique ${r.within !== undefined ? "within their log group" : "in an account and region"}; rename one of them, or give each environment its own naming prefix`,
        );
      }
      seen.set(key, r);
    }
  }
}
