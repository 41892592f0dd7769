import { requireName, requireOneOf } from "../../common/prop-checks";
import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { requireIntegerInRange } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { BusinessMetrics } from "./business-metric-factory";

export type BusinessAlarmKind = "paymentFailureRatePercent" | "orderCompletionRatePercent";
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
  readonly id: string;
  readonly page = "business" as const;
  readonly title: string;
  readonly alarms: MonitoringAlarm[];
  private readonly kpis: Kpis;

  constructor(scope: Construct, props: BusinessMonitoringProps) {
    requireNoTemplateSequences("BusinessMonitoring", props, SEGMENT_FREE_TEXT);
    const where = `BusinessMonitoring "${props.serviceName}"`;
    requireOneOf(where, "emits", props.emits, ["payments", "orders"]);
    requireName(where, "environment", props.environment, { max: 64 });
    const minimum = props.minimumEvents ?? DEFAULT_MINIMUM_BUSINESS_EVENTS;
    requireIntegerInRange(where, "minimumEvents", minimum, 1, 1_000_000);
    this.kpis = { serviceName: props.serviceName, environment: props.environment, emits: props.emits, minimum };
    this.id = `business:${props.serviceName}`;
    this.title = `${props.serviceName}: ${props.emits}`;
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: props.serviceName, nameField: "serviceName" }, KINDS, this.kpis, props);
  }

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
