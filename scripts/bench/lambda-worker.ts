/**
 * Runs inside a forked process whose stdout/stderr are discarded (the
 * handler's logs would otherwise dominate): loads one bundle, invokes its
 * handler `count` times with the sample event, and reports the per-invocation
 * durations in microseconds over IPC.
 */
import type { Context } from "aws-lambda";

type Handler = (event: unknown, context: Context) => Promise<unknown>;

process.on("message", async (message: { bundle: string; event: unknown; count: number; warmup: number }) => {
  // The bundle's path is only known at run time, and it is CommonJS, as Lambda loads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require(message.bundle) as { handler: Handler };
  const context = {
    functionName: "bench",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:111122223333:function:bench",
    memoryLimitInMB: "256",
    awsRequestId: "bench-request",
    logGroupName: "/aws/lambda/bench",
    logStreamName: "bench",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  } as Context;
  for (let i = 0; i < message.warmup; i++) await handler(message.event, context);
  const micros = new Float64Array(message.count);
  for (let i = 0; i < message.count; i++) {
    const started = process.hrtime.bigint();
    const result = (await handler(message.event, context)) as { ok?: boolean };
    micros[i] = Number(process.hrtime.bigint() - started) / 1000;
    if (result.ok !== true) throw new Error("the sample event did not succeed");
  }
  process.send!({ micros: Array.from(micros) }, undefined, {}, () => process.exit(0));
});
