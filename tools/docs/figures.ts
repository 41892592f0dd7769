/**
 * The figures the documentation quotes, computed from the synthesized stacks
 * rather than typed: what each environment creates and what its monitoring
 * costs. `npm run docs:update` writes them between markers; a test fails when
 * the written copy is not current.
 */
import type { StackJson } from "../common/synthesized-stack";
import { resourcesOf } from "../common/synthesized-stack";
import { estimateCost } from "../cost/estimate";

export interface EnvironmentStack {
  readonly environment: string;
  readonly stack: StackJson;
  readonly budgets: { readonly cloudwatchUsd: number; readonly monthlyUsd: number };
}

export function figuresTable(stacks: readonly EnvironmentStack[]): string {
  const count = (stack: StackJson, type: string) => resourcesOf(stack, type).length;
  const total = (stack: StackJson) => Object.values(stack.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
  const usd = (n: number) => `$${n.toFixed(2)}`;
  const rows: [string, (s: EnvironmentStack) => string][] = [
    ["resources", (s) => String(total(s.stack))],
    ["metric alarms", (s) => String(count(s.stack, "aws_cloudwatch_metric_alarm"))],
    ["composite alarms", (s) => String(count(s.stack, "aws_cloudwatch_composite_alarm"))],
    ["dashboard pages", (s) => String(count(s.stack, "aws_cloudwatch_dashboard"))],
    ["log metric filters", (s) => String(count(s.stack, "aws_cloudwatch_log_metric_filter"))],
    ["CloudWatch cost of the monitoring a month (`npm run cost`)", (s) => usd(estimateCost(s.stack, { applyFreeTier: false }).totalUsd)],
    ["CloudWatch budget / monthly budget", (s) => `${usd(s.budgets.cloudwatchUsd)} / ${usd(s.budgets.monthlyUsd)}`],
  ];
  const lines = [`| | ${stacks.map((s) => s.environment).join(" | ")} |`, `|---|${stacks.map(() => "---:").join("|")}|`, ...rows.map(([label, value]) => `| ${label} | ${stacks.map(value).join(" | ")} |`)];
  return `${lines.join("\n")}\n`;
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`; undefined when the markers are missing. */
export function replaceSection(document: string, name: string, content: string): string | undefined {
  const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!pattern.test(document)) return undefined;
  return document.replace(pattern, (_, start: string, end: string) => `${start}${content}${end}`);
}

export function sectionOf(document: string, name: string): string | undefined {
  return new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(document)?.[1];
}
