import { requireNoTemplateSequences } from "../common/terraform-strings";
import { BudgetsBudget, type BudgetsBudgetNotification } from "@cdktf/provider-aws/lib/budgets-budget";
import { Construct } from "constructs";
import { AWS_LIMITS } from "../common/aws-limits";
import { physicalName, resourceName } from "../common/naming";
import { AWS_PATTERNS } from "../common/aws-rules";
import { optionalNumber, requireArn, requireName } from "../common/prop-checks";
import { InvalidPropsError, requireMatch } from "../common/validation";
import { requireKnownProps } from "../common/known-props";

/** Cost Explorer's names for the services budgeted one by one. */
export const BUDGETED_SERVICES = {
  lambda: "AWS Lambda",
  dynamodb: "Amazon DynamoDB",
  cloudwatch: "AmazonCloudWatch",
} as const;
/** A service with a monthly budget of its own: `lambda`, `dynamodb` or `cloudwatch`. */
export type BudgetedService = keyof typeof BUDGETED_SERVICES;

/** The budgets of one environment: limits, the costs counted, and who is told. */
export interface CostBudgetsProps {
  /** The environment whose tagged costs the budgets cover. */
  readonly environment: string;
  /** The monthly cost budget in US dollars. */
  readonly monthlyLimitUsd: number;
  /** The daily cost budget in US dollars. */
  readonly dailyLimitUsd: number;
  /** Monthly budgets in US dollars per service, each within the monthly one. @default no per-service budgets */
  readonly perServiceMonthlyLimitUsd?: { readonly [S in BudgetedService]?: number };
  /**
   * Costs counted: those carrying this cost allocation tag. The tag must be
   * activated in the Billing console, or every budget reads zero.
   * @default `{ key: "Environment", value: environment }`
   */
  readonly costAllocationTag?: { readonly key: string; readonly value: string };
  /** Topic notified (its policy must admit budgets.amazonaws.com; the Alerting module's does). */
  readonly topicArn: string;
  /** Addresses Budgets emails directly, besides the topic. @default none */
  readonly emails?: readonly string[];
  /** Notify when actual spend passes this share of a budget. @default 80 */
  readonly actualThresholdPercent?: number;
  /** Notify when forecast spend passes this share of a monthly budget (AWS forecasts no daily spend). @default 100 */
  readonly forecastedThresholdPercent?: number;
  /** Budget names are `<namePrefix>-<period>-<env>`. @default "serverless-monitoring" */
  readonly namePrefix?: string;
}

/**
 * Monthly and daily cost budgets for an environment, and monthly budgets per
 * service, notifying at 80 % of actual and 100 % of forecasted spend.
 * Daily budgets get the actual notification only: AWS offers no forecast for them.
 */
export class CostBudgets extends Construct {
  /** Every budget created: monthly, daily and one per service given. */
  readonly budgets: BudgetsBudget[] = [];

  constructor(scope: Construct, id: string, props: CostBudgetsProps) {
    super(scope, id);
    requireNoTemplateSequences("CostBudgets", props, []);
    requireKnownProps("CostBudgets", "CostBudgets", { props });
    requireName("CostBudgets", "environment", props.environment, { max: 64 });
    requireArn("CostBudgets", "topicArn", props.topicArn, AWS_PATTERNS.snsTopicArn);
    const emails = props.emails ?? [];
    emails.forEach((email, i) => requireMatch("CostBudgets", `emails[${i}]`, email, /^[^@\s]+@[^@\s]+\.[^@\s]+$/, "an email address"));
    for (const key of Object.keys(props.perServiceMonthlyLimitUsd ?? {})) {
      if (!Object.hasOwn(BUDGETED_SERVICES, key)) throw new InvalidPropsError("CostBudgets", "perServiceMonthlyLimitUsd", key, `a service: ${Object.keys(BUDGETED_SERVICES).join(", ")}`);
    }
    optionalNumber("CostBudgets", "actualThresholdPercent", props.actualThresholdPercent, { min: 0, max: 1000, minExclusive: true });
    optionalNumber("CostBudgets", "forecastedThresholdPercent", props.forecastedThresholdPercent, { min: 0, max: 1000, minExclusive: true });
    const maxEmails = AWS_LIMITS.budgets.maxEmailSubscribersPerNotification;
    if (emails.length > maxEmails) throw new InvalidPropsError("CostBudgets", "emails", emails.length, `at most ${maxEmails} addresses per notification`);
    const prefix = props.namePrefix ?? "serverless-monitoring";
    const tag = props.costAllocationTag ?? { key: "Environment", value: props.environment };
    const tagFilter = { name: "TagKeyValue", values: [`user:${tag.key}$${tag.value}`] };

    const notify = (type: "ACTUAL" | "FORECASTED", percent: number): BudgetsBudgetNotification => ({
      notificationType: type,
      comparisonOperator: "GREATER_THAN",
      threshold: percent,
      thresholdType: "PERCENTAGE",
      subscriberSnsTopicArns: [props.topicArn],
      ...(emails.length > 0 ? { subscriberEmailAddresses: [...emails] } : {}),
    });
    const actual = notify("ACTUAL", props.actualThresholdPercent ?? 80);
    const forecasted = notify("FORECASTED", props.forecastedThresholdPercent ?? 100);

    const budget = (constructId: string, name: string, limitUsd: number, timeUnit: "MONTHLY" | "DAILY", service?: string, field = `${constructId}LimitUsd`) => {
      if (typeof limitUsd !== "number" || !Number.isFinite(limitUsd) || !(limitUsd > 0)) throw new InvalidPropsError("CostBudgets", field, limitUsd, "an amount in USD greater than 0");
      this.budgets.push(
        new BudgetsBudget(this, constructId, {
          name: physicalName(this, resourceName(`${prefix}-${name}`, props.environment)),
          budgetType: "COST",
          timeUnit,
          limitAmount: limitUsd.toFixed(2),
          limitUnit: "USD",
          costFilter: service ? [tagFilter, { name: "Service", values: [service] }] : [tagFilter],
          notification: timeUnit === "DAILY" ? [actual] : [actual, forecasted],
        }),
      );
    };

    budget("monthly", "monthly", props.monthlyLimitUsd, "MONTHLY");
    budget("daily", "daily", props.dailyLimitUsd, "DAILY");
    for (const [key, service] of Object.entries(BUDGETED_SERVICES) as [BudgetedService, string][]) {
      const limit = props.perServiceMonthlyLimitUsd?.[key];
      if (limit !== undefined) budget(`${key}-monthly`, `${key}-monthly`, limit, "MONTHLY", service, `perServiceMonthlyLimitUsd.${key}`);
    }
  }
}
