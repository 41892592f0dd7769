/**
 * The stack's Synthetics canaries, run on their schedules when a scenario asks
 * (`"canaries": true`): each run publishes CloudWatchSynthetics SuccessPercent
 * (100 or 0) and Duration for its canary, as Synthetics does, whatever the
 * user traffic.
 *
 * A run fails while an incident reaches what it calls: an HTTP canary's route
 * (api5xx on it or on every route; errors, timeouts or throttles of the
 * route's function), the WebSocket canary's API (websocketErrors; its
 * function's errors, timeouts or throttles). A fraction below 1 fails the
 * incident's runs evenly by counting, as the generator fails calls. Heartbeats
 * on other URLs never fail here. The canaries' own calls are not added to the
 * routes' and functions' metrics (at any real traffic they are a rounding
 * error; in a zero-traffic scenario the canaries alone speak).
 */
import type { MetricStore } from "./metric-store";
import type { Incident, Scenario } from "./scenario";
import type { CanarySpec, StackModel } from "./stack-model";

/** A passing run: a cold Synthetics start and one call. */
const PASSING_RUN_MS = 1_500;
/** A run whose call hangs: the check's own timeout (DEFAULT_CHECK_TIMEOUT_MS) and the start. */
const TIMED_OUT_RUN_MS = 11_500;

export function publishCanaryRuns(scenario: Scenario, model: StackModel, store: MetricStore): void {
  if (!scenario.canaries) return;
  for (const canary of model.canaries) {
    const reaches = reachingIncidents(canary, model, scenario.incidents);
    const success = store.at("CloudWatchSynthetics", "SuccessPercent", { CanaryName: canary.name });
    const duration = store.at("CloudWatchSynthetics", "Duration", { CanaryName: canary.name });
    for (let m = 0; m < scenario.minutes; m += canary.scheduleMinutes) {
      const failing = reaches.find((i) => i.from <= m && m < i.to && failsRun(i, m, canary.scheduleMinutes));
      success.add(m, failing ? 0 : 100);
      duration.add(m, failing?.kind === "timeouts" ? TIMED_OUT_RUN_MS : PASSING_RUN_MS);
    }
  }
}

/** The incidents that reach what the canary calls. */
function reachingIncidents(canary: CanarySpec, model: StackModel, incidents: readonly Incident[]): Incident[] {
  const route = canary.kind === "http" ? model.routes.find((r) => r.protocol === "HTTP" && r.routeKey === canary.routeKey) : canary.kind === "websocket" ? model.routes.find((r) => r.protocol === "WEBSOCKET" && r.functionName) : undefined;
  if (!route) return [];
  const fn = route.functionName;
  return incidents.filter((i) => {
    if (i.kind === "api5xx") return canary.kind === "http" && (i.route === undefined || i.route === canary.routeKey);
    if (i.kind === "websocketErrors") return canary.kind === "websocket";
    if (i.kind === "errors" || i.kind === "timeouts" || i.kind === "throttles") return fn !== undefined && (i.function === fn || fn.startsWith(`${i.function}-`));
    return false;
  });
}

/** The n-th run since the incident began fails when floor(n x fraction + 0.5) grows: a fraction of 1 fails every run. */
function failsRun(incident: Incident, minute: number, schedule: number): boolean {
  const fraction = "fraction" in incident ? incident.fraction : 1;
  const n = Math.floor((minute - incident.from) / schedule);
  return Math.floor((n + 1) * fraction + 0.5) > Math.floor(n * fraction + 0.5);
}
