import { requireName } from "../../common/prop-checks";
import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import { requireKnownProps } from "../../common/known-props";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { ErrorCaptureMetrics } from "./error-capture-metric-factory";

/**
 * What the error-capture segment can alarm on: `errorRecordWriteFailures`, error records the runtime library could not write to the error table per period (the log has them as errorRecordUndelivered).
 */
export type ErrorCaptureAlarmKind = "errorRecordWriteFailures";
/** A function's error-capture thresholds: per {@link ErrorCaptureAlarmKind}, a threshold per tier, or `false` to turn off the facade's default. */
export type ErrorCaptureThresholds = KindThresholds<ErrorCaptureAlarmKind>;

interface CaptureResource {
  readonly serviceName: string;
  readonly environment: string;
}

const KINDS: AlarmKinds<ErrorCaptureAlarmKind, CaptureResource> = {
  errorRecordWriteFailures: {
    id: "error-record-write-failures",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (r) => ErrorCaptureMetrics.writeFailures(r.serviceName, r.environment),
    condition: (t) => `${t} or more error records not written to the error table (find them in the log: errorRecordUndelivered)`,
  },
};

/** Props of {@link ErrorCaptureMonitoring}: the function's service name and environment (the runtime library's metric dimensions), and the alarms' topics, links and thresholds. */
export interface ErrorCaptureMonitoringProps extends SegmentAlarmProps<ErrorCaptureAlarmKind> {
  /** The function's service name (POWERTOOLS_SERVICE_NAME): its function name for MonitoredFunction. */
  readonly serviceName: string;
  /** The environment dimension of the runtime library's metrics. */
  readonly environment: string;
}

/** The error-capture segment of a function using the runtime library: records captured, rejected and not written. */
export class ErrorCaptureMonitoring implements MonitoringSegment {
  /** The segment's id, `error-capture:<serviceName>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `lambda`: the segment's graphs go on the "Lambda" page of the operations dashboard. */
  readonly page = "lambda" as const;
  /** Heading of the segment's graphs: `<serviceName>: error capture`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  /** On the same dashboard page as the function's Lambda segment. */
  readonly companionOf: string;
  private readonly resource: CaptureResource;

  constructor(scope: Construct, props: ErrorCaptureMonitoringProps) {
    requireNoTemplateSequences("ErrorCaptureMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("ErrorCaptureMonitoring", "ErrorCaptureMonitoring", { props });
    requireName(`ErrorCaptureMonitoring "${props.serviceName}"`, "environment", props.environment, { max: 64 });
    this.resource = { serviceName: props.serviceName, environment: props.environment };
    this.id = `error-capture:${props.serviceName}`;
    this.companionOf = props.serviceName;
    this.title = `${props.serviceName}: error capture`;
    this.alarms = segmentAlarms(scope, { id: this.id, where: `ErrorCaptureMonitoring "${props.serviceName}"`, name: props.serviceName, nameField: "serviceName" }, KINDS, this.resource, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { serviceName, environment } = this.resource;
    return [
      graphWidget(region, {
        title: this.title,
        width: 6,
        metrics: [ErrorCaptureMetrics.capturedErrors(serviceName, environment), ErrorCaptureMetrics.clientErrors(serviceName, environment), ErrorCaptureMetrics.writeFailures(serviceName, environment)],
        alarms: this.alarms,
        alarmKinds: ["error-record-write-failures"],
      }),
    ];
  }
}
