/** Checks of what a dashboard takes from the user: a page of the registry, and widgets within the grid. */
import { optionalNumber } from "../common/prop-checks";
import { InvalidPropsError } from "../common/validation";
import { DASHBOARD_PAGES } from "../monitoring/segment";

/** A dashboard page: lambda, api, dynamodb, sqs or business. */
export function checkPage(where: string, field: string, page: unknown): void {
  if (typeof page !== "string" || !Object.hasOwn(DASHBOARD_PAGES, page)) throw new InvalidPropsError(where, field, page, `one of ${Object.keys(DASHBOARD_PAGES).join(", ")}`);
}

/** Widgets of the team's own: objects, within the dashboard grid's 24 columns. */
export function checkWidgets(where: string, field: string, widgets: readonly unknown[]): void {
  if (!Array.isArray(widgets)) throw new InvalidPropsError(where, field, widgets, "a list of CloudWatch dashboard widgets");
  widgets.forEach((widget, i) => {
    if (widget === null || typeof widget !== "object" || Array.isArray(widget)) throw new InvalidPropsError(where, `${field}[${i}]`, widget, "a CloudWatch dashboard widget: { type, width, height, properties }");
    const { width, height } = widget as { width?: unknown; height?: unknown };
    optionalNumber(where, `${field}[${i}].width`, width, { min: 1, max: 24, integer: true });
    optionalNumber(where, `${field}[${i}].height`, height, { min: 1, max: 1000, integer: true });
  });
}
