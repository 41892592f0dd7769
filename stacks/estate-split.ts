/**
 * Large estates, split across stacks that plan and deploy on their own.
 *
 * One state holding a whole estate is slow to plan: Terraform refreshes every
 * alarm with DescribeAlarms, which CloudWatch allows 9 times a second per
 * account and region, and creates or updates each with PutMetricAlarm, 3 a
 * second. At 500 functions one state holds 13,557 resources, most of them
 * alarms: many minutes of refresh before any change is planned.
 *
 * So an estate splits into
 * - one shared stack per account and region (EstateSharedStack): the alert
 *   topics and their key, the error table; it publishes their names and ARNs
 *   as SSM parameters under `/serverless-monitoring/<env>/`;
 * - shard stacks (EstateShardStack), one per key (a team or a service), each
 *   reading those parameters at plan time (nothing copied), each with its
 *   own state, so a change to one team's functions plans only that stack.
 *
 * The bound: MAX_RESOURCES_PER_STACK. A key with more functions than fit is
 * cut into parts (`<key>-1`, `<key>-2`, ...).
 */
import { ConfigurationError, type EnvironmentConfig } from "../environments";

/**
 * At most this many resources per shard stack. A monitored function in a shard is at most 40 resources, most
 * of them alarms; 2,500 resources is 61 functions and about 2,000 alarms: a refresh of about 4 minutes at
 * DescribeAlarms' 9 per second, a first deploy of about 11 minutes at PutMetricAlarm's 3 per second. Small enough that a plan in a pull request comes back while its author waits.
 * Stacks in one account and region share those rates, so the matrix runs them in parallel for the
 * Terraform graph and the CPU, and across accounts and regions for the API.
 */
export const MAX_RESOURCES_PER_STACK = 2_500;

export interface Shard<T> {
  /** The key, or `<key>-<n>` where the key's functions did not fit in one stack. */
  readonly key: string;
  readonly functions: readonly T[];
}

export interface SplitOptions<T> {
  /** The team or service a function belongs to; a shard never mixes keys. */
  readonly keyOf: (fn: T) => string;
  /** What one function costs in resources (measure with `npm run bench:estate`). */
  readonly resourcesPerFunction: number;
  /** What every shard costs besides its functions (dashboards, composites, a capability's objective). @default 0 */
  readonly resourcesPerStack?: number;
  /** @default MAX_RESOURCES_PER_STACK */
  readonly maxResourcesPerStack?: number;
}

const KEY = /^[a-z][a-z0-9-]{0,30}$/;

/** Groups functions by key, in first-seen order, cutting a key that exceeds the bound into parts. */
export function splitByKey<T>(functions: readonly T[], options: SplitOptions<T>): Shard<T>[] {
  const bound = options.maxResourcesPerStack ?? MAX_RESOURCES_PER_STACK;
  const fixed = options.resourcesPerStack ?? 0;
  const perStack = Math.floor((bound - fixed) / options.resourcesPerFunction);
  if (perStack < 1) throw new ConfigurationError(`maxResourcesPerStack: got ${bound}; allowed: at least ${fixed + options.resourcesPerFunction}, the resources of a stack with one function`);
  const byKey = new Map<string, T[]>();
  for (const fn of functions) {
    const key = options.keyOf(fn);
    if (!KEY.test(key)) throw new ConfigurationError(`split key: got ${JSON.stringify(key)}; allowed: 1-31 lowercase letters, digits or hyphens, starting with a letter (it names a stack and a state file)`);
    byKey.set(key, [...(byKey.get(key) ?? []), fn]);
  }
  return [...byKey].flatMap(([key, members]) => {
    if (members.length <= perStack) return [{ key, functions: members }];
    const parts = Math.ceil(members.length / perStack);
    return Array.from({ length: parts }, (_, i) => ({ key: `${key}-${i + 1}`, functions: members.slice(i * perStack, (i + 1) * perStack) }));
  });
}

/**
 * What one function costs a shard in resources, at most: function, role, role policy, log group, DLQ, alias,
 * five log metric filters, and its alarms and objective composites (20-28 metric alarms and 2-3 composites
 * for the reference functions; production's, with a latency objective and KPIs, are the largest).
 */
export const RESOURCES_PER_FUNCTION = 40;

/**
 * What a shard costs besides its functions, at most: three dashboard pages, a capability's objective alarms
 * and composite, and the system health, warnings' suppressor, warnings and business composites.
 */
export const RESOURCES_PER_SHARD = 30;

/** The shards of a split environment: one per capability (functions without one go to "other"), each under the bound. */
export function splitShards(config: EnvironmentConfig, split: { readonly maxResourcesPerStack?: number }): Shard<EnvironmentConfig["functions"][number]>[] {
  return splitByKey(config.functions, {
    keyOf: (fn) => fn.capability ?? "other",
    resourcesPerFunction: RESOURCES_PER_FUNCTION,
    resourcesPerStack: RESOURCES_PER_SHARD,
    ...(split.maxResourcesPerStack !== undefined ? { maxResourcesPerStack: split.maxResourcesPerStack } : {}),
  });
}

/** The stacks a deployment target becomes: its own, or, split, `<stackId>-shared` and `<stackId>-<shard>` (addSplitStacks). */
export function stackIdsOf(target: { readonly stackId: string; readonly config: EnvironmentConfig; readonly split?: { readonly maxResourcesPerStack?: number } }): string[] {
  return target.split ? [`${target.stackId}-shared`, ...splitShards(target.config, target.split).map((shard) => `${target.stackId}-${shard.key}`)] : [target.stackId];
}
