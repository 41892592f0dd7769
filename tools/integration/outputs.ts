/**
 * Reads a deployed stack's outputs, as `cdktf output --outputs-file <f>`
 * writes them ({ "<stack>": { "Name": value } }) or as `terraform output
 * -json` prints them ({ "Name": { "value": value, ... } }).
 */
import { readFileSync } from "node:fs";
import { ToolError } from "../common/cli";

export interface StackOutputs {
  readonly errorLogsTableName: string;
  readonly alertTopicArn: string;
  /** Deployed function name by workload, e.g. { "user-service": "user-service-dev" }. */
  readonly functionNames: Readonly<Record<string, string>>;
}

export function parseStackOutputs(raw: unknown, stackName: string, source: string): StackOutputs {
  if (raw === null || typeof raw !== "object") throw new ToolError(`${source}: not a JSON object of stack outputs.`);
  const byStack = (raw as Record<string, unknown>)[stackName];
  const flat = (byStack && typeof byStack === "object" ? byStack : raw) as Record<string, unknown>;
  const value = (name: string): unknown => {
    const entry = flat[name];
    return entry !== null && typeof entry === "object" && "value" in entry ? (entry as { value: unknown }).value : entry;
  };
  const missing = ["ErrorLogsTableName", "AlertTopicArn", "FunctionNames"].filter((name) => value(name) === undefined);
  if (missing.length > 0) {
    throw new ToolError(`${source}: missing output(s) ${missing.join(", ")} of stack ${stackName}. Write them with \`npx cdktf output ${stackName} --outputs-file ${source}\` or \`terraform output -json > ${source}\`.`);
  }
  return {
    errorLogsTableName: String(value("ErrorLogsTableName")),
    alertTopicArn: String(value("AlertTopicArn")),
    functionNames: value("FunctionNames") as Record<string, string>,
  };
}

export function readStackOutputs(file: string, stackName: string): StackOutputs {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ToolError(`cannot read outputs from ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseStackOutputs(raw, stackName, file);
}
