import type { Context } from "aws-lambda";
import { captureOutput, emfLines } from "./support/captured-output";
import { functionEnvironment, resetEnvironment } from "./support/environment";
import { fakeLambdaContext } from "./support/lambda-context";

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** Loads a handler as a fresh container would: module scope (config, clients) runs again. */
function loadHandler(name: string): Handler {
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    handler = (require(`../../lambda-src/${name}`) as { handler: Handler }).handler;
  });
  return handler!;
}

const VALID_CARD = "4242 4242 4242 4242";
/** The sample events shipped beside each handler (also used by `npm run bench:lambda` and the README). */
const sample = (name: string): unknown => require(`../../lambda-src/${name}/sample-event.json`);

const CASES: { name: string; valid: unknown; check: (data: any) => void; invalid: unknown; issue: string }[] = [
  {
    name: "user-service",
    valid: sample("user-service"),
    check: (data) => {
      expect(data).toMatchObject({ email: "ada.lovelace@example.com", firstName: "Ada", lastName: "Lovelace", displayName: "Ada L.", country: "GB", phone: "+442079460958", marketingOptIn: false });
      expect(data.userId).toMatch(/^usr_[0-9a-f]{16}$/);
      expect(data.ageYears).toBeGreaterThanOrEqual(35);
    },
    invalid: { user: { email: "not-an-email", firstName: "", lastName: "x", country: "Germany" } },
    issue: "user.email: must be an email address",
  },
  {
    name: "order-processor",
    valid: sample("order-processor"),
    check: (data) =>
      // 3250 subtotal, 10 % off = 325, goods 2925 < 5000 so 599 shipping, 19 % of 3524 = 669.56 -> 670
      expect(data).toMatchObject({ subtotalCents: 3250, discountCents: 325, shippingCents: 599, taxRatePercent: 19, taxCents: 670, totalCents: 4194 }),
    invalid: { orderId: "o-2", currency: "EUR", taxRegion: "DE", items: [] },
    issue: "items: an order needs at least one line item",
  },
  {
    name: "payment-handler",
    valid: sample("payment-handler"),
    check: (data) => {
      expect(data).toMatchObject({ paymentId: "p-1", status: "APPROVED", cardLast4: "4242" });
      expect(data.authorisationCode).toMatch(/^[0-9A-F]{6}$/);
      expect(JSON.stringify(data)).not.toContain("4242 4242");
    },
    invalid: { paymentId: "p-2", amountCents: -5, currency: "USD", card: { number: VALID_CARD, expiryMonth: 12, expiryYear: 2099, cvv: "123" }, customerRiskScore: 10 },
    issue: "amountCents: must be a positive whole number of cents",
  },
  {
    name: "notification-sender",
    valid: sample("notification-sender"),
    check: (data) => {
      expect(data.deliveries).toEqual([
        { channel: "email", userId: "u1", address: "u1@example.com" },
        { channel: "sms", userId: "u1", address: "+4930123456" },
      ]);
      expect(data.skipped.map((s: { userId: string; reason: string }) => `${s.userId}:${s.reason}`)).toEqual(["u2:opted_out", "u2:no_address", "u1:duplicate_recipient", "u1:duplicate_recipient"]);
      expect(data.countsByChannel).toEqual({ email: 1, sms: 1, push: 0 });
    },
    invalid: { notificationId: "n-2", template: "t", priority: "urgent", channels: ["email"], recipients: [{ userId: "u" }] },
    issue: "priority:",
  },
  {
    name: "data-aggregator",
    valid: sample("data-aggregator"),
    check: (data) => {
      expect(data.recordCount).toBe(4);
      expect(data.metrics[0]).toMatchObject({ metric: "errors", count: 1, sum: 2 });
      expect(data.metrics[1]).toMatchObject({
        metric: "latency",
        count: 3,
        sum: 300,
        min: 80,
        max: 120,
        mean: 100,
        percentiles: { p50: 100, p99: 120 },
        firstTimestamp: "2026-11-22T09:59:00.000Z",
        lastTimestamp: "2026-11-22T10:01:00.000Z",
      });
    },
    invalid: { records: [{ metric: "x", value: "7", timestamp: "yesterday" }] },
    issue: "records.0.value: must be a finite number",
  },
];

describe.each(CASES)("$name", ({ name, valid, check, invalid, issue }) => {
  beforeEach(() => functionEnvironment({ serviceName: `${name}-test` }));
  afterEach(() => resetEnvironment());

  test("GIVEN valid input WHEN invoked THEN returns the typed result and writes no log line", async () => {
    const output = captureOutput();
    try {
      const result = (await loadHandler(name)(valid, fakeLambdaContext(`${name}-test`))) as { ok: boolean; data: unknown };
      expect(result.ok).toBe(true);
      check(result.data);
      // Lambda's REPORT line records the success; EMF lines (the cold-start metric) are metrics, not log lines.
      expect(output.lines().filter((l) => l.message !== undefined)).toEqual([]);
    } finally {
      output.restore();
    }
  });

  test("GIVEN valid input and POWERTOOLS_LOG_LEVEL=DEBUG WHEN invoked THEN logs the success", async () => {
    process.env.POWERTOOLS_LOG_LEVEL = "DEBUG";
    const output = captureOutput();
    try {
      const result = (await loadHandler(name)(valid, fakeLambdaContext(`${name}-test`))) as { ok: boolean; data: unknown };
      expect(result.ok).toBe(true);
      check(result.data);
      const success = output.lines().find((l) => l.message === "Invocation succeeded")!;
      expect(success).toMatchObject({ level: "DEBUG", status: "success", service: `${name}-test`, function_name: `${name}-test`, cold_start: true });
      expect(success.durationMs).toEqual(expect.any(Number));
      expect(success.function_request_id).toEqual(expect.any(String));
    } finally {
      output.restore();
    }
  });

  test("GIVEN log sampling at 0.5 (POWERTOOLS_LOGGER_SAMPLE_RATE) THEN the decision is made per invocation: some successes are logged, not all", async () => {
    process.env.POWERTOOLS_LOGGER_SAMPLE_RATE = "0.5";
    const output = captureOutput();
    try {
      const handler = loadHandler(name);
      for (let i = 0; i < 60; i++) expect(((await handler(valid, fakeLambdaContext(`${name}-test`))) as { ok: boolean }).ok).toBe(true);
      // Decided once per container, it would be all 60 or none; per invocation, both outcomes come (all alike: p < 1e-16).
      const logged = output.lines().filter((l) => l.message === "Invocation succeeded").length;
      expect(logged).toBeGreaterThan(0);
      expect(logged).toBeLessThan(60);
    } finally {
      output.restore();
    }
  });

  test("GIVEN malformed input WHEN invoked THEN answers with a client error, counted apart", async () => {
    const output = captureOutput();
    try {
      const result = (await loadHandler(name)(invalid, fakeLambdaContext(`${name}-test`))) as { ok: boolean; error: { type: string; issues: string[] } };
      expect(result.ok).toBe(false);
      expect(result.error.type).toBe("ClientError");
      expect(result.error.issues.join("\n")).toContain(issue);
      const metrics = emfLines(output.lines()).flatMap((l) => l._aws.CloudWatchMetrics.flatMap((m) => m.Metrics.map((x) => x.Name)));
      expect(metrics).toContain("ClientErrors");
      expect(metrics).not.toContain("CapturedErrors");
      expect(output.lines().find((l) => l.level === "WARN")).toMatchObject({ status: "client_error" });
    } finally {
      output.restore();
    }
  });
});

/** An HTTP API (payload format 2.0) proxy event carrying `body` as JSON. */
const httpApiEvent = (body: unknown, raw = JSON.stringify(body)) => ({
  version: "2.0",
  routeKey: "POST /x",
  rawPath: "/x",
  headers: { "content-type": "application/json", authorization: "Bearer secret-token" },
  requestContext: { http: { method: "POST", path: "/x" }, requestId: "r1", stage: "$default" },
  body: raw,
  isBase64Encoded: false,
});
const webSocketEvent = (eventType: "CONNECT" | "MESSAGE" | "DISCONNECT", body?: string) => ({
  requestContext: { connectionId: "c1", eventType, routeKey: eventType === "MESSAGE" ? "$default" : `$${eventType.toLowerCase()}`, stage: "live" },
  isBase64Encoded: false,
  ...(body !== undefined ? { body } : {}),
});

describe.each(CASES.filter((c) => c.name !== "data-aggregator"))("$name behind the HTTP API", ({ name, valid, check, invalid, issue }) => {
  beforeEach(() => functionEnvironment({ serviceName: `${name}-test` }));
  afterEach(() => resetEnvironment());

  test("GIVEN a proxy event with a valid body THEN 200 with the result as JSON", async () => {
    const output = captureOutput();
    try {
      const response = (await loadHandler(name)(httpApiEvent(valid), fakeLambdaContext(`${name}-test`))) as { statusCode: number; headers: Record<string, string>; body: string };
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("application/json");
      const result = JSON.parse(response.body);
      expect(result.ok).toBe(true);
      check(result.data);
    } finally {
      output.restore();
    }
  });

  test("GIVEN invalid input THEN 400 whose body is the ClientError response", async () => {
    const output = captureOutput();
    try {
      const response = (await loadHandler(name)(httpApiEvent(invalid), fakeLambdaContext(`${name}-test`))) as { statusCode: number; body: string };
      expect(response.statusCode).toBe(400);
      const body = JSON.parse(response.body);
      expect(body).toMatchObject({ ok: false, error: { type: "ClientError" } });
      expect(body.error.issues.join("\n")).toContain(issue);
    } finally {
      output.restore();
    }
  });

  test("GIVEN a body that is not JSON THEN 400 naming the body", async () => {
    const output = captureOutput();
    try {
      const response = (await loadHandler(name)(httpApiEvent(undefined, "{oops"), fakeLambdaContext(`${name}-test`))) as { statusCode: number; body: string };
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body).error.issues).toEqual(["body: not a JSON document"]);
    } finally {
      output.restore();
    }
  });
});

describe("notification-sender behind the WebSocket API", () => {
  beforeEach(() => functionEnvironment({ serviceName: "notification-sender-test" }));
  afterEach(() => resetEnvironment());
  const invoke = async (event: unknown) => {
    const output = captureOutput();
    try {
      return (await loadHandler("notification-sender")(event, fakeLambdaContext("notification-sender-test"))) as { statusCode: number; body?: string };
    } finally {
      output.restore();
    }
  };

  test("$connect and $disconnect are accepted without a message", async () => {
    expect(await invoke(webSocketEvent("CONNECT"))).toEqual({ statusCode: 200 });
    expect(await invoke(webSocketEvent("DISCONNECT"))).toEqual({ statusCode: 200 });
  });

  test("a message on $default is planned; a message without a body is a 400", async () => {
    const ok = await invoke(webSocketEvent("MESSAGE", JSON.stringify(sample("notification-sender"))));
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body!).ok).toBe(true);
    const empty = await invoke(webSocketEvent("MESSAGE"));
    expect(empty.statusCode).toBe(400);
    expect(JSON.parse(empty.body!).error.issues).toEqual(["body: a JSON body is required"]);
  });
});

describe("cold start", () => {
  afterEach(() => resetEnvironment());

  test("a missing required variable fails at load with a message naming it", () => {
    functionEnvironment();
    delete process.env.ERROR_TABLE_NAME;
    expect(() => loadHandler("user-service")).toThrow(
      "Environment variable ERROR_TABLE_NAME is required but not set. The MonitoredFunction module sets it; set it yourself when wrapping your own function.",
    );
  });

  test("a malformed simulation rate is named with what is allowed", () => {
    functionEnvironment({ simulationRate: "7" });
    expect(() => loadHandler("user-service")).toThrow('Environment variable ERROR_SIMULATION_RATE is "7"; allowed: a number from 0 to 1.');
  });
});

describe("hostile but well-formed input is refused, never priced or summed to null", () => {
  const { priceOrder } = jest.requireActual<typeof import("../../lambda-src/order-processor/price-order")>("../../lambda-src/order-processor/price-order");
  const { aggregateMetrics } = jest.requireActual<typeof import("../../lambda-src/data-aggregator/aggregate-metrics")>("../../lambda-src/data-aggregator/aggregate-metrics");
  const order = (taxRegion: string, discountCode?: string) => ({ orderId: "o-1", currency: "EUR", taxRegion, ...(discountCode ? { discountCode } : {}), items: [{ sku: "a", quantity: 1, unitPriceCents: 100 }] });

  test.each(["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"])("GIVEN tax region %s THEN a client error naming the known regions", (region) => {
    expect(() => priceOrder(order(region))).toThrow(`taxRegion: unknown region "${region}"; known: US-CA, US-NY, US-TX, US-OR, DE, FR, GB, NL`);
  });

  test.each(["CONSTRUCTOR", "__PROTO__", "TOSTRING"])("GIVEN discount code %s THEN a client error, not a discount", (code) => {
    expect(() => priceOrder(order("DE", code))).toThrow(`discountCode: "${code}" is not a valid code`);
  });

  test("GIVEN values that add up past Number.MAX_VALUE THEN a client error, not a null sum", () => {
    const records = [1, 2].map(() => ({ metric: "latency", value: Number.MAX_VALUE, timestamp: "2026-11-23T12:00:00Z" }));
    expect(() => aggregateMetrics({ records })).toThrow(`records: the values of metric "latency" add up beyond ±${Number.MAX_VALUE}`);
  });

  test("GIVEN non-finite values in the JSON-less path (NaN, Infinity) THEN zod refuses them by field", () => {
    expect(() => aggregateMetrics({ records: [{ metric: "m", value: Number.POSITIVE_INFINITY, timestamp: "2026-11-23T12:00:00Z" }] })).toThrow("records.0.value: must be a finite number");
    expect(() => aggregateMetrics({ records: [{ metric: "m", value: Number.NaN, timestamp: "2026-11-23T12:00:00Z" }] })).toThrow("records.0.value: must be a finite number");
  });
});

describe("a client error stays small whatever the input", () => {
  const { aggregateMetrics } = jest.requireActual<typeof import("../../lambda-src/data-aggregator/aggregate-metrics")>("../../lambda-src/data-aggregator/aggregate-metrics");

  test("GIVEN 10,000 malformed records THEN 20 issues and a count of the rest", () => {
    const records = Array.from({ length: 10_000 }, () => ({ metric: "", value: "x", timestamp: "yesterday" }));
    let issues: readonly string[] = [];
    try {
      aggregateMetrics({ records });
    } catch (error) {
      issues = (error as { issues: readonly string[] }).issues;
    }
    expect(issues).toHaveLength(21);
    expect(issues[20]).toBe("... and 29980 more problems");
  });
});
