import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { InvalidPropsError, requireIntegerInRange, requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { StepFunctionsMetrics, type StepFunctionsIntegrations } from "./stepfunctions-metric-factory";
import { requireKnownProps } from "../../common/known-props";

/**
 * What the Step Functions segment can alarm on (the key of {@link StepFunctionsThresholds}): `failedRatePercent` failed or timed-out executions in % of ended ones (with a low-traffic guard);
 * `failedExecutions`, `timedOutExecutions` and `abortedExecutions` those executions per period; `throttledExecutions` throttled state transitions per period;
 * `p99ExecutionTimeMs` the execution time p99 in milliseconds; `integrationFailures` failed or timed-out integration calls per period (needs `integrations`).
 */
export type StepFunctionsAlarmKind = "failedRatePercent" | "failedExecutions" | "timedOutExecutions" | "abortedExecutions" | "throttledExecutions" | "p99ExecutionTimeMs" | "integrationFailures";
/** A state machine's thresholds: per {@link StepFunctionsAlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this state machine. */
export type StepFunctionsThresholds = KindThresholds<StepFunctionsAlarmKind>;

/** Below 20 ended executions in a period the failure rate does not alarm, unless 3 of them failed. */
export const DEFAULT_MINIMUM_EXECUTIONS = 20;
/** Below the traffic guard of the failed rate, this many failed or timed-out executions in a period still make a rate: the guard never blinds the alarm. */
export const DEFAULT_MINIMUM_EXECUTION_FAILURES = 3;
/** Two metrics per integration in one alarm of at most 10 metrics. */
const MAX_INTEGRATIONS = 5;

const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?$/;
const ANY_ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:\S{1,1000}$/;

interface StateMachineResource {
  readonly arn: string;
  readonly integrations: StepFunctionsIntegrations;
  readonly minimumExecutions: number;
  readonly minimumFailures: number;
}

const KINDS: AlarmKinds<StepFunctionsAlarmKind, StateMachineResource> = {
  failedRatePercent: {
    id: "failed-rate",
    comparison: "GreaterThanThreshold",
    metric: (s) => StepFunctionsMetrics.failedRatePercent(s.arn, s.minimumExecutions, s.minimumFailures),
    condition: (t, s) => `failed or timed-out executions above ${t} % of ended executions (with at least ${s.minimumExecutions} ended, or ${s.minimumFailures} failed, in the period)`,
  },
  failedExecutions: {
    id: "failed",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (s) => StepFunctionsMetrics.executionsFailed(s.arn),
    condition: (t) => `${t} or more failed executions`,
  },
  timedOutExecutions: {
    id: "timed-out",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (s) => StepFunctionsMetrics.executionsTimedOut(s.arn),
    condition: (t) => `${t} or more timed-out executions`,
  },
  abortedExecutions: {
    id: "aborted",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (s) => StepFunctionsMetrics.executionsAborted(s.arn),
    condition: (t) => `${t} or more aborted executions`,
  },
  throttledExecutions: {
    id: "throttled",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (s) => StepFunctionsMetrics.executionThrottled(s.arn),
    condition: (t) => `${t} or more throttled state transitions`,
  },
  p99ExecutionTimeMs: {
    id: "execution-time",
    comparison: "GreaterThanThreshold",
    metric: (s) => StepFunctionsMetrics.p99ExecutionTime(s.arn),
    condition: (t) => `execution time p99 above ${t} ms`,
  },
  integrationFailures: {
    id: "integration-failures",
    comparison: "GreaterThanOrEqualToThreshold",
    metric: (s) =>
      (s.integrations.lambdaFunctionArns?.length ?? 0) + (s.integrations.serviceIntegrationResourceArns?.length ?? 0) > 0
        ? StepFunctionsMetrics.integrationFailures(s.integrations)
        : { notApplicable: "no integrations are given; list them in integrations.lambdaFunctionArns or integrations.serviceIntegrationResourceArns" },
    condition: (t) => `${t} or more integration calls failed or timed out`,
  },
};

/** Props of {@link StepFunctionsMonitoring}: the state machine, the integrations it calls, the failed rate's low-traffic guard, and the alarms' topics, links and thresholds. */
export interface StepFunctionsMonitoringProps extends SegmentAlarmProps<StepFunctionsAlarmKind> {
  /** The state machine's ARN (its metrics' StateMachineArn dimension), e.g. `arn:aws:states:eu-west-1:111122223333:stateMachine:orders`. */
  readonly stateMachineArn: string;
  /** The integrations whose failures are watched (integrationFailures). @default none: no integration alarm */
  readonly integrations?: StepFunctionsIntegrations;
  /** The failure rate alarms only with at least this many ended executions in the period... @default 20 */
  readonly minimumExecutions?: number;
  /** ...or this many failed or timed out. @default 3 */
  readonly minimumFailures?: number;
  /** Alarm names are `<alarmNamePrefix>-<kind>-<tier>`. @default the state machine's name */
  readonly alarmNamePrefix?: string;
}

/** The Step Functions segment of one state machine: failures, timeouts, aborts, throttles, execution time and integration failures. */
export class StepFunctionsMonitoring implements MonitoringSegment {
  /** The segment's id, `states:<state machine name>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `integration`: the segment's graphs go on the "Workflows, events and streams" page of the operations dashboard. */
  readonly page = "integration" as const;
  /** Heading of the segment's graphs: `state machine <state machine name>`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly stateMachine: StateMachineResource;

  constructor(scope: Construct, props: StepFunctionsMonitoringProps) {
    requireNoTemplateSequences("StepFunctionsMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("StepFunctionsMonitoring", "StepFunctionsMonitoring", { props });
    const where = `StepFunctionsMonitoring "${String(props.stateMachineArn)}"`;
    requireMatch(where, "stateMachineArn", props.stateMachineArn, STATE_MACHINE_ARN, "a state machine ARN, arn:aws:states:<region>:<account>:stateMachine:<name>");
    const integrations = props.integrations ?? {};
    (integrations.lambdaFunctionArns ?? []).forEach((arn, i) => requireMatch(where, `integrations.lambdaFunctionArns[${i}]`, arn, LAMBDA_ARN, "a Lambda function ARN, arn:aws:lambda:<region>:<account>:function:<name>"));
    (integrations.serviceIntegrationResourceArns ?? []).forEach((arn, i) => requireMatch(where, `integrations.serviceIntegrationResourceArns[${i}]`, arn, ANY_ARN, "the ARN of the resource the Task state calls"));
    const count = (integrations.lambdaFunctionArns?.length ?? 0) + (integrations.serviceIntegrationResourceArns?.length ?? 0);
    if (count > MAX_INTEGRATIONS) throw new InvalidPropsError(where, "integrations", `${count} integrations`, `at most ${MAX_INTEGRATIONS} (two metrics each in one alarm of at most 10 metrics); watch others with a second segment`);
    const minimumExecutions = props.minimumExecutions ?? DEFAULT_MINIMUM_EXECUTIONS;
    const minimumFailures = props.minimumFailures ?? DEFAULT_MINIMUM_EXECUTION_FAILURES;
    requireIntegerInRange(where, "minimumExecutions", minimumExecutions, 1, 1_000_000);
    requireIntegerInRange(where, "minimumFailures", minimumFailures, 1, 1_000_000);
    const name = props.stateMachineArn.slice(props.stateMachineArn.lastIndexOf(":") + 1);
    this.stateMachine = { arn: props.stateMachineArn, integrations, minimumExecutions, minimumFailures };
    this.id = `states:${name}`;
    this.title = `state machine ${name}`;
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: props.alarmNamePrefix ?? name }, KINDS, this.stateMachine, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { arn, integrations, minimumExecutions, minimumFailures } = this.stateMachine;
    const m = StepFunctionsMetrics;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${this.title}: ${title}`, alarms: this.alarms, width: 8, ...spec });
    const hasIntegrations = (integrations.lambdaFunctionArns?.length ?? 0) + (integrations.serviceIntegrationResourceArns?.length ?? 0) > 0;
    return [
      graph("executions", { metrics: [m.executionsStarted(arn), m.executionsSucceeded(arn), m.executionsFailed(arn), m.executionsTimedOut(arn), m.executionsAborted(arn), m.executionThrottled(arn)], alarmKinds: ["failed", "timed-out", "aborted", "throttled"] }),
      graph("failure rate (%)", { metrics: [m.failedRatePercent(arn, minimumExecutions, minimumFailures)], alarmKinds: ["failed-rate"] }),
      graph("execution time p99 (ms)", { metrics: [m.p99ExecutionTime(arn)], alarmKinds: ["execution-time"] }),
      ...(hasIntegrations ? [graph("integration failures", { metrics: [m.integrationFailures(integrations)], alarmKinds: ["integration-failures"] })] : []),
    ];
  }
}
