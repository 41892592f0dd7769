import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ENVIRONMENT_NAMES, type EnvironmentName } from "../../environments";
import { resources, synthEnvironment, synthMonitoringStack, variantOf, type SynthesizedStack } from "../helpers";
import "../cdktf-matchers";

const stacks = Object.fromEntries(ENVIRONMENT_NAMES.map((name) => [name, synthEnvironment(name)])) as Record<EnvironmentName, SynthesizedStack>;

describe.each(ENVIRONMENT_NAMES)("MonitoringStack %s", (env) => {
  const { synth, json } = stacks[env];

  test("matches the reviewed snapshot", () => {
    expect(synth).toMatchSnapshot();
  });

  test("AWS provider with region and default tags; archive provider", () => {
    expect(synth).toHaveProviderWithProperties(AwsProvider, {
      region: "us-east-1",
      default_tags: [{ tags: expect.objectContaining({ Environment: env, Team: "platform", ManagedBy: "cdktf", Application: "serverless-monitoring" }) }],
    });
    expect(synth).toHaveProviderWithProperties(ArchiveProvider, {});
  });

  test("its own state file in S3, encrypted, with S3-native locking", () => {
    expect(json.terraform.backend).toEqual({
      s3: { bucket: "serverless-monitoring-terraform-state", key: `serverless-monitoring/${env}/terraform.tfstate`, region: "us-east-1", encrypt: true, use_lockfile: true },
    });
  });

  test("five functions on nodejs22.x, each with log group, DLQ, alias and role", () => {
    for (const type of ["aws_lambda_function", "aws_lambda_alias", "aws_iam_role", "aws_iam_role_policy"]) {
      // The canaries' roles (staging and production) are theirs, not the functions'.
      expect(resources(json, type).filter((r) => !String(r.name ?? "").includes("-canary-"))).toHaveLength(5);
    }
    // Production adds the paging subscription's own dead-letter queue.
    expect(resources(json, "aws_sqs_queue").filter((q) => !String(q.name).includes("-paging-dlq-"))).toHaveLength(5);
    expect(resources(json, "aws_cloudwatch_log_group").filter((g) => String(g.name).startsWith("/aws/lambda/"))).toHaveLength(5);
    expect(resources(json, "aws_lambda_function").map((f) => f.function_name).sort()).toEqual(
      ["data-aggregator", "notification-sender", "order-processor", "payment-handler", "user-service"].map((n) => `${n}-${env}`),
    );
  });

  const composites = resources(json, "aws_cloudwatch_composite_alarm");
  const composite = (name: string) => composites.find((c) => c.alarm_name === `${name}-${env}`)!;
  const ruleNames = (c: Record<string, unknown>) => [...String(c.alarm_rule).matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]!);

  test("every critical alarm is under a composite: a capability's, or system health's directly", () => {
    const critical = resources(json, "aws_cloudwatch_metric_alarm").filter((a) => String(a.alarm_name).endsWith("-critical"));
    expect(critical.length).toBeGreaterThan(0);
    expect(synth).toHaveResourceWithProperties(CloudwatchCompositeAlarm, { alarm_name: `system-health-${env}` });
    const covered = new Set(composites.flatMap(ruleNames));
    for (const alarm of critical) expect(covered).toContain(alarm.alarm_name);
    expect(ruleNames(composite("system-health"))).toEqual(expect.arrayContaining([`payment-health-${env}`, `order-health-${env}`]));
    // "payment system health": its technical signals only: payment-handler's errors and objective, the payment
    // route's 5xx and objective, and the capability's own objective. Never a business KPI.
    const payment = ruleNames(composite("payment-health"));
    expect(payment.sort()).toEqual(
      [
        // A dead-letter arrival tells the critical tier alone in every environment (DEAD_LETTER_ALARMS).
        `payment-handler-${env}-dead-letter-errors-critical`,
        `payment-handler-${env}-dlq-messages-critical`,
        ...(env === "production" ? [`payment-handler-${env}-average-duration-critical`, `payment-handler-${env}-p99-duration-critical`, `payment-handler-${env}-throttles-critical`, `payment-handler-${env}-latency-slo-page`] : []),
        `payment-handler-${env}-error-rate-critical`,
        `payment-handler-${env}-slo-page`,
        ...(env === "production" ? [`serverless-monitoring-http-${env}-post-payments-5xx-count-critical`] : []),
        `serverless-monitoring-http-${env}-post-payments-slo-page`,
        `payment-${env}-slo-page`,
        // The payments route's canary (staging and production): a failing run of POST /payments is the capability down.
        ...(env === "dev" ? [] : [`payments-${env}-canary-success-percent-critical`]),
      ].sort(),
    );
    expect(ruleNames(composite("order-health"))).toEqual(expect.arrayContaining([`serverless-monitoring-http-${env}-post-orders-slo-page`, `order-${env}-slo-page`]));
  });

  test("business KPIs tell the business tier only: under the business composite, under no capability or system health", () => {
    // Each KPI's 5-minute rate and its hourly low-traffic condition (3 failed outcomes in the hour).
    const kpis = [`payment-handler-${env}-payment-failure-rate-business`, `payment-handler-${env}-payment-failure-rate-low-traffic-business`, `order-processor-${env}-order-completion-rate-business`, `order-processor-${env}-order-completion-rate-low-traffic-business`];
    expect(ruleNames(composite("business-alerts"))).toEqual(expect.arrayContaining(kpis));
    for (const name of ["system-health", "payment-health", "order-health", "warnings"]) for (const kpi of kpis) expect(ruleNames(composite(name))).not.toContain(kpi);
    expect(composite("business-alerts").alarm_actions).toEqual([json.output.BusinessTopicArn!.value]);
  });

  test("one notification per incident: no alarm under a composite notifies the composite's topic itself", () => {
    const byName = new Map([...resources(json, "aws_cloudwatch_metric_alarm"), ...composites].map((a) => [a.alarm_name as string, a]));
    for (const c of composites) {
      for (const topic of (c.alarm_actions as string[] | undefined) ?? []) {
        for (const name of ruleNames(c)) expect({ name, actions: byName.get(name)!.alarm_actions }).toEqual({ name, actions: expect.not.arrayContaining([topic]) });
      }
    }
    // Only system health pages; the capability composites speak through it.
    expect(composite("system-health").alarm_actions).toEqual([json.output.AlertTopicArn!.value]);
    expect(composite("payment-health").alarm_actions).toEqual([]);
  });

  test("composites say what they cover and where to look, and keep quiet in a maintenance window", () => {
    const health = composite("payment-health");
    expect(health.alarm_description).toMatch(new RegExp(`^\\[CRITICAL\\] payment system health: in ALARM while any of \\d+ alarms is in ALARM\\. Covers: payment-handler-${env}-`));
    expect(health.alarm_description).toContain(`Dashboard: https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=serverless-monitoring-${env}`);
    expect(health.alarm_description).toContain("Runbook: docs/runbooks.md#runbook-composite-alarms");
  });

  test("maintenance silences every tier: whatever notifies a tier is a composite with the maintenance window as suppressor", () => {
    const topics = new Set([json.output.AlertTopicArn!.value, json.output.WarningTopicArn!.value, json.output.BusinessTopicArn!.value]);
    const notifies = (a: Record<string, unknown>) => [...((a.alarm_actions as string[]) ?? []), ...((a.ok_actions as string[]) ?? [])].some((t) => topics.has(t));
    const notifying = composites.filter(notifies).map((c) => c.alarm_name).sort();
    expect(notifying).toEqual([`business-alerts-${env}`, `system-health-${env}`, `warnings-${env}`]);
    for (const c of composites.filter(notifies).filter((c) => c.alarm_name !== `warnings-${env}`)) expect(c.actions_suppressor).toEqual({ alarm: `maintenance-window-${env}`, wait_period: 120, extension_period: 300 });
    // Warnings also keep quiet while system health pages (one incident, one tier): their suppressor is either.
    expect(composite("warnings").actions_suppressor).toEqual({ alarm: `warnings-suppressor-${env}`, wait_period: 300, extension_period: 1800 });
    expect(ruleNames(composite("warnings-suppressor"))).toEqual([`maintenance-window-${env}`, `system-health-${env}`]);
    expect(composite("warnings-suppressor").alarm_actions ?? []).toEqual([]);
    // The only metric alarms that notify are the alert path's own: they watch the topics, on another tier's.
    expect(resources(json, "aws_cloudwatch_metric_alarm").filter(notifies).map((a) => String(a.alarm_name)).every((n) => n.endsWith("-delivery-failures"))).toBe(true);
  });

  test("every metric alarm treats missing data as not breaching, and is under its tier's composite", () => {
    const covered = new Set(composites.flatMap(ruleNames));
    for (const alarm of resources(json, "aws_cloudwatch_metric_alarm")) {
      expect(alarm.treat_missing_data).toBe("notBreaching");
      const name = String(alarm.alarm_name);
      if (/-(warning|critical|business)$/.test(name) || /-slo-(fast|slow|ticket)-(long|short)$/.test(name)) expect({ name, covered: covered.has(name) }).toEqual({ name, covered: true });
      if (name.endsWith("-business")) expect(alarm.ok_actions).toEqual([]);
      expect(((alarm.period as number | undefined) ?? 60) * (alarm.evaluation_periods as number)).toBeLessThanOrEqual(86_400);
    }
  });

  test("one condition, one tier: no warning and critical alarm of the same kind share a threshold", () => {
    const byKind = new Map<string, number[]>();
    for (const alarm of resources(json, "aws_cloudwatch_metric_alarm")) {
      const m = /^(.*)-(warning|critical)$/.exec(String(alarm.alarm_name));
      if (m) byKind.set(m[1]!, [...(byKind.get(m[1]!) ?? []), alarm.threshold as number]);
    }
    for (const [kind, thresholds] of byKind) expect({ kind, thresholds: new Set(thresholds).size }).toEqual({ kind, thresholds: thresholds.length });
  });

  test("outputs keep the names the integration tests use", () => {
    expect(Object.keys(json.output).sort()).toEqual(
      ["AlertTopicArn", "ApiClientId", "ApiUserPoolId", "BusinessTopicArn", "DashboardURL", "ErrorLogsTableName", "Function1Name", "Function2Name", "Function3Name", "Function4Name", "Function5Name", "FunctionNames", "HttpApiUrl", "SystemHealthAlarmName", "WarningTopicArn", "WebSocketUrl"].sort(),
    );
    expect(json.output.DashboardURL!.value).toBe(`https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=serverless-monitoring-${env}`);
  });

  test("the dashboard bodies hold no ${ of their own: only Terraform references to the alarms and the APIs' ids", () => {
    for (const dashboard of resources(json, "aws_cloudwatch_dashboard")) {
      const body = dashboard.dashboard_body as string;
      const interpolations = body.match(/\$\{[^}]*\}/g) ?? [];
      for (const ref of interpolations) expect(ref).toMatch(/^\$\{(aws_cloudwatch_(metric|composite)_alarm\.[A-Za-z0-9_-]+\.arn|aws_apigatewayv2_api\.[A-Za-z0-9_-]+\.id)\}$/);
      expect(body).not.toContain("%{");
    }
  });
});

describe("the reference APIs, monitored by the facade", () => {
  const { synth, json } = stacks.dev;
  const named = (type: string, name: string) => resources(json, type).find((r) => r.name === name)!;

  test("an HTTP API routing to three functions' live aliases, payload 2.0", () => {
    expect(synth).toHaveResourceWithProperties(Apigatewayv2Api, { name: "serverless-monitoring-http-dev", protocol_type: "HTTP" });
    expect(resources(json, "aws_apigatewayv2_route").map((r) => r.route_key).sort()).toEqual(["$connect", "$default", "$disconnect", "POST /orders", "POST /payments", "POST /users"]);
    const integrations = resources(json, "aws_apigatewayv2_integration");
    expect(integrations.filter((i) => i.payload_format_version === "2.0")).toHaveLength(3);
    for (const i of integrations) expect(i).toMatchObject({ integration_type: "AWS_PROXY", integration_uri: expect.stringMatching(/^\$\{aws_lambda_alias\.[^.]+\.invoke_arn\}$/) });
  });

  test("stages with JSON access logs, retention and throttling", () => {
    for (const stage of resources(json, "aws_apigatewayv2_stage")) {
      expect(stage).toMatchObject({ auto_deploy: true, default_route_settings: { throttling_rate_limit: 100, throttling_burst_limit: 200 } });
      const settings = stage.access_log_settings as { destination_arn: string; format: string };
      expect(JSON.parse(settings.format)).toMatchObject({ requestId: "$context.requestId", status: "$context.status" });
    }
    expect(named("aws_cloudwatch_log_group", "/aws/apigateway/serverless-monitoring-http-dev")).toMatchObject({ retention_in_days: 30 });
    expect(named("aws_cloudwatch_log_group", "/aws/apigateway/serverless-monitoring-ws-dev")).toMatchObject({ retention_in_days: 30 });
  });

  test("each function may be invoked by its own API only, through its alias", () => {
    const permissions = resources(json, "aws_lambda_permission");
    expect(permissions).toHaveLength(4);
    for (const p of permissions) expect(p).toMatchObject({ principal: "apigateway.amazonaws.com", qualifier: expect.stringContaining("aws_lambda_alias"), source_arn: expect.stringMatching(/^\$\{aws_apigatewayv2_api\.[^.]+\.execution_arn\}\/\*$/) });
  });

  test("the APIs' segments: HTTP 5xx rate and count, WebSocket connection errors (the counts off where errors are simulated)", () => {
    const alarms = resources(json, "aws_cloudwatch_metric_alarm").map((a) => a.alarm_name);
    expect(alarms).toEqual(expect.arrayContaining(["serverless-monitoring-http-dev-5xx-rate-warning"]));
    expect(alarms).toEqual(expect.not.arrayContaining(["serverless-monitoring-http-dev-5xx-count-critical", "serverless-monitoring-ws-dev-connection-errors-critical"]));
    const production = resources(stacks.production.json, "aws_cloudwatch_metric_alarm").map((a) => a.alarm_name);
    expect(production).toEqual(expect.arrayContaining(["serverless-monitoring-http-production-5xx-count-critical", "serverless-monitoring-ws-production-connection-errors-critical"]));
  });

  test("the outputs add the two URLs", () => {
    expect(Object.keys(json.output)).toEqual(expect.arrayContaining(["HttpApiUrl", "WebSocketUrl"]));
  });

  test("every function logs in JSON, so its platform reports feed the memory and cold-start metrics", () => {
    for (const fn of resources(json, "aws_lambda_function")) expect(fn.logging_config).toMatchObject({ log_format: "JSON", system_log_level: "INFO" });
    // Memory, init duration, cold starts, ERROR lines and timeouts, per function.
    expect(resources(json, "aws_cloudwatch_log_metric_filter")).toHaveLength(5 * 5);
  });

  test("the APIs' thresholds are configured per environment, over the built-in defaults", () => {
    const { json: variant } = synthMonitoringStack(
      variantOf("dev", (i) => (i.apis = { alarms: { http: { p99LatencyMs: { critical: { threshold: 3000, evaluationPeriods: 3 } } }, webSocket: { connectionErrors: { critical: { threshold: 50, evaluationPeriods: 1, periodSeconds: 300 } } } } })),
    );
    const names = resources(variant, "aws_cloudwatch_metric_alarm").map((a) => a.alarm_name);
    expect(names).toEqual(expect.arrayContaining(["serverless-monitoring-http-dev-latency-warning", "serverless-monitoring-http-dev-latency-critical"]));
    expect(resources(variant, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === "serverless-monitoring-ws-dev-connection-errors-critical")!.threshold).toBe(50);
  });

  test("account-wide: the unreserved concurrency pool and DynamoDB's user errors", () => {
    const alarms = resources(stacks.production.json, "aws_cloudwatch_metric_alarm");
    // 1000 less the 100 production reserves, 80 % of it.
    expect(alarms.find((a) => a.alarm_name === "lambda-account-production-unreserved-concurrency-warning")).toMatchObject({ metric_name: "UnreservedConcurrentExecutions", threshold: 720 });
    expect(alarms.find((a) => a.alarm_name === "dynamodb-account-production-user-errors-warning")).toMatchObject({ metric_name: "UserErrors", threshold: 5 });
  });

  test("production does not page on one stray failure: the money-moving functions page through their objectives' burn rate", () => {
    const alarms = resources(stacks.production.json, "aws_cloudwatch_metric_alarm");
    // No `Errors > 0` critical (28 pages a week at one stray failure per function every six hours).
    expect(alarms.map((a) => String(a.alarm_name)).filter((n) => /-production-errors-(critical|warning)$/.test(n))).toEqual([]);
    const fastLong = alarms.find((a) => a.alarm_name === "payment-handler-production-slo-fast-long")!;
    // payment-handler's objective is 99.95 %: a budget of 0.0005; three failures at least in the hour.
    const expression = (fastLong.metric_query as { expression?: string }[]).find((q) => q.expression)!.expression;
    // Errors and Throttles over Invocations and Throttles, per minute; the fast tier needs 2 such minutes of the hour.
    expect(expression).toBe("IF((FILL(total1, 0) + FILL(total2, 0)) > 0, (FILL(bad1, 0) + FILL(bad2, 0)) / (FILL(total1, 0) + FILL(total2, 0)) / 0.0005, 0)");
    expect(fastLong).toMatchObject({ evaluation_periods: 60, datapoints_to_alarm: 2, threshold: 14.4, comparison_operator: "GreaterThanThreshold" });
    expect((fastLong.metric_query as { metric?: { period: number } }[]).filter((q) => q.metric).map((q) => q.metric!.period)).toEqual([60, 60, 60, 60]);
    const orderFastLong = alarms.find((a) => a.alarm_name === "order-processor-production-slo-fast-long")!;
    expect((orderFastLong.metric_query as { expression?: string }[]).find((q) => q.expression)!.expression).toContain("/ 0.001, 0)");
  });
});

describe("what differs between environments", () => {
  const count = (env: EnvironmentName, type: string) => resources(stacks[env].json, type).length;

  test("production has more alarms (critical tiers and anomaly detection) and deletion protection", () => {
    expect(count("production", "aws_cloudwatch_metric_alarm")).toBeGreaterThan(count("dev", "aws_cloudwatch_metric_alarm"));
    expect(resources(stacks.production.json, "aws_dynamodb_table")[0]!.deletion_protection_enabled).toBe(true);
    expect(resources(stacks.dev.json, "aws_dynamodb_table")[0]!.deletion_protection_enabled).toBe(false);
    expect(resources(stacks.production.json, "aws_cloudwatch_metric_alarm").some((a) => a.comparison_operator === "GreaterThanUpperThreshold")).toBe(true);
  });

  test("simulated errors in dev and staging only", () => {
    const rates = (env: EnvironmentName) => resources(stacks[env].json, "aws_lambda_function").map((f) => (f.environment as { variables: Record<string, string> }).variables.ERROR_SIMULATION_RATE);
    // data-aggregator, invoked asynchronously, runs without: its failures would fill its dead-letter queue.
    expect(new Set(rates("dev"))).toEqual(new Set(["0.07", "0"]));
    expect(new Set(rates("staging"))).toEqual(new Set(["0.07", "0"]));
    expect(new Set(rates("production"))).toEqual(new Set(["0"]));
  });

  test("per-function thresholds override the environment's: payment-handler pages at 1 % in production", () => {
    const alarm = resources(stacks.production.json, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === "payment-handler-production-error-rate-critical")!;
    expect(alarm.threshold).toBe(1);
    const other = resources(stacks.production.json, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === "order-processor-production-error-rate-critical")!;
    expect(other.threshold).toBe(5);
  });

  test("an account id becomes allowed_account_ids and replaces the caller identity lookup", () => {
    const { synth, json } = synthMonitoringStack(variantOf("dev", (i) => (i.accountId = "111122223333")));
    expect(synth).toHaveProviderWithProperties(AwsProvider, { allowed_account_ids: ["111122223333"] });
    expect(json.data?.aws_caller_identity).toBeUndefined();
  });
});
