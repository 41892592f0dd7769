import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Testing } from "cdktf";
import { MonitoredFunction, ServerlessMonitoring } from "@serverless-monitoring/constructs";
import { checkDashboardLimits, layoutWidgets } from "../../modules/dashboard/layout";
import { renderTemplate, TemplateError } from "../../modules/dashboard/template-renderer";
import operationsTemplate from "../../modules/dashboard/templates/operations-dashboard.json";
import "../cdktf-matchers";

describe("renderTemplate", () => {
  test("replaces whole values, inline text and spreads", () => {
    const out = renderTemplate("t", { a: "{{value}}", b: "name: {{name}}", list: [1, "{{...more}}", 4] }, { value: { x: 1 }, name: "fn", more: [2, 3] });
    expect(out).toEqual({ a: { x: 1 }, b: "name: fn", list: [1, 2, 3, 4] });
  });

  test("a placeholder with no value fails, naming where it is", () => {
    expect(() => renderTemplate("t", { widgets: [{ title: "{{titel}}" }] }, { title: "x" })).toThrow(
      'Dashboard template "t": placeholder {{titel}} at widgets[0].title has no value; values given: title.',
    );
  });

  test("a value no placeholder uses fails", () => {
    expect(() => renderTemplate("t", { a: "{{a}}" }, { a: 1, b: 2 })).toThrow('Dashboard template "t": values given but used by no placeholder: b.');
  });

  test("output that Terraform would interpolate fails", () => {
    expect(() => renderTemplate("t", { a: "${var.x}" }, {})).toThrow(/would interpolate/);
    expect(() => renderTemplate("t", { a: "{{v}}" }, { v: "%{if true}x%{endif}" })).toThrow(/would interpolate/);
  });

  test("the shipped templates hold no ${ of their own", () => {
    expect(JSON.stringify(operationsTemplate)).not.toContain("${");
  });
});

describe("layout and limits", () => {
  test("widgets flow left to right in rows of 24", () => {
    const placed = layoutWidgets([{ width: 24, height: 2 }, { width: 8, height: 6 }, { width: 8, height: 6 }, { width: 8, height: 6 }, { width: 12, height: 3 }]);
    expect(placed.map((w) => [w.x, w.y])).toEqual([[0, 0], [0, 2], [8, 2], [16, 2], [0, 8]]);
  });

  test("more than 500 widgets is rejected", () => {
    const widgets = Array.from({ length: 501 }, () => ({ type: "text", width: 1, height: 1 }));
    expect(() => checkDashboardLimits("d", { widgets })).toThrow(new TemplateError("d", "501 widgets; CloudWatch allows at most 500. Lower functionsPerDashboard."));
  });
});

describe("OperationsDashboard, through the facade", () => {
  const topics = { critical: "arn:aws:sns:eu-west-1:111122223333:critical", warning: "arn:aws:sns:eu-west-1:111122223333:warning" };
  type DashboardJson = { dashboard_name: string; dashboard_body: string };
  const dashboardsIn = (synth: string): DashboardJson[] => Object.values(JSON.parse(synth).resource.aws_cloudwatch_dashboard);
  const bodyOf = (synth: string, name: string) => JSON.parse(dashboardsIn(synth).find((d) => d.dashboard_name === name)!.dashboard_body);
  const titles = (body: { widgets: { properties: { title?: string } }[] }) => body.widgets.map((w) => w.properties.title).filter(Boolean);

  test("summary and per-function graphs from the Lambda segments; URL of the first page", () => {
    let url = "";
    const synth = Testing.synthScope((scope) => {
      const monitoring = new ServerlessMonitoring(scope, "monitoring", { environment: "dev", region: "eu-west-1", topics, dashboardName: "serverless-monitoring-dev" });
      for (const name of ["a-dev", "b-dev"]) monitoring.monitorFunction(MonitoredFunction.fromFunctionName(name));
      url = monitoring.dashboard.dashboardUrl;
    });
    expect(url).toBe("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=serverless-monitoring-dev");
    expect(synth).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: "serverless-monitoring-dev" });
    const body = bodyOf(synth, "serverless-monitoring-dev");
    const perFunction = (n: string) => [`${n}: invocations and errors`, `${n}: error rate (%)`, `${n}: duration (ms)`, `${n}: concurrent executions`, `${n}: timeouts`, `${n}: recent ERROR lines`, `function ${n}: objective 99.9 %: error budget remaining over 30 days (%)`, `function ${n}: burn rate over 1 h (x budget)`];
    expect(titles(body)).toEqual(["Invocations (24 h)", "Errors (24 h)", "Error rate (24 h, %)", "Average duration (24 h, ms)", ...perFunction("a-dev"), ...perFunction("b-dev"), "Alarms"]);
    const errorRate = body.widgets.find((w: { properties: { title?: string } }) => w.properties.title === "a-dev: error rate (%)");
    expect(JSON.stringify(errorRate)).toContain("IF(rate_invocations >= 20, 100 * rate_errors / rate_invocations, IF(rate_errors >= 3, 100 * rate_errors / rate_invocations, 0))");
    // The graph draws the threshold of the alarm beside it (the built-in 5 % warning).
    expect(errorRate.properties.annotations.horizontal).toEqual([{ label: "warning error-rate", value: 5, color: "#ff7f0e" }]);
    const log = body.widgets.find((w: { type: string }) => w.type === "log");
    expect(log.properties.query).toBe("SOURCE '/aws/lambda/a-dev' | fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 20");
    for (const w of body.widgets) expect(w.x + w.width).toBeLessThanOrEqual(24);
  });

  test("many functions continue on further Lambda pages within CloudWatch's limits", () => {
    const synth = Testing.synthScope((scope) => {
      const monitoring = new ServerlessMonitoring(scope, "monitoring", { environment: "big", region: "eu-west-1", topics, dashboardName: "serverless-monitoring-big" });
      for (let i = 0; i < 120; i++) monitoring.monitorFunction({ functionName: `fn-${i}`, logFormat: "JSON", memoryMiB: 256, timeoutSeconds: 30 });
    });
    const dashboards = dashboardsIn(synth);
    expect(dashboards.map((d) => d.dashboard_name).sort()).toEqual(["serverless-monitoring-big", "serverless-monitoring-big-2", "serverless-monitoring-big-3"]);
    for (const d of dashboards) expect(JSON.parse(d.dashboard_body).widgets.length).toBeLessThanOrEqual(500);
  });

  test("alarms page by segment, never by name prefix: checkout-worker's alarms are not on checkout's page", () => {
    const synth = Testing.synthScope((scope) => {
      const monitoring = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "shop", functionsPerDashboard: 1 });
      monitoring.monitorFunction({ functionName: "checkout" });
      monitoring.monitorFunction({ functionName: "checkout-worker" });
    });
    const alarmArns = (name: string) => JSON.stringify(bodyOf(synth, name).widgets.filter((w: { type: string }) => w.type === "alarm").map((w: { properties: { alarms: string[] } }) => w.properties.alarms));
    expect(alarmArns("shop")).toContain("checkout-alarms_");
    expect(alarmArns("shop")).not.toContain("checkout-worker-alarms_");
    expect(alarmArns("shop-2")).toContain("checkout-worker-alarms_");
    expect(alarmArns("shop-2")).not.toMatch(/checkout-alarms_/);
  });

  test("one page per service, linked from every page's header", () => {
    const synth = Testing.synthScope((scope) => {
      const monitoring = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate" });
      monitoring.monitorFunction({ functionName: "fn" });
      monitoring.monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "shop-http" });
      monitoring.monitorTable({ tableName: "orders" });
      monitoring.monitorQueue({ queueName: "jobs" });
    });
    expect(dashboardsIn(synth).map((d) => d.dashboard_name).sort()).toEqual(["estate", "estate-api", "estate-dynamodb", "estate-sqs"]);
    const header = bodyOf(synth, "estate-dynamodb").widgets[0].properties.markdown as string;
    expect(header).toContain("[Lambda](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=estate)");
    expect(header).toContain("**DynamoDB**");
    expect(titles(bodyOf(synth, "estate-api"))).toContain("shop-http: 5xx rate (%)");
  });

  test("extra widgets and template pages of the user's own, rendered by the same renderer", () => {
    const synth = Testing.synthScope((scope) => {
      const monitoring = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate" });
      monitoring.monitorFunction({ functionName: "fn" });
      monitoring.addWidgets("lambda", [{ type: "text", width: 24, height: 2, properties: { markdown: "Runbook: see README" } }]);
      monitoring.addTemplatePage({ name: "sales", template: { widgets: [{ type: "text", width: 12, height: 3, properties: { markdown: "# {{title}}" } }] }, values: { title: "Orders" } });
    });
    expect(JSON.stringify(bodyOf(synth, "estate"))).toContain("Runbook: see README");
    expect(bodyOf(synth, "estate-sales").widgets).toEqual([{ type: "text", width: 12, height: 3, x: 0, y: 0, properties: { markdown: "# Orders" } }]);
  });

  test("every kind of page continues on a next page when it would pass CloudWatch's 500 widgets", () => {
    const synth = Testing.synthScope((scope) => {
      const monitoring = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate" });
      for (let i = 0; i < 200; i++) monitoring.monitorHttpApi({ apiId: `api${i}`, apiName: `api-${i}` });
    });
    const names = dashboardsIn(synth).map((d) => d.dashboard_name).sort();
    expect(names).toEqual(["estate", "estate-api", "estate-api-2"]);
    for (const d of dashboardsIn(synth)) expect(JSON.parse(d.dashboard_body).widgets.length).toBeLessThanOrEqual(500);
    expect(titles(bodyOf(synth, "estate-api-2"))).toContain("api-199: 5xx rate (%)");
    expect(bodyOf(synth, "estate-api").widgets[0].properties.markdown).toContain("[API Gateway 2](");
  });

  test("a template page with an unused value is one TemplateError", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const monitoring = new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate" });
        monitoring.addTemplatePage({ name: "sales", template: { widgets: [] }, values: { title: "Orders" } });
      }),
    ).toThrow(new TemplateError('page "sales"', "values given but used by no placeholder: title. Remove them or add {{title}} to the template."));
  });
});
