import { physicalName } from "../common/naming";
import { requireRegion } from "../common/prop-checks";
import { requireNoTemplateSequences } from "../common/terraform-strings";
import { requireKnownProps } from "../common/known-props";
import { XrayGroup } from "@cdktf/provider-aws/lib/xray-group";
import { Construct } from "constructs";
import { requireMatch } from "../common/validation";

/** Props of {@link XrayFaultGroup}: the group's name, the services whose faults it collects, and the region of its console link. */
export interface XrayFaultGroupProps {
  /** e.g. `serverless-monitoring-dev`: 1-32 letters, digits, `.`, `_`, `-`. */
  readonly groupName: string;
  /** The X-Ray service names whose faults the group collects (xrayServiceName of each function). */
  readonly serviceNames: readonly string[];
  /** Region of the console link. */
  readonly region: string;
}

/**
 * An X-Ray group of the traces in which one of the environment's functions
 * faulted (an error the function threw, not a client error), so on-call
 * opens one filtered view, and the operations dashboard links to it.
 */
export class XrayFaultGroup extends Construct {
  /** The X-Ray group resource (`aws_xray_group`). */
  readonly group: XrayGroup;
  /** The group's filter expression: `fault = true AND (service("a") OR ...)`, or `fault = true` for no services. */
  readonly filterExpression: string;
  /** Console URL of the group's traces. */
  readonly tracesUrl: string;

  constructor(scope: Construct, id: string, props: XrayFaultGroupProps) {
    super(scope, id);
    requireNoTemplateSequences("XrayFaultGroup", props, []);
    requireKnownProps("XrayFaultGroup", "XrayFaultGroup", { props });
    requireMatch(`XrayFaultGroup "${props.groupName}"`, "groupName", props.groupName, /^[A-Za-z0-9._-]{1,32}$/, "1-32 letters, digits, . _ or -");
    requireRegion(`XrayFaultGroup "${props.groupName}"`, "region", props.region);
    for (const [i, name] of props.serviceNames.entries()) requireMatch(`XrayFaultGroup "${props.groupName}"`, `serviceNames[${i}]`, name, /^[A-Za-z0-9._-]{1,64}$/, "a service name of letters, digits, . _ or -");
    const services = props.serviceNames.map((name) => `service("${name}")`).join(" OR ");
    this.filterExpression = props.serviceNames.length > 0 ? `fault = true AND (${services})` : "fault = true";
    this.group = new XrayGroup(this, "Group", { groupName: physicalName(this, props.groupName), filterExpression: this.filterExpression });
    this.tracesUrl = `https://${props.region}.console.aws.amazon.com/xray/home?region=${props.region}#/traces?filter=${encodeURIComponent(this.filterExpression)}`;
  }
}
