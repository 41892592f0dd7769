/**
 * Compares what the synthesized stack says with what CloudWatch has:
 * every alarm (metric, metric-math and composite) and every dashboard body.
 * Reports what is missing, what changed (field by field) and what is
 * unmanaged: live items under this environment's name prefixes that no code
 * describes.
 */
import { normaliseValue } from "../common/references";
import { resourcesOf, type StackJson } from "../common/synthesized-stack";
import { alarmFromDescribe, alarmsFromStack, compositeFromDescribe, COMPARED_FIELDS, type AlarmShape } from "./alarm-shape";
import type { CloudWatchReader } from "./cloudwatch-reader";

export interface Difference {
  readonly field: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

export interface DriftItem {
  readonly kind: "alarm" | "dashboard";
  readonly name: string;
  readonly status: "missing" | "changed" | "unmanaged";
  readonly differences?: readonly Difference[];
}

export interface DriftReport {
  readonly environment: string;
  readonly checkedAlarms: number;
  readonly checkedDashboards: number;
  readonly items: readonly DriftItem[];
}

const MAX_DIFFERENCES_PER_ITEM = 10;

export async function detectDrift(environment: string, stack: StackJson, reader: CloudWatchReader): Promise<DriftReport> {
  const items: DriftItem[] = [];
  const expectedAlarms = alarmsFromStack(stack);
  const live = await liveAlarms(reader, alarmPrefixes(stack, expectedAlarms));
  for (const expected of expectedAlarms) {
    const actual = live.get(expected.name);
    if (!actual) items.push({ kind: "alarm", name: expected.name, status: "missing" });
    else {
      const differences = COMPARED_FIELDS.flatMap((field) => diff(expected[field], actual[field], field));
      if (differences.length > 0) items.push({ kind: "alarm", name: expected.name, status: "changed", differences: differences.slice(0, MAX_DIFFERENCES_PER_ITEM) });
    }
  }
  const expectedNames = new Set(expectedAlarms.map((a) => a.name));
  for (const name of [...live.keys()].sort()) if (!expectedNames.has(name)) items.push({ kind: "alarm", name, status: "unmanaged" });

  const dashboards = resourcesOf(stack, "aws_cloudwatch_dashboard").map((d) => ({ name: String(d.dashboard_name), body: String(d.dashboard_body) }));
  for (const dashboard of dashboards) {
    const body = await reader.dashboardBody(dashboard.name);
    if (body === undefined) {
      items.push({ kind: "dashboard", name: dashboard.name, status: "missing" });
      continue;
    }
    const expected = normaliseValue(JSON.parse(dashboard.body), stack);
    const differences = diff(expected, normaliseValue(JSON.parse(body)), "body");
    if (differences.length > 0) items.push({ kind: "dashboard", name: dashboard.name, status: "changed", differences: differences.slice(0, MAX_DIFFERENCES_PER_ITEM) });
  }
  const basePrefix = dashboards.map((d) => d.name).sort((a, b) => a.length - b.length)[0];
  if (basePrefix) {
    const known = new Set(dashboards.map((d) => d.name));
    for (const name of (await reader.dashboardNamesWithPrefix(basePrefix)).sort()) if (!known.has(name)) items.push({ kind: "dashboard", name, status: "unmanaged" });
  }
  return { environment, checkedAlarms: expectedAlarms.length, checkedDashboards: dashboards.length, items };
}

/** The name prefixes this environment owns: each function's, table's and API's name, and any other alarm's own name. */
export function alarmPrefixes(stack: StackJson, alarms: readonly AlarmShape[]): string[] {
  const owned = [
    ...resourcesOf(stack, "aws_lambda_function").map((f) => `${String(f.function_name)}-`),
    ...resourcesOf(stack, "aws_dynamodb_table").map((t) => `${String(t.name)}-`),
    ...resourcesOf(stack, "aws_apigatewayv2_api").map((a) => `${String(a.name)}-`),
  ];
  // Alarms of no resource of the stack (composites, account-wide alarms) are fetched by their own name.
  const others = alarms.filter((a) => !owned.some((prefix) => a.name.startsWith(prefix))).map((a) => a.name);
  const prefixes = new Set<string>([...owned, ...others]);
  // A prefix covered by a shorter one would only fetch the same alarms twice.
  return [...prefixes].filter((p) => ![...prefixes].some((q) => q !== p && p.startsWith(q))).sort();
}

async function liveAlarms(reader: CloudWatchReader, prefixes: readonly string[]): Promise<Map<string, AlarmShape>> {
  const byName = new Map<string, AlarmShape>();
  for (const prefix of prefixes) {
    const { metricAlarms, compositeAlarms } = await reader.alarmsWithPrefix(prefix);
    for (const a of metricAlarms) byName.set(String(a.AlarmName), alarmFromDescribe(a));
    for (const a of compositeAlarms) byName.set(String(a.AlarmName), compositeFromDescribe(a));
  }
  return byName;
}

/**
 * A reference to a value Terraform learns only when it applies (an API's
 * generated id): the code cannot say what it should be, so any live value
 * passes. `terraform plan` is what checks those.
 */
const KNOWN_AFTER_APPLY = /^\$\{[a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z_]+\}$/;

/** Field-level differences between two JSON values, paths like `widgets[3].properties.title`. */
export function diff(expected: unknown, actual: unknown, path: string): Difference[] {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return [];
  if (typeof expected === "string" && KNOWN_AFTER_APPLY.test(expected) && typeof actual === "string" && actual !== "") return [];
  const bothObjects = expected !== null && actual !== null && typeof expected === "object" && typeof actual === "object" && Array.isArray(expected) === Array.isArray(actual);
  if (!bothObjects) return [{ field: path, expected, actual }];
  if (Array.isArray(expected)) {
    const other = actual as unknown[];
    return Array.from({ length: Math.max(expected.length, other.length) }, (_, i) => diff(expected[i], other[i], `${path}[${i}]`)).flat();
  }
  const keys = [...new Set([...Object.keys(expected as object), ...Object.keys(actual as object)])].sort();
  return keys.flatMap((key) => diff((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${path}.${key}`));
}
