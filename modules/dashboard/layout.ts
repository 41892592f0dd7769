/**
 * Widget placement and CloudWatch's dashboard limits. Templates give each
 * widget its size; positions are computed here, left to right in rows on the
 * 24-column grid, so adding a widget never means renumbering coordinates.
 */
import { AWS_LIMITS } from "../common/aws-limits";
import { TemplateError, type JsonValue } from "./template-renderer";

export const GRID_WIDTH = 24;
/** Widget widths on the 24-column grid, named: full, half, third, quarter of a row. */
export const WidgetSize = { full: 24, half: 12, third: 8, quarter: 6 } as const;

type Widget = { readonly [key: string]: JsonValue };

export function layoutWidgets(widgets: readonly Widget[]): Widget[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return widgets.map((widget) => {
    const width = Number(widget.width);
    const height = Number(widget.height);
    if (x + width > GRID_WIDTH) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const placed = { ...widget, x, y };
    x += width;
    rowHeight = Math.max(rowHeight, height);
    return placed;
  });
}

/** Throws when a dashboard body would be rejected by PutDashboard. */
export function checkDashboardLimits(dashboardName: string, body: { readonly widgets: readonly Widget[] }): void {
  const { cloudwatch } = AWS_LIMITS;
  if (body.widgets.length > cloudwatch.maxWidgetsPerDashboard) {
    throw new TemplateError(dashboardName, `${body.widgets.length} widgets; CloudWatch allows at most ${cloudwatch.maxWidgetsPerDashboard}. Lower functionsPerDashboard.`);
  }
  body.widgets.forEach((widget, i) => {
    const width = Number(widget.width);
    const height = Number(widget.height);
    if (!Number.isInteger(width) || width < 1 || width > GRID_WIDTH || !Number.isInteger(height) || height < 1 || height > 1000) {
      throw new TemplateError(dashboardName, `widget ${i} is ${String(widget.width)} x ${String(widget.height)}; allowed: width 1-24, height 1-1000.`);
    }
    const properties = (widget.properties ?? {}) as { readonly metrics?: readonly unknown[]; readonly alarms?: readonly unknown[] };
    if (widget.type === "metric" && (properties.metrics?.length ?? 0) > cloudwatch.maxMetricsPerGraphWidget) {
      throw new TemplateError(dashboardName, `widget ${i} has ${properties.metrics!.length} metrics; at most ${cloudwatch.maxMetricsPerGraphWidget} per widget.`);
    }
    if (widget.type === "alarm" && (properties.alarms?.length ?? 0) > cloudwatch.maxAlarmsPerAlarmWidget) {
      throw new TemplateError(dashboardName, `widget ${i} has ${properties.alarms!.length} alarms; at most ${cloudwatch.maxAlarmsPerAlarmWidget} per alarm widget.`);
    }
  });
}
