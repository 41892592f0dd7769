/**
 * Tracing with the real Powertools Tracer and X-Ray SDK: a UDP listener on
 * loopback takes the place of the X-Ray daemon (AWS_XRAY_DAEMON_ADDRESS) and
 * receives the segment documents the SDK sends, as the daemon would.
 * Errors are written to dynalite.
 */
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { createSocket, type Socket } from "node:dgram";
import type * as Shared from "@serverless-monitoring/lambda-runtime";
import type { ErrorRecord } from "@serverless-monitoring/contract";
import { captureOutput, type CapturedOutput } from "./support/captured-output";
import { functionEnvironment, resetEnvironment } from "./support/environment";
import { fakeLambdaContext } from "./support/lambda-context";
import { startLocalDynamoDb, type LocalDynamoDb } from "./support/local-dynamodb";

const TABLE = "error-logs-test";
const TRACE_ROOT = "1-6742f0a1-5b3c4d2e1f0a9b8c7d6e5f4a";
let invocations = 0;

interface SegmentDocument {
  readonly name: string;
  readonly id: string;
  readonly trace_id?: string;
  readonly parent_id?: string;
  readonly annotations?: Record<string, unknown>;
  readonly fault?: boolean;
  readonly cause?: { readonly exceptions?: { readonly message?: string; readonly type?: string }[] };
  readonly aws?: { readonly operation?: string };
  readonly subsegments?: SegmentDocument[];
}

/** A UDP listener on loopback that keeps every segment document it is sent. */
async function startDaemon(): Promise<{ readonly address: string; readonly documents: SegmentDocument[]; close(): Promise<void>; socket: Socket }> {
  const socket = createSocket("udp4");
  const documents: SegmentDocument[] = [];
  socket.on("message", (message) => {
    // Each datagram: a header line, then one segment or subsegment document.
    const body = message.toString("utf8").split("\n").slice(1).join("\n");
    documents.push(JSON.parse(body) as SegmentDocument);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return { address: `127.0.0.1:${socket.address().port}`, documents, socket, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

function fresh<T>(path: string): T {
  let loaded: T | undefined;
  jest.isolateModules(() => {
    loaded = require(path) as T;
  });
  return loaded!;
}

/** Every document and its nested subsegments, flat. */
function all(documents: readonly SegmentDocument[]): SegmentDocument[] {
  return documents.flatMap((d) => [d, ...all(d.subsegments ?? [])]);
}

/** The segment documents (and their nested subsegments) named so. */
const named = (documents: readonly SegmentDocument[], name: string) => all(documents).filter((d) => d.name === name);

/**
 * Waits until the daemon has received what the test expects: `count` documents
 * of each name. No clock: a loaded machine delivers later, not less, and
 * jest's test timeout bounds the wait.
 */
async function settle(documents: readonly SegmentDocument[], expected: Readonly<Record<string, number>>): Promise<void> {
  while (!Object.entries(expected).every(([name, count]) => named(documents, name).length >= count)) await new Promise((resolve) => setImmediate(resolve));
}

const payment = (overrides: Record<string, unknown> = {}) => ({
  paymentId: "p-77",
  amountCents: 25_000,
  currency: "EUR",
  card: { number: "4242 4242 4242 4242", expiryMonth: 12, expiryYear: 2099, cvv: "123" },
  customerRiskScore: 5,
  ...overrides,
});

describe("tracing through the real Powertools Tracer and X-Ray SDK (test double: a UDP listener on loopback in place of the X-Ray daemon)", () => {
  let db: LocalDynamoDb;
  let daemon: Awaited<ReturnType<typeof startDaemon>>;
  let output: CapturedOutput;

  beforeAll(async () => {
    db = await startLocalDynamoDb();
    await db.createErrorTable(TABLE);
    // One daemon for the file: the X-Ray SDK keeps its daemon address for the life of the process.
    daemon = await startDaemon();
  });
  afterAll(async () => {
    await daemon.close();
    await db.stop();
  });
  beforeEach(() => {
    daemon.documents.length = 0;
    output = captureOutput();
  });
  afterEach(() => {
    output.restore();
    resetEnvironment();
  });

  /** What Lambda sets for a traced invocation of an active-tracing function. */
  function tracedEnvironment(vars: Parameters<typeof functionEnvironment>[0], trace: Record<string, string> = {}): void {
    functionEnvironment(vars);
    Object.assign(process.env, {
      AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
      LAMBDA_TASK_ROOT: "/var/task",
      AWS_LAMBDA_FUNCTION_NAME: vars?.serviceName ?? "test-function",
      AWS_XRAY_DAEMON_ADDRESS: daemon.address,
      AWS_XRAY_CONTEXT_MISSING: "IGNORE_ERROR",
      // A new parent per invocation, as Lambda sets it.
      _X_AMZN_TRACE_ID: `Root=${TRACE_ROOT};Parent=53995c3f42cd8a${String(++invocations).padStart(2, "0")};Sampled=1`,
      ...trace,
    });
  }

  test("GIVEN a failing invocation THEN the operation subsegment carries the error and its errorId, the table write is its subsegment, and the record carries the traceId", async () => {
    tracedEnvironment({ endpoint: db.endpoint, tableName: TABLE, serviceName: "payment-handler-test", simulationRate: "1" });
    const { handler } = fresh<{ handler: (e: unknown, c: unknown) => Promise<unknown> }>("../../lambda-src/payment-handler");
    await expect(handler(payment(), fakeLambdaContext("payment-handler-test"))).rejects.toThrow("Simulated failure");
    await settle(daemon.documents, { "## authorise-payment": 1, DynamoDB: 1 });

    const record = (await db.client.send(new ScanCommand({ TableName: TABLE }))).Items!.map((i) => unmarshall(i) as ErrorRecord).find((r) => r.functionName === "payment-handler-test")!;
    expect(record.traceId).toBe(TRACE_ROOT);

    const documents = all(daemon.documents);
    const operation = documents.find((d) => d.name === "## authorise-payment")!;
    expect(operation).toBeDefined();
    expect(operation.trace_id).toBe(TRACE_ROOT);
    expect(operation.fault).toBe(true);
    expect(operation.cause?.exceptions?.[0]).toMatchObject({ message: "Simulated failure (ERROR_SIMULATION_RATE=1)" });
    expect(operation.annotations).toMatchObject({ ColdStart: true, Service: "payment-handler-test", errorId: record.errorId });
    const write = documents.find((d) => d.name === "DynamoDB" && d.aws?.operation === "PutItem")!;
    expect(write).toBeDefined();
    expect(write.parent_id).toBe(operation.id);
  });

  test("GIVEN a payment THEN the trace carries its id, amount band and method, and no card number", async () => {
    tracedEnvironment({ endpoint: db.endpoint, tableName: TABLE, serviceName: "payment-handler-test" });
    const { handler } = fresh<{ handler: (e: unknown, c: unknown) => Promise<unknown> }>("../../lambda-src/payment-handler");
    await expect(handler(payment(), fakeLambdaContext("payment-handler-test"))).resolves.toMatchObject({ ok: true });
    await settle(daemon.documents, { "## authorise-payment": 1 });
    const operation = all(daemon.documents).find((d) => d.name === "## authorise-payment")!;
    expect(operation.annotations).toMatchObject({ paymentId: "p-77", amountBand: "100-999", method: "card-visa" });
    expect(JSON.stringify(daemon.documents)).not.toMatch(/4242 ?4242/);
  });

  test("GIVEN an order THEN the trace carries its id and outcome", async () => {
    tracedEnvironment({ endpoint: db.endpoint, tableName: TABLE, serviceName: "order-processor-test" });
    const { handler } = fresh<{ handler: (e: unknown, c: unknown) => Promise<unknown> }>("../../lambda-src/order-processor");
    const order = { orderId: "o-9", currency: "EUR", taxRegion: "DE", items: [{ sku: "a", quantity: 2, unitPriceCents: 1000 }] };
    await expect(handler(order, fakeLambdaContext("order-processor-test"))).resolves.toMatchObject({ ok: true });
    await expect(handler({ ...order, taxRegion: "constructor" }, fakeLambdaContext("order-processor-test"))).resolves.toMatchObject({ ok: false });
    await settle(daemon.documents, { "## price-order": 2 });
    const outcomes = all(daemon.documents)
      .filter((d) => d.name === "## price-order")
      .map((d) => d.annotations);
    expect(outcomes).toEqual([expect.objectContaining({ orderId: "o-9", outcome: "priced" }), expect.objectContaining({ orderId: "o-9", outcome: "rejected" })]);
  });

  test("annotations are redacted like error records: secret keys dropped, card numbers and tokens in values replaced", async () => {
    tracedEnvironment({ endpoint: db.endpoint, tableName: TABLE, serviceName: "custom-test" });
    const { withErrorCapture, annotateTrace, hashedId } = fresh<typeof Shared>("../../lambda-src/shared");
    const handler = withErrorCapture(
      async () => {
        annotateTrace({ apiToken: "t-1", note: "paid with 4000 0566 5566 5556", auth: "x", header: "Bearer abc.def", user: hashedId("user-42") });
        return "done";
      },
      { operation: "custom" },
    );
    await handler({}, fakeLambdaContext("custom-test"));
    await settle(daemon.documents, { "## custom": 1 });
    const annotations = all(daemon.documents).find((d) => d.name === "## custom")!.annotations!;
    expect(annotations).not.toHaveProperty("apiToken");
    expect(annotations).not.toHaveProperty("auth");
    expect(annotations).toMatchObject({ note: "paid with [REDACTED]", header: "Bearer [REDACTED]", user: hashedId("user-42") });
    expect(hashedId("user-42")).toMatch(/^[0-9a-f]{16}$/);
  });

  test("traceOperation traces one business operation of a team's own handler in one call", async () => {
    tracedEnvironment({ endpoint: db.endpoint, tableName: TABLE, serviceName: "refunds-test" });
    const { withErrorCapture, traceOperation } = fresh<typeof Shared>("../../lambda-src/shared");
    const handler = withErrorCapture(async () => traceOperation("issue-refund", { orderId: "o-1" }, async () => "refunded"), { operation: "refunds" });
    await expect(handler({}, fakeLambdaContext("refunds-test"))).resolves.toBe("refunded");
    await settle(daemon.documents, { "## refunds": 1, "## issue-refund": 1 });
    const documents = all(daemon.documents);
    const outer = documents.find((d) => d.name === "## refunds")!;
    const inner = documents.find((d) => d.name === "## issue-refund")!;
    expect(inner.annotations).toMatchObject({ orderId: "o-1" });
    const nested = (outer.subsegments ?? []).some((s) => s.id === inner.id) || inner.parent_id === outer.id;
    expect({ nested, documents: nested ? [] : daemon.documents }).toEqual({ nested: true, documents: [] });
  });

  test("GIVEN an unsampled first invocation THEN the X-Ray SDK is not loaded and nothing is sent; a later sampled failure is traced, not as a cold start, with its table write", async () => {
    tracedEnvironment({ endpoint: db.endpoint, tableName: TABLE, serviceName: "payment-handler-test", simulationRate: "1" }, { _X_AMZN_TRACE_ID: `Root=${TRACE_ROOT};Parent=53995c3f42cd8aff;Sampled=0` });
    let loadedAfterUnsampled = true;
    let handler: (e: unknown, c: unknown) => Promise<unknown> = async () => undefined;
    let unsampled: Promise<unknown> = Promise.resolve();
    jest.isolateModules(() => {
      ({ handler } = require("../../lambda-src/payment-handler") as { handler: typeof handler });
      // The tracer is made (or not) before the handler's first await.
      unsampled = handler(payment(), fakeLambdaContext("payment-handler-test")).catch(() => undefined);
      loadedAfterUnsampled = Object.keys(require.cache).some((path) => path.includes("aws-xray-sdk-core"));
    });
    await unsampled;
    // The same container (the module stays loaded), its next invocation sampled.
    process.env["_X_AMZN_TRACE_ID"] = `Root=${TRACE_ROOT};Parent=53995c3f42cd8afe;Sampled=1`;
    await expect(handler(payment(), fakeLambdaContext("payment-handler-test"))).rejects.toThrow("Simulated failure");
    await settle(daemon.documents, { "## authorise-payment": 1, DynamoDB: 1 });
    expect(loadedAfterUnsampled).toBe(false);
    const documents = all(daemon.documents);
    const operations = documents.filter((d) => d.name === "## authorise-payment");
    expect(operations).toHaveLength(1);
    expect(operations[0]!.parent_id).toBe("53995c3f42cd8afe");
    expect(operations[0]!.annotations).toMatchObject({ ColdStart: false, Service: "payment-handler-test" });
    expect(operations[0]!.fault).toBe(true);
    const write = documents.find((d) => d.name === "DynamoDB" && d.aws?.operation === "PutItem")!;
    expect(write?.parent_id).toBe(operations[0]!.id);
  });

  test("GIVEN tracing off (POWERTOOLS_TRACE_ENABLED=false) THEN nothing is sent and the X-Ray SDK is never loaded", async () => {
    tracedEnvironment({ endpoint: db.endpoint, tableName: TABLE, serviceName: "untraced-test", simulationRate: "1" }, { POWERTOOLS_TRACE_ENABLED: "false" });
    let loaded = false;
    let invocation: Promise<unknown> = Promise.resolve();
    jest.isolateModules(() => {
      const { handler } = require("../../lambda-src/payment-handler") as { handler: (e: unknown, c: unknown) => Promise<unknown> };
      invocation = handler(payment(), fakeLambdaContext("untraced-test")).catch(() => undefined);
      loaded = Object.keys(require.cache).some((path) => path.includes("aws-xray-sdk-core"));
    });
    await invocation;
    // Nothing should arrive: give it the time something would have taken (a busy machine only makes this check weaker, never fail).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(daemon.documents).toEqual([]);
    expect(loaded).toBe(false);
  });
});
