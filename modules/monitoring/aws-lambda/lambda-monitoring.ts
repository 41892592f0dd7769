import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { createSeverityAlarms, type MonitoringAlarm } from "../../common/alarm-factory";
import { InvalidPropsError, requireIntegerInRange } from "../../common/validation";
import { graphWidget, logWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { describe, segmentAlarms, type AlarmKinds, type KindThresholds, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { createLogMetricFilters, errorLineQueryFilter, logMetricKinds, type LogFormat } from "./lambda-log-metrics";
import { LambdaMetrics } from "./lambda-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/** What the alarms and dashboards need of a function, created here or deployed elsewhere. */
export interface IMonitoredFunction {
  /** The name of the function to monitor. */
  readonly functionName: string;
  /** Its dead-letter queue, if known: enables the DLQ alarms and graph. @default none: no DLQ alarms */
  readonly deadLetterQueueName?: string;
  /** Enables the duration-near-timeout alarm. @default unknown: no duration-near-timeout alarm */
  readonly timeoutSeconds?: number;
  /** Enables the memory alarm. @default unknown: no memory alarm */
  readonly memoryMiB?: number;
  /** Enables the concurrency alarm (otherwise the account's unreserved pool is what runs out). @default no reservation: no concurrency alarm */
  readonly reservedConcurrency?: number;
  /** JSON enables memory and cold-start metrics from the platform report records. @default "Text" (Lambda's default) */
  readonly logFormat?: LogFormat;
  /** The function's log group, where the log metric filters go. @default `/aws/lambda/<functionName>` */
  readonly logGroupName?: string;
  /** The log group resource, where created in the same stack: the metric filters wait for it. @default none: the log group exists already */
  readonly logGroup?: ITerraformDependable;
}

/** The Lambda segment's alarms; each takes thresholds per tier. */
export type LambdaAlarmKind =
  | "errorRatePercent"
  | "errorCount"
  | "averageDurationMs"
  | "p99DurationMs"
  | "maxDurationTimeoutPercent"
  | "throttles"
  | "concurrencyPercent"
  | "memoryUtilisationPercent"
  | "initDurationP99Ms"
  | "coldStartRatePercent"
  | "errorLogLines"
  | "deadLetterErrors"
  | "timeouts";
/** A function's thresholds: per {@link LambdaAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this function. */
export type LambdaThresholds = KindThresholds<LambdaAlarmKind>;

/** Default low-traffic guard: below 20 invocations in a period the rate counts only with DEFAULT_MINIMUM_FAILURES failures, so a rate above 5 % always means at least two. */
export const DEFAULT_MINIMUM_INVOCATIONS = 20;
/** Below the traffic guard, this many failures in a period still make a rate: the guard never blinds the alarm, and one stray failure stays quiet. */
export const DEFAULT_MINIMUM_FAILURES = 3;

export interface LambdaResource {
  readonly fn: IMonitoredFunction;
  readonly minimumInvocations: number;
  readonly minimumFailures: number;
  readonly logMetrics: boolean;
}

const needsJsonLogs = (r: LambdaResource, what: string) =>
  r.logMetrics && (r.fn.logFormat ?? "Text") === "JSON" ? undefined : { notApplicable: `${what} come from the platform report records of JSON-formatted logs; give the function logFormat "JSON" (and keep logMetrics on)` };

/** Every Lambda alarm, in one table: metric, operator, and how the description reads. Ids are Terraform addresses. */
export const LAMBDA_ALARM_KINDS: AlarmKinds<LambdaAlarmKind, LambdaResource> = {
  errorRatePercent: {
    id: "error-rate",
    comparison: "GreaterThanThreshold",
    metric: (r) => LambdaMetrics.errorRatePercent(r.fn.functionName, r.minimumInvocations, r.minimumFailures),
    condition: (t, r) => `error rate above ${t} % (with at least ${r.minimumInvocations} invocations, or ${r.minimumFailures} errors, in the period)`,
  },
  errorCount: {
    id: "errors",
    comparison: "GreaterThanThreshold",
    metric: (r) => LambdaMetrics.errors(r.fn.functionName),
    condition: (t) => `more than ${t} errors`,
  },
  averageDurationMs: {
    id: "average-duration",
    comparison: "GreaterThanThreshold",
    metric: (r) => LambdaMetrics.averageDuration(r.fn.functionName),
    condition: (t) => `average duration above ${t} ms`,
  },
  p99DurationMs: {
    id: "p99-duration",
    comparison: "GreaterThanThreshold",
    metric: (r) => LambdaMetrics.p99Duration(r.fn.functionName),
    condition: (t) => `p99 duration above ${t} ms`,
  },
  maxDurationTimeoutPercent: {
    id: "max-duration",
    comparison: "GreaterThanThreshold",
    metric: (r) => (r.fn.timeoutSeconds ? LambdaMetrics.maxDuration(r.fn.functionName) : { notApplicable: "the function's timeout is not known; give timeoutSeconds" }),
    toMetricThreshold: (t, r) => Math.round((t / 100) * r.fn.timeoutSeconds! * 1000),
    condition: (t, r) => `maximum duration above ${t} % of the ${r.fn.timeoutSeconds} s timeout (${Math.round((t / 100) * r.fn.timeoutSeconds! * 1000)} ms)`,
  },
  throttles: {
    id: "throttles",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (r) => LambdaMetrics.throttles(r.fn.functionName),
    condition: (t) => `${t} or more throttled invocations`,
  },
  concurrencyPercent: {
    id: "concurrency",
    comparison: "GreaterThanThreshold",
    metric: (r) =>
      r.fn.reservedConcurrency
        ? LambdaMetrics.concurrentExecutions(r.fn.functionName)
        : { notApplicable: "the function has no reserved concurrency; the account's unreserved pool is watched by monitorLambdaAccount" },
    toMetricThreshold: (t, r) => Math.floor((t / 100) * r.fn.reservedConcurrency!),
    condition: (t, r) => `concurrent executions above ${t} % of the reserved ${r.fn.reservedConcurrency}`,
  },
  memoryUtilisationPercent: {
    id: "memory",
    comparison: "GreaterThanThreshold",
    metric: (r) => needsJsonLogs(r, "memory metrics") ?? (r.fn.memoryMiB ? LambdaMetrics.maxMemoryUsedMb(r.fn.functionName) : { notApplicable: "the function's memory size is not known; give memoryMiB" }),
    toMetricThreshold: (t, r) => Math.floor((t / 100) * r.fn.memoryMiB!),
    condition: (t, r) => `memory used above ${t} % of the configured ${r.fn.memoryMiB} MB`,
  },
  initDurationP99Ms: {
    id: "init-duration",
    comparison: "GreaterThanThreshold",
    metric: (r) => needsJsonLogs(r, "init durations") ?? LambdaMetrics.p99InitDuration(r.fn.functionName),
    condition: (t) => `cold-start init duration p99 above ${t} ms`,
  },
  coldStartRatePercent: {
    id: "cold-start-rate",
    comparison: "GreaterThanThreshold",
    metric: (r) => needsJsonLogs(r, "cold starts") ?? LambdaMetrics.coldStartRatePercent(r.fn.functionName, r.minimumInvocations),
    condition: (t, r) => `cold starts above ${t} % of invocations (with at least ${r.minimumInvocations} invocations in the period)`,
  },
  errorLogLines: {
    id: "error-log-lines",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (r) => (r.logMetrics ? LambdaMetrics.errorLogLines(r.fn.functionName) : { notApplicable: "log metrics are off for this function (logMetrics: false)" }),
    condition: (t) => `${t} or more ERROR-level log lines`,
  },
  deadLetterErrors: {
    id: "dead-letter-errors",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (r) => (r.fn.deadLetterQueueName ? LambdaMetrics.deadLetterErrors(r.fn.functionName) : { notApplicable: "the function has no known dead-letter queue; give deadLetterQueueName" }),
    condition: (t) => `${t} or more async events that could not be sent to the dead-letter queue (lost)`,
  },
  timeouts: {
    id: "timeouts",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (r) => (r.logMetrics ? LambdaMetrics.timeouts(r.fn.functionName) : { notApplicable: "log metrics are off for this function (logMetrics: false)" }),
    condition: (t) => `${t} or more invocations timed out (Lambda's "Task timed out")`,
  },
};

/**
 * Props of {@link LambdaFunctionMonitoring}: the function, the rates' low-traffic guard, the invocations anomaly band, the log metric filters, and the alarms' topics, links and thresholds.
 */
export interface LambdaFunctionMonitoringProps extends SegmentAlarmProps<LambdaAlarmKind> {
  /** The function to monitor: a MonitoredFunction, or the facts known of an existing one. */
  readonly function: IMonitoredFunction;
  /** Rates (errors, cold starts) alarm only with at least this many invocations in the period. @default 20 */
  readonly minimumInvocations?: number;
  /** Below minimumInvocations, the error rate still alarms once the period has this many errors. @default 3 */
  readonly minimumFailures?: number;
  /** Add a warning when invocations leave the anomaly detection band of this many standard deviations. @default no anomaly alarm */
  readonly invocationsAnomalyBandWidth?: number;
  /** Create the log metric filters (ERROR lines; memory and cold starts for JSON logs). @default true */
  readonly logMetrics?: boolean;
}

/** The Lambda segment of one function: its alarms, log metric filters and graphs, created in `scope`. */
export class LambdaFunctionMonitoring implements MonitoringSegment {
  /** The segment's id, `lambda:<functionName>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `lambda`: the segment's graphs go on the "Lambda" page of the operations dashboard. */
  readonly page = "lambda" as const;
  /** Heading of the segment's graphs: `<functionName>`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.functionName} */
  readonly functionName: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly fn: IMonitoredFunction;
  private readonly resource: LambdaResource;

  constructor(scope: Construct, props: LambdaFunctionMonitoringProps) {
    requireNoTemplateSequences("LambdaFunctionMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("LambdaFunctionMonitoring", "LambdaFunctionMonitoring", { props });
    const fn = props.function;
    const where = `LambdaFunctionMonitoring "${fn.functionName}"`;
    const minimumInvocations = props.minimumInvocations ?? DEFAULT_MINIMUM_INVOCATIONS;
    requireIntegerInRange(where, "minimumInvocations", minimumInvocations, 1, 1_000_000);
    const minimumFailures = props.minimumFailures ?? DEFAULT_MINIMUM_FAILURES;
    requireIntegerInRange(where, "minimumFailures", minimumFailures, 1, 1_000_000);
    if (fn.logFormat !== undefined && fn.logFormat !== "JSON" && fn.logFormat !== "Text") throw new InvalidPropsError(where, "logFormat", fn.logFormat, '"JSON" or "Text"');
    this.fn = fn;
    this.id = `lambda:${fn.functionName}`;
    this.title = fn.functionName;
    this.functionName = fn.functionName;
    this.resource = { fn, minimumInvocations, minimumFailures, logMetrics: props.logMetrics ?? true };

    if (this.resource.logMetrics) {
      createLogMetricFilters(scope, {
        functionName: fn.functionName,
        logGroupName: this.logGroupName,
        format: fn.logFormat ?? "Text",
        ...(fn.logGroup ? { logGroup: fn.logGroup } : {}),
      });
    }
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: fn.functionName, nameField: "function.functionName" }, LAMBDA_ALARM_KINDS, this.resource, props);
    if (props.invocationsAnomalyBandWidth !== undefined) {
      const threshold = { threshold: props.invocationsAnomalyBandWidth, evaluationPeriods: 3, periodSeconds: 300 };
      this.alarms.push(
        ...createSeverityAlarms(scope, "invocations-anomaly", {
          baseName: `${fn.functionName}-invocations-anomaly`,
          describe: (severity, t) => describe(severity, fn.functionName, `invocations above the expected band (${t.threshold} standard deviations)`, t, props.links),
          metric: LambdaMetrics.invocations(fn.functionName),
          comparison: "GreaterThanUpperThreshold",
          thresholds: { warning: threshold },
          topics: props.topics,
          anomalyBand: true,
          segment: this.id,
          kind: "invocations-anomaly",
        }),
      );
    }
  }

  private get logGroupName(): string {
    return this.fn.logGroupName ?? `/aws/lambda/${this.fn.functionName}`;
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const name = this.fn.functionName;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${name}: ${title}`, alarms: this.alarms, ...spec });
    const format = this.fn.logFormat ?? "Text";
    const fromReports = this.resource.logMetrics && logMetricKinds(format).includes("maxMemoryUsedMb");
    return [
      graph("invocations and errors", { metrics: [LambdaMetrics.invocations(name), LambdaMetrics.errors(name), LambdaMetrics.throttles(name)], alarmKinds: ["errors", "throttles"] }),
      graph("error rate (%)", { metrics: [LambdaMetrics.errorRatePercent(name, this.resource.minimumInvocations, this.resource.minimumFailures)], alarmKinds: ["error-rate"] }),
      graph("duration (ms)", { metrics: [LambdaMetrics.averageDuration(name), LambdaMetrics.p99Duration(name), LambdaMetrics.maxDuration(name)], alarmKinds: ["average-duration", "p99-duration", "max-duration"] }),
      graph("concurrent executions", { metrics: [LambdaMetrics.concurrentExecutions(name)], alarmKinds: ["concurrency"] }),
      ...(this.resource.logMetrics ? [graph("timeouts", { metrics: [LambdaMetrics.timeouts(name)], alarmKinds: ["timeouts"] })] : []),
      ...(fromReports
        ? [
            graph("max memory used (MB)", { metrics: [LambdaMetrics.maxMemoryUsedMb(name)], alarmKinds: ["memory"] }),
            graph("init duration p99 (ms)", { metrics: [LambdaMetrics.p99InitDuration(name)], alarmKinds: ["init-duration"] }),
            graph("cold-start rate (%)", { metrics: [LambdaMetrics.coldStartRatePercent(name, this.resource.minimumInvocations)], alarmKinds: ["cold-start-rate"] }),
          ]
        : []),
      logWidget(region, { title: `${name}: recent ERROR lines`, logGroupName: this.logGroupName, filter: errorLineQueryFilter(format) }),
    ];
  }
}
