import { requireNoTemplateSequences } from "../common/terraform-strings";
import { requireKnownProps } from "../common/known-props";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Lazy } from "cdktf";
import { Construct } from "constructs";
import type { MonitoringAlarm } from "../common/alarm-factory";
import { AWS_LIMITS } from "../common/aws-limits";
import { InvalidPropsError, requireIntegerInRange, requireMatch } from "../common/validation";
import { DASHBOARD_PAGES, type DashboardPage, type MonitoringSegment } from "../monitoring/segment";
import { checkDashboardLimits, layoutWidgets } from "./layout";
import { checkPage, checkWidgets } from "./dashboard-checks";
import { physicalName } from "../common/naming";
import { requireLink, requireName, requireRegion } from "../common/prop-checks";
import operationsTemplate from "./templates/operations-dashboard.json";
import segmentPageTemplate from "./templates/segment-page.json";
import { resolveTokens } from "./resolve-tokens";
import { renderTemplate, TemplateError, type JsonValue, type TemplateValues } from "./template-renderer";
import { alarmWidgets, summaryValues } from "./widgets";

/** Props of {@link OperationsDashboard}: the dashboard's name, environment and region, the traces link, and how many functions a Lambda page takes. */
export interface OperationsDashboardProps {
  /** e.g. `serverless-monitoring-dev`; the other pages are `<name>-api`, `-dynamodb`, `-sqs`, and Lambda pages beyond the first `-2`, `-3`, ... */
  readonly dashboardName: string;
  /** The environment, in the dashboard's title. */
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
  /** The values the template's `${name}` placeholders take. */
  readonly values: TemplateValues;
}

interface Page {
  readonly key: string;
  readonly kind: DashboardPage;
  /** 0-based, within its kind. */
  readonly index: number;
  readonly dashboardName: string;
  readonly title: string;
}

/** The most functions one Lambda page can hold: 9 widgets each, within 500 a dashboard with room for the header and alarms. */
const MAX_FUNCTIONS_PER_PAGE = 50;
/** Room left for graphs on a page after its header, four summaries, up to 25 alarm widgets and the user's own widgets. */
const MAX_SEGMENT_WIDGETS_PER_PAGE = 460;

/**
 * The operations dashboard of an environment: one page (a CloudWatch
 * dashboard) per segment kind (Lambda, API Gateway, DynamoDB, SQS), each
 * with its segments' graphs and threshold lines, its alarms' status, and the
 * user's extra widgets, all rendered from the JSON templates in ./templates.
 * The bodies are rendered at synth, from every segment added by then; what
 * could break CloudWatch's limits (widgets a page) is checked as segments are
 * added, so a page that would not fit is an error at the call that overfills it.
 */
export class OperationsDashboard extends Construct {
  /** Console URL of the first page. */
  readonly dashboardUrl: string;
  private readonly segments: MonitoringSegment[] = [];
  /** The page (0-based, within its kind) each segment is on, and its graphs: both fixed when it is added. */
  private readonly placement = new Map<MonitoringSegment, number>();
  private readonly graphs = new Map<MonitoringSegment, JsonValue[]>();
  /** Per kind and page: graphs and functions so far. */
  private readonly fill = new Map<DashboardPage, { widgets: number; functions: number }[]>();
  private readonly pageAlarms = new Map<DashboardPage, MonitoringAlarm[]>();
  private readonly extraWidgets = new Map<DashboardPage, JsonValue[]>();
  private readonly templatePages: DashboardTemplatePage[] = [];
  private readonly perPage: number;
  /** The first page's name, with the naming's prefix and suffix: every page's name starts with it. */
  private readonly name: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: OperationsDashboardProps,
  ) {
    super(scope, id);
    requireNoTemplateSequences("OperationsDashboard", props);
    requireKnownProps("OperationsDashboard", "OperationsDashboard", { props });
    this.perPage = props.functionsPerDashboard ?? MAX_FUNCTIONS_PER_PAGE;
    requireIntegerInRange(`OperationsDashboard "${props.dashboardName}"`, "functionsPerDashboard", this.perPage, 1, MAX_FUNCTIONS_PER_PAGE);
    requireMatch(`OperationsDashboard "${props.dashboardName}"`, "dashboardName", props.dashboardName, /^[A-Za-z0-9_-]{1,230}$/, "1-230 letters, digits, _ or - (page names add up to 25)");
    requireRegion(`OperationsDashboard "${props.dashboardName}"`, "region", props.region);
    requireName(`OperationsDashboard "${props.dashboardName}"`, "environment", props.environment, { max: 64 });
    requireLink(`OperationsDashboard "${props.dashboardName}"`, "tracesUrl", props.tracesUrl);
    this.name = physicalName(this, props.dashboardName);
    this.dashboardUrl = dashboardUrl(props.region, this.name);
    // The first page always exists: the environment's overview.
    this.pagesOfKind("lambda");
  }

  /** Console URL of a kind's first page. */
  pageUrl(kind: DashboardPage): string {
    checkPage(`OperationsDashboard "${this.props.dashboardName}".pageUrl`, "kind", kind);
    return dashboardUrl(this.props.region, this.page(kind, 0).dashboardName);
  }

  /**
   * Adds a segment's graphs and alarm status to its kind's last page, or to a
   * new page when that one is full (CloudWatch's 500 widgets; for Lambda,
   * `functionsPerDashboard`). A segment of a function's (error capture)
   * joins its function's page.
   */
  addSegment(segment: MonitoringSegment): void {
    requireKnownProps("OperationsDashboard.addSegment", "OperationsDashboard.addSegment", { segment });
    requireName(`OperationsDashboard "${this.props.dashboardName}".addSegment`, "id", segment.id, { max: 200 });
    checkPage(`OperationsDashboard "${this.props.dashboardName}".addSegment "${segment.id}"`, "page", segment.page);
    const pages = this.pagesOfKind(segment.page);
    // Rendered once: a segment's graphs depend only on its alarms, fixed when it was made.
    const graphs = segment.widgets(this.props.region);
    const widgets = graphs.length;
    const owner = segment.companionOf === undefined ? undefined : this.segments.find((s) => s.functionName === segment.companionOf);
    let index = owner ? this.placement.get(owner)! : pages.length - 1;
    const full = (i: number) => pages[i]!.widgets + widgets > MAX_SEGMENT_WIDGETS_PER_PAGE || (segment.functionName !== undefined && pages[i]!.functions >= this.perPage);
    if (!owner && full(index)) {
      pages.push({ widgets: 0, functions: 0 });
      index = pages.length - 1;
      this.create(this.page(segment.page, index));
    }
    if (pages[index]!.widgets + widgets > MAX_SEGMENT_WIDGETS_PER_PAGE) {
      throw new TemplateError(this.page(segment.page, index).dashboardName, `${segment.id} has ${widgets} graphs; a page has room for ${MAX_SEGMENT_WIDGETS_PER_PAGE} (CloudWatch allows ${AWS_LIMITS.cloudwatch.maxWidgetsPerDashboard} widgets a dashboard).`);
    }
    pages[index]!.widgets += widgets;
    if (segment.functionName !== undefined) pages[index]!.functions += 1;
    this.placement.set(segment, index);
    this.graphs.set(segment, graphs);
    this.segments.push(segment);
  }

  /** Shows alarms that belong to no segment (composites) in the alarm status of a kind's first page. */
  addAlarms(alarms: readonly MonitoringAlarm[], kind: DashboardPage = "lambda"): void {
    requireKnownProps("OperationsDashboard.addAlarms", "OperationsDashboard.addAlarms", { alarms });
    checkPage(`OperationsDashboard "${this.props.dashboardName}".addAlarms`, "kind", kind);
    this.pagesOfKind(kind);
    this.pageAlarms.set(kind, [...(this.pageAlarms.get(kind) ?? []), ...alarms]);
  }

  /** Adds widgets of the user's own (any CloudWatch widget JSON, with width and height) to a kind's first page, after its graphs. */
  addWidgets(kind: DashboardPage, widgets: readonly JsonValue[]): void {
    requireKnownProps("OperationsDashboard.addWidgets", "OperationsDashboard.addWidgets", { widgets });
    checkPage(`OperationsDashboard "${this.props.dashboardName}".addWidgets`, "kind", kind);
    checkWidgets(`OperationsDashboard "${this.props.dashboardName}".addWidgets`, "widgets", widgets);
    this.pagesOfKind(kind);
    this.extraWidgets.set(kind, [...(this.extraWidgets.get(kind) ?? []), ...widgets]);
  }

  /** Adds a page of the user's own, from a JSON template. */
  addTemplatePage(page: DashboardTemplatePage): void {
    requireKnownProps("OperationsDashboard.addTemplatePage", "OperationsDashboard.addTemplatePage", { page });
    const where = `OperationsDashboard "${this.props.dashboardName}"`;
    requireMatch(where, "page name", page.name, /^[a-z][a-z0-9-]{0,19}$/, "1-20 lowercase letters, digits or -, starting with a letter");
    const taken = [...Object.values(DASHBOARD_PAGES).map((p) => p.nameSuffix.slice(1)), ...this.templatePages.map((p) => p.name)];
    if (taken.includes(page.name) || /^\d/.test(page.name)) throw new InvalidPropsError(where, "page name", page.name, `a name not already a page (${taken.filter(Boolean).join(", ")})`);
    const dashboardName = `${this.name}-${page.name}`;
    // Its values are all known now: render it now, so a mistake fails here.
    const rendered = renderTemplate(`page "${page.name}"`, page.template, page.values) as { readonly widgets?: readonly { [key: string]: JsonValue }[] };
    if (!Array.isArray(rendered.widgets)) throw new InvalidPropsError(where, `page "${page.name}" template`, "a body without a widgets array", 'a dashboard body: { "widgets": [...] }');
    this.templatePages.push(page);
    new CloudwatchDashboard(this, `Dashboard-${page.name}`, { dashboardName, dashboardBody: body(dashboardName, { ...rendered, widgets: layoutWidgets(rendered.widgets) }) });
  }

  /** A kind's pages so far, creating its first when it has none. */
  private pagesOfKind(kind: DashboardPage): { widgets: number; functions: number }[] {
    let pages = this.fill.get(kind);
    if (!pages) {
      pages = [{ widgets: 0, functions: 0 }];
      this.fill.set(kind, pages);
      this.create(this.page(kind, 0));
    }
    return pages;
  }

  /**
   * Page `index` of a kind: `<name><suffix>`, then `<name><suffix>-2`, ...
   * Construct ids (Terraform addresses) keep the forms they had when only
   * Lambda paged: `Dashboard`, `Dashboard-2`, `Dashboard-api`, ...
   */
  private page(kind: DashboardPage, index: number): Page {
    const { title, nameSuffix } = DASHBOARD_PAGES[kind];
    const n = index === 0 ? "" : `-${index + 1}`;
    return { key: `${kind}${n}`, kind, index, dashboardName: `${this.name}${nameSuffix}${n}`, title: `${title}${index === 0 ? "" : ` ${index + 1}`}` };
  }

  private create(page: Page): void {
    const id = page.kind === "lambda" ? `Dashboard${page.index === 0 ? "" : `-${page.index + 1}`}` : `Dashboard-${page.key}`;
    // The body is rendered when the stack resolves, once every segment is in.
    // Its tokens (alarm ARNs) are resolved where they stand in the widget tree,
    // before it becomes one string: cdktf rescans a string to its end for each
    // token in it, so a 300 KB page with 600 ARNs took half a second to
    // resolve, and a 500-function estate 5 s. The body's text is the same.
    // resolveTokens hands cdktf only the values that may hold a token.
    const dashboardBody = Lazy.stringValue({ produce: (context) => body(page.dashboardName, resolveTokens(this.render(page), context) as RenderedBody) });
    new CloudwatchDashboard(this, id, { dashboardName: page.dashboardName, dashboardBody });
  }

  private render(page: Page): RenderedBody {
    const segments = this.segments.filter((s) => s.page === page.kind && this.placement.get(s) === page.index);
    const first = page.index === 0;
    const alarms = [...(first ? (this.pageAlarms.get(page.kind) ?? []) : []), ...segments.flatMap((s) => s.alarms)];
    const pages = this.allPages();
    const pageNote = pages.length > 1 ? ` Page ${pages.findIndex((p) => p.key === page.key) + 1} of ${pages.length}.` : "";
    const common = {
      title: `Serverless monitoring: ${this.props.environment}, ${page.title}`,
      subtitle: `${segments.length} segments in ${this.props.region}.${pageNote}${this.props.tracesUrl ? ` [Faulted traces in X-Ray](${this.props.tracesUrl}).` : ""}`,
      pageLinks: pages.map((p) => (p.key === page.key ? `**${p.title}**` : `[${p.title}](${dashboardUrl(this.props.region, p.dashboardName)})`)).join(" · "),
      segmentWidgets: segments.flatMap((s) => this.graphs.get(s)!),
      extraWidgets: first ? (this.extraWidgets.get(page.kind) ?? []) : [],
      alarmWidgets: alarmWidgets(alarms, AWS_LIMITS.cloudwatch.maxAlarmsPerAlarmWidget),
    };
    const rendered = (
      page.kind === "lambda" && first
        ? renderTemplate("operations-dashboard", operationsTemplate, { ...common, region: this.props.region, ...summaryValues(segments.flatMap((s) => (s.functionName ? [s.functionName] : []))) })
        : renderTemplate("segment-page", segmentPageTemplate, common)
    ) as RenderedBody;
    return { ...rendered, widgets: layoutWidgets(rendered.widgets) };
  }

  /** Every page, in the registry's order of kinds, then the user's template pages. */
  private allPages(): { readonly key: string; readonly dashboardName: string; readonly title: string }[] {
    return [
      ...(Object.keys(DASHBOARD_PAGES) as DashboardPage[]).flatMap((kind) => (this.fill.get(kind) ?? []).map((_, i) => this.page(kind, i))),
      ...this.templatePages.map((p) => ({ key: `page-${p.name}`, dashboardName: `${this.name}-${p.name}`, title: p.name })),
    ];
  }
}

type RenderedBody = { readonly widgets: readonly { [key: string]: JsonValue }[] };

function body(dashboardName: string, rendered: RenderedBody): string {
  checkDashboardLimits(dashboardName, rendered);
  return JSON.stringify(rendered);
}

/**
 * The CloudWatch console URL of a dashboard.
 * @param region - the region the dashboard is in
 * @param dashboardName - the dashboard's name
 * @returns e.g. `https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=estate`
 */
export function dashboardUrl(region: string, dashboardName: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${dashboardName}`;
}
