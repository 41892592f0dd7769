/**
 * Which stack a tool works on: an environment of the estate
 * (environments/estate.ts), and its region and account where it deploys to
 * several. The reference environments need only --env.
 */
import { ConfigurationError, findTarget, loadEstate, type DeploymentTarget, type Estate } from "../../environments";
import { ToolError } from "./cli";

/** The options every tool takes to name a stack (with its own `env`). */
export const TARGET_OPTIONS = { region: { type: "string" }, account: { type: "string" } } as const;

/** How the usage texts name the environment, from the estate. */
export function environmentChoices(estate: Estate = loadEstate()): string {
  return [...new Set(estate.targets.map((t) => t.environment))].join("|");
}

/** The stack of `environment` (in `region` and `account`, where it has several), or a ToolError saying which exist. */
export function resolveTarget(environment: string, region?: string, account?: string, estate: Estate = loadEstate()): DeploymentTarget {
  try {
    return findTarget(estate, environment, region, account);
  } catch (error) {
    if (error instanceof ConfigurationError) throw new ToolError(error.message);
    throw error;
  }
}

/**
 * The stacks a tool that runs over several goes through (drill, route scan): every stack of the given
 * environments (default: every environment of the estate), narrowed by `region` and `account`. Each comes
 * with a label for reports: the environment's name where it has one stack, else `<env>-<account>-<region>`.
 */
export function selectTargets(environments: readonly string[] | undefined, region?: string, account?: string, estate: Estate = loadEstate()): { readonly label: string; readonly target: DeploymentTarget }[] {
  const names = environments ?? [...new Set(estate.targets.map((t) => t.environment))];
  return names.flatMap((environment) => {
    const ofEnvironment = estate.targets.filter((t) => t.environment === environment);
    if (ofEnvironment.length === 0) resolveTarget(environment, region, account, estate); // throws: unknown environment, naming the valid ones
    const matching = ofEnvironment.filter((t) => (region === undefined || t.region === region) && (account === undefined || t.accountId === account));
    if (matching.length === 0) resolveTarget(environment, region, account, estate); // throws: no stack there, naming where it deploys
    return matching.map((target) => ({ label: ofEnvironment.length === 1 ? environment : target.stackId.replace(/^monitoring-/, ""), target }));
  });
}
