import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { segmentAlarms, type AlarmKinds, type KindThresholds, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { LambdaAliasMetrics } from "./lambda-alias-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the alias segment can alarm on (the key of {@link LambdaAliasThresholds}): `provisionedConcurrencyUtilisationPercent` provisioned concurrency in use, in % of what is provisioned;
 * `provisionedConcurrencySpilloverInvocations` invocations per period beyond the provisioned concurrency, which run on standard concurrency with cold starts.
 */
export type LambdaAliasAlarmKind = "provisionedConcurrencyUtilisationPercent" | "provisionedConcurrencySpilloverInvocations";
/** An alias's thresholds: per {@link LambdaAliasAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this alias. */
export type LambdaAliasThresholds = KindThresholds<LambdaAliasAlarmKind>;

interface AliasResource {
  readonly functionName: string;
  readonly qualifier: string;
}

const KINDS: AlarmKinds<LambdaAliasAlarmKind, AliasResource> = {
  provisionedConcurrencyUtilisationPercent: {
    id: "provisioned-concurrency",
    comparison: "GreaterThanThreshold",
    metric: (a) => LambdaAliasMetrics.provisionedConcurrencyUtilization(a.functionName, a.qualifier),
    // Lambda reports a fraction (0.9), the threshold is configured in percent (90).
    toMetricThreshold: (t) => t / 100,
    condition: (t) => `provisioned concurrency in use above ${t} % of what is provisioned`,
  },
  provisionedConcurrencySpilloverInvocations: {
    id: "spillover",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (a) => LambdaAliasMetrics.provisionedConcurrencySpilloverInvocations(a.functionName, a.qualifier),
    condition: (t) => `${t} or more invocations beyond the provisioned concurrency (run on standard concurrency, with cold starts)`,
  },
};

/** Props of {@link LambdaAliasMonitoring}: the function and its alias (or version) with provisioned concurrency, and the alarms' topics, links and thresholds. */
export interface LambdaAliasMonitoringProps extends SegmentAlarmProps<LambdaAliasAlarmKind> {
  /** The function's name. */
  readonly functionName: string;
  /** The alias (e.g. `live`) or version number (e.g. `42`) with provisioned concurrency. */
  readonly alias: string;
}

/**
 * A function's alias or version with provisioned concurrency: how much of it
 * is in use, and the invocations that spill over to standard concurrency
 * (cold starts the provisioned concurrency was bought to avoid).
 */
export class LambdaAliasMonitoring implements MonitoringSegment {
  /** The segment's id, `lambda-alias:<functionName>:<alias>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `lambda`: the segment's graphs go on the "Lambda" page of the operations dashboard. */
  readonly page = "lambda" as const;
  /** Heading of the segment's graphs: `<functionName>:<alias>`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly alias: AliasResource;

  constructor(scope: Construct, props: LambdaAliasMonitoringProps) {
    requireNoTemplateSequences("LambdaAliasMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("LambdaAliasMonitoring", "LambdaAliasMonitoring", { props });
    const where = `LambdaAliasMonitoring "${props.functionName}:${props.alias}"`;
    requireMatch(where, "functionName", props.functionName, /^[A-Za-z0-9_-]{1,64}$/, "1-64 letters, digits, _ or -");
    requireMatch(where, "alias", props.alias, /^(?!\$LATEST$)([A-Za-z0-9_-]{1,128}|\d{1,10})$/, "an alias name (1-128 letters, digits, _ or -) or a version number; not $LATEST, which cannot have provisioned concurrency");
    this.alias = { functionName: props.functionName, qualifier: props.alias };
    this.id = `lambda-alias:${props.functionName}:${props.alias}`;
    this.title = `${props.functionName}:${props.alias}`;
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: `${props.functionName}-${props.alias}` }, KINDS, this.alias, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { functionName: f, qualifier: q } = this.alias;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${this.title}: ${title}`, alarms: this.alarms, ...spec });
    return [
      graph("provisioned concurrency utilisation (fraction)", { metrics: [LambdaAliasMetrics.provisionedConcurrencyUtilization(f, q)], alarmKinds: ["provisioned-concurrency"] }),
      graph("invocations and spillover", { metrics: [LambdaAliasMetrics.invocations(f, q), LambdaAliasMetrics.provisionedConcurrencySpilloverInvocations(f, q)], alarmKinds: ["spillover"] }),
    ];
  }
}
