/**
 * Discovery at plan time (issue 28): what monitorDiscovered synthesizes. The
 * same stacks pass `terraform validate` and plan against moto with tagged
 * resources in __tests__/e2e/discovery.e2e.ts.
 */
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsResourcegroupstaggingapiResources } from "@cdktf/provider-aws/lib/data-aws-resourcegroupstaggingapi-resources";
import { DataAwsSqsQueues } from "@cdktf/provider-aws/lib/data-aws-sqs-queues";
import { Testing } from "cdktf";
import { ServerlessMonitoring, type DiscoveryCriteria } from "@serverless-monitoring/constructs";
import "../cdktf-matchers";

const topics = { critical: "arn:aws:sns:eu-west-1:111122223333:critical", warning: "arn:aws:sns:eu-west-1:111122223333:warning" };

function synthWith(build: (monitoring: ServerlessMonitoring) => void) {
  const synth = Testing.synthScope((scope) => build(new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate" })));
  const json = JSON.parse(synth);
  const alarms = Object.values(json.resource?.aws_cloudwatch_metric_alarm ?? {}) as (Record<string, unknown> & { alarm_name: string; for_each?: string })[];
  const dashboard = (name: string) => JSON.parse((Object.values(json.resource.aws_cloudwatch_dashboard) as { dashboard_name: string; dashboard_body: string }[]).find((d) => d.dashboard_name === name)!.dashboard_body);
  return { synth, json, alarms, locals: json.locals as Record<string, string>, dashboard };
}

describe("monitorDiscovered", () => {
  const team: DiscoveryCriteria = { name: "payments", tags: { team: ["payments"], env: [] } };

  test("by tags: one Tagging API data source per type, filtered by resource type and every tag (a key without values: any value)", () => {
    const { synth } = synthWith((m) => m.monitorDiscovered(team));
    for (const type of ["lambda:function", "dynamodb:table", "sqs"]) {
      expect(synth).toHaveDataSourceWithProperties(DataAwsResourcegroupstaggingapiResources, { resource_type_filters: [type], tag_filter: [{ key: "team", values: ["payments"] }, { key: "env" }] });
    }
  });

  test("each kind's alarm is one block with for_each over the names found; its name, dimension and description follow each.value", () => {
    const { alarms, locals } = synthWith((m) => m.monitorDiscovered(team));
    const discovered = alarms.filter((a) => a.for_each !== undefined);
    expect(discovered.map((a) => a.alarm_name).sort()).toEqual(
      [
        "${each.value}-error-rate-warning",
        "${each.value}-throttles-warning",
        "${each.value}-latency-warning",
        "${each.value}-read-throttles-warning",
        "${each.value}-system-errors-warning",
        "${each.value}-write-throttles-warning",
        "${each.value}-messages-visible-warning",
        "${each.value}-oldest-message-age-warning",
      ].sort(),
    );
    const throttles = discovered.find((a) => a.alarm_name === "${each.value}-throttles-warning")!;
    expect(throttles).toMatchObject({ namespace: "AWS/Lambda", metric_name: "Throttles", dimensions: { FunctionName: "${each.value}" }, threshold: 5 });
    expect(throttles.alarm_description).toMatch(/^\[WARNING\] \$\{each\.value\}: 5 or more throttled invocations/);
    const local = throttles.for_each!.match(/^\$\{toset\(local\.([\w-]+)\)\}$/)![1]!;
    expect(locals[local]).toMatch(/^\$\{sort\(distinct\(\[for name in \[for arn in data\.aws_resourcegroupstaggingapi_resources\.[\w-]+\.resource_tag_mapping_list\[\*\]\.resource_arn : element\(split\(":", arn\), 6\)\] : name if !contains\(\[\], name\)\]\)\)\}$/);
  });

  test("resources the facade monitors by name are left out, whichever call came first: no alarm is made twice", () => {
    const { locals } = synthWith((m) => {
      m.monitorDiscovered(team);
      m.monitorFunction({ functionName: "payments-api" });
      m.monitorQueue({ queueName: "payments-jobs", deadLetterQueue: "payments-jobs-dlq" });
    });
    const names = Object.entries(locals).filter(([k]) => k.includes("_source_names_"));
    expect(names.find(([k]) => k.includes("functions"))![1]).toContain('!contains(["payments-api"], name)');
    expect(names.find(([k]) => k.includes("queues"))![1]).toContain('!contains(["payments-jobs", "payments-jobs-dlq"], name)');
  });

  test("by name prefix: the list data sources (SQS filters by prefix itself), and startswith in Terraform", () => {
    const { synth, locals, json } = synthWith((m) => m.monitorDiscovered({ name: "shop", namePrefix: "shop-" }));
    expect(synth).toHaveDataSourceWithProperties(DataAwsSqsQueues, { queue_name_prefix: "shop-" });
    expect(Object.keys(json.data).sort()).toEqual(["aws_dynamodb_tables", "aws_lambda_functions", "aws_sqs_queues"]);
    expect(Object.values(locals).filter((v) => v.includes('startswith(name, "shop-")'))).toHaveLength(3);
  });

  test("the pages show discovered resources by SEARCH: the prefix as a partial match, or the first 10 names found by tag, exact", () => {
    const byPrefix = synthWith((m) => m.monitorDiscovered({ name: "shop", namePrefix: "shop-", types: ["function"] }));
    const graph = byPrefix.dashboard("estate").widgets.find((w: { properties: { title?: string } }) => w.properties.title === "functions discovered as shop: errors (names containing shop-)");
    const expression = graph.properties.metrics[0][0].expression as string;
    expect(expression).toMatch(/^SEARCH\('\{AWS\/Lambda,FunctionName\} \(MetricName="Errors"\) \(\$\{local\.[\w-]+\}\)', 'Sum', 60\)$/);
    expect(Object.values(byPrefix.locals)).toContain('${"FunctionName=shop-"}');
    const byTag = synthWith((m) => m.monitorDiscovered({ ...team, types: ["table"] }));
    const term = Object.entries(byTag.locals).find(([k]) => k.includes("search-term"))![1];
    // The names reach the dashboard's JSON with their quotes escaped (\"), at most 10 of them.
    expect(term).toContain('"TableName=\\\\\\"${name}\\\\\\""');
    expect(term).toContain("slice(local.");
    expect(term).toContain("min(10, length(local.");
  });

  test("thresholds per discovery override the facade's; the alarms are not in the facade's list, but in perResourceAlarms", () => {
    let result!: ReturnType<ServerlessMonitoring["monitorDiscovered"]>;
    let facade!: ServerlessMonitoring;
    const { alarms } = synthWith((m) => {
      facade = m;
      result = m.monitorDiscovered({ ...team, types: ["queue"] }, { thresholds: { queue: { messagesVisible: false, oldestMessageAgeSeconds: { critical: { threshold: 1800, evaluationPeriods: 1, periodSeconds: 300 } } } } });
    });
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(["${each.value}-oldest-message-age-critical", "${each.value}-oldest-message-age-warning"]);
    expect(result.alarms).toEqual([]);
    expect(facade.alarms).toEqual([]);
    expect(result.perResourceAlarms.map((a) => a.kind)).toEqual(["oldest-message-age", "oldest-message-age"]);
  });

  test("criteria that would find everything, or could not reach Terraform as written, are one clear error", () => {
    expect(() => synthWith((m) => m.monitorDiscovered({ name: "all" }))).toThrow('ServerlessMonitoring.monitorDiscovered "all": tags is undefined; allowed: at least one tag, or a namePrefix: discovery without either would monitor every resource of the region.');
    expect(() => synthWith((m) => m.monitorDiscovered({ name: "x", namePrefix: 'a"b' }))).toThrow('namePrefix is "a\\"b"; allowed: 1-64 letters, digits, _, . or -');
    expect(() => synthWith((m) => m.monitorDiscovered({ name: "x", tags: { team: ["${file(\"/etc/passwd\")}"] } }))).toThrow("no Terraform template sequence");
    expect(() => synthWith((m) => m.monitorDiscovered({ name: "x", tags: { team: ["a"] }, types: ["bucket" as "queue"] }))).toThrow('types is "bucket"; allowed: "function", "table", "queue".');
    expect(() => synthWith((m) => m.monitorDiscovered({ name: "x", tags: { team: "a" as unknown as string[] } }))).toThrow('tags.team is "a"; allowed: a list of values (an empty list for any value).');
  });

  test("synthesizes CloudwatchMetricAlarm blocks the matchers see", () => {
    const { synth } = synthWith((m) => m.monitorDiscovered({ ...team, types: ["function"] }));
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "${each.value}-error-rate-warning", treat_missing_data: "notBreaching" });
  });
});
