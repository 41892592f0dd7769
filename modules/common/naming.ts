/** The one naming rule of the project: `{name}-{environment}`, e.g. `error-logs-dev`. */
export function resourceName(name: string, environment: string): string {
  return `${name}-${environment}`;
}

/** The X-Ray health-check sampling rule is `<this>-<environment>`: no function may take that name. */
export const HEALTH_CHECK_RULE_BASE_NAME = "health-checks";
