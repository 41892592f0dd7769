import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { XraySamplingRule } from "@cdktf/provider-aws/lib/xray-sampling-rule";
import { Testing } from "cdktf";
import { CostBudgets, XraySamplingRules } from "@serverless-monitoring/constructs";
import "../cdktf-matchers";

describe("CostBudgets", () => {
  const synth = () =>
    Testing.synthScope((scope) => {
      new CostBudgets(scope, "budgets", {
        environment: "dev",
        monthlyLimitUsd: 50,
        dailyLimitUsd: 5,
        perServiceMonthlyLimitUsd: { lambda: 20, dynamodb: 10, cloudwatch: 15 },
        topicArn: "arn:aws:sns:us-east-1:111122223333:warnings",
        emails: ["team@example.com"],
      });
    });

  test("monthly budget notifies at 80 % actual and 100 % forecasted, filtered by the environment tag", () => {
    expect(synth()).toHaveResourceWithProperties(BudgetsBudget, {
      name: "serverless-monitoring-monthly-dev",
      budget_type: "COST",
      time_unit: "MONTHLY",
      limit_amount: "50.00",
      limit_unit: "USD",
      cost_filter: [{ name: "TagKeyValue", values: ["user:Environment$dev"] }],
      notification: [
        { notification_type: "ACTUAL", threshold: 80, threshold_type: "PERCENTAGE", comparison_operator: "GREATER_THAN", subscriber_sns_topic_arns: ["arn:aws:sns:us-east-1:111122223333:warnings"], subscriber_email_addresses: ["team@example.com"] },
        { notification_type: "FORECASTED", threshold: 100, threshold_type: "PERCENTAGE", comparison_operator: "GREATER_THAN", subscriber_sns_topic_arns: ["arn:aws:sns:us-east-1:111122223333:warnings"], subscriber_email_addresses: ["team@example.com"] },
      ],
    });
  });

  test("the daily budget has no forecasted notification (AWS offers none for daily budgets)", () => {
    const daily = (Object.values(JSON.parse(synth()).resource.aws_budgets_budget) as { time_unit: string; notification: { notification_type: string }[] }[]).find((b) => b.time_unit === "DAILY")!;
    expect(daily.notification.map((n) => n.notification_type)).toEqual(["ACTUAL"]);
  });

  test("per-service budgets filter by Cost Explorer's service names", () => {
    const budgets = Object.values(JSON.parse(synth()).resource.aws_budgets_budget) as { name: string; cost_filter: { name: string; values: string[] }[] }[];
    const services = budgets.flatMap((b) => b.cost_filter.filter((f) => f.name === "Service").flatMap((f) => f.values)).sort();
    expect(services).toEqual(["AWS Lambda", "Amazon DynamoDB", "AmazonCloudWatch"]);
    expect(budgets).toHaveLength(5);
  });

  test("more than 10 email subscribers is rejected", () => {
    const emails = Array.from({ length: 11 }, (_, i) => `p${i}@example.com`);
    expect(() => Testing.synthScope((scope) => new CostBudgets(scope, "b", { environment: "dev", monthlyLimitUsd: 1, dailyLimitUsd: 1, topicArn: "arn:aws:sns:eu-west-1:111122223333:budgets", emails }))).toThrow(
      "CostBudgets: emails is 11; allowed: at most 10 addresses per notification.",
    );
  });
});

describe("XraySamplingRules", () => {
  const synth = Testing.synthScope((scope) => {
    new XraySamplingRules(scope, "xray", {
      environment: "dev",
      ratesPercent: { critical: 50, business: 30, general: 20, healthChecks: 1 },
      services: [
        { serviceName: "payment-handler-dev", tier: "critical" },
        { serviceName: "user-service-dev", tier: "business" },
        { serviceName: "data-aggregator-dev", tier: "general" },
      ],
    });
  });

  test.each([
    ["health-checks-dev", 0.01, 10, "/health*"],
    ["payment-handler-dev", 0.5, 100, "*"],
    ["user-service-dev", 0.3, 200, "*"],
    ["data-aggregator-dev", 0.2, 300, "*"],
  ])("%s samples %p at priority %p", (ruleName, fixedRate, priority, urlPath) => {
    expect(synth).toHaveResourceWithProperties(XraySamplingRule, { rule_name: ruleName, fixed_rate: fixedRate, priority, url_path: urlPath });
  });

  test("a service whose rule name is already taken is refused at synth, not at apply", () => {
    const make = () =>
      Testing.synthScope((scope) => {
        new XraySamplingRules(scope, "xray", { environment: "dev", ratesPercent: { critical: 50, business: 30, general: 20, healthChecks: 1 }, services: [{ serviceName: "health-checks-dev", tier: "general" }] });
      });
    expect(make).toThrow('XraySamplingRules: rule name is "health-checks-dev"; allowed: a name not already taken by another rule (health-checks-<environment> is the health-check rule\'s).');
  });
});
