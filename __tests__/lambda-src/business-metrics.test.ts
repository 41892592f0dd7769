/**
 * The business metrics payment-handler and order-processor emit in EMF, read
 * back from the log lines, with the error table on dynalite (loopback), as a
 * deployed function runs.
 */
import type { Context } from "aws-lambda";
import { BUSINESS_METRIC_NAMES, METRIC_NAMESPACE } from "@serverless-monitoring/contract";
import { captureOutput, emfLines, type CapturedOutput, type EmfLine } from "./support/captured-output";
import { functionEnvironment, resetEnvironment } from "./support/environment";
import { fakeLambdaContext } from "./support/lambda-context";
import { startLocalDynamoDb, type LocalDynamoDb } from "./support/local-dynamodb";

type Handler = (event: unknown, context: Context) => Promise<unknown>;
const TABLE = "error-logs-business";

function fresh(name: string): Handler {
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    handler = (require(`../../lambda-src/${name}`) as { handler: Handler }).handler;
  });
  return handler!;
}

const payment = (overrides: Record<string, unknown> = {}) => ({
  paymentId: "p-7",
  amountCents: 4250,
  currency: "USD",
  card: { number: "4242 4242 4242 4242", expiryMonth: 12, expiryYear: 2099, cvv: "123" },
  customerRiskScore: 5,
  ...overrides,
});

/** The metrics of an invocation's EMF lines, by name, with their values and dimension sets. */
function metricsIn(lines: EmfLine[]): Map<string, { value: unknown; dimensions: string[][]; namespace: string }> {
  return new Map(
    lines.flatMap((line) =>
      line._aws.CloudWatchMetrics.flatMap((group) => group.Metrics.map((m) => [m.Name, { value: line[m.Name], dimensions: group.Dimensions, namespace: group.Namespace }] as const)),
    ),
  );
}

describe("business metrics in EMF (error table on dynalite)", () => {
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

  const invoke = async (name: string, event: unknown) => {
    functionEnvironment({ endpoint: db.endpoint, tableName: TABLE, serviceName: `${name}-test` });
    const result = await fresh(name)(event, fakeLambdaContext(`${name}-test`));
    return { result, metrics: metricsIn(emfLines(output.lines())) };
  };

  test("an authorised payment: PaymentsSucceeded 1 and its amount in cents, dimensioned by service and environment", async () => {
    const { metrics } = await invoke("payment-handler", payment());
    expect(metrics.get(BUSINESS_METRIC_NAMES.paymentsSucceeded)).toMatchObject({ value: 1, namespace: METRIC_NAMESPACE });
    expect(metrics.get(BUSINESS_METRIC_NAMES.paymentAmount)?.value).toBe(4250);
    expect(metrics.get(BUSINESS_METRIC_NAMES.paymentsSucceeded)!.dimensions).toEqual([expect.arrayContaining(["service", "environment"])]);
    expect(metrics.has(BUSINESS_METRIC_NAMES.paymentsFailed)).toBe(false);
  });

  test("a declined payment: PaymentsFailed 1, no amount", async () => {
    const { metrics } = await invoke("payment-handler", payment({ customerRiskScore: 99 }));
    expect(metrics.get(BUSINESS_METRIC_NAMES.paymentsFailed)?.value).toBe(1);
    expect(metrics.has(BUSINESS_METRIC_NAMES.paymentAmount)).toBe(false);
  });

  test("a priced order: OrdersCompleted 1; an invalid one: OrdersRejected 1 beside ClientErrors", async () => {
    const completed = await invoke("order-processor", require("../../lambda-src/order-processor/sample-event.json"));
    expect(completed.metrics.get(BUSINESS_METRIC_NAMES.ordersCompleted)?.value).toBe(1);
    output.restore();
    output = captureOutput();
    const rejected = await invoke("order-processor", { orderId: "o-9", currency: "EUR", taxRegion: "DE", items: [] });
    expect(rejected.metrics.get(BUSINESS_METRIC_NAMES.ordersRejected)?.value).toBe(1);
    expect(rejected.metrics.get("ClientErrors")?.value).toBe(1);
    expect(rejected.metrics.has(BUSINESS_METRIC_NAMES.ordersCompleted)).toBe(false);
  });
});
