import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Testing } from "cdktf";
import { checkDashboardLimits, layoutWidgets, MonitoredFunction, OperationsDashboard, renderTemplate, TemplateError } from "../../modules";
import operationsTemplate from "../../modules/dashboard/templates/operations-dashboard.json";

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

describe("OperationsDashboard", () => {
  const functions = ["a-dev", "b-dev"].map((n) => MonitoredFunction.fromFunctionName(n));

  test("summary, per-function and alarm widgets; URL of the dashboard", () => {
    let url = "";
    const synth = Testing.synthScope((scope) => {
      url = new OperationsDashboard(scope, "dash", { dashboardName: "serverless-monitoring-dev", environment: "dev", region: "eu-west-1", functions }).dashboardUrl;
    });
    expect(url).toBe("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=serverless-monitoring-dev");
    expect(synth).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: "serverless-monitoring-dev" });
    const body = JSON.parse((Object.values(JSON.parse(synth).resource.aws_cloudwatch_dashboard)[0] as { dashboard_body: string }).dashboard_body);
    const titles = body.widgets.map((w: { properties: { title?: string } }) => w.properties.title).filter(Boolean);
    expect(titles).toEqual([
      "Invocations (24 h)",
      "Errors (24 h)",
      "Error rate (24 h, %)",
      "Average duration (24 h, ms)",
      "a-dev: invocations and errors",
      "a-dev: error rate (%)",
      "a-dev: duration (ms)",
      "b-dev: invocations and errors",
      "b-dev: error rate (%)",
      "b-dev: duration (ms)",
    ]);
    const errorRate = body.widgets.find((w: { properties: { title?: string } }) => w.properties.title === "a-dev: error rate (%)");
    expect(JSON.stringify(errorRate)).toContain("IF(rate_invocations > 0, 100 * rate_errors / rate_invocations, 0)");
    for (const w of body.widgets) expect(w.x + w.width).toBeLessThanOrEqual(24);
  });

  test("many functions continue on further dashboards within CloudWatch's limits", () => {
    const many = Array.from({ length: 120 }, (_, i) => MonitoredFunction.fromFunctionName(`fn-${i}`));
    const synth = Testing.synthScope((scope) => {
      new OperationsDashboard(scope, "dash", { dashboardName: "serverless-monitoring-big", environment: "big", region: "us-east-1", functions: many });
    });
    const dashboards = Object.values(JSON.parse(synth).resource.aws_cloudwatch_dashboard) as { dashboard_name: string; dashboard_body: string }[];
    expect(dashboards.map((d) => d.dashboard_name).sort()).toEqual(["serverless-monitoring-big", "serverless-monitoring-big-2", "serverless-monitoring-big-3"]);
    for (const d of dashboards) expect(JSON.parse(d.dashboard_body).widgets.length).toBeLessThanOrEqual(500);
  });
});
