import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { Context } from "aws-lambda";
import type * as Shared from "@serverless-monitoring/lambda-runtime";
import { ERROR_RECORD_FIELDS, ERROR_TABLE_SCHEMA, METRIC_NAMESPACE, type ErrorRecord } from "@serverless-monitoring/contract";
import { captureOutput, emfLines, type CapturedOutput } from "./support/captured-output";
import { functionEnvironment, resetEnvironment } from "./support/environment";
import { startHungEndpoint, type HungEndpoint } from "./support/hung-endpoint";
import { fakeLambdaContext } from "./support/lambda-context";
import { startLocalDynamoDb, type LocalDynamoDb } from "./support/local-dynamodb";

type Handler = (event: unknown, context: Context) => Promise<unknown>;
const TABLE = "error-logs-test";

/** A fresh module registry: the SDK client singleton is created again, against the current endpoint. */
function fresh<T>(path: string): T {
  let loaded: T | undefined;
  jest.isolateModules(() => {
    loaded = require(path) as T;
  });
  return loaded!;
}

const paymentEvent = {
  paymentId: "p-42",
  amountCents: 5000,
  currency: "USD",
  card: { number: "4242 4242 4242 4242", expiryMonth: 12, expiryYear: 2099, cvv: "123" },
  customerRiskScore: 5,
  headers: { Authorization: "Bearer abc.def", "x-request-id": "r-1" },
  customer: { profile: { password: "hunter2", note: "card 4000 0566 5566 5556 on file" } },
};

async function recordsOf(db: LocalDynamoDb, functionName: string): Promise<ErrorRecord[]> {
  const index = ERROR_TABLE_SCHEMA.functionNameIndex;
  const result = await db.client.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: index.name,
      KeyConditionExpression: "#fn = :fn",
      ExpressionAttributeNames: { "#fn": index.partitionKey },
      ExpressionAttributeValues: { ":fn": { S: functionName } },
    }),
  );
  return (result.Items ?? []).map((item) => unmarshall(item) as ErrorRecord);
}

describe("error capture against a real DynamoDB API (dynalite on loopback)", () => {
  let db: LocalDynamoDb;
  let output: CapturedOutput;

  beforeEach(async () => {
    db = await startLocalDynamoDb();
    await db.createErrorTable(TABLE);
    output = captureOutput();
  });
  afterEach(async () => {
    output.restore();
    resetEnvironment();
    await db.stop();
  });

  test("GIVEN a failing invocation THEN one record, queryable by function, secrets redacted, and the original error re-thrown", async () => {
    functionEnvironment({ endpoint: db.endpoint, tableName: TABLE, serviceName: "payment-handler-test", simulationRate: "1" });
    const { handler } = fresh<{ handler: Handler }>("../../lambda-src/payment-handler");
    const context = fakeLambdaContext("payment-handler-test");

    await expect(handler(paymentEvent, context)).rejects.toMatchObject({ name: "SimulatedFailureError", message: "Simulated failure (ERROR_SIMULATION_RATE=1)" });

    const records = await recordsOf(db, "payment-handler-test");
    expect(records).toHaveLength(1);
    const record = records[0]!;
    expect(Object.keys(record).sort()).toEqual([...ERROR_RECORD_FIELDS].sort());
    expect(record).toMatchObject({ functionName: "payment-handler-test", environment: "test", requestId: context.awsRequestId, errorName: "SimulatedFailureError", eventTruncated: false });
    expect(new Date(record.timestamp).toISOString()).toBe(record.timestamp);
    expect(record.expiresAt - Math.floor(Date.parse(record.timestamp) / 1000)).toBe(7 * 86_400);
    expect(record.stack).toContain("SimulatedFailureError");

    const stored = JSON.stringify(record.event);
    for (const secret of ["4242 4242 4242 4242", "123\"", "hunter2", "Bearer abc.def", "4000 0566 5566 5556"]) expect(stored).not.toContain(secret);
    expect(record.event).toMatchObject({ card: { number: "[REDACTED]", cvv: "[REDACTED]", expiryMonth: 12 }, headers: { Authorization: "[REDACTED]", "x-request-id": "r-1" } });
    expect((record.event as typeof paymentEvent).customer.profile.note).toBe("card [REDACTED] on file");

    const errorLines = output.lines().filter((l) => l.level === "ERROR");
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatchObject({ message: "Invocation failed", status: "error", errorId: record.errorId, errorRecordPersisted: true, cold_start: true });

    const emf = emfLines(output.lines()).find((l) => "CapturedErrors" in l)!;
    // The simulated failure is also counted as injected, in the same line: the objectives of dev and staging subtract it.
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: METRIC_NAMESPACE });
    expect(emf._aws.CloudWatchMetrics[0]!.Metrics).toEqual(expect.arrayContaining([{ Name: "CapturedErrors", Unit: "Count" }, { Name: "InjectedFailures", Unit: "Count" }]));
    expect(emf._aws.CloudWatchMetrics[0]!.Metrics).toHaveLength(2);
    expect(emf._aws.CloudWatchMetrics[0]!.Dimensions[0]!.sort()).toEqual(["environment", "service"]);
    expect(emf).toMatchObject({ service: "payment-handler-test", environment: "test", CapturedErrors: 1, InjectedFailures: 1 });
  });

  test("GIVEN three failing invocations THEN exactly three records with distinct ids, in time order through the index", async () => {
    functionEnvironment({ endpoint: db.endpoint, tableName: TABLE, serviceName: "order-processor-test", simulationRate: "1" });
    const { handler } = fresh<{ handler: Handler }>("../../lambda-src/order-processor");
    for (let i = 0; i < 3; i++) await expect(handler({ orderId: `o-${i}` }, fakeLambdaContext("order-processor-test"))).rejects.toThrow("Simulated failure");
    const records = await recordsOf(db, "order-processor-test");
    expect(records).toHaveLength(3);
    expect(new Set(records.map((r) => r.errorId)).size).toBe(3);
    expect(records.map((r) => r.timestamp)).toEqual([...records.map((r) => r.timestamp)].sort());
    expect(await recordsOf(db, "payment-handler-test")).toHaveLength(0);
  });

  // That the write is bounded in time is the hung-endpoint test's; here the server is gone and the write fails at once.
  test("GIVEN the DynamoDB server stops mid-test THEN the original error is thrown and the record is in the log", async () => {
    functionEnvironment({ endpoint: db.endpoint, tableName: TABLE, serviceName: "data-aggregator-test", simulationRate: "1" });
    const { handler } = fresh<{ handler: Handler }>("../../lambda-src/data-aggregator");
    await expect(handler({ records: [] }, fakeLambdaContext("data-aggregator-test"))).rejects.toThrow("Simulated failure");
    expect(await recordsOf(db, "data-aggregator-test")).toHaveLength(1);

    await db.stop();
    await expect(handler({ records: [], token: "s3cret" }, fakeLambdaContext("data-aggregator-test"))).rejects.toMatchObject({ name: "SimulatedFailureError" });

    const undelivered = output.lines().filter((l) => l.errorRecordUndelivered === true);
    expect(undelivered).toHaveLength(1);
    expect(undelivered[0]).toMatchObject({ level: "ERROR", errorRecordPersisted: false, errorRecord: { functionName: "data-aggregator-test", event: { token: "[REDACTED]" } } });
    expect(Object.keys(undelivered[0]!.errorRecord as object).sort()).toEqual([...ERROR_RECORD_FIELDS].sort());
    expect(emfLines(output.lines()).some((l) => l.ErrorRecordWriteFailures === 1)).toBe(true);
  });
});

describe("error capture when DynamoDB does not answer", () => {
  let hung: HungEndpoint;
  let output: CapturedOutput;

  beforeEach(async () => {
    hung = await startHungEndpoint();
    output = captureOutput();
  });
  afterEach(async () => {
    output.restore();
    resetEnvironment();
    await hung.stop();
  });

  test("GIVEN a hung endpoint THEN the write is given writeTimeoutMs, abandoned by its own abort, and the original error still thrown", async () => {
    functionEnvironment({ endpoint: hung.endpoint });
    const { withErrorCapture, DynamoDbErrorStore } = fresh<typeof Shared>("../../lambda-src/shared");
    // The real store, recording the deadline each write is given (a spy: the write itself goes to the hung endpoint).
    const real = new DynamoDbErrorStore("error-logs-test");
    const deadlines: number[] = [];
    const store: Shared.ErrorStore = { put: (record, options) => (deadlines.push(options.timeoutMs), real.put(record, options)) };
    const original = new RangeError("downstream exploded");
    const handler = withErrorCapture(
      async () => {
        throw original;
      },
      { writeTimeoutMs: 300, store },
    );
    await expect(handler({}, fakeLambdaContext("custom-fn"))).rejects.toBe(original);
    // The write had 300 ms (the fake context leaves 30 s) and ended by its abort signal: not earlier, and not by the SDK's own retry budget.
    expect(deadlines).toEqual([300]);
    expect(output.lines().find((l) => l.errorRecordUndelivered === true)).toMatchObject({ errorRecordWriteError: expect.stringMatching(/abort/i) });
  });
});

describe("error capture with a throttling store (test double: dynalite cannot throttle)", () => {
  afterEach(() => resetEnvironment());

  test("GIVEN the write is throttled THEN the record goes to the log and a non-Error throw is re-thrown unchanged", async () => {
    functionEnvironment();
    const { withErrorCapture } = fresh<typeof Shared>("../../lambda-src/shared");
    const throttled = Object.assign(new Error("Rate of requests exceeds the allowed throughput."), { name: "ProvisionedThroughputExceededException" });
    const output = captureOutput();
    try {
      const handler = withErrorCapture(
        async () => {
          throw "plain string failure";
        },
        { store: { put: async () => Promise.reject(throttled) } },
      );
      await expect(handler({ apiKey: "k" }, fakeLambdaContext("custom-fn"))).rejects.toBe("plain string failure");
      const line = output.lines().find((l) => l.errorRecordUndelivered === true)!;
      expect(line.errorRecordWriteError).toBe("ProvisionedThroughputExceededException: Rate of requests exceeds the allowed throughput.");
      expect(line.errorRecord).toMatchObject({ errorName: "Error", errorMessage: "plain string failure", event: { apiKey: "[REDACTED]" } });
    } finally {
      output.restore();
    }
  });
});

describe("redaction and size caps", () => {
  const { redactSecrets, sanitiseEvent, isSecretKey, buildErrorRecord } = jest.requireActual<typeof Shared>("../../lambda-src/shared");

  test.each(["password", "Password", "user_password", "accessToken", "refresh-token", "Authorization", "clientSecret", "x-api-key", "cardNumber", "card_number", "cvv", "ssn", "cookie"])("%s is a secret key", (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  test.each(["username", "email", "amountCents", "company", "description"])("%s is not a secret key", (key) => {
    expect(isSecretKey(key)).toBe(false);
  });

  test("redacts at any depth, inside arrays, and survives cycles", () => {
    const cyclic: Record<string, unknown> = { items: [{ deep: { deeper: { secret: "x", keep: 1 } } }] };
    cyclic.self = cyclic;
    expect(redactSecrets(cyclic)).toEqual({ items: [{ deep: { deeper: { secret: "[REDACTED]", keep: 1 } } }], self: "[Circular]" });
  });

  test("a 16-digit number that fails the Luhn check is kept (an order id, not a card)", () => {
    expect(redactSecrets({ orderRef: "1234 5678 9012 3456" })).toEqual({ orderRef: "1234 5678 9012 3456" });
  });

  test("an oversized event is stored truncated and marked", () => {
    const { event, truncated } = sanitiseEvent({ blob: "x".repeat(50_000) }, 1024);
    expect(truncated).toBe(true);
    expect(Buffer.byteLength(event as string)).toBeLessThanOrEqual(1024);
  });

  test("an error record's id is unique and its TTL follows the retention", () => {
    const now = new Date("2026-11-22T12:00:00Z");
    const input = { error: new Error("boom"), event: {}, functionName: "f", environment: "dev", requestId: "r", durationMs: 1.23456, retentionDays: 30, maxEventBytes: 1024, now };
    const a = buildErrorRecord(input);
    expect(a).toMatchObject({ timestamp: "2026-11-22T12:00:00.000Z", expiresAt: Date.parse("2026-12-22T12:00:00Z") / 1000, durationMs: 1.235 });
    expect(buildErrorRecord(input).errorId).not.toBe(a.errorId);
  });
});
