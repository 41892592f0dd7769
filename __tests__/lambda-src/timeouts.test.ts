/**
 * A handler still running shortly before the deadline leaves a record: in the
 * error table (dynalite on loopback) when it answers, in full in the ERROR
 * log line when it does not. Time is jest's fake clock: the deadline, the
 * margin and "before" are instants of that clock, never the machine's speed.
 * I/O (the table, the sockets) stays real: setImmediate and nextTick are not
 * faked, and a wait for I/O is bounded only by jest's test timeout.
 */
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { Context } from "aws-lambda";
import type * as Shared from "@serverless-monitoring/lambda-runtime";
import { ERROR_RECORD_FIELDS, FAILURE_KINDS, type ErrorRecord } from "@serverless-monitoring/contract";
import { captureOutput, emfLines, type CapturedOutput } from "./support/captured-output";
import { functionEnvironment, resetEnvironment } from "./support/environment";
import { startHungEndpoint, type HungEndpoint } from "./support/hung-endpoint";
import { fakeLambdaContext } from "./support/lambda-context";
import { startLocalDynamoDb, type LocalDynamoDb } from "./support/local-dynamodb";

const TABLE = "error-logs-test";
/**
 * Lambda's longest timeout. At the timer the write may take the margin less
 * LOG_MARGIN_MS of real time; at 15 minutes the default margin (2.1 s) gives
 * it the wrapper's whole writeTimeoutMs (2 s), as any other failure gets.
 */
const FUNCTION_TIMEOUT_MS = 900_000;

function fresh(): typeof Shared {
  let loaded: typeof Shared | undefined;
  jest.isolateModules(() => {
    loaded = require("@serverless-monitoring/lambda-runtime") as typeof Shared;
  });
  return loaded!;
}

/** The fake clock drives timers, Date and performance; I/O callbacks run as they would. */
function useFakeClock(): void {
  jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "clearImmediate", "queueMicrotask"] });
}

/** A Lambda context (test double of the runtime's) whose deadline is an instant of the fake clock. */
function contextWithDeadline(functionName: string, timeoutMs = FUNCTION_TIMEOUT_MS): Context {
  const deadline = Date.now() + timeoutMs;
  return fakeLambdaContext(functionName, { getRemainingTimeInMillis: () => deadline - Date.now() });
}

/** A handler that runs until the test lets it finish. */
function pendingHandler<T>(): { readonly handler: () => Promise<T>; readonly finish: (value: T) => void; readonly fail: (error: unknown) => void } {
  let finish!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const settled = new Promise<T>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { handler: () => settled, finish, fail };
}

/** Lets real I/O run until `done` holds; the test's own timeout bounds the wait. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

async function recordsIn(db: LocalDynamoDb): Promise<ErrorRecord[]> {
  const result = await db.client.send(new ScanCommand({ TableName: TABLE }));
  return (result.Items ?? []).map((item) => unmarshall(item) as ErrorRecord);
}

const timedOutLines = (output: CapturedOutput) => output.lines().filter((l) => l.level === "ERROR");

/** Every record of the invocation wherever it went: the table, or in full in the ERROR line when the write could not complete in time. */
async function recordsAnywhere(db: LocalDynamoDb, output: CapturedOutput): Promise<ErrorRecord[]> {
  const logged = timedOutLines(output).flatMap((l) => (l.errorRecordUndelivered === true ? [l.errorRecord as ErrorRecord] : []));
  return [...(await recordsIn(db)), ...logged];
}

describe("a timeout leaves a record (real DynamoDB API: dynalite on loopback; jest's fake clock)", () => {
  let db: LocalDynamoDb;
  let output: CapturedOutput;

  beforeEach(async () => {
    db = await startLocalDynamoDb();
    await db.createErrorTable(TABLE);
    functionEnvironment({ endpoint: db.endpoint, tableName: TABLE, serviceName: "slow-fn" });
    // Successes are logged at DEBUG only: these tests check that a late success writes none, and a timely one does.
    process.env.POWERTOOLS_LOG_LEVEL = "DEBUG";
    output = captureOutput();
  });
  afterEach(async () => {
    output.restore();
    jest.useRealTimers();
    resetEnvironment();
    await db.stop();
  });

  test("GIVEN a handler still running WHEN the clock reaches deadline less the margin THEN one timeout record and one ERROR line, none a millisecond before", async () => {
    // GIVEN
    useFakeClock();
    const { withErrorCapture, defaultTimeoutMarginMs } = fresh();
    const slow = pendingHandler<{ ok: true }>();
    const handler = withErrorCapture(slow.handler);
    const context = contextWithDeadline("slow-fn");
    const marginMs = defaultTimeoutMarginMs(FUNCTION_TIMEOUT_MS);
    const invocation = handler({ orderId: "o-9", password: "correct horse battery" }, context);

    // WHEN the clock stops one millisecond short of the instant
    await jest.advanceTimersByTimeAsync(FUNCTION_TIMEOUT_MS - marginMs - 1);
    // THEN nothing yet
    expect(timedOutLines(output)).toEqual([]);
    expect(await recordsIn(db)).toEqual([]);

    // WHEN it reaches it, the handler still running
    await jest.advanceTimersByTimeAsync(1);
    await until(() => timedOutLines(output).length > 0);
    // THEN the record is in the table before the handler settles
    const records = await recordsIn(db);
    expect(records).toHaveLength(1);
    const record = records[0]!;
    expect(Object.keys(record).sort()).toEqual([...ERROR_RECORD_FIELDS].sort());
    expect(record).toMatchObject({
      failureKind: FAILURE_KINDS.timeout,
      errorName: "InvocationTimeoutError",
      functionName: "slow-fn",
      requestId: context.awsRequestId,
      durationMs: FUNCTION_TIMEOUT_MS - marginMs,
      event: { orderId: "o-9", password: "[REDACTED]" },
    });
    expect(record.errorMessage).toContain(`${marginMs} ms before the invocation's deadline`);
    expect(timedOutLines(output)).toEqual([expect.objectContaining({ message: "Invocation timed out", status: "timeout", errorId: record.errorId, errorRecordPersisted: true })]);
    expect(emfLines(output.lines()).some((l) => l.CapturedErrors === 1)).toBe(true);

    // WHEN the handler finishes late after all
    slow.finish({ ok: true });
    await expect(invocation).resolves.toEqual({ ok: true });
    // THEN still exactly one record and one ERROR line, no success line, and no timer left
    expect(await recordsIn(db)).toHaveLength(1);
    expect(timedOutLines(output)).toHaveLength(1);
    expect(output.lines().some((l) => l.message === "Invocation succeeded")).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("GIVEN a handler that finishes one millisecond before the margin THEN no record, no ERROR line, and its timer is cleared", async () => {
    useFakeClock();
    const { withErrorCapture } = fresh();
    const slow = pendingHandler<string>();
    const handler = withErrorCapture(slow.handler, { timeoutMarginMs: 500 });
    const invocation = handler({}, contextWithDeadline("slow-fn"));
    expect(jest.getTimerCount()).toBe(1);

    await jest.advanceTimersByTimeAsync(FUNCTION_TIMEOUT_MS - 500 - 1);
    slow.finish("done");
    await expect(invocation).resolves.toBe("done");

    expect(jest.getTimerCount()).toBe(0);
    // Past the deadline: nothing was left behind to fire.
    await jest.advanceTimersByTimeAsync(FUNCTION_TIMEOUT_MS);
    expect(timedOutLines(output)).toEqual([]);
    expect(await recordsIn(db)).toEqual([]);
    expect(output.lines().filter((l) => l.message === "Invocation succeeded")).toHaveLength(1);
  });

  test("GIVEN a handler that throws after its timeout was recorded THEN the original is re-thrown and the timeout stays the one record", async () => {
    useFakeClock();
    const { withErrorCapture } = fresh();
    const slow = pendingHandler<never>();
    const handler = withErrorCapture(slow.handler, { timeoutMarginMs: 2500 });
    const invocation = handler({}, contextWithDeadline("slow-fn"));
    const outcome = invocation.then(
      () => undefined,
      (error: unknown) => error,
    );

    await jest.advanceTimersByTimeAsync(FUNCTION_TIMEOUT_MS - 2500);
    await until(() => timedOutLines(output).length > 0);
    const original = new Error("gave up at last");
    slow.fail(original);

    expect(await outcome).toBe(original);
    // One record, the timeout's: in the table, or (on a machine too busy to write it in time) in full in the ERROR line.
    const records = await recordsAnywhere(db, output);
    expect(records.map((r) => r.failureKind)).toEqual([FAILURE_KINDS.timeout]);
    expect(timedOutLines(output)).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("GIVEN a handler that throws in time THEN its record says thrown, and no timeout follows", async () => {
    useFakeClock();
    const { withErrorCapture } = fresh();
    const handler = withErrorCapture(async () => {
      throw new TypeError("broken");
    });
    await expect(handler({}, contextWithDeadline("slow-fn"))).rejects.toThrow("broken");
    await jest.advanceTimersByTimeAsync(FUNCTION_TIMEOUT_MS);
    expect((await recordsIn(db)).map((r) => [r.failureKind, r.errorName])).toEqual([[FAILURE_KINDS.thrown, "TypeError"]]);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("GIVEN timeoutMarginMs false THEN no timer is armed", async () => {
    useFakeClock();
    const { withErrorCapture } = fresh();
    const slow = pendingHandler<string>();
    const invocation = withErrorCapture(slow.handler, { timeoutMarginMs: false })({}, contextWithDeadline("slow-fn"));
    expect(jest.getTimerCount()).toBe(0);
    slow.finish("done");
    await expect(invocation).resolves.toBe("done");
  });
});

describe("a timeout when the table does not answer", () => {
  let hung: HungEndpoint;
  let output: CapturedOutput;
  beforeEach(async () => {
    hung = await startHungEndpoint();
    functionEnvironment({ endpoint: hung.endpoint, serviceName: "slow-fn" });
    output = captureOutput();
  });
  afterEach(async () => {
    output.restore();
    jest.useRealTimers();
    resetEnvironment();
    await hung.stop();
  });

  test("GIVEN a hung table THEN the full timeout record is in the ERROR line, marked undelivered", async () => {
    useFakeClock();
    const { withErrorCapture, UNDELIVERED_MARKER } = fresh();
    const slow = pendingHandler<string>();
    const invocation = withErrorCapture(slow.handler, { timeoutMarginMs: 400 })({ apiKey: "k-123456789" }, contextWithDeadline("slow-fn"));

    await jest.advanceTimersByTimeAsync(FUNCTION_TIMEOUT_MS - 400);
    // The write is abandoned when its own abort signal (real time, 300 ms: the margin less LOG_MARGIN_MS) fires.
    await until(() => timedOutLines(output).length > 0);

    const [line] = timedOutLines(output);
    expect(line).toMatchObject({ message: "Invocation timed out", status: "timeout", errorRecordPersisted: false, [UNDELIVERED_MARKER]: true });
    expect(line!.errorRecord).toMatchObject({ failureKind: FAILURE_KINDS.timeout, errorName: "InvocationTimeoutError", event: { apiKey: "[REDACTED]" } });
    expect(Object.keys(line!.errorRecord as object).sort()).toEqual([...ERROR_RECORD_FIELDS].sort());
    slow.finish("late");
    await expect(invocation).resolves.toBe("late");
    expect(timedOutLines(output)).toHaveLength(1);
  });
});

describe("the timeout margin", () => {
  const { defaultTimeoutMarginMs, withErrorCapture } = jest.requireActual<typeof Shared>("@serverless-monitoring/lambda-runtime");
  afterEach(() => resetEnvironment());

  test.each([
    [1_000, 250],
    [3_000, 250],
    [30_000, 600],
    [60_000, 1_200],
    [900_000, 2_100],
  ])("GIVEN %i ms remaining at the start THEN the default margin is %i ms", (remaining, margin) => {
    expect(defaultTimeoutMarginMs(remaining)).toBe(margin);
  });

  test("the cap follows writeTimeoutMs: the write may take no longer", () => {
    expect(defaultTimeoutMarginMs(900_000, 500)).toBe(600);
  });

  test.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("GIVEN timeoutMarginMs %p THEN one error naming the option, the value and what is allowed", (value) => {
    functionEnvironment();
    expect(() => withErrorCapture(async () => undefined, { timeoutMarginMs: value })).toThrow(
      `withErrorCapture: timeoutMarginMs is ${String(value)}; allowed: a number of milliseconds from 0, or false to record no timeouts.`,
    );
  });
});
