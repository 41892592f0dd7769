/**
 * How a stack's alarms reach people (DESIGN.md, "Detection is the product"):
 * each capability's critical alarms under its composite; one health composite
 * over the capabilities and every other critical alarm, the only one that
 * pages; one composite per lower tier (warnings, business), each notifying its
 * tier's topic. A maintenance window silences every composite, and warnings
 * also keep quiet while the page is on. The unsplit stack and each stack of a
 * split estate route this way, each over its own alarms.
 */
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { HealthAlarm, requireAlertPaths, type Alerting, type AlertTier, type MonitoringAlarm, type ServerlessMonitoring } from "@serverless-monitoring/constructs";

export interface AlertRoutingProps {
  /** The stack's alert topics and channels. */
  readonly alerting: Pick<Alerting, "noChannel" | "subscribed" | "deliveryAlarms"> & { readonly topicArns: { readonly [T in AlertTier]?: string } };
  /** The maintenance window alarm every composite takes as its actions suppressor. */
  readonly maintenance: { readonly alarmName: string; readonly resource: ITerraformDependable };
  /** Each business capability's composite: its name, title and critical alarms (one without alarms has none). */
  readonly capabilities: readonly { readonly id: string; readonly alarmName: string; readonly title: string; readonly alarms: readonly MonitoringAlarm[] }[];
  /** The composites' names: the page (system health), the warnings' suppressor, the warnings and the business alerts. */
  readonly names: { readonly health: string; readonly warningsSuppressor: string; readonly warnings: string; readonly business: string };
  readonly compositeRunbook: string;
  readonly dashboardUrl: string;
  /** `[account region] ` before each description. @default none */
  readonly alarmLabel?: string;
}

export interface AlertRouting {
  /** The composite that pages, or undefined where the stack has no critical alarm. */
  readonly health?: HealthAlarm;
  readonly capabilities: readonly HealthAlarm[];
  readonly tierComposites: readonly HealthAlarm[];
}

/**
 * Builds the composites over `monitoring.alarms` (construct ids `capabilities/<id>`, `system-health`,
 * `warnings-suppressor`, `warnings`, `business-alerts` under `monitoring`: Terraform addresses) and checks that
 * every alarm that should tell someone can.
 */
export function routeAlerts(monitoring: ServerlessMonitoring, props: AlertRoutingProps): AlertRouting {
  const { alerting, names } = props;
  const composite = {
    topicArn: alerting.topicArns.critical!,
    dashboardUrl: props.dashboardUrl,
    runbookUrl: props.compositeRunbook,
    suppressor: props.maintenance,
    ...(props.alarmLabel ? { descriptionPrefix: props.alarmLabel } : {}),
  };
  // One composite per business capability, over its functions' critical alarms, its routes' and its objective's.
  const capabilityScope = new Construct(monitoring, "capabilities");
  const capabilities = props.capabilities.flatMap((c) => (c.alarms.length === 0 ? [] : [new HealthAlarm(capabilityScope, c.id, { ...composite, alarmName: c.alarmName, title: c.title, alarms: c.alarms })]));
  const covered = new Set(props.capabilities.flatMap((c) => c.alarms));
  // "system health": the capabilities, and every critical alarm no capability covers. Only it pages.
  const paged = [...capabilities.map((c) => c.monitoringAlarm), ...monitoring.alarms.filter((a) => a.severity === "critical" && !covered.has(a))];
  const health = paged.length === 0 ? undefined : new HealthAlarm(monitoring, "system-health", { ...composite, alarmName: names.health, title: "system health", alarms: paged });
  // The warning and business tiers: one composite each, over all the tier's alarms, notifying its topic.
  // Warnings are a lower tier than the page: quiet during maintenance AND while system health pages (one
  // incident, one tier told). A warning waits up to 5 minutes for a page to confirm it, and stays quiet
  // 30 minutes after the page clears, while the incident's warnings settle.
  const quietForWarnings = health
    ? new CloudwatchCompositeAlarm(monitoring, "warnings-suppressor", {
        alarmName: names.warningsSuppressor,
        alarmDescription: `In ALARM during a maintenance window or while ${health.alarmName} pages: the warnings composite takes no action then. Notifies nobody. Runbook: ${props.compositeRunbook}`,
        alarmRule: `ALARM("${props.maintenance.alarmName}") OR ALARM("${health.alarmName}")`,
        dependsOn: [props.maintenance.resource, health.alarm],
      })
    : undefined;
  const tierComposite = (tier: "warning" | "business", id: string, alarmName: string, title: string) => {
    const alarms = monitoring.alarms.filter((a) => a.severity === tier);
    const suppressor = tier === "warning" && quietForWarnings ? { alarmName: names.warningsSuppressor, resource: quietForWarnings, waitSeconds: 300, extensionSeconds: 1800 } : composite.suppressor;
    // A tier without a channel (noChannel) has no composite: its alarms notify nobody and show on the dashboard.
    return alarms.length === 0 || alerting.noChannel.includes(tier)
      ? []
      : [new HealthAlarm(monitoring, id, { ...composite, suppressor, topicArn: alerting.topicArns[tier]!, severity: tier, alarmName, title, alarms })];
  };
  const tierComposites = [...tierComposite("warning", "warnings", names.warnings, "warnings"), ...tierComposite("business", "business-alerts", names.business, "business alerts")];
  requireAlertPaths({
    alarms: [...monitoring.alarms, ...alerting.deliveryAlarms],
    composites: [...(health ? [health] : []), ...capabilities, ...tierComposites].map((c) => ({ alarm: c.monitoringAlarm, covers: c.covers })),
    topicArns: alerting.topicArns,
    subscribed: alerting.subscribed,
    noChannel: alerting.noChannel,
  });
  return { ...(health ? { health } : {}), capabilities, tierComposites };
}
