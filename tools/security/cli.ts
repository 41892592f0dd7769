import { ENVIRONMENT_NAMES, isEnvironmentName, loadEnvironment } from "../../environments";
import { runTool, ToolError } from "../common/cli";
import { readSynthesizedStack } from "../common/synthesized-stack";
import { countBySeverity, scanPolicyOf, scanRoutes } from "./route-scan";

const USAGE = `Usage: node modules/synth-speed/run-compiled.cjs tools/security/cli.ts [--env <${ENVIRONMENT_NAMES.join("|")}>] [--synth-dir cdktf.out]

Scans the synthesized stacks (run \`npm run synth\` first) for API routes
anyone can call without credentials that the configuration does not mark
public: HIGH where the route writes through a function that handles money
or orders, MEDIUM otherwise. Every environment unless --env is given.

Exit codes:
  0  no findings
  2  findings
  1  error`;

runTool(
  { name: "route-scan", usage: USAGE, options: { env: { type: "string" }, "synth-dir": { type: "string" } } },
  async ({ values }) => {
    const environments = values.env === undefined ? ENVIRONMENT_NAMES : [values.env];
    let total = 0;
    for (const environment of environments) {
      if (!isEnvironmentName(environment)) throw new ToolError(`unknown environment "${environment}". Valid environments: ${ENVIRONMENT_NAMES.join(", ")}.`);
      const findings = scanRoutes(readSynthesizedStack(environment, values["synth-dir"]), scanPolicyOf(loadEnvironment(environment)));
      const counts = countBySeverity(findings);
      process.stdout.write(`${environment}: ${counts.HIGH} HIGH, ${counts.MEDIUM} MEDIUM\n`);
      for (const f of findings) process.stdout.write(`  ${f.severity.padEnd(6)} ${f.routeKey} (${f.api}): ${f.reason}\n`);
      total += findings.length;
    }
    process.stdout.write(`total: ${total} findings\n`);
    return total > 0 ? 2 : 0;
  },
);
