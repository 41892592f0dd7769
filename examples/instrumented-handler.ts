/**
 * Worked example (and a test: __tests__/examples): your own handler,
 * instrumented. Validation failures are answered as client errors; anything
 * thrown is recorded in the error table and re-thrown; the refund runs in its
 * own X-Ray subsegment with business annotations (where tracing is on).
 */
import * as z from "zod/mini";
import { parseInput, traceOperation, withErrorCapture } from "@serverless-monitoring/lambda-runtime";

const refundRequest = z.strictObject({
  orderId: z.string().check(z.minLength(1)),
  amountCents: z.int().check(z.positive()),
});

export const handler = withErrorCapture(
  async (event: unknown) => {
    const { orderId, amountCents } = parseInput(refundRequest, event);
    return traceOperation("issue-refund", { orderId, large: amountCents > 100_000 }, async () => {
      if (amountCents > 100_000) throw new Error(`refund of ${amountCents} cents for ${orderId} needs manual approval`);
      return { ok: true as const, data: { orderId, refundedCents: amountCents } };
    });
  },
  { operation: "refunds" },
);
