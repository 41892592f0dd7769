/**
 * The objectives issue 26's drills needed beyond the availability ones: injected failures left out of every
 * objective (dev and staging's simulation), the WebSocket messages objective, and latency objectives over a
 * trimmed count of Duration. Through the facade, over the synthesized JSON.
 */
import { Testing } from "cdktf";
import { ServerlessMonitoring, type ServerlessMonitoringProps } from "@serverless-monitoring/constructs";

const topics = { critical: "arn:aws:sns:eu-west-1:111122223333:critical", warning: "arn:aws:sns:eu-west-1:111122223333:warning" };
type Query = { id: string; expression?: string; return_data?: boolean; metric?: { metric_name: string; stat: string; dimensions?: Record<string, string> } };
type Json = Record<string, unknown> & { alarm_name: string; metric_query?: Query[] };

function synthWith(build: (monitoring: ServerlessMonitoring) => void, props: Partial<ServerlessMonitoringProps> = {}) {
  const synth = Testing.synthScope((scope) => build(new ServerlessMonitoring(scope, "monitoring", { environment: "staging", region: "eu-west-1", topics, dashboardName: "estate", ...props })));
  const resources = JSON.parse(synth).resource ?? {};
  const alarms: Json[] = Object.values(resources.aws_cloudwatch_metric_alarm ?? {});
  const composites: Json[] = Object.values(resources.aws_cloudwatch_composite_alarm ?? {});
  return { alarm: (name: string) => alarms.find((a) => a.alarm_name === name), composite: (name: string) => composites.find((c) => c.alarm_name === name), alarms };
}
const expressionOf = (alarm: Json) => alarm.metric_query!.find((q) => q.return_data)!.expression;
const metricsOf = (alarm: Json) => alarm.metric_query!.filter((q) => q.metric).map((q) => ({ id: q.id, name: q.metric!.metric_name, stat: q.metric!.stat, dimensions: q.metric!.dimensions }));

describe("injected failures: counted by the functions, subtracted by every objective", () => {
  test("with subtractInjectedFailures, a function's objective takes its InjectedFailures out of its failures", () => {
    const { alarm } = synthWith((m) => m.monitorFunction({ functionName: "checkout-staging" }), { subtractInjectedFailures: true });
    const fast = alarm("checkout-staging-slo-fast-long")!;
    expect(expressionOf(fast)).toBe("IF((FILL(total1, 0) + FILL(total2, 0)) > 0, ((FILL(bad1, 0) + FILL(bad2, 0)) - FILL(excl, 0)) / (FILL(total1, 0) + FILL(total2, 0)) / 0.001, 0)");
    expect(metricsOf(fast).find((m) => m.id === "excl")).toEqual({ id: "excl", name: "InjectedFailures", stat: "Sum", dimensions: { service: "checkout-staging", environment: "staging" } });
  });

  test("without it (the default), no objective reads InjectedFailures", () => {
    const { alarms } = synthWith((m) => m.monitorFunction({ functionName: "checkout-staging" }));
    expect(alarms.flatMap((a) => (a.metric_query ?? []).filter((q) => q.metric?.metric_name === "InjectedFailures"))).toEqual([]);
  });

  test("a route's objective subtracts the answering function's, a capability's each function's and each route's", () => {
    const { alarm } = synthWith(
      (m) => {
        m.monitorHttpApi({ apiId: "a1b2c3", apiName: "shop", routes: ["POST /pay"] }, { routeFunctions: { "POST /pay": "pay-staging" } });
        m.monitorCapability({ name: "payment-staging", title: "payments", functionNames: ["pay-staging"], routes: [{ apiId: "a1b2c3", routeKey: "POST /pay", functionName: "pay-staging" }] });
      },
      { subtractInjectedFailures: true },
    );
    const route = alarm("shop-post-pay-slo-fast-long")!;
    expect(expressionOf(route)).toBe("IF(total > 0, (bad - FILL(excl, 0)) / total / 0.001, 0)");
    expect(metricsOf(route).find((m) => m.id === "excl")!.dimensions).toEqual({ service: "pay-staging", environment: "staging" });
    const capability = alarm("payment-staging-slo-fast-long")!;
    expect(expressionOf(capability)).toBe("IF((FILL(total1, 0) + FILL(total2, 0)) > 0, ((FILL(bad1, 0) + FILL(bad2, 0)) - (FILL(excl1, 0) + FILL(excl2, 0))) / (FILL(total1, 0) + FILL(total2, 0)) / 0.001, 0)");
  });
});

describe("the WebSocket messages objective", () => {
  test("a WebSocket API gets burn-rate alarms over integration and execution errors among its messages", () => {
    const { alarm, composite } = synthWith((m) => m.monitorWebSocketApi({ apiId: "w1s2", apiName: "live" }, { messageFunction: "notify-staging" }), { subtractInjectedFailures: true });
    const fast = alarm("live-messages-slo-fast-long")!;
    expect(metricsOf(fast).map((m) => m.name)).toEqual(["IntegrationError", "ExecutionError", "InjectedFailures", "MessageCount"]);
    expect(expressionOf(fast)).toBe("IF(total > 0, ((FILL(bad1, 0) + FILL(bad2, 0)) - FILL(excl, 0)) / total / 0.001, 0)");
    expect(composite("live-messages-slo-page")).toMatchObject({ alarm_actions: [topics.critical] });
  });

  test("objective: false leaves the WebSocket API without one", () => {
    const { alarms } = synthWith((m) => m.monitorWebSocketApi({ apiId: "w1s2", apiName: "live" }, { objective: false }));
    expect(alarms.filter((a) => a.alarm_name.includes("-slo-"))).toEqual([]);
  });
});

describe("latency objectives", () => {
  test("slow calls (a trimmed count of Duration above the threshold) over the calls timed, against the objective's budget", () => {
    const { alarm, composite } = synthWith((m) => m.monitorFunction({ functionName: "checkout" }, { latencyObjective: { targetPercent: 99.5, thresholdMs: 2000 } }));
    const fast = alarm("checkout-latency-slo-fast-long")!;
    expect(metricsOf(fast).map(({ name, stat }) => ({ name, stat }))).toEqual([
      { name: "Duration", stat: "TC(2000:)" },
      { name: "Duration", stat: "SampleCount" },
    ]);
    expect(expressionOf(fast)).toBe("IF(total > 0, bad / total / 0.005, 0)");
    expect(composite("checkout-latency-slo-page")).toMatchObject({ alarm_actions: [topics.critical] });
    // Beside the function's availability objective, not instead of it.
    expect(alarm("checkout-slo-fast-long")).toBeDefined();
  });

  test.each([
    [{ targetPercent: 99.9, thresholdMs: 0 }, 'ServerlessMonitoring.monitorFunction "checkout": latencyObjective.thresholdMs is 0; allowed: an integer from 1 to 900000 milliseconds.'],
    [{ targetPercent: 99.9, thresholdMs: 2.5 }, 'ServerlessMonitoring.monitorFunction "checkout": latencyObjective.thresholdMs is 2.5; allowed: an integer from 1 to 900000 milliseconds.'],
    [{ targetPercent: 80, thresholdMs: 2000 }, 'ServerlessMonitoring.monitorFunction "checkout": latencyObjective.targetPercent is 80; allowed: a percentage from 95 to 99.99'],
  ])("a latency objective of %j is rejected naming the field", (latencyObjective, message) => {
    expect(() => synthWith((m) => m.monitorFunction({ functionName: "checkout" }, { latencyObjective }))).toThrow(message);
  });
});
