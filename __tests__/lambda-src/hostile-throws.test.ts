/**
 * Whatever a handler throws, the caller gets that very value back, and the
 * failure is recorded: in the table (dynalite on loopback) when it answers,
 * in the log when it does not. Hostile values included.
 */
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import fc from "fast-check";
import type { Context } from "aws-lambda";
import type * as Shared from "@serverless-monitoring/lambda-runtime";
import type { ErrorRecord } from "@serverless-monitoring/contract";
import { captureOutput, type CapturedOutput } from "./support/captured-output";
import { functionEnvironment, resetEnvironment } from "./support/environment";
import { startHungEndpoint, type HungEndpoint } from "./support/hung-endpoint";
import { fakeLambdaContext } from "./support/lambda-context";
import { startLocalDynamoDb, type LocalDynamoDb } from "./support/local-dynamodb";

const TABLE = "error-logs-test";
const CLOUDWATCH_LOGS_EVENT_LIMIT_BYTES = 256 * 1024;
const DYNAMODB_ITEM_LIMIT_BYTES = 400 * 1024;

function fresh(): typeof Shared {
  let loaded: typeof Shared | undefined;
  jest.isolateModules(() => {
    loaded = require("@serverless-monitoring/lambda-runtime") as typeof Shared;
  });
  return loaded!;
}

/** Values a careless or hostile handler throws. Each is built fresh, as a throw site would. */
const HOSTILE: Record<string, () => unknown> = {
  "an Error whose cause is itself": () => {
    const e = new Error("self cause");
    (e as { cause?: unknown }).cause = e;
    return e;
  },
  "a cause cycle of two errors": () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    (a as { cause?: unknown }).cause = b;
    return a;
  },
  "an Error referencing itself in a property": () => {
    const e = Object.assign(new Error("self ref"), { self: undefined as unknown });
    e.self = e;
    return e;
  },
  "an Error whose message getter throws": () => {
    const e = new Error("x");
    Object.defineProperty(e, "message", {
      get() {
        throw new Error("message getter");
      },
    });
    return e;
  },
  "an Error whose toJSON throws": () =>
    Object.assign(new Error("to json"), {
      toJSON() {
        throw new Error("toJSON");
      },
    }),
  "an object whose getter throws": () => ({
    get boom(): never {
      throw new Error("getter");
    },
  }),
  "a Proxy whose every trap throws": () =>
    new Proxy(
      {},
      {
        get: () => {
          throw new Error("trap");
        },
        getPrototypeOf: () => {
          throw new Error("trap");
        },
        ownKeys: () => {
          throw new Error("trap");
        },
      },
    ),
  null: () => null,
  undefined: () => undefined,
  "a string": () => "plain string",
  "a number": () => 42,
  "a BigInt": () => 10n ** 30n,
  "a Symbol": () => Symbol("thrown"),
  "a plain object with a BigInt, a Map, a Set and a 5 MB Buffer": () => ({ big: 1n, map: new Map([[1, { a: 1 }]]), set: new Set([1, 2]), buffer: Buffer.alloc(5 * 1024 * 1024), typed: new Float64Array(10) }),
  "an Error with a 10 MB message": () => new Error("m".repeat(10 * 1024 * 1024)),
};

/** A wrapper around a handler that throws `thrown`, from the runtime `loaded`. */
function handlerThrowing(loaded: typeof Shared, thrown: unknown): (event: unknown, context: ReturnType<typeof fakeLambdaContext>) => Promise<unknown> {
  return loaded.withErrorCapture(async () => {
    throw thrown;
  });
}

/** What a call threw, boxed: resolving a promise with a hostile Proxy itself would ask it for `then`. */
async function thrownBy(call: () => Promise<unknown>): Promise<{ readonly value: unknown }> {
  try {
    await call();
    return { value: "nothing thrown" };
  } catch (error) {
    return { value: error };
  }
}

async function recordsIn(db: LocalDynamoDb): Promise<ErrorRecord[]> {
  const result = await db.client.send(new ScanCommand({ TableName: TABLE }));
  return (result.Items ?? []).map((item) => unmarshall(item) as ErrorRecord);
}

describe("hostile throws against dynalite: the same value re-thrown, one record stored", () => {
  let db: LocalDynamoDb;
  let output: CapturedOutput;
  // One runtime for the group, as one warm container meets one hostile throw after another.
  let runtime: typeof Shared;
  beforeAll(async () => {
    db = await startLocalDynamoDb();
    await db.createErrorTable(TABLE);
    functionEnvironment({ endpoint: db.endpoint, tableName: TABLE });
    runtime = fresh();
  });
  afterAll(async () => db.stop());
  beforeEach(() => {
    functionEnvironment({ endpoint: db.endpoint, tableName: TABLE });
    output = captureOutput();
  });
  afterEach(() => {
    output.restore();
    resetEnvironment();
  });

  test.each(Object.keys(HOSTILE))("GIVEN %s is thrown THEN it is re-thrown unchanged and recorded", async (name) => {
    const thrown = HOSTILE[name]!();
    const handler = handlerThrowing(runtime, thrown);
    const before = (await recordsIn(db)).length;
    expect((await thrownBy(() => handler({ n: 1 }, fakeLambdaContext("hostile-fn")))).value).toBe(thrown);
    const records = await recordsIn(db);
    expect(records.length).toBe(before + 1);
    const line = output.lines().find((l) => l.level === "ERROR")!;
    expect(line).toMatchObject({ message: "Invocation failed", errorRecordPersisted: true });
    expect(Buffer.byteLength(JSON.stringify(line))).toBeLessThan(CLOUDWATCH_LOGS_EVENT_LIMIT_BYTES);
  });

  test("GIVEN a 10 MB message THEN the stored message is cut, marked, and the item under DynamoDB's limit", async () => {
    const { withErrorCapture, TRUNCATION_MARKER } = runtime;
    const handler = withErrorCapture(async () => {
      throw new Error("m".repeat(10 * 1024 * 1024));
    });
    await expect(handler({ blob: "x".repeat(1024 * 1024) }, fakeLambdaContext("big-fn"))).rejects.toThrow();
    const record = (await recordsIn(db)).find((r) => r.functionName === "big-fn")!;
    expect(record.errorMessage.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(record.eventTruncated).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(record))).toBeLessThan(DYNAMODB_ITEM_LIMIT_BYTES / 4);
  });

  test("GIVEN numbers DynamoDB cannot hold in the event THEN the record is written, those numbers kept as strings", async () => {
    const { withErrorCapture } = runtime;
    const handler = withErrorCapture(async () => {
      throw new Error("numbers");
    });
    const event = { huge: 2 ** 60, big: 1e200, tiny: 5e-324, nan: Number.NaN, inf: -Infinity, fine: 12.5, negative: -3 };
    await expect(handler(event, fakeLambdaContext("numbers-fn"))).rejects.toThrow("numbers");
    expect(output.lines().find((l) => l.level === "ERROR")).toMatchObject({ errorRecordPersisted: true });
    const record = (await recordsIn(db)).find((r) => r.functionName === "numbers-fn")!;
    expect(record.event).toEqual({ huge: "1152921504606846976", big: "1e+200", tiny: "5e-324", nan: "NaN", inf: "-Infinity", fine: 12.5, negative: -3 });
  });

  test("GIVEN card numbers and bearer tokens in an error's message THEN neither the record nor the log holds them", async () => {
    const { withErrorCapture } = runtime;
    const handler = withErrorCapture(async () => {
      throw new Error("charge failed for 4242 4242 4242 4242 with Authorization: Bearer eyJhbGciOi.payload.sig", { cause: new Error("upstream saw 4000056655665556") });
    });
    await expect(handler({}, fakeLambdaContext("redact-fn"))).rejects.toThrow("charge failed");
    const record = (await recordsIn(db)).find((r) => r.functionName === "redact-fn")!;
    const stored = JSON.stringify(record);
    const logged = JSON.stringify(output.lines());
    for (const secret of ["4242 4242 4242 4242", "eyJhbGciOi", "4000056655665556"]) {
      expect(stored).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
    expect(record.errorMessage).toBe("charge failed for [REDACTED] with Authorization: Bearer [REDACTED]");
    expect(record.stack).toContain("Caused by: Error: upstream saw [REDACTED]");
  });
});

describe("hostile throws with DynamoDB down: the same value re-thrown, the record in the log", () => {
  let output: CapturedOutput;
  let runtime: typeof Shared;
  beforeAll(() => {
    functionEnvironment({ endpoint: "http://127.0.0.1:9" });
    process.env.AWS_MAX_ATTEMPTS = "1";
    runtime = fresh();
  });
  beforeEach(() => {
    // Port 9 on loopback: nothing listens, every connection is refused at once.
    functionEnvironment({ endpoint: "http://127.0.0.1:9" });
    // One attempt: the SDK's retries of a refused connection only add backoff; the path under test is the same.
    process.env.AWS_MAX_ATTEMPTS = "1";
    output = captureOutput();
  });
  afterEach(() => {
    output.restore();
    resetEnvironment();
  });

  test.each(Object.keys(HOSTILE))("GIVEN %s is thrown THEN it is re-thrown unchanged and its record logged", async (name) => {
    const thrown = HOSTILE[name]!();
    const { UNDELIVERED_MARKER } = runtime;
    const handler = handlerThrowing(runtime, thrown);
    expect((await thrownBy(() => handler({ n: 1 }, fakeLambdaContext("down-fn")))).value).toBe(thrown);
    const line = output.lines().find((l) => l[UNDELIVERED_MARKER] === true)!;
    expect(line).toMatchObject({ level: "ERROR", errorRecordPersisted: false, errorRecord: { functionName: "down-fn" } });
    expect(Buffer.byteLength(JSON.stringify(line))).toBeLessThan(CLOUDWATCH_LOGS_EVENT_LIMIT_BYTES);
  });
});

describe("the write deadline follows the invocation's remaining time", () => {
  let hung: HungEndpoint;
  let output: CapturedOutput;
  beforeEach(async () => {
    hung = await startHungEndpoint();
    functionEnvironment({ endpoint: hung.endpoint });
    output = captureOutput();
  });
  afterEach(async () => {
    output.restore();
    resetEnvironment();
    await hung.stop();
  });

  /** The real DynamoDB store, recording the deadline each write is given: a spy, the writes themselves go to the (hung) endpoint. */
  function recordingStore(shared: typeof Shared): { readonly store: Shared.ErrorStore; readonly deadlines: number[] } {
    const real = new shared.DynamoDbErrorStore("error-logs-test");
    const deadlines: number[] = [];
    return { deadlines, store: { put: (record, options) => (deadlines.push(options.timeoutMs), real.put(record, options)) } };
  }

  test("GIVEN 200 ms left and a hung table THEN the write is given the time left less the log's margin, gives up, and the record reaches the log", async () => {
    const shared = fresh();
    const { withErrorCapture, UNDELIVERED_MARKER, LOG_MARGIN_MS } = shared;
    const { store, deadlines } = recordingStore(shared);
    const original = new Error("late failure");
    const handler = withErrorCapture(
      async () => {
        throw original;
      },
      { store },
    );
    // The wrapper's own clock is the context's remaining time: held at 200 ms, the deadline it derives is exact.
    const context: Context = fakeLambdaContext("deadline-fn", { getRemainingTimeInMillis: () => 200 });
    await expect(handler({}, context)).rejects.toBe(original);
    expect(deadlines).toEqual([200 - LOG_MARGIN_MS]);
    expect(output.lines().find((l) => l[UNDELIVERED_MARKER] === true)).toMatchObject({
      errorRecord: { functionName: "deadline-fn", errorMessage: "late failure" },
      // Given up by its own deadline (the abort), not by the SDK's retries.
      errorRecordWriteError: expect.stringMatching(/abort/i),
    });
  });

  test("GIVEN less time left than the log's margin THEN no write is tried and the record is logged at once", async () => {
    const shared = fresh();
    const { store, deadlines } = recordingStore(shared);
    const handler = shared.withErrorCapture(
      async () => {
        throw new Error("out of time");
      },
      { store },
    );
    await expect(handler({}, fakeLambdaContext("no-time-fn", { getRemainingTimeInMillis: () => 50 }))).rejects.toThrow("out of time");
    expect(deadlines).toEqual([]);
    expect(output.lines().find((l) => l[shared.UNDELIVERED_MARKER] === true)).toMatchObject({ errorRecordWriteError: expect.stringContaining("no time left") });
  });
});

describe("property: any thrown value comes back identical and its record is stored or logged", () => {
  let db: LocalDynamoDb;
  beforeAll(async () => {
    db = await startLocalDynamoDb();
    await db.createErrorTable(TABLE);
  });
  afterAll(async () => db.stop());
  afterEach(() => resetEnvironment());

  /** Arbitrary values, with cycles and hostile getters mixed in. */
  const thrownValue = fc.oneof(
    fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withDate: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true }),
    fc.tuple(fc.string(), fc.anything()).map(([message, cause]) => new Error(message, { cause })),
    fc.string().map((message) => {
      const e = new Error(message);
      (e as { cause?: unknown }).cause = e;
      return e;
    }),
    fc.dictionary(fc.string(), fc.anything()).map((fields) => {
      const object: Record<string, unknown> = { ...fields };
      object.self = object;
      Object.defineProperty(object, "hostile", { enumerable: true, get: () => { throw new Error("getter"); } });
      return object;
    }),
  );

  for (const [label, up] of [["up", true], ["down", false]] as const) {
    test(`with DynamoDB ${label}`, async () => {
      functionEnvironment({ endpoint: up ? db.endpoint : "http://127.0.0.1:9", tableName: TABLE });
      if (!up) process.env.AWS_MAX_ATTEMPTS = "1";
      const { withErrorCapture, UNDELIVERED_MARKER } = fresh();
      let runs = 0;
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(thrownValue, fc.anything(), async (thrown, event) => {
          runs += 1;
          const output = captureOutput();
          try {
            const handler = withErrorCapture(async () => {
              throw thrown;
            });
            const outcome = await handler(event, fakeLambdaContext(`prop-${label}`)).then(
              () => ({ threw: false, value: undefined as unknown }),
              (value: unknown) => ({ threw: true, value }),
            );
            expect(outcome.threw).toBe(true);
            expect(Object.is(outcome.value, thrown)).toBe(true);
            const errorLines = output.lines().filter((l) => l.level === "ERROR");
            expect(errorLines).toHaveLength(1);
            if (up) expect(errorLines[0]).toMatchObject({ errorRecordPersisted: true });
            else expect(errorLines[0]).toMatchObject({ [UNDELIVERED_MARKER]: true, errorRecord: { functionName: `prop-${label}` } });
          } finally {
            output.restore();
          }
        }),
        { numRuns: up ? 150 : 100, seed: 20261123 },
      );
      // The figures for the closing note: how many cases, how long.
      console.info(`property with DynamoDB ${label}: ${runs} cases in ${Date.now() - started} ms`);
      if (up) expect((await db.client.send(new ScanCommand({ TableName: TABLE, Select: "COUNT" }))).Count).toBeGreaterThanOrEqual(runs);
    }, 120_000);
  }
});

describe("a broken metrics client (test double: the real Metrics cannot be made to fail)", () => {
  let db: LocalDynamoDb;
  beforeAll(async () => {
    db = await startLocalDynamoDb();
    await db.createErrorTable(TABLE);
  });
  afterAll(async () => db.stop());
  afterEach(() => resetEnvironment());

  test("GIVEN addMetric and publishing throw THEN the original is re-thrown and the record still stored", async () => {
    functionEnvironment({ endpoint: db.endpoint, tableName: TABLE });
    const { withErrorCapture } = fresh();
    const broken = () => {
      throw new Error("metrics broken");
    };
    const metrics = { addMetric: broken, captureColdStartMetric: () => undefined, hasStoredMetrics: () => true, publishStoredMetrics: broken } as unknown as NonNullable<Shared.ErrorCaptureOptions["metrics"]>;
    const original = new Error("handler failed");
    const output = captureOutput();
    try {
      const handler = withErrorCapture(async () => {
        throw original;
      }, { metrics });
      expect((await thrownBy(() => handler({}, fakeLambdaContext("metrics-fn")))).value).toBe(original);
      expect(output.lines().find((l) => l.level === "ERROR")).toMatchObject({ errorRecordPersisted: true });
    } finally {
      output.restore();
    }
    expect((await recordsIn(db)).map((r) => r.functionName)).toEqual(["metrics-fn"]);
  });
});
