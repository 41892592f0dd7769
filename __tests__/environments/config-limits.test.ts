/**
 * The configuration's limits that are measured from what the stack writes:
 * the runbook URL's room in the alarm descriptions, and the runbook link in
 * every description.
 */
import { AWS_LIMITS } from "@serverless-monitoring/constructs";
import { ENVIRONMENT_NAMES, LONGEST_DESCRIPTION_WITHOUT_RUNBOOK_URL, RUNBOOK_URL_MAX_LENGTH } from "../../environments";
import { synthMonitoringStack, variantOf } from "../helpers";

const descriptionsOf = (json: { resource: Record<string, Record<string, Record<string, unknown>>> }) =>
  ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"].flatMap((type) => Object.values(json.resource[type] ?? {}).map((alarm) => ({ name: alarm.alarm_name as string, description: alarm.alarm_description as string })));

describe.each(ENVIRONMENT_NAMES)("%s", (name) => {
  test(`a runbook URL of RUNBOOK_URL_MAX_LENGTH (${RUNBOOK_URL_MAX_LENGTH}) characters keeps every alarm description within CloudWatch's limit, and every description links it`, () => {
    const url = `https://example.com/${"r".repeat(RUNBOOK_URL_MAX_LENGTH - "https://example.com/".length)}`;
    const { json } = synthMonitoringStack(variantOf(name, (i) => (i.runbookUrl = url)));
    const descriptions = descriptionsOf(json);
    const longest = Math.max(...descriptions.map((d) => d.description.length));
    console.info(`${name}: ${descriptions.length} alarm descriptions; the longest, with a ${url.length}-character runbook URL, has ${longest} characters`);
    expect(longest).toBeLessThanOrEqual(AWS_LIMITS.cloudwatch.alarmDescriptionMaxLength);
    expect(longest - url.length).toBeLessThanOrEqual(LONGEST_DESCRIPTION_WITHOUT_RUNBOOK_URL);
    expect(descriptions.filter((d) => !new RegExp(`Runbook: ${url}#runbook-[a-z-]+`).test(d.description)).map((d) => d.name)).toEqual([]);
  });
});
