/**
 * Resource types the end-to-end suite plans but does not apply against moto,
 * each with the reason. Everything else is applied for real. This is the one
 * place to change when moto learns an API or when we add a resource type it
 * cannot serve; the README's testing section repeats the list for users.
 */
export const EXCLUDED_FROM_APPLY: Readonly<Record<string, string>> = {
  aws_cloudwatch_composite_alarm:
    "moto 5.2 stores composite alarms, but the provider's create waits for the alarm to be readable through DescribeAlarms with AlarmTypes=CompositeAlarm, which moto never answers with it: the apply waits until the provider gives up.",
  aws_xray_sampling_rule: "moto 5.2's server mode does not route X-Ray's REST API (CreateSamplingRule answers 404 with an HTML page).",
  aws_xray_group: "moto 5.2's server mode does not route X-Ray's REST API (CreateGroup answers 404, like CreateSamplingRule).",
  aws_ce_anomaly_monitor: "moto 5.2 does not implement Cost Explorer's anomaly detection: CreateAnomalyMonitor never answers and the apply waits until the provider gives up.",
  aws_ce_anomaly_subscription: "moto 5.2 does not implement Cost Explorer's anomaly detection (its subscription needs the monitor above).",
  aws_budgets_budget:
    "moto 5.2 has no DescribeSubscribersForNotification: the provider's read of a budget with notification subscribers waits until it is cancelled, in apply and in every later plan.",
};

/**
 * Attributes moto accepts but does not store, so every plan after the apply
 * would show them as changes. The apply workspace ignores them
 * (`lifecycle.ignore_changes`), so the convergence check stays exact for
 * everything else.
 */
export const IGNORED_AFTER_APPLY: Readonly<Record<string, { readonly attributes: readonly string[]; readonly reason: string }>> = {
  aws_lambda_function: {
    attributes: ["dead_letter_config", "logging_config"],
    reason: "moto 5.2's CreateFunction drops DeadLetterConfig and LoggingConfig, and GetFunction never returns them.",
  },
};

/** Terraform addresses of resources in `json` whose type is excluded, as `type.name`. */
export function excludedAddresses(resources: Readonly<Record<string, Readonly<Record<string, unknown>>>>): string[] {
  return Object.keys(resources)
    .filter((type) => type in EXCLUDED_FROM_APPLY)
    .flatMap((type) => Object.keys(resources[type]!).map((name) => `${type}.${name}`))
    .sort();
}
