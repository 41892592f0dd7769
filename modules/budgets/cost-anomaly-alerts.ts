import { requireNoTemplateSequences } from "../common/terraform-strings";
import { CeAnomalyMonitor } from "@cdktf/provider-aws/lib/ce-anomaly-monitor";
import { CeAnomalySubscription } from "@cdktf/provider-aws/lib/ce-anomaly-subscription";
import { Construct } from "constructs";
import { InvalidPropsError, requireMatch } from "../common/validation";

/** The monitor's name, the tag that marks the environment's spend, the topic and the impact that alerts. */
export interface CostAnomalyAlertsProps {
  /** e.g. `serverless-monitoring-production`. */
  readonly name: string;
  /** The cost allocation tag and value that mark this environment's spend (activate the tag in Billing first). */
  readonly costTag: { readonly key: string; readonly value: string };
  /** The business tier's topic. Its policy must let costalerts.amazonaws.com publish (Alerting's does). */
  readonly topicArn: string;
  /** Alert on an anomaly whose total impact reaches this many USD. */
  readonly minimumImpactUsd: number;
}

/**
 * Cost Explorer anomaly detection beside the budgets: a monitor over this
 * environment's tagged spend (a custom monitor, because an account may have
 * only one monitor of all AWS services), and an immediate subscription of the
 * business tier's topic to anomalies of at least `minimumImpactUsd`.
 */
export class CostAnomalyAlerts extends Construct {
  constructor(scope: Construct, id: string, props: CostAnomalyAlertsProps) {
    super(scope, id);
    requireNoTemplateSequences("CostAnomalyAlerts", props, []);
    const where = `CostAnomalyAlerts "${props.name}"`;
    requireMatch(where, "name", props.name, /^[A-Za-z0-9_-]{1,1024}$/, "letters, digits, _ or -");
    if (!(props.minimumImpactUsd > 0)) throw new InvalidPropsError(where, "minimumImpactUsd", props.minimumImpactUsd, "an amount in USD above 0");
    const monitor = new CeAnomalyMonitor(this, "Monitor", {
      name: props.name,
      monitorType: "CUSTOM",
      monitorSpecification: JSON.stringify({ Tags: { Key: props.costTag.key, Values: [props.costTag.value], MatchOptions: ["EQUALS"] } }),
    });
    new CeAnomalySubscription(this, "Subscription", {
      name: props.name,
      frequency: "IMMEDIATE",
      monitorArnList: [monitor.arn],
      subscriber: [{ type: "SNS", address: props.topicArn }],
      thresholdExpression: { dimension: { key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE", matchOptions: ["GREATER_THAN_OR_EQUAL"], values: [String(props.minimumImpactUsd)] } },
    });
  }
}
