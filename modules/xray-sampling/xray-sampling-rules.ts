import { requireNoTemplateSequences } from "../common/terraform-strings";
import { XraySamplingRule } from "@cdktf/provider-aws/lib/xray-sampling-rule";
import { Construct } from "constructs";
import { AWS_LIMITS } from "../common/aws-limits";
import { physicalName, resourceName, HEALTH_CHECK_RULE_BASE_NAME } from "../common/naming";
import { optionalNumber, requireName, requireUnique } from "../common/prop-checks";
import { InvalidPropsError, requireMaxLength } from "../common/validation";
import { requireKnownProps } from "../common/known-props";

/** A service's sampling tier, each with its rate in `ratesPercent`: `critical`, `business` or `general`, evaluated in that order. */
export type SamplingTier = "critical" | "business" | "general";

/** Props of {@link XraySamplingRules}: the environment, the rate per tier and for health checks, the services with their tiers, and the reservoir. */
export interface XraySamplingRulesProps {
  /** The environment, part of each rule's name. */
  readonly environment: string;
  /** Percent of requests traced per tier, and for health checks. */
  readonly ratesPercent: { readonly [T in SamplingTier | "healthChecks"]: number };
  /** The X-Ray service names to sample, each with its tier. */
  readonly services: readonly { readonly serviceName: string; readonly tier: SamplingTier }[];
  /** Requests traced each second before the rate applies. @default 1 */
  readonly reservoirSize?: number;
}

/** Lower priority numbers are evaluated first: health checks, then critical, business, general. */
const PRIORITY = { healthChecks: 10, critical: 100, business: 200, general: 300 } as const;

/**
 * X-Ray sampling rules by tier: critical 50 %, business 30 %, general 20 %,
 * health checks 1 % by default in the environments. One rule per service,
 * named `<service>` (32 characters at most, X-Ray's limit), plus one for
 * health-check paths.
 *
 * Note: Lambda's own segment is sampled by the Lambda service; these rules
 * govern what the X-Ray SDK samples inside and downstream of the functions.
 */
export class XraySamplingRules extends Construct {
  /** The sampling rules made (`aws_xray_sampling_rule`): one per service, and one for health-check paths. */
  readonly rules: XraySamplingRule[] = [];

  constructor(scope: Construct, id: string, props: XraySamplingRulesProps) {
    super(scope, id);
    requireNoTemplateSequences("XraySamplingRules", props, []);
    requireKnownProps("XraySamplingRules", "XraySamplingRules", { props });
    requireName("XraySamplingRules", "environment", props.environment, { max: AWS_LIMITS.xray.samplingRuleNameMaxLength - HEALTH_CHECK_RULE_BASE_NAME.length - 1 });
    optionalNumber("XraySamplingRules", "reservoirSize", props.reservoirSize, { min: 0, max: 1_000_000, integer: true });
    props.services.forEach((service, i) => requireName("XraySamplingRules", `services[${i}].serviceName`, service.serviceName, { max: AWS_LIMITS.xray.samplingRuleNameMaxLength }));
    requireUnique("XraySamplingRules", "services", props.services.map((service) => service.serviceName));
    for (const [tier, percent] of Object.entries(props.ratesPercent)) {
      if (!(percent >= 0 && percent <= 100)) throw new InvalidPropsError("XraySamplingRules", `ratesPercent.${tier}`, percent, "a percentage from 0 to 100");
    }
    const names = new Set<string>();
    const rule = (constructId: string, ruleName: string, priority: number, percent: number, match: { serviceName: string; urlPath: string }) => {
      requireMaxLength("XraySamplingRules", "rule name", ruleName, AWS_LIMITS.xray.samplingRuleNameMaxLength);
      // Rule names are unique per account and region: a second one would fail the apply, not the synth.
      if (names.has(ruleName)) throw new InvalidPropsError("XraySamplingRules", "rule name", ruleName, `a name not already taken by another rule (${HEALTH_CHECK_RULE_BASE_NAME}-<environment> is the health-check rule's)`);
      names.add(ruleName);
      this.rules.push(
        new XraySamplingRule(this, constructId, {
          ruleName: physicalName(this, ruleName),
          priority,
          fixedRate: percent / 100,
          reservoirSize: props.reservoirSize ?? 1,
          serviceName: match.serviceName,
          urlPath: match.urlPath,
          serviceType: "*",
          host: "*",
          httpMethod: "*",
          resourceArn: "*",
          version: 1,
        }),
      );
    };
    rule("health-checks", resourceName(HEALTH_CHECK_RULE_BASE_NAME, props.environment), PRIORITY.healthChecks, props.ratesPercent.healthChecks, {
      serviceName: "*",
      urlPath: "/health*",
    });
    for (const [i, service] of props.services.entries()) {
      // Own properties only: a tier named like a member of every object (constructor) is no tier.
      if (!Object.hasOwn(PRIORITY, service.tier) || (service.tier as string) === "healthChecks") {
        throw new InvalidPropsError("XraySamplingRules", `services[${i}].tier`, service.tier, "critical, business or general");
      }
      rule(service.serviceName, service.serviceName, PRIORITY[service.tier], props.ratesPercent[service.tier], { serviceName: service.serviceName, urlPath: "*" });
    }
  }
}
