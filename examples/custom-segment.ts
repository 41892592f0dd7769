/**
 * Worked example (synthesized by __tests__/examples): monitoring a service the
 * library does not cover, an AWS Step Functions state machine, with the
 * library's own helpers. The segment is the class below: a table of kinds
 * (what it can alarm on), its alarms in every configured tier, and its graph.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { Alerting, ServerlessMonitoring, graphWidget, metric, segmentAlarms, type AlarmKinds, type MonitoringAlarm, type MonitoringSegment, type SegmentAlarmProps } from "@serverless-monitoring/constructs";

const STATES = (arn: string, name: string) => metric("AWS/States", name, { StateMachineArn: arn }, "Sum", name);
const kinds: AlarmKinds<"failed" | "timedOut", string> = {
  failed: { id: "executions-failed", comparison: "GreaterThanOrEqualToThreshold", metric: (arn) => STATES(arn, "ExecutionsFailed"), condition: (t) => `${t} or more failed executions` },
  timedOut: { id: "executions-timed-out", comparison: "GreaterThanOrEqualToThreshold", metric: (arn) => STATES(arn, "ExecutionsTimedOut"), condition: (t) => `${t} or more timed-out executions` },
};

/** One state machine's segment: its alarms, and a graph with their threshold lines. */
export class StateMachineMonitoring implements MonitoringSegment {
  readonly page = "lambda";
  readonly id: string;
  readonly alarms: MonitoringAlarm[];
  constructor(scope: Construct, readonly title: string, private readonly arn: string, props: SegmentAlarmProps<"failed" | "timedOut">) {
    this.id = `states:${title}`;
    this.alarms = segmentAlarms(scope, { id: this.id, where: `StateMachineMonitoring "${title}"`, name: title }, kinds, arn, props);
  }
  widgets(region: string) {
    return [graphWidget(region, { title: `${this.title}: executions`, metrics: [STATES(this.arn, "ExecutionsFailed"), STATES(this.arn, "ExecutionsTimedOut")], alarms: this.alarms, alarmKinds: ["executions-failed", "executions-timed-out"] })];
  }
}

export class OrderWorkflowMonitoring extends TerraformStack {
  readonly monitoring: ServerlessMonitoring;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    const alerting = new Alerting(this, "alerting", { environment: "prod", accountId: "111122223333", channels: { critical: { emails: ["oncall@acme.example"] } }, namePrefix: "orders" });
    this.monitoring = new ServerlessMonitoring(this, "monitoring", { environment: "prod", region: "eu-west-1", topics: alerting.topicArns, dashboardName: "orders" });
    this.monitoring.addSegment(
      new StateMachineMonitoring(new Construct(this, "order-workflow-alarms"), "order-workflow", "arn:aws:states:eu-west-1:111122223333:stateMachine:order-workflow", {
        topics: alerting.topicArns,
        links: this.monitoring.links("lambda", "lambda"),
        thresholds: { failed: { critical: { threshold: 1, evaluationPeriods: 1 } }, timedOut: { warning: { threshold: 1, evaluationPeriods: 1 } } },
      }),
    );
  }
}
