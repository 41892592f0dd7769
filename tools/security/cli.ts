import { runTool } from "../common/cli";
import { environmentChoices, selectTargets, TARGET_OPTIONS } from "../common/target";
import { countBySeverity, scanPolicyOf, scanRoutes } from "./route-scan";
import { readTargetStack } from "../common/linked-stacks";

const USAGE = `Usage: node modules/synth-speed/run-compiled.cjs tools/security/cli.ts [--env <${environmentChoices()}>] [--region <region>] [--account <id>] [--synth-dir cdktf.out]

Scans the synthesized stacks (run \`npm run synth\` first) for API routes
anyone can call without credentials that the configuration does not mark
public: HIGH where the route writes through a function that handles money
or orders, MEDIUM otherwise. Every stack of the estate unless --env (and
--region, --account) narrow it.

Exit codes:
  0  no findings
  2  findings
  1  error`;

runTool(
  { name: "route-scan", usage: USAGE, options: { env: { type: "string" }, ...TARGET_OPTIONS, "synth-dir": { type: "string" } } },
  async ({ values }) => {
    let total = 0;
    for (const { label: environment, target } of selectTargets(values.env === undefined ? undefined : [values.env], values.region, values.account)) {
      const findings = scanRoutes(readTargetStack(target, values["synth-dir"]), scanPolicyOf(target.config));
      const counts = countBySeverity(findings);
      process.stdout.write(`${environment}: ${counts.HIGH} HIGH, ${counts.MEDIUM} MEDIUM\n`);
      for (const f of findings) process.stdout.write(`  ${f.severity.padEnd(6)} ${f.routeKey} (${f.api}): ${f.reason}\n`);
      total += findings.length;
    }
    process.stdout.write(`total: ${total} findings\n`);
    return total > 0 ? 2 : 0;
  },
);
