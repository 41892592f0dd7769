/**
 * The segment of one canary: its success below the objective (critical: a
 * failing canary is the capability down, whatever the traffic) and its p99
 * duration (warning), with their graphs on the API page.
 */
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import { requireKnownProps } from "../../common/known-props";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { segmentAlarms, type AlarmKinds, type KindThresholds, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { SyntheticsMetrics } from "./synthetics-metric-factory";
import { CANARY_NAME_PATTERN } from "./synthetics-canaries";
import { requireMatch } from "../../common/validation";

/** The alarms of a canary: its runs passing (`successPercent`) and their duration (`durationP99Ms`). */
export type CanaryAlarmKind = "successPercent" | "durationP99Ms";
/** A canary's alarm thresholds, per kind and tier. */
export type CanaryThresholds = KindThresholds<CanaryAlarmKind>;

interface CanaryResource {
  readonly canaryName: string;
}

const KINDS: AlarmKinds<CanaryAlarmKind, CanaryResource> = {
  successPercent: {
    id: "success-percent",
    comparison: "LessThanThreshold",
    metric: (c) => SyntheticsMetrics.successPercent(c.canaryName),
    condition: (t) => `canary runs passing below ${t} %`,
  },
  durationP99Ms: {
    id: "duration-p99",
    comparison: "GreaterThanThreshold",
    metric: (c) => SyntheticsMetrics.durationP99Ms(c.canaryName),
    condition: (t) => `canary run duration p99 above ${t} ms`,
  },
};

/** The props of {@link CanaryMonitoring}. */
export interface CanaryMonitoringProps extends SegmentAlarmProps<CanaryAlarmKind> {
  /** The canary's name, its metrics' CanaryName dimension. */
  readonly canaryName: string;
  /** What the canary checks, for titles, e.g. `POST /payments`. */
  readonly title: string;
  /** The schedule's interval: each graph's period. */
  readonly periodSeconds: number;
}

/** The segment of one canary (see the file's comment): its alarms and its graphs on the API page. */
export class CanaryMonitoring implements MonitoringSegment {
  /** `canary:<name>`. */
  readonly id: string;
  /** The dashboard page its graphs are on. */
  readonly page = "api" as const;
  /** `canary <name> (<what it checks>)`. */
  readonly title: string;
  /** Its success (critical) and duration (warning) alarms, as configured. */
  readonly alarms: MonitoringAlarm[];

  /** Creates the canary's alarms in `scope`. */
  constructor(
    scope: Construct,
    private readonly props: CanaryMonitoringProps,
  ) {
    requireNoTemplateSequences("CanaryMonitoring", props, [...SEGMENT_FREE_TEXT, "title"]);
    requireKnownProps("CanaryMonitoring", "CanaryMonitoring", { props });
    requireMatch(`CanaryMonitoring "${String(props.canaryName)}"`, "canaryName", props.canaryName, CANARY_NAME_PATTERN, "1-21 lowercase letters, digits, _ or -, as Synthetics names canaries");
    this.id = `canary:${props.canaryName}`;
    this.title = `canary ${props.canaryName} (${props.title})`;
    this.alarms = segmentAlarms(scope, { id: this.id, where: `CanaryMonitoring "${props.canaryName}"`, name: `${props.canaryName}-canary` }, KINDS, { canaryName: props.canaryName }, props);
  }

  /** Its two graphs, success (%) and duration p99, with the alarms' threshold lines. */
  widgets(region: string): JsonValue[] {
    const c = this.props.canaryName;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms" | "periodSeconds">) =>
      graphWidget(region, { title: `${this.title}: ${title}`, alarms: this.alarms, periodSeconds: this.props.periodSeconds, width: 12, ...spec });
    return [
      graph("success (%)", { metrics: [SyntheticsMetrics.successPercent(c)], alarmKinds: ["success-percent"] }),
      graph("duration p99 (ms)", { metrics: [SyntheticsMetrics.durationP99Ms(c)], alarmKinds: ["duration-p99"] }),
    ];
  }
}
