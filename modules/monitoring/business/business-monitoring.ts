import { requireName, requireOneOf } from "../../common/prop-checks";
import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import { requireKnownProps } from "../../common/known-props";
import type { Construct } from "constructs";
import type { MonitoringAlarm, SeverityThresholds } from "../../common/alarm-factory";
import type { MathExpressionSpec, MetricSpec } from "../../common/metrics";
import { requireIntegerInRange } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { BusinessMetrics } from "./business-metric-factory";

/**
 * What the business segment can alarm on, from the runtime library's business metrics (the key of {@link BusinessThresholds}):
 * `paymentFailureRatePercent` failed payments in % (services emitting payments), `orderCompletionRatePercent` completed orders in %, alarming when below (services emitting orders); both with a low-traffic guard.
 */
export type BusinessAlarmKind = "paymentFailureRatePercent" | "orderCompletionRatePercent";
/** A service's business thresholds: per {@link BusinessAlarmKind}, a threshold per tier (the business tier), or `false` for none. */
export type BusinessThresholds = KindThresholds<BusinessAlarmKind>;

/** Below 20 payments or orders in a period the KPIs do not alarm: one decline in a quiet hour is not a 100 % failure rate. */
export const DEFAULT_MINIMUM_BUSINESS_EVENTS = 20;

interface Kpis {
  readonly serviceName: string;
  readonly environment: string;
  readonly emits: "payments" | "orders";
  readonly minimum: number;
}

const KINDS: AlarmKinds<BusinessAlarmKind, Kpis> = {
  paymentFailureRatePercent: {
    id: "payment-failure-rate",
    comparison: "GreaterThanThreshold",
    metric: (k) => (k.emits === "payments" ? BusinessMetrics.paymentFailureRatePercent(k.serviceName, k.environment, k.minimum) : { notApplicable: `${k.serviceName} emits order metrics, not payments` }),
    condition: (t, k) => `payment failure rate above ${t} % (with at least ${k.minimum} payments in the period)`,
  },
  orderCompletionRatePercent: {
    id: "order-completion-rate",
    comparison: "LessThanThreshold",
    metric: (k) => (k.emits === "orders" ? BusinessMetrics.orderCompletionRatePercent(k.serviceName, k.environment, k.minimum) : { notApplicable: `${k.serviceName} emits payment metrics, not orders` }),
    condition: (t, k) => `order completion rate below ${t} % (with at least ${k.minimum} orders in the period)`,
  },
};

/**
 * The low-traffic condition beside each KPI: the same rate over an hour, judged once it holds at least this many
 * failed outcomes. Below 20 outcomes in 5 minutes the 5-minute rate is quiet (DEFAULT_MINIMUM_BUSINESS_EVENTS),
 * which at one payment every 5 minutes is always: the hourly condition sees a third of them failing within the
 * hour, while one or two isolated declines in a quiet hour stay quiet (issue 26: a low-traffic guard must never
 * blind the alarm). At high traffic the 5-minute rate speaks first; both are in the business tier's composite, so
 * the tier is told once.
 */
const LOW_TRAFFIC_MINIMUM_FAILURES = 3;
const LOW_TRAFFIC_PERIOD_SECONDS = 3_600;

/** `part` as % of part + other over the period, `quiet` until `failedId` counted LOW_TRAFFIC_MINIMUM_FAILURES. */
function failureGuarded(label: string, failedId: string, partId: string, part: MetricSpec, otherId: string, other: MetricSpec, quiet: number): MathExpressionSpec {
  const total = `(FILL(${partId}, 0) + FILL(${otherId}, 0))`;
  return {
    expression: `IF(FILL(${failedId}, 0) >= ${LOW_TRAFFIC_MINIMUM_FAILURES}, 100 * FILL(${partId}, 0) / ${total}, ${quiet})`,
    label,
    usingMetrics: { [partId]: part, [otherId]: other },
  };
}

const LOW_TRAFFIC_KINDS: AlarmKinds<BusinessAlarmKind, Kpis> = {
  paymentFailureRatePercent: {
    id: "payment-failure-rate-low-traffic",
    comparison: "GreaterThanThreshold",
    metric: (k) =>
      k.emits === "payments"
        ? failureGuarded("Payment failure rate over 1 h (%)", "failed", "failed", BusinessMetrics.paymentsFailed(k.serviceName, k.environment), "succeeded", BusinessMetrics.paymentsSucceeded(k.serviceName, k.environment), 0)
        : { notApplicable: `${k.serviceName} emits order metrics, not payments` },
    condition: (t) => `payment failure rate over an hour above ${t} % (with at least ${LOW_TRAFFIC_MINIMUM_FAILURES} failed payments in the hour: the low-traffic condition)`,
  },
  orderCompletionRatePercent: {
    id: "order-completion-rate-low-traffic",
    comparison: "LessThanThreshold",
    metric: (k) =>
      k.emits === "orders"
        ? failureGuarded("Order completion rate over 1 h (%)", "rejected", "completed", BusinessMetrics.ordersCompleted(k.serviceName, k.environment), "rejected", BusinessMetrics.ordersRejected(k.serviceName, k.environment), 100)
        : { notApplicable: `${k.serviceName} emits payment metrics, not orders` },
    condition: (t) => `order completion rate over an hour below ${t} % (with at least ${LOW_TRAFFIC_MINIMUM_FAILURES} rejected orders in the hour: the low-traffic condition)`,
  },
};

/** The configured KPI thresholds, each taken over one hourly period: the low-traffic condition's. */
function hourly(thresholds: KindThresholds<BusinessAlarmKind> | undefined): KindThresholds<BusinessAlarmKind> | undefined {
  if (thresholds === undefined) return undefined;
  const perTier = (t: SeverityThresholds): SeverityThresholds =>
    Object.fromEntries(Object.entries(t).map(([tier, v]) => [tier, v && { threshold: v.threshold, evaluationPeriods: 1, datapointsToAlarm: 1, periodSeconds: LOW_TRAFFIC_PERIOD_SECONDS }]));
  return Object.fromEntries(Object.entries(thresholds).map(([kind, t]) => [kind, t === false || t === undefined ? t : perTier(t)])) as KindThresholds<BusinessAlarmKind>;
}

/** Props of {@link BusinessMonitoring}: the service and environment whose business metrics to watch, what it emits, and the alarms' topics, links and thresholds. */
export interface BusinessMonitoringProps extends SegmentAlarmProps<BusinessAlarmKind> {
  /** The function emitting the business metrics (its service name, POWERTOOLS_SERVICE_NAME). */
  readonly serviceName: string;
  /** The environment dimension of the business metrics. */
  readonly environment: string;
  /** Which of the contract's business metrics it emits. */
  readonly emits: "payments" | "orders";
  /** KPIs alarm only with at least this many payments or orders in the period. @default 20 */
  readonly minimumEvents?: number;
}

/** The business segment of a function: its KPIs, graphed on the business page and alarmed in the business tier. */
export class BusinessMonitoring implements MonitoringSegment {
  /** The segment's id, `business:<serviceName>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `business`: the segment's graphs go on the "Business" page of the operations dashboard. */
  readonly page = "business" as const;
  /** Heading of the segment's graphs: `<serviceName>: <emits>`. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  private readonly kpis: Kpis;

  constructor(scope: Construct, props: BusinessMonitoringProps) {
    requireNoTemplateSequences("BusinessMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("BusinessMonitoring", "BusinessMonitoring", { props });
    const where = `BusinessMonitoring "${props.serviceName}"`;
    requireOneOf(where, "emits", props.emits, ["payments", "orders"]);
    requireName(where, "environment", props.environment, { max: 64 });
    const minimum = props.minimumEvents ?? DEFAULT_MINIMUM_BUSINESS_EVENTS;
    requireIntegerInRange(where, "minimumEvents", minimum, 1, 1_000_000);
    this.kpis = { serviceName: props.serviceName, environment: props.environment, emits: props.emits, minimum };
    this.id = `business:${props.serviceName}`;
    this.title = `${props.serviceName}: ${props.emits}`;
    const segment = { id: this.id, where, name: props.serviceName, nameField: "serviceName" };
    this.alarms = [
      ...segmentAlarms(scope, segment, KINDS, this.kpis, props),
      ...segmentAlarms(scope, segment, LOW_TRAFFIC_KINDS, this.kpis, { ...props, defaults: hourly(props.defaults), thresholds: hourly(props.thresholds) }),
    ];
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { serviceName: s, environment: e, minimum } = this.kpis;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title, alarms: this.alarms, width: 8, periodSeconds: 300, ...spec });
    if (this.kpis.emits === "payments") {
      return [
        graph("Payment failure rate (%)", { metrics: [BusinessMetrics.paymentFailureRatePercent(s, e, minimum)], alarmKinds: ["payment-failure-rate"] }),
        graph("Payments", { metrics: [BusinessMetrics.paymentsSucceeded(s, e), BusinessMetrics.paymentsFailed(s, e)] }),
        graph("Payment amount (cents)", { metrics: [BusinessMetrics.paymentAmount(s, e)] }),
      ];
    }
    return [
      graph("Order completion rate (%)", { metrics: [BusinessMetrics.orderCompletionRatePercent(s, e, minimum)], alarmKinds: ["order-completion-rate"] }),
      graph("Orders", { metrics: [BusinessMetrics.ordersCompleted(s, e), BusinessMetrics.ordersRejected(s, e)] }),
    ];
  }
}
