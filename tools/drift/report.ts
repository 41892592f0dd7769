import type { DriftReport } from "./detect-drift";

/** A Markdown report, as the drift workflow files it in an issue. */
export function formatDriftReport(report: DriftReport): string {
  const { items } = report;
  const count = (status: string) => items.filter((i) => i.status === status).length;
  const lines = [`## CloudWatch drift: ${report.environment}`, ""];
  if (items.length === 0) {
    lines.push(`No drift: ${report.checkedAlarms} alarms and ${report.checkedDashboards} dashboards match the code.`);
    return lines.join("\n") + "\n";
  }
  lines.push(`**${count("missing")} missing, ${count("changed")} changed, ${count("unmanaged")} unmanaged** (of ${report.checkedAlarms} alarms and ${report.checkedDashboards} dashboards in code)`, "");
  for (const status of ["missing", "changed", "unmanaged"] as const) {
    const group = items.filter((i) => i.status === status);
    if (group.length === 0) continue;
    lines.push(`### ${status[0]!.toUpperCase()}${status.slice(1)}`, "", EXPLANATION[status], "");
    for (const item of group) {
      lines.push(`- ${item.kind} \`${item.name}\``);
      for (const d of item.differences ?? []) lines.push(`  - \`${d.field}\`: code ${show(d.expected)}, live ${show(d.actual)}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

const EXPLANATION = {
  missing: "In code, not in CloudWatch: deleted outside Terraform, or never deployed. A deploy re-creates them.",
  changed: "Edited outside Terraform (console, CLI). The next deploy reverts these values to the code's.",
  unmanaged: "Under this environment's name prefixes but in no code: created by hand. Import them, add them to code, or delete them.",
} as const;

function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value);
  return `\`${text.length > 100 ? `${text.slice(0, 97)}...` : text}\``;
}
