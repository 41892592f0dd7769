import { Construct } from "constructs";
import {
  createSeverityAlarms,
  type AlarmThreshold,
  type AlarmTopics,
  type ComparisonOperator,
  type MonitoringAlarm,
  type Severity,
  type SeverityThresholds,
} from "../common/alarm-factory";
import { ErrorCaptureMetrics, LambdaMetrics, SqsMetrics, type AlarmMetric } from "../common/metrics";
import type { IMonitoredFunction } from "../monitored-function/monitored-function";

/** Thresholds per alarm and severity. An alarm is created for each severity given, and only for those. */
export interface FunctionAlarmThresholds {
  /** Errors as % of invocations (metric math, zero-invocation safe). @default no alarm */
  readonly errorRatePercent?: SeverityThresholds;
  /** @default no alarm */
  readonly averageDurationMs?: SeverityThresholds;
  /** @default no alarm */
  readonly p99DurationMs?: SeverityThresholds;
  /** Throttled invocations per period, alarming at >= threshold. @default no alarm */
  readonly throttles?: SeverityThresholds;
  /** Messages waiting in the dead-letter queue (needs `deadLetterQueueName`). @default no alarm */
  readonly dlqMessagesVisible?: SeverityThresholds;
  /** Async events that could not even reach the DLQ: lost events. @default no alarm */
  readonly deadLetterErrors?: SeverityThresholds;
  /** Error records the runtime library could not write to DynamoDB (they went to the log). @default no alarm */
  readonly errorRecordWriteFailures?: SeverityThresholds;
}

export interface FunctionAlarmsProps {
  readonly function: IMonitoredFunction;
  readonly environment: string;
  readonly thresholds: FunctionAlarmThresholds;
  readonly topics: AlarmTopics;
  /** Add a warning when invocations leave the anomaly detection band of this many standard deviations. @default no anomaly alarm */
  readonly invocationsAnomalyBandWidth?: number;
}

interface AlarmKind {
  readonly suffix: string;
  readonly comparison: ComparisonOperator;
  readonly metric: (fn: IMonitoredFunction, environment: string) => AlarmMetric | undefined;
  readonly condition: (threshold: number) => string;
}

/** Every per-function alarm, in one table: metric, operator, and how its description reads. */
const ALARM_KINDS: { readonly [K in keyof FunctionAlarmThresholds]-?: AlarmKind } = {
  errorRatePercent: {
    suffix: "error-rate",
    comparison: "GreaterThanThreshold",
    metric: (fn) => LambdaMetrics.errorRatePercent(fn.functionName),
    condition: (t) => `error rate above ${t} %`,
  },
  averageDurationMs: {
    suffix: "average-duration",
    comparison: "GreaterThanThreshold",
    metric: (fn) => LambdaMetrics.averageDuration(fn.functionName),
    condition: (t) => `average duration above ${t} ms`,
  },
  p99DurationMs: {
    suffix: "p99-duration",
    comparison: "GreaterThanThreshold",
    metric: (fn) => LambdaMetrics.p99Duration(fn.functionName),
    condition: (t) => `p99 duration above ${t} ms`,
  },
  throttles: {
    suffix: "throttles",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (fn) => LambdaMetrics.throttles(fn.functionName),
    condition: (t) => `${t} or more throttled invocations`,
  },
  dlqMessagesVisible: {
    suffix: "dlq-messages",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (fn) => (fn.deadLetterQueueName ? SqsMetrics.messagesVisible(fn.deadLetterQueueName) : undefined),
    condition: (t) => `${t} or more messages waiting in the dead-letter queue`,
  },
  deadLetterErrors: {
    suffix: "dead-letter-errors",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (fn) => (fn.deadLetterQueueName ? LambdaMetrics.deadLetterErrors(fn.functionName) : undefined),
    condition: (t) => `${t} or more async events that could not be sent to the dead-letter queue (lost)`,
  },
  errorRecordWriteFailures: {
    suffix: "error-record-write-failures",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (fn, environment) => ErrorCaptureMetrics.writeFailures(fn.functionName, environment),
    condition: (t) => `${t} or more error records not written to the error table (find them in the log: errorRecordUndelivered)`,
  },
};

/**
 * The alarms of one function, by severity tier. Works the same for a function
 * created by MonitoredFunction and for one deployed elsewhere
 * (`MonitoredFunction.fromFunctionName`).
 */
export class FunctionAlarms extends Construct {
  readonly alarms: MonitoringAlarm[];

  constructor(scope: Construct, id: string, props: FunctionAlarmsProps) {
    super(scope, id);
    const fn = props.function;
    this.alarms = (Object.keys(ALARM_KINDS) as (keyof FunctionAlarmThresholds)[]).flatMap((key) => {
      const kind = ALARM_KINDS[key];
      const metric = kind.metric(fn, props.environment);
      if (!metric) return [];
      return createSeverityAlarms(this, kind.suffix, {
        baseName: `${fn.functionName}-${kind.suffix}`,
        describe: (severity, threshold) => describe(severity, fn.functionName, kind.condition(threshold.threshold), threshold),
        metric,
        comparison: kind.comparison,
        thresholds: props.thresholds[key],
        topics: props.topics,
      });
    });
    if (props.invocationsAnomalyBandWidth !== undefined) {
      const threshold = { threshold: props.invocationsAnomalyBandWidth, evaluationPeriods: 3, periodSeconds: 300 };
      this.alarms.push(
        ...createSeverityAlarms(this, "invocations-anomaly", {
          baseName: `${fn.functionName}-invocations-anomaly`,
          describe: (severity, t) => describe(severity, fn.functionName, `invocations above the expected band (${t.threshold} standard deviations)`, t),
          metric: LambdaMetrics.invocations(fn.functionName),
          comparison: "GreaterThanUpperThreshold",
          thresholds: { warning: threshold },
          topics: props.topics,
          anomalyBand: true,
        }),
      );
    }
  }
}

/** Alarm descriptions say what breached, for how long, and where to look first. */
export function describe(severity: Severity, subject: string, condition: string, t: AlarmThreshold): string {
  const period = t.periodSeconds ?? 60;
  const datapoints = t.datapointsToAlarm ?? t.evaluationPeriods;
  return `[${severity.toUpperCase()}] ${subject}: ${condition} in ${datapoints} of ${t.evaluationPeriods} periods of ${period} s. Missing data is not breaching.`;
}
