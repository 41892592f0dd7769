import { cloudWatchClient } from "../common/aws-clients";
import { runTool, ToolError } from "../common/cli";
import { readStackById } from "../common/synthesized-stack";
import { environmentChoices, resolveTarget, TARGET_OPTIONS } from "../common/target";
import { objectivesOf, unresolved } from "./objectives";
import { formatReport, measure } from "./report";

const USAGE = `Usage: npm run sla -- --env <${environmentChoices()}> [--region <region>] [--account <id>] --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--window-minutes 60] [--http-api-id <id>] [--synth-dir cdktf.out] [--all]

Availability report: reads through CloudWatch GetMetricData the metrics each
capability's objective counts (its functions' and routes' failures and calls,
and its canaries' runs) and every canary's SuccessPercent, over [from, to) in
UTC, and prints availability against each target, the error budget left, and
the worst windows. Objectives and targets come from the synthesized stack's
alarms (run \`npm run synth\` first), so the report counts what pages.

  --window-minutes  the windows availability is summed and ranked in (a multiple of 5) (default 60)
  --http-api-id     the HTTP API's id, for route metrics (their ApiId is known only after apply)
  --all             every objective (functions and routes too), not only capabilities and canaries

Credentials and region: the AWS SDK's defaults (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL...).

Exit codes:
  0  every capability and canary at or above its target (or without data)
  2  one below its target
  1  error`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateOption(name: string, value: string | undefined): Date {
  if (value === undefined) throw new ToolError(`--${name} is required: a date such as 2026-11-01.`);
  const date = new Date(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new ToolError(`--${name} "${value}" is not a date: give YYYY-MM-DD, e.g. 2026-11-01.`);
  return date;
}

runTool(
  {
    name: "sla",
    usage: USAGE,
    options: { env: { type: "string" }, ...TARGET_OPTIONS, from: { type: "string" }, to: { type: "string" }, "window-minutes": { type: "string" }, "http-api-id": { type: "string" }, "synth-dir": { type: "string" }, all: { type: "boolean" } },
  },
  async ({ values }) => {
    const environment = values.env;
    if (!environment) throw new ToolError(`--env is required: one of ${environmentChoices().split("|").join(", ")}.`);
    const target = resolveTarget(environment, values.region, values.account);
    const from = dateOption("from", values.from);
    const to = dateOption("to", values.to);
    if (to <= from) throw new ToolError(`--to (${values.to}) must be after --from (${values.from}).`);
    const windowText = values["window-minutes"] ?? "60";
    const windowMinutes = Number(windowText);
    if (!/^\d+$/.test(windowText) || windowMinutes < 5 || windowMinutes % 5 !== 0 || windowMinutes > 1440) throw new ToolError(`--window-minutes "${windowText}" is not allowed: a multiple of 5 from 5 to 1440.`);
    const config = target.config;
    const apiId = values["http-api-id"];
    const substitute = (value: string) => (apiId ? value.replace(/\$\{aws_apigatewayv2_api\.[^}]+\.id\}/g, apiId) : value);
    const stack = readStackById(target.stackId, values["synth-dir"]);
    const capabilityNames = new Set(Object.keys(config.capabilities).map((c) => `${c}-${environment}`));
    const chosen = objectivesOf(stack, substitute).filter((o) => values.all || capabilityNames.has(o.name) || o.name.startsWith("canary "));
    const notes: string[] = [];
    // A route metric whose API id is unknown cannot be read: leave it out, and say so.
    const objectives = chosen.map((o) => {
      const missing = unresolved(o);
      if (missing.length === 0) return o;
      notes.push(`${o.name}: ${missing.length} route metric(s) left out, their API id is known only after apply; give --http-api-id (terraform output HttpApiUrl holds it).`);
      const known = (list: typeof o.bad) => list.filter((m) => !missing.includes(m));
      return { ...o, bad: known(o.bad), total: known(o.total) };
    });
    const titled = objectives.map((o) => (capabilityNames.has(o.name) ? { ...o, name: `${config.capabilities[o.name.slice(0, -environment.length - 1)]} (${o.name})` } : o));
    const results = await measure(cloudWatchClient(config.region), titled, from, to, windowMinutes * 60);
    process.stdout.write(formatReport(environment, from, to, windowMinutes * 60, results, notes));
    return results.some((r) => r.total > 0 && 100 * (1 - r.bad / r.total) < r.objective.targetPercent) ? 2 : 0;
  },
);
