/**
 * Tracing in the synthesized stacks: every traced function's X-Ray service
 * name, sampling rule and fault group come from one source (the contract's
 * xrayServiceName), and a function with tracing off carries none of it.
 */
import { xrayServiceName } from "@serverless-monitoring/contract";
import { resources, synthEnvironment, synthMonitoringStack, variantOf } from "../helpers";

type Fn = { function_name: string; tracing_config: { mode: string }; environment: { variables: Record<string, string> }; role: string };

describe("tracing in the dev stack", () => {
  const { json, synth } = synthEnvironment("dev");
  const functions = resources(json, "aws_lambda_function") as Fn[];
  const rules = resources(json, "aws_xray_sampling_rule") as { rule_name: string; service_name: string; fixed_rate: number }[];
  const [group] = resources(json, "aws_xray_group") as { group_name: string; filter_expression: string }[];

  test.each(functions.map((fn) => fn.function_name))("%s: the service name it reports, its sampling rule and its fault group agree", (name) => {
    const fn = functions.find((f) => f.function_name === name)!;
    const service = xrayServiceName(name);
    expect(fn.tracing_config.mode).toBe("Active");
    expect(fn.environment.variables.POWERTOOLS_SERVICE_NAME).toBe(service);
    expect(fn.environment.variables).not.toHaveProperty("POWERTOOLS_TRACE_ENABLED");
    expect(rules.filter((r) => r.service_name === service)).toHaveLength(1);
    expect(group!.filter_expression).toContain(`service("${service}")`);
  });

  test("one fault group per environment, linked from the operations dashboard", () => {
    expect(group).toEqual(expect.objectContaining({ group_name: "serverless-monitoring-dev" }));
    expect(group!.filter_expression.startsWith("fault = true AND (")).toBe(true);
    const [dashboard] = resources(json, "aws_cloudwatch_dashboard") as { dashboard_body: string }[];
    expect(dashboard!.dashboard_body).toContain(`[Faulted traces in X-Ray](https://us-east-1.console.aws.amazon.com/xray/home?region=us-east-1#/traces?filter=${encodeURIComponent(group!.filter_expression)})`);
    expect(synth).not.toMatch(/(?<!\$)\$\{(?!(aws_|data\.))/);
  });
});

describe("a function with tracing off", () => {
  const config = variantOf("dev", (i) => (i.functions.find((f: { name: string }) => f.name === "data-aggregator").tracing = false));
  const { json } = synthMonitoringStack(config);
  const fn = (resources(json, "aws_lambda_function") as Fn[]).find((f) => f.function_name === "data-aggregator-dev")!;

  test("passes upstream traces through, tells the runtime to load no tracer, and gets no X-Ray permission", () => {
    expect(fn.tracing_config.mode).toBe("PassThrough");
    expect(fn.environment.variables.POWERTOOLS_TRACE_ENABLED).toBe("false");
    const roleId = /aws_iam_role\.([^.]+)\.arn/.exec(fn.role)![1]!;
    const policy = (Object.values(json.resource.aws_iam_role_policy!) as { role: string; policy: string }[]).find((p) => p.role.includes(roleId))!;
    expect(policy.policy).not.toContain("xray:");
  });

  test("has no sampling rule and is not in the fault group", () => {
    expect((resources(json, "aws_xray_sampling_rule") as { service_name: string }[]).map((r) => r.service_name)).not.toContain("data-aggregator-dev");
    expect((resources(json, "aws_xray_group")[0] as { filter_expression: string }).filter_expression).not.toContain("data-aggregator-dev");
  });
});
