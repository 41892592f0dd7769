import { requireNoTemplateSequences } from "../common/terraform-strings";
import { CeAnomalyMonitor } from "@cdktf/provider-aws/lib/ce-anomaly-monitor";
import { CeAnomalySubscription } from "@cdktf/provider-aws/lib/ce-anomaly-subscription";
import { Construct } from "constructs";
import { InvalidPropsError, requireMatch } from "../common/validation";
import { AWS_PATTERNS, tagKeyProblem, tagValueProblem } from "../common/aws-rules";
import { physicalName } from "../common/naming";
import { requireArn } from "../common/prop-checks";
import { requireKnownProps } from "../common/known-props";

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
    requireKnownProps("CostAnomalyAlerts", "CostAnomalyAlerts", { props });
    const where = `CostAnomalyAlerts "${props.name}"`;
    requireMatch(where, "name", props.name, /^[A-Za-z0-9_-]{1,1024}$/, "letters, digits, _ or -");
    requireArn(where, "topicArn", props.topicArn, AWS_PATTERNS.snsTopicArn);
    const keyProblem = tagKeyProblem(props.costTag.key);
    if (keyProblem !== undefined) throw new InvalidPropsError(where, "costTag.key", props.costTag.key, keyProblem);
    const valueProblem = props.costTag.value === "" ? "a non-empty tag value" : tagValueProblem(props.costTag.value);
    if (valueProblem !== undefined) throw new InvalidPropsError(where, "costTag.value", props.costTag.value, valueProblem);
    const name = physicalName(this, props.name);
    if (!(props.minimumImpactUsd > 0)) throw new InvalidPropsError(where, "minimumImpactUsd", props.minimumImpactUsd, "an amount in USD above 0");
    const monitor = new CeAnomalyMonitor(this, "Monitor", {
      name,
      monitorType: "CUSTOM",
      monitorSpecification: JSON.stringify({ Tags: { Key: props.costTag.key, Values: [props.costTag.value], MatchOptions: ["EQUALS"] } }),
    });
    new CeAnomalySubscription(this, "Subscription", {
      name,
      frequency: "IMMEDIATE",
      monitorArnList: [monitor.arn],
      subscriber: [{ type: "SNS", address: props.topicArn }],
      thresholdExpression: { dimension: { key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE", matchOptions: ["GREATER_THAN_OR_EQUAL"], values: [String(props.minimumImpactUsd)] } },
    });
  }
}
