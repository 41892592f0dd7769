/**
 * The integration checks against a deployed environment. Each AWS call sits
 * behind a small interface, implemented with the SDK in ./aws.ts, so the
 * orchestration is tested offline.
 */
export interface FunctionInvoker {
  /** Invokes synchronously; `failed` is true when the function threw (Lambda's FunctionError). */
  invoke(functionName: string, payload: unknown): Promise<{ readonly failed: boolean }>;
}
export interface ErrorRecordQuery {
  /** Error records of the function with a timestamp at or after `sinceIso`, through FunctionNameIndex. */
  countSince(functionName: string, sinceIso: string): Promise<number>;
}
export interface AlertPublisher {
  publish(topicArn: string, subject: string, message: string): Promise<string>;
}
export interface AlarmInspector {
  /** State by alarm name; names that do not exist are absent. */
  states(alarmNames: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

export interface IntegrationDeps {
  readonly invoker: FunctionInvoker;
  readonly errorRecords: ErrorRecordQuery;
  readonly publisher: AlertPublisher;
  readonly alarms: AlarmInspector;
  /** @default real time */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

export interface CheckResult {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface IntegrationPlan {
  readonly environment: string;
  readonly alertTopicArn: string;
  /** Deployed function name -> the event to invoke it with. */
  readonly functions: readonly { readonly functionName: string; readonly event: unknown }[];
  readonly alarmNames: readonly string[];
  /** @default 10 */
  readonly invocationsPerFunction?: number;
  /** Invoke the functions; without, the error table's index is still queried (expecting no failures). @default true */
  readonly invoke?: boolean;
  /** How long error records may take to appear in the index (it is eventually consistent). @default 15000 */
  readonly recordWaitMs?: number;
}

const VALID_STATES = new Set(["OK", "ALARM", "INSUFFICIENT_DATA"]);

export async function runIntegrationChecks(plan: IntegrationPlan, deps: IntegrationDeps): Promise<CheckResult[]> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const now = deps.now ?? (() => new Date());
  const count = plan.invocationsPerFunction ?? 10;
  const results: CheckResult[] = [];
  const started = new Date(now().getTime() - 1000).toISOString();

  const failures = new Map<string, number>();
  for (const fn of plan.functions) {
    if (plan.invoke === false) {
      failures.set(fn.functionName, 0);
      continue;
    }
    let failed = 0;
    try {
      for (let i = 0; i < count; i++) if ((await deps.invoker.invoke(fn.functionName, fn.event)).failed) failed += 1;
      failures.set(fn.functionName, failed);
      results.push({ check: `invoke ${fn.functionName} x${count}`, ok: true, detail: `${count - failed} succeeded, ${failed} failed (simulated errors count here)` });
    } catch (error) {
      results.push({ check: `invoke ${fn.functionName} x${count}`, ok: false, detail: describe(error) });
    }
  }

  for (const [functionName, failed] of failures) {
    const check = `error records of ${functionName} queryable through FunctionNameIndex`;
    try {
      let found = await deps.errorRecords.countSince(functionName, started);
      const deadline = now().getTime() + (plan.recordWaitMs ?? 15_000);
      while (found < failed && now().getTime() < deadline) {
        await sleep(1000);
        found = await deps.errorRecords.countSince(functionName, started);
      }
      results.push({ check, ok: found >= failed, detail: `${found} records for ${failed} failed invocations` });
    } catch (error) {
      results.push({ check, ok: false, detail: describe(error) });
    }
  }

  try {
    const id = await deps.publisher.publish(plan.alertTopicArn, `[TEST] ${plan.environment} integration check`, `Integration test message from npm run test:integration at ${now().toISOString()}. No action needed.`);
    results.push({ check: "publish a test message to the alert topic", ok: true, detail: `message ${id}` });
  } catch (error) {
    results.push({ check: "publish a test message to the alert topic", ok: false, detail: describe(error) });
  }

  try {
    const states = await deps.alarms.states(plan.alarmNames);
    const missing = plan.alarmNames.filter((n) => !states.has(n));
    const invalid = [...states].filter(([, s]) => !VALID_STATES.has(s)).map(([n, s]) => `${n} (${s})`);
    const inAlarm = [...states].filter(([, s]) => s === "ALARM").map(([n]) => n);
    results.push({
      check: `all ${plan.alarmNames.length} alarms exist in a valid state`,
      ok: missing.length === 0 && invalid.length === 0,
      detail: [missing.length ? `missing: ${missing.join(", ")}` : "", invalid.length ? `invalid state: ${invalid.join(", ")}` : "", inAlarm.length ? `in ALARM now: ${inAlarm.join(", ")}` : "", `${states.size} found`].filter(Boolean).join("; "),
    });
  } catch (error) {
    results.push({ check: "alarms exist in a valid state", ok: false, detail: describe(error) });
  }
  return results;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
