import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Aspects, Lazy } from "cdktf";
import { Construct } from "constructs";
import type { MonitoringAlarm } from "../common/alarm-factory";
import { AWS_LIMITS } from "../common/aws-limits";
import { InvalidPropsError, requireIntegerInRange, requireMatch } from "../common/validation";
import { DASHBOARD_PAGES, type DashboardPage, type MonitoringSegment } from "../monitoring/segment";
import { checkDashboardLimits, layoutWidgets } from "./layout";
import operationsTemplate from "./templates/operations-dashboard.json";
import segmentPageTemplate from "./templates/segment-page.json";
import { renderTemplate, type JsonValue, type TemplateValues } from "./template-renderer";
import { alarmWidgets, summaryValues } from "./widgets";

export interface OperationsDashboardProps {
  /** e.g. `serverless-monitoring-dev`; the other pages are `<name>-api`, `-dynamodb`, `-sqs`, and Lambda pages beyond the first `-2`, `-3`, ... */
  readonly dashboardName: string;
  readonly environment: string;
  /** Region of the metrics, and of the console links. */
  readonly region: string;
  /** Console URL of the environment's faulted traces (XrayFaultGroup.tracesUrl), linked from the header. @default no link */
  readonly tracesUrl?: string;
  /** Functions per Lambda page: each takes up to 9 widgets, and CloudWatch allows 500 a dashboard. @default 50 */
  readonly functionsPerDashboard?: number;
}

/** A page of the user's own, rendered from their JSON template by the same renderer, under the same limits. */
export interface DashboardTemplatePage {
  /** The page's dashboard is `<dashboardName>-<name>`. */
  readonly name: string;
  /** A dashboard body with `{{placeholders}}` (see renderTemplate). */
  readonly template: unknown;
  readonly values: TemplateValues;
}

interface Page {
  readonly key: string;
  readonly dashboardName: string;
  readonly title: string;
}

/** The most functions one Lambda page can hold: 9 widgets each, within 500 a dashboard with room for the header and alarms. */
const MAX_FUNCTIONS_PER_PAGE = 50;

/**
 * The operations dashboard of an environment: one page (a CloudWatch
 * dashboard) per segment kind (Lambda, API Gateway, DynamoDB, SQS), each
 * with its segments' graphs and threshold lines, its alarms' status, and the
 * user's extra widgets, all rendered from the JSON templates in ./templates.
 * The bodies are rendered at synth, from every segment added by then.
 */
export class OperationsDashboard extends Construct {
  /** Console URL of the first page. */
  readonly dashboardUrl: string;
  private readonly segments: MonitoringSegment[] = [];
  private readonly pageAlarms = new Map<DashboardPage, MonitoringAlarm[]>();
  private readonly extraWidgets = new Map<DashboardPage, JsonValue[]>();
  private readonly templatePages: DashboardTemplatePage[] = [];
  private readonly created = new Set<string>();
  private readonly pages = new Map<string, Page>();
  /** Rendered at synth (see the aspect); a page added after that renders when resolved. */
  private readonly bodies = new Map<string, string>();
  private readonly perPage: number;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: OperationsDashboardProps,
  ) {
    super(scope, id);
    this.perPage = props.functionsPerDashboard ?? MAX_FUNCTIONS_PER_PAGE;
    requireIntegerInRange(`OperationsDashboard "${props.dashboardName}"`, "functionsPerDashboard", this.perPage, 1, MAX_FUNCTIONS_PER_PAGE);
    requireMatch(`OperationsDashboard "${props.dashboardName}"`, "dashboardName", props.dashboardName, /^[A-Za-z0-9_-]{1,230}$/, "1-230 letters, digits, _ or - (page names add up to 25)");
    this.dashboardUrl = dashboardUrl(props.region, props.dashboardName);
    // Bodies are rendered once every segment is in, when synth begins (aspects run first), so a
    // body over CloudWatch's limits fails as one ValidationError, not as a token resolution error.
    Aspects.of(this).add({ visit: (node) => (node === this ? this.renderAll() : undefined) });
    // The first page always exists: the environment's overview.
    this.ensure({ key: "lambda-1", dashboardName: props.dashboardName, title: DASHBOARD_PAGES.lambda.title }, "Dashboard");
  }

  /** Console URL of a page (the first, for Lambda). */
  pageUrl(page: DashboardPage): string {
    return dashboardUrl(this.props.region, `${this.props.dashboardName}${DASHBOARD_PAGES[page].nameSuffix}`);
  }

  /** Adds a segment's graphs and alarm status to its page. */
  addSegment(segment: MonitoringSegment): void {
    this.segments.push(segment);
    for (const page of this.pagesOf(segment.page)) this.ensure(page);
  }

  /** Shows alarms that belong to no segment (composites) in a page's alarm status (the first of its pages). */
  addAlarms(alarms: readonly MonitoringAlarm[], page: DashboardPage = "lambda"): void {
    this.pageAlarms.set(page, [...(this.pageAlarms.get(page) ?? []), ...alarms]);
    this.ensure(this.pagesOf(page)[0]!);
  }

  /** Adds widgets of the user's own (any CloudWatch widget JSON, with width and height) to a page, after its graphs. */
  addWidgets(page: DashboardPage, widgets: readonly JsonValue[]): void {
    if (!(page in DASHBOARD_PAGES)) throw new InvalidPropsError(`OperationsDashboard "${this.props.dashboardName}"`, "page", page, Object.keys(DASHBOARD_PAGES).join(", "));
    this.extraWidgets.set(page, [...(this.extraWidgets.get(page) ?? []), ...widgets]);
    this.ensure(this.pagesOf(page)[0]!);
  }

  /** Adds a page of the user's own, from a JSON template. */
  addTemplatePage(page: DashboardTemplatePage): void {
    const where = `OperationsDashboard "${this.props.dashboardName}"`;
    requireMatch(where, "page name", page.name, /^[a-z][a-z0-9-]{0,19}$/, "1-20 lowercase letters, digits or -, starting with a letter");
    const taken = [...Object.values(DASHBOARD_PAGES).map((p) => p.nameSuffix.slice(1)), ...this.templatePages.map((p) => p.name)];
    if (taken.includes(page.name) || /^\d/.test(page.name)) throw new InvalidPropsError(where, "page name", page.name, `a name not already a page (${taken.filter(Boolean).join(", ")})`);
    const dashboardName = `${this.props.dashboardName}-${page.name}`;
    // Its values are all known now: render it now, so a mistake fails here.
    const rendered = renderTemplate(`page "${page.name}"`, page.template, page.values) as { readonly widgets?: readonly { [key: string]: JsonValue }[] };
    if (!Array.isArray(rendered.widgets)) throw new InvalidPropsError(where, `page "${page.name}" template`, "a body without a widgets array", 'a dashboard body: { "widgets": [...] }');
    this.templatePages.push(page);
    new CloudwatchDashboard(this, `Dashboard-${page.name}`, { dashboardName, dashboardBody: body(dashboardName, { ...rendered, widgets: layoutWidgets(rendered.widgets) }) });
  }

  /** The pages a kind of segment spreads over: Lambda pages hold `functionsPerDashboard` functions each. */
  private pagesOf(kind: DashboardPage): Page[] {
    const { title, nameSuffix } = DASHBOARD_PAGES[kind];
    if (kind !== "lambda") return [{ key: kind, dashboardName: `${this.props.dashboardName}${nameSuffix}`, title }];
    const count = Math.max(1, Math.ceil(this.functionSegments().length / this.perPage));
    return Array.from({ length: count }, (_, i) => ({ key: `lambda-${i + 1}`, dashboardName: i === 0 ? this.props.dashboardName : `${this.props.dashboardName}-${i + 1}`, title }));
  }

  private functionSegments(): MonitoringSegment[] {
    return this.segments.filter((s) => s.functionName !== undefined);
  }

  /** Lambda page n holds the n-th slice of functions, and the Lambda segments of no function (account) on the first. */
  private segmentsOn(page: Page): MonitoringSegment[] {
    if (!page.key.startsWith("lambda-")) return this.segments.filter((s) => s.page === page.key);
    const index = Number(page.key.slice("lambda-".length)) - 1;
    const functions = this.functionSegments().slice(index * this.perPage, (index + 1) * this.perPage);
    const names = new Set(functions.map((s) => s.functionName));
    // A function's other Lambda-page segments (error capture) follow it: they name it as their title prefix.
    const companions = this.segments.filter((s) => s.page === "lambda" && s.functionName === undefined && [...names].some((n) => s.id.endsWith(`:${n}`)));
    const unowned = index === 0 ? this.segments.filter((s) => s.page === "lambda" && s.functionName === undefined && !this.functionSegments().some((f) => s.id.endsWith(`:${f.functionName}`))) : [];
    return [...unowned, ...functions.flatMap((f) => [f, ...companions.filter((c) => c.id.endsWith(`:${f.functionName}`))])];
  }

  private ensure(page: Page, id = page.key === "lambda-1" ? "Dashboard" : page.key.startsWith("lambda-") ? `Dashboard-${page.key.slice(7)}` : `Dashboard-${page.key}`): void {
    if (this.created.has(page.key)) return;
    this.created.add(page.key);
    this.pages.set(page.key, page);
    new CloudwatchDashboard(this, id, { dashboardName: page.dashboardName, dashboardBody: Lazy.stringValue({ produce: () => this.bodies.get(page.key) ?? this.render(page) }) });
  }

  private renderAll(): void {
    for (const [key, page] of this.pages) this.bodies.set(key, this.render(page));
  }

  private render(page: Page): string {
    const segments = this.segmentsOn(page);
    const kind = (page.key.startsWith("lambda-") ? "lambda" : page.key) as DashboardPage;
    const first = page.key === this.pagesOf(kind)[0]!.key;
    const alarms = [...(first ? (this.pageAlarms.get(kind) ?? []) : []), ...segments.flatMap((s) => s.alarms)];
    const pages = this.allPages();
    const pageNote = pages.length > 1 ? ` Page ${pages.findIndex((p) => p.key === page.key) + 1} of ${pages.length}.` : "";
    const common = {
      title: `Serverless monitoring: ${this.props.environment}, ${page.title}`,
      subtitle: `${segments.length} segments in ${this.props.region}.${pageNote}${this.props.tracesUrl ? ` [Faulted traces in X-Ray](${this.props.tracesUrl}).` : ""}`,
      pageLinks: pages.map((p) => (p.key === page.key ? `**${p.title}**` : `[${p.title}](${dashboardUrl(this.props.region, p.dashboardName)})`)).join(" · "),
      segmentWidgets: segments.flatMap((s) => s.widgets(this.props.region)),
      extraWidgets: first ? (this.extraWidgets.get(kind) ?? []) : [],
      alarmWidgets: alarmWidgets(alarms, AWS_LIMITS.cloudwatch.maxAlarmsPerAlarmWidget),
    };
    const rendered = (
      page.key === "lambda-1"
        ? renderTemplate("operations-dashboard", operationsTemplate, { ...common, region: this.props.region, ...summaryValues(this.functionSegments().map((s) => s.functionName!)) })
        : renderTemplate("segment-page", segmentPageTemplate, common)
    ) as { readonly widgets: readonly { [key: string]: JsonValue }[] };
    return body(page.dashboardName, { ...rendered, widgets: layoutWidgets(rendered.widgets) });
  }

  private allPages(): (Page & { readonly title: string })[] {
    const kinds = (Object.keys(DASHBOARD_PAGES) as DashboardPage[]).flatMap((kind) => this.pagesOf(kind).filter((p) => this.created.has(p.key)));
    return [
      ...kinds.map((p) => (p.key.startsWith("lambda-") && p.key !== "lambda-1" ? { ...p, title: `${p.title} ${p.key.slice(7)}` } : p)),
      ...this.templatePages.map((p) => ({ key: `page-${p.name}`, dashboardName: `${this.props.dashboardName}-${p.name}`, title: p.name })),
    ];
  }
}

function body(dashboardName: string, rendered: { readonly widgets: readonly { [key: string]: JsonValue }[] }): string {
  checkDashboardLimits(dashboardName, rendered);
  return JSON.stringify(rendered);
}

export function dashboardUrl(region: string, dashboardName: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${dashboardName}`;
}
