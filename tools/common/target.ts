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
