/**
 * The deploy workflow's matrix (.github/workflows/deploy-stacks.yml): the
 * stacks `npm run synth` wrote, in two waves. The first holds the stacks the
 * others read from (the monitoring account's, which writes each sink's ARN
 * into SSM, and each split target's shared stack, which publishes its topics
 * and table); the second every other stack. The state bootstrap is left out:
 * it runs once, by hand, before any state exists.
 *
 * Usage: node modules/synth-speed/run-compiled.cjs scripts/stack-matrix.ts [cdktf.out] [--environment <name>]
 * Prints `first=<json>` and `second=<json>`, lines for $GITHUB_OUTPUT; each JSON
 * is a matrix: { "include": [{ "stack": "<id>" }, ...] }.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MONITORING_ACCOUNT_STACK } from "../stacks/monitoring-account-stack";

export interface StackMatrix {
  readonly first: readonly string[];
  readonly second: readonly string[];
}

/** Splits stack ids into the two waves; `environment` keeps only that environment's stacks (and the monitoring account's). */
export function stackMatrix(stackIds: readonly string[], environment?: string): StackMatrix {
  const deployable = stackIds.filter((id) => id !== "state-bootstrap").filter((id) => environment === undefined || id === MONITORING_ACCOUNT_STACK || id === `monitoring-${environment}` || id.startsWith(`monitoring-${environment}-`));
  const first = deployable.filter((id) => id === MONITORING_ACCOUNT_STACK || id.endsWith("-shared"));
  return { first, second: deployable.filter((id) => !first.includes(id)) };
}

function matrixJson(stacks: readonly string[]): string {
  return JSON.stringify({ include: stacks.map((stack) => ({ stack })) });
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const envAt = args.indexOf("--environment");
  const environment = envAt >= 0 ? args[envAt + 1] : undefined;
  const outdir = args.find((a, i) => !a.startsWith("--") && i !== envAt + 1) ?? "cdktf.out";
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
  const { first, second } = stackMatrix(Object.keys(manifest.stacks), environment);
  process.stdout.write(`first=${matrixJson(first)}\nsecond=${matrixJson(second)}\n`);
}
