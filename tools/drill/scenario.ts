/**
 * The drill's scenario format: per-minute metric series over `minutes`
 * minutes, given raw (a series per metric and statistic; null is a minute
 * without a datapoint) or generated (traffic and incidents, turned into
 * metrics by generator.ts from what the stack holds), and the expectations a
 * run is judged by. Minutes count from 0; a window `from`..`to` covers minutes
 * from <= m < to.
 */
import { readFileSync } from "node:fs";
import * as z from "zod";
import { TIERS } from "../../modules/common/tiers";
import { ToolError } from "../common/cli";

const minute = z.number().int().min(0);
const fraction = z.number().min(0).max(1);
const window = { from: minute, to: minute };
const tier = z.enum(TIERS as [string, ...string[]]);

const rawSeries = z.strictObject({
  namespace: z.string().min(1),
  metricName: z.string().min(1),
  dimensions: z.record(z.string(), z.string()).default({}),
  /** The statistic the values are: Sum values add up over a period; the others count as one sample per minute (see metric-store.ts). */
  statistic: z.string().regex(/^(Sum|Average|Minimum|Maximum|SampleCount|p\d{1,2}(\.\d+)?)$/, "Sum, Average, Minimum, Maximum, SampleCount or pNN"),
  startMinute: minute.default(0),
  values: z.array(z.number().nullable()),
});

const functionIncident = <K extends string, S extends z.ZodRawShape>(kind: K, extra: S) => z.strictObject({ kind: z.literal(kind), function: z.string().min(1), ...window, ...extra });

const incident = z.discriminatedUnion("kind", [
  /** A fraction of the function's invocations fail (an exception: Errors, an ERROR log line, an error record). */
  functionIncident("errors", { fraction }),
  /** A fraction of invocations take `addMs` longer (1 = every call: the average and the p99 shift). */
  functionIncident("latency", { addMs: z.number().positive(), fraction: fraction.default(1) }),
  /** A fraction of invocations run into the function's timeout. */
  functionIncident("timeouts", { fraction }),
  /** A fraction of requests is throttled (never invoked). */
  functionIncident("throttles", { fraction }),
  /** A fraction of the function's business outcomes fail (payments declined, orders rejected) while the function itself succeeds. */
  functionIncident("kpiFailure", { fraction }),
  /** Messages arrive in the function's dead-letter queue, spread evenly over the window. */
  functionIncident("dlqArrivals", { messages: z.number().int().min(1) }),
  /** API Gateway answers 5xx for a fraction of a route's requests (all HTTP routes when `route` is left out); those never reach the function. */
  z.strictObject({ kind: z.literal("api5xx"), route: z.string().optional(), fraction, ...window }),
  /** WebSocket messages fail in the integration for a fraction of messages. */
  z.strictObject({ kind: z.literal("websocketErrors"), fraction, ...window }),
  /** The error table throttles, or fails with system errors, on this many writes a minute. */
  z.strictObject({ kind: z.literal("errorTableThrottles"), perMinute: z.number().int().min(1), ...window }),
  z.strictObject({ kind: z.literal("errorTableSystemErrors"), perMinute: z.number().int().min(1), ...window }),
  /** Every delivery to an https (paging) subscription fails. */
  z.strictObject({ kind: z.literal("pagerDeliveryFailure"), ...window }),
  /** `npm run maintenance` publishes the maintenance metric for every minute of the window. */
  z.strictObject({ kind: z.literal("maintenance"), ...window }),
]);

const trafficRate = z.strictObject({ perDay: z.number().min(0).optional(), perMinute: z.number().min(0).optional() }).refine((r) => (r.perDay === undefined) !== (r.perMinute === undefined), "give one of perDay or perMinute");

const expectation = z.strictObject({
  /** Someone of `tiers` gets an ALARM notification within `withinMinutes` of `after` (the first incident's start unless given). */
  notify: z.array(z.strictObject({ tiers: z.array(tier).min(1), withinMinutes: z.number().int().min(0), after: minute.optional(), why: z.string().optional() })).default([]),
  /** No notification at all (ALARM, OK or INSUFFICIENT_DATA) to these tiers (all tiers when left out) within the window (the whole run when left out). */
  silent: z.array(z.strictObject({ tiers: z.array(tier).optional(), from: minute.optional(), to: minute.optional(), why: z.string().optional() })).default([]),
  /** At most this many ALARM notifications to a tier over the run (summed over that tier's topics). */
  maxAlarmNotifications: z.partialRecord(tier, z.number().int().min(0)).default({}),
  /** ALARM notifications reach at most one tier: one condition, one tier. */
  singleTier: z.boolean().default(false),
});

export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  minutes: z.number().int().min(1).max(60 * 24 * 31),
  /** A scenario that needs a part of the stack the stack lacks (e.g. an https paging subscription) is reported as not applicable, not failed. */
  requires: z.array(z.enum(["paging"])).default([]),
  series: z.array(rawSeries).default([]),
  traffic: z
    .strictObject({
      /** Requests a day across all functions, split evenly. */
      requestsPerDay: z.number().min(0).default(0),
      /** Per-function rates, by function name or its name without the environment suffix ("payment-handler"). */
      functions: z.record(z.string(), trafficRate).default({}),
    })
    .optional(),
  /** One isolated failed call per function every this many minutes (staggered across functions). */
  isolatedFailureEveryMinutes: z.number().int().min(1).optional(),
  /** Apply each function's ERROR_SIMULATION_RATE (dev simulates 7 % errors). */
  simulatedErrors: z.boolean().default(true),
  incidents: z.array(incident).default([]),
  /** Run the stack's Synthetics canaries on their schedules (canary-runs.ts): their SuccessPercent and Duration, failing with their route's incidents. */
  canaries: z.boolean().default(false),
  expect: expectation.optional(),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type Incident = z.infer<typeof incident>;
export type Expectations = z.infer<typeof expectation>;

/** Validates a scenario: one error naming the field, the value and what is allowed. */
export function parseScenario(input: unknown, source: string): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") || "(top level)";
    const value = issue.path.reduce<unknown>((v, p) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p as PropertyKey] : undefined), input);
    throw new ToolError(`scenario ${source}: field "${field}"${value === undefined ? "" : ` (value ${JSON.stringify(value)})`}: ${issue.message}.`);
  }
  const scenario = result.data;
  scenario.incidents.forEach((i, n) => {
    if (i.to <= i.from) throw new ToolError(`scenario ${source}: field "incidents[${n}].to" (value ${i.to}): must be after from (${i.from}).`);
    if (i.to > scenario.minutes) throw new ToolError(`scenario ${source}: field "incidents[${n}].to" (value ${i.to}): must be at most minutes (${scenario.minutes}).`);
  });
  scenario.series.forEach((s, n) => {
    if (s.startMinute + s.values.length > scenario.minutes) throw new ToolError(`scenario ${source}: field "series[${n}].values": ${s.values.length} values from minute ${s.startMinute} run past minutes (${scenario.minutes}).`);
  });
  return scenario;
}

export function readScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new ToolError(`no scenario file at ${path}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ToolError(`scenario ${path} is not JSON: ${(error as Error).message}`);
  }
  return parseScenario(json, path);
}
