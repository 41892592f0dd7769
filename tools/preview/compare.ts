/** Which dashboard pages a change touches: compared by name, on the body with references resolved. */
import type { DashboardPage } from "./dashboards";

export interface PageChange {
  readonly name: string;
  readonly change: "added" | "removed" | "changed";
  readonly before?: DashboardPage;
  readonly after?: DashboardPage;
}

export function changedPages(before: readonly DashboardPage[], after: readonly DashboardPage[]): PageChange[] {
  const old = new Map(before.map((p) => [p.name, p]));
  const now = new Map(after.map((p) => [p.name, p]));
  const names = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: PageChange[] = [];
  for (const name of names) {
    const b = old.get(name);
    const a = now.get(name);
    if (!b) changes.push({ name, change: "added", after: a });
    else if (!a) changes.push({ name, change: "removed", before: b });
    else if (b.body !== a.body) changes.push({ name, change: "changed", before: b, after: a });
  }
  return changes;
}

/** The Markdown list the pull-request comment shows. */
export function changesMarkdown(stack: string, changes: readonly PageChange[]): string {
  if (changes.length === 0) return `**Dashboards of ${stack}:** no page changed.\n`;
  const lines = changes.map((c) => {
    const files = [c.before && `\`${c.name}.before.png\``, c.after && `\`${c.name}.after.png\``].filter(Boolean).join(", ");
    return `- \`${c.name}\`: ${c.change} (${files})`;
  });
  return `**Dashboards of ${stack}:** ${changes.length} page(s) changed. The images are in the workflow run's \`dashboard-previews-<environment>\` artifact.\n\n${lines.join("\n")}\n`;
}
