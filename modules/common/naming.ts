/** The one naming rule of the project: `{name}-{environment}`, e.g. `error-logs-dev`. */
export function resourceName(name: string, environment: string): string {
  return `${name}-${environment}`;
}
