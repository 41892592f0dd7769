import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Construct } from "constructs";
import type { MonitoringAlarm } from "../common/alarm-factory";
import { AWS_LIMITS } from "../common/aws-limits";
import { requireIntegerInRange, requireMatch } from "../common/validation";
import type { IMonitoredFunction } from "../monitored-function/monitored-function";
import { checkDashboardLimits, layoutWidgets } from "./layout";
import operationsTemplate from "./templates/operations-dashboard.json";
import { renderTemplate, type JsonValue } from "./template-renderer";
import { alarmWidgets, functionWidgets, summaryValues, type FunctionAnnotations } from "./widgets";

export interface OperationsDashboardProps {
  /** e.g. `serverless-monitoring-dev`; further pages get `-2`, `-3`, ... */
  readonly dashboardName: string;
  readonly environment: string;
  /** Region of the metrics, and of the console link. */
  readonly region: string;
  readonly functions: readonly IMonitoredFunction[];
  /** Shown in alarm status widgets; a function's alarms go on its page, the others on the first. @default none */
  readonly alarms?: readonly MonitoringAlarm[];
  /** Threshold lines on a function's graphs. @default none */
  readonly annotations?: (fn: IMonitoredFunction) => FunctionAnnotations;
  /** Console URL of the environment's faulted traces (XrayFaultGroup.tracesUrl), linked from the header. @default no link */
  readonly tracesUrl?: string;
  /** Three widgets a function: at most 160 fit CloudWatch's 500 widgets. @default 50 */
  readonly functionsPerDashboard?: number;
}

/**
 * The operations dashboard of an environment, rendered from the JSON
 * templates in ./templates: 24 h totals, per-function invocations, errors,
 * error rate and duration, and alarm status. Functions beyond
 * `functionsPerDashboard` continue on further dashboards.
 */
export class OperationsDashboard extends Construct {
  readonly dashboardNames: string[] = [];
  /** Console URL of the first dashboard. */
  readonly dashboardUrl: string;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const perPage = props.functionsPerDashboard ?? 50;
    requireIntegerInRange(`OperationsDashboard "${props.dashboardName}"`, "functionsPerDashboard", perPage, 1, 160);
    requireMatch(`OperationsDashboard "${props.dashboardName}"`, "dashboardName", props.dashboardName, /^[A-Za-z0-9_-]{1,250}$/, "1-250 letters, digits, _ or -");

    const pages = paginate(props.functions, perPage);
    const pageAlarms = alarmsByPage(pages, props.alarms ?? []);

    pages.forEach((functions, i) => {
      const name = i === 0 ? props.dashboardName : `${props.dashboardName}-${i + 1}`;
      const pageNote = pages.length > 1 ? ` Page ${i + 1} of ${pages.length}.` : "";
      const rendered = renderTemplate("operations-dashboard", operationsTemplate, {
        title: `Serverless monitoring: ${props.environment}`,
        subtitle: `${functions.length} functions in ${props.region}.${pageNote}${props.tracesUrl ? ` [Faulted traces in X-Ray](${props.tracesUrl}).` : ""}`,
        region: props.region,
        ...summaryValues(functions),
        functionWidgets: functions.flatMap((fn) => functionWidgets(fn, props.region, props.annotations?.(fn) ?? {})),
        alarmWidgets: alarmWidgets(pageAlarms[i]!, AWS_LIMITS.cloudwatch.maxAlarmsPerAlarmWidget),
      }) as { readonly widgets: readonly { [key: string]: JsonValue }[] };
      const body = { ...rendered, widgets: layoutWidgets(rendered.widgets) };
      checkDashboardLimits(name, body);
      new CloudwatchDashboard(this, i === 0 ? "Dashboard" : `Dashboard-${i + 1}`, { dashboardName: name, dashboardBody: JSON.stringify(body) });
      this.dashboardNames.push(name);
    });
    this.dashboardUrl = dashboardUrl(props.region, props.dashboardName);
  }
}

export function dashboardUrl(region: string, dashboardName: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${dashboardName}`;
}

/** A function's alarms (named `<function>-...`) go on its page; alarms of no listed function go on the first. */
function alarmsByPage(pages: readonly (readonly IMonitoredFunction[])[], alarms: readonly MonitoringAlarm[]): MonitoringAlarm[][] {
  const pageOf = new Map(pages.flatMap((functions, page) => functions.map((fn) => [`${fn.functionName}-`, page] as const)));
  const byPage: MonitoringAlarm[][] = pages.map(() => []);
  const unowned: MonitoringAlarm[] = [];
  for (const alarm of alarms) {
    const owner = [...pageOf.keys()].find((prefix) => alarm.alarmName.startsWith(prefix));
    if (owner === undefined) unowned.push(alarm);
    else byPage[pageOf.get(owner)!]!.push(alarm);
  }
  byPage[0]!.unshift(...unowned);
  return byPage;
}

function paginate<T>(items: readonly T[], size: number): T[][] {
  if (items.length === 0) return [[]];
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages;
}
