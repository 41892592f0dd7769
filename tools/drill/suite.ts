/**
 * The project's scenario suite: scenarios/suite.json, a compact spec of
 * incidents and expectations, expanded for a stack (its functions, routes,
 * dead-letter queues, KPI functions) at each traffic level.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { PROJECT_ROOT } from "../../paths";
import { ToolError } from "../common/cli";
import { parseRule, ruleAlarms } from "./composite-rule";
import { resolveFunction } from "./generator";
import { parseScenario, type Scenario } from "./scenario";
import type { StackModel } from "./stack-model";

export const SUITE_PATH = join(PROJECT_ROOT, "tools", "drill", "scenarios", "suite.json");

const perLevel = z.union([z.number(), z.record(z.string(), z.number())]);
const expectSpec = z.looseObject({
  notify: z.array(z.looseObject({ withinMinutes: perLevel })).optional(),
});
const incidentSpec = z.strictObject({
  id: z.string(),
  title: z.string(),
  forEach: z.enum(["function", "asyncFunction", "httpRoute", "kpiFunction"]).optional(),
  target: z.string().optional(),
  /** What the stack must have for the incident to apply: a paging channel, an HTTP API, a WebSocket API. */
  requires: z.array(z.enum(["paging", "httpApi", "webSocketApi"])).optional(),
  incident: z.record(z.string(), z.unknown()),
  durationMinutes: z.number().int().min(1),
  maintenance: z.strictObject({ before: z.number().int().min(0), after: z.number().int().min(0) }).optional(),
  pagerFailure: z.boolean().optional(),
  expect: expectSpec,
});
const suiteSpec = z.strictObject({
  why: z.string(),
  environments: z.array(z.string()).min(1),
  traffic: z.record(z.string(), z.number()),
  startMinute: z.number().int().min(0),
  tailMinutes: z.number().int().min(0),
  incidents: z.array(incidentSpec),
  healthyWeek: z.strictObject({
    id: z.string(),
    title: z.string(),
    minutes: z.number().int().min(1),
    isolatedFailureEveryMinutes: z.number().int().min(1),
    why: z.string(),
    expect: expectSpec,
    /** For a stack whose functions fail on purpose (ERROR_SIMULATION_RATE above 0), instead of `expect`. */
    expectWithSimulatedFailures: expectSpec.optional(),
  }),
});
export type SuiteSpec = z.infer<typeof suiteSpec>;

export function readSuite(path = SUITE_PATH): SuiteSpec {
  const result = suiteSpec.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ToolError(`suite ${path}: field "${issue.path.join(".")}": ${issue.message}.`);
  }
  return result.data;
}

/** One scenario of the suite, with where it sits in the detection table. */
export interface SuiteCase {
  readonly incidentId: string;
  readonly title: string;
  readonly level: string;
  readonly target?: string;
  readonly scenario: Scenario;
}

/** Per-level numbers in an expectation (`{ "reference": 30, ... }`) become the level's number. */
function atLevel(expect: unknown, level: string): unknown {
  if (Array.isArray(expect)) return expect.map((e) => atLevel(e, level));
  if (expect === null || typeof expect !== "object") return expect;
  return Object.fromEntries(
    Object.entries(expect as Record<string, unknown>).map(([k, v]) => {
      if (k === "withinMinutes" && typeof v === "object" && v !== null) {
        const value = (v as Record<string, number>)[level];
        if (value === undefined) throw new ToolError(`suite: withinMinutes has no value for traffic level "${level}".`);
        return [k, value];
      }
      return [k, atLevel(v, level)];
    }),
  );
}

/**
 * The alarms whose ALARM reaches the business tier: those notifying a business topic, and those a composite
 * that does reads (a tier composite such as business-alerts-<env> collects the KPI alarms, which then notify
 * nobody themselves).
 */
function businessAlarms(model: StackModel): Set<string> {
  const all = [...model.alarms, ...model.composites];
  const reached = new Set(all.filter((a) => a.actions.alarm.some((t) => model.topics.get(t)?.tier === "business")).map((a) => a.name));
  const pending = model.composites.filter((c) => reached.has(c.name));
  for (let c = pending.pop(); c !== undefined; c = pending.pop()) {
    for (const name of ruleAlarms(parseRule(c.rule))) {
      if (reached.has(name)) continue;
      reached.add(name);
      const composite = model.composites.find((x) => x.name === name);
      if (composite) pending.push(composite);
    }
  }
  return reached;
}

function targets(spec: SuiteSpec["incidents"][number], model: StackModel): (string | undefined)[] {
  const asyncFunctions = model.functions.filter((f) => f.deadLetterQueue && !model.routes.some((r) => r.functionName === f.name));
  const business = businessAlarms(model);
  const kpiFunctions = model.functions.filter((f) => model.alarms.some((a) => business.has(a.name) && a.queries.some((q) => q.metric?.dimensions.service === f.name)));
  switch (spec.forEach) {
    case "function":
      return model.functions.map((f) => f.name);
    case "asyncFunction":
      return asyncFunctions.map((f) => f.name);
    case "kpiFunction":
      return kpiFunctions.map((f) => f.name);
    case "httpRoute":
      return model.routes.filter((r) => r.protocol === "HTTP").map((r) => r.routeKey);
    default:
      return [spec.target ? resolveFunction(model, spec.target, `suite incident ${spec.id}: target`).name : undefined];
  }
}

/** The suite's scenarios for one stack (one environment). */
export function expandSuite(suite: SuiteSpec, model: StackModel, environment: string): SuiteCase[] {
  const cases: SuiteCase[] = [];
  // An incident of something the stack does not have (an API a stack of the estate does not serve) does not apply to it.
  const has = { paging: model.endpoints.some((e) => e.channel === "paging"), httpApi: model.routes.some((r) => r.protocol === "HTTP"), webSocketApi: model.routes.some((r) => r.protocol === "WEBSOCKET") };
  for (const [level, requestsPerDay] of Object.entries(suite.traffic)) {
    for (const spec of suite.incidents) {
      if (spec.requires?.some((need) => !has[need])) continue;
      for (const target of targets(spec, model)) {
        const from = suite.startMinute;
        const to = from + spec.durationMinutes;
        const bound = Math.max(0, ...((spec.expect.notify ?? []) as { withinMinutes: unknown }[]).map((n) => (typeof n.withinMinutes === "number" ? n.withinMinutes : ((n.withinMinutes as Record<string, number>)[level] ?? 0))));
        const minutes = Math.max(to, from + bound) + suite.tailMinutes;
        const incident = { ...spec.incident, from, to, ...(target === undefined ? {} : spec.forEach === "httpRoute" ? { route: target } : { function: target }) };
        const extra = [
          ...(spec.maintenance ? [{ kind: "maintenance", from: from - spec.maintenance.before, to: to + spec.maintenance.after }] : []),
          ...(spec.pagerFailure ? [{ kind: "pagerDeliveryFailure", from: 0, to: minutes }] : []),
        ];
        const name = `${environment}/${level}/${spec.id}${target ? `/${target}` : ""}`;
        const expect = atLevel(spec.expect, level) as { silent?: Record<string, unknown>[] };
        // A maintenance scenario's silence, unless it says otherwise, is the window's.
        const window = extra.find((e) => e.kind === "maintenance");
        if (window && expect.silent) expect.silent = expect.silent.map((s) => ({ from: window.from, to: window.to, ...s }));
        const scenario = parseScenario(
          { name, description: spec.title, minutes: Math.max(minutes, ...extra.map((e) => e.to)), traffic: { requestsPerDay }, incidents: [incident, ...extra], expect },
          `suite ${name}`,
        );
        cases.push({ incidentId: spec.id, title: spec.title, level, ...(target ? { target } : {}), scenario });
      }
    }
    const week = suite.healthyWeek;
    const name = `${environment}/${level}/${week.id}`;
    // From the stack's own configuration, not its environment's name: any environment is judged the same way.
    const failsOnPurpose = model.functions.some((f) => f.simulatedErrorRate > 0);
    const expect = failsOnPurpose && week.expectWithSimulatedFailures ? week.expectWithSimulatedFailures : week.expect;
    cases.push({
      incidentId: week.id,
      title: week.title,
      level,
      scenario: parseScenario({ name, description: week.title, minutes: week.minutes, traffic: { requestsPerDay }, isolatedFailureEveryMinutes: week.isolatedFailureEveryMinutes, expect: atLevel(expect, level) }, `suite ${name}`),
    });
  }
  return cases;
}
