/**
 * The dashboard pages of a synthesized stack, as a reviewer reads them: every
 * `aws_cloudwatch_dashboard` with its widgets, and every Terraform reference
 * inside the body (`${aws_cloudwatch_metric_alarm.x.arn}`, an API's id)
 * replaced by the name the referenced resource will have, so a preview shows
 * "payment-handler-production-errors-critical" rather than an address.
 */
import type { StackJson } from "../common/synthesized-stack";

export interface Widget {
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

export interface DashboardPage {
  /** The dashboard's name in CloudWatch. */
  readonly name: string;
  /** The body's JSON text with references resolved: what changes when the page changes. */
  readonly body: string;
  readonly widgets: readonly Widget[];
}

/** Attributes that hold a resource's name, in the order they are tried. */
const NAME_ATTRIBUTES = ["alarm_name", "name", "function_name", "dashboard_name"] as const;

export function dashboardPages(stack: StackJson): DashboardPage[] {
  const dashboards = Object.values(stack.resource?.aws_cloudwatch_dashboard ?? {});
  return dashboards
    .map((dashboard) => {
      const name = String(dashboard.dashboard_name);
      const body = resolveReferences(String(dashboard.dashboard_body), stack);
      const parsed = JSON.parse(body) as { widgets?: Partial<Widget>[] };
      const widgets = (parsed.widgets ?? []).map((w) => ({
        type: String(w.type ?? "metric"),
        x: w.x ?? 0,
        y: w.y ?? 0,
        width: w.width ?? 6,
        height: w.height ?? 6,
        properties: (w.properties ?? {}) as Record<string, unknown>,
      }));
      return { name, body, widgets };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `${type.name.attribute}` becomes the referenced resource's own name, or `type.name` when it has none. */
export function resolveReferences(text: string, stack: StackJson): string {
  return text.replace(/\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}/g, (whole, type: string, name: string) => {
    const resource = stack.resource?.[type]?.[name];
    if (!resource) return whole;
    for (const attribute of NAME_ATTRIBUTES) {
      const value = resource[attribute];
      if (typeof value === "string" && !value.includes("${")) return value;
    }
    return `${type}.${name}`;
  });
}
