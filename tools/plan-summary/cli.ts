import { readFileSync } from "node:fs";
import { runTool, ToolError } from "../common/cli";
import { summarisePlan, type Plan } from "./plan-summary";

const USAGE = `Usage: npm run plan-summary -- <plan.json> [--title <text>]

Prints a Markdown summary of a Terraform plan: changes counted by resource
type, changed attributes of each update, and warnings for replaced or deleted
stateful resources (DynamoDB tables, KMS keys, S3 buckets, log groups, SQS
queues) and for alarm threshold or action changes.

  terraform plan -out plan.tfplan
  terraform show -json plan.tfplan > plan.json
  npm run --silent plan-summary -- plan.json --title "monitoring-dev"

Exit codes:
  0  summary printed
  1  error (file missing or not a plan in JSON)`;

runTool({ name: "plan-summary", usage: USAGE, options: { title: { type: "string" } }, allowPositionals: true }, async ({ values, positionals }) => {
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new ToolError(`expected one plan file.\n\n${USAGE}`);
  let plan: Plan;
  try {
    plan = JSON.parse(readFileSync(file, "utf8")) as Plan;
  } catch (error) {
    throw new ToolError(`cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    process.stdout.write(summarisePlan(plan, values.title ?? "Terraform plan"));
  } catch (error) {
    throw new ToolError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return 0;
});
