import { generate } from "../../tools/drill/generator";
import { aggregate, metricKey } from "../../tools/drill/metric-store";
import { parseScenario } from "../../tools/drill/scenario";
import { readStackModel } from "../../tools/drill/stack-model";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { synthEnvironment } from "../helpers";

describe("scenario validation", () => {
  const bad = (input: unknown) => () => parseScenario(input, "bad.json");

  test("one error naming the field, its value and what is allowed", () => {
    expect(bad({ minutes: 10 })).toThrow('scenario bad.json: field "name": Invalid input: expected string, received undefined.');
    expect(bad({ name: "x", minutes: 0 })).toThrow('scenario bad.json: field "minutes" (value 0): Too small: expected number to be >=1.');
    expect(bad({ name: "x", minutes: 10, incidents: [{ kind: "errors", function: "f", fraction: 1.5, from: 0, to: 5 }] })).toThrow('field "incidents[0].fraction" (value 1.5): Too big: expected number to be <=1.');
    expect(bad({ name: "x", minutes: 10, incidents: [{ kind: "meltdown", from: 0, to: 5 }] })).toThrow('field "incidents[0].kind" (value "meltdown")');
    expect(bad({ name: "x", minutes: 10, incidents: [{ kind: "maintenance", from: 5, to: 5 }] })).toThrow('field "incidents[0].to" (value 5): must be after from (5).');
    expect(bad({ name: "x", minutes: 10, incidents: [{ kind: "maintenance", from: 5, to: 50 }] })).toThrow('field "incidents[0].to" (value 50): must be at most minutes (10).');
    expect(bad({ name: "x", minutes: 2, series: [{ namespace: "N", metricName: "M", statistic: "Sum", values: [1, null, 3] }] })).toThrow('field "series[0].values": 3 values from minute 0 run past minutes (2).');
    expect(bad({ name: "x", minutes: 2, series: [{ namespace: "N", metricName: "M", statistic: "Median", values: [] }] })).toThrow('field "series[0].statistic" (value "Median"): Sum, Average, Minimum, Maximum, SampleCount or pNN.');
    expect(bad({ name: "x", minutes: 2, typo: true })).toThrow('field "(top level)"');
    expect(bad({ name: "x", minutes: 2, expect: { notify: [{ tiers: ["pager"], withinMinutes: 5 }] } })).toThrow('field "expect.notify[0].tiers[0]" (value "pager")');
  });
});

describe("the generator's assumptions, on the production stack", () => {
  const stack = synthEnvironment("production").json as unknown as StackJson;
  const model = readStackModel(stack);
  const series = (store: ReturnType<typeof generate>, namespace: string, name: string, dims: Record<string, string>, stat: string, period = 1) => Array.from(aggregate(store.get(metricKey(namespace, name, dims)), stat, period, Math.ceil(store.minutes / period)));
  const payment = { FunctionName: "payment-handler-production" };

  test("at the reference traffic a function is called about every 5 minutes, and Lambda publishes nothing in a minute without a call", () => {
    const store = generate(parseScenario({ name: "t", minutes: 1440, traffic: { requestsPerDay: 1500 } }, "t"), model);
    const invocations = series(store, "AWS/Lambda", "Invocations", payment, "Sum");
    expect(invocations.filter((v) => !Number.isNaN(v)).reduce((a, b) => a + b, 0)).toBe(300);
    expect(invocations.filter(Number.isNaN).length).toBe(1440 - 300);
    // Errors: 0 in a minute with a call, no datapoint without one.
    const errors = series(store, "AWS/Lambda", "Errors", payment, "Sum");
    expect(errors.map(Number.isNaN)).toEqual(invocations.map(Number.isNaN));
  });

  test("failures are spread by counting, not drawn: 5 % of 100,000 a day is one call in 20, the same on every run", () => {
    const scenario = parseScenario({ name: "t", minutes: 600, traffic: { requestsPerDay: 100000 }, incidents: [{ kind: "errors", function: "payment-handler", fraction: 0.05, from: 100, to: 600 }] }, "t");
    const errors = series(generate(scenario, model), "AWS/Lambda", "Errors", payment, "Sum", 100);
    const invocations = series(generate(scenario, model), "AWS/Lambda", "Invocations", payment, "Sum", 100);
    expect(errors[0]).toBe(0);
    for (let k = 1; k < 6; k++) expect(Math.abs(errors[k]! - invocations[k]! * 0.05)).toBeLessThanOrEqual(1);
    expect(series(generate(scenario, model), "AWS/Lambda", "Errors", payment, "Sum", 100)).toEqual(errors);
  });

  test("SQS publishes every 5 minutes, zero included; a dead-letter message stays visible", () => {
    const store = generate(parseScenario({ name: "t", minutes: 30, incidents: [{ kind: "dlqArrivals", function: "data-aggregator", messages: 1, from: 7, to: 8 }] }, "t"), model);
    const visible = series(store, "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: "data-aggregator-production-dlq" }, "Maximum");
    expect(visible.map((v, m) => (Number.isNaN(v) ? "-" : `${m}:${v}`)).filter((v) => v !== "-")).toEqual(["4:0", "9:1", "14:1", "19:1", "24:1", "29:1"]);
  });

  test("log metric filters count the lines they match: a failure is an ERROR line, a timeout only 'Task timed out'", () => {
    const errorLines = (kind: "errors" | "timeouts") => {
      const store = generate(parseScenario({ name: "t", minutes: 60, traffic: { functions: { "payment-handler": { perMinute: 10 } } }, simulatedErrors: false, incidents: [{ kind, function: "payment-handler", fraction: 1, from: 0, to: 60 }] }, "t"), model);
      return series(store, "ServerlessMonitoring/Logs", "payment-handler-production.ErrorLogLines", {}, "Sum", 60)[0];
    };
    expect(errorLines("errors")).toBe(600);
    expect(errorLines("timeouts")).toBeNaN();
  });

  test("latency: p99 follows the slow tail, the average every call; an API route answers what its function does; metrics no alarm reads are not kept", () => {
    const scenario = parseScenario({ name: "t", minutes: 10, traffic: { functions: { "payment-handler": { perMinute: 1000 } } }, incidents: [{ kind: "latency", function: "payment-handler", addMs: 10000, fraction: 0.05, from: 5, to: 10 }] }, "t");
    const store = generate(scenario, model);
    const p99 = series(store, "AWS/Lambda", "Duration", payment, "p99", 5);
    const average = series(store, "AWS/Lambda", "Duration", payment, "Average", 5);
    // Healthy: 94.5 % at 40 ms, 5 % at 80, 0.5 % at 160: the 99th percentile is 80.
    expect(p99[0]).toBe(80);
    expect(p99[1]).toBe(10040);
    expect(average[1]! - average[0]!).toBeCloseTo(500, -1);
    const route = { ApiId: "serverless-monitoring-http-production", Method: "POST", Resource: "/payments", Stage: "$default" };
    // Every request of the route answers (5xx publishes 0 for the good ones); the route's objective reads its Count, so it is kept.
    expect(series(store, "AWS/ApiGateway", "5xx", route, "SampleCount", 5)).toEqual([5000, 5000]);
    expect(series(store, "AWS/ApiGateway", "Count", route, "Sum", 5)).toEqual([5000, 5000]);
  });

  test("business outcomes come from the functions whose KPIs an alarm reads; maintenance from the maintenance alarm's metric", () => {
    const store = generate(parseScenario({ name: "t", minutes: 10, traffic: { requestsPerDay: 1440000 }, incidents: [{ kind: "maintenance", from: 2, to: 4 }] }, "t"), model);
    const emf = { environment: "production", service: "payment-handler-production" };
    expect(series(store, "ServerlessMonitoring", "PaymentsSucceeded", emf, "Sum", 10)[0]).toBeGreaterThan(0);
    expect(store.get(metricKey("ServerlessMonitoring", "PaymentsSucceeded", { environment: "production", service: "user-service-production" }))).toBeUndefined();
    expect(series(store, "ServerlessMonitoring/Maintenance", "MaintenanceWindow", { Environment: "production" }, "Minimum").slice(0, 5)).toEqual([NaN, NaN, 1, 1, NaN]);
  });

  test("an incident on a function or route the stack lacks is one clear error", () => {
    expect(() => generate(parseScenario({ name: "t", minutes: 10, incidents: [{ kind: "errors", function: "billing", fraction: 1, from: 0, to: 5 }] }, "t"), model)).toThrow('incidents[0].function: no function "billing" in the stack. Functions: ');
    expect(() => generate(parseScenario({ name: "t", minutes: 10, incidents: [{ kind: "api5xx", route: "GET /", fraction: 1, from: 0, to: 5 }] }, "t"), model)).toThrow('incidents[0].route: no route "GET /" in the stack.');
  });
});
