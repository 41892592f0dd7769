/**
 * The corpus of library-mistakes.ts through the package entry: every mistake
 * gets one clear ValidationError naming the field, the value and what is
 * allowed; none is accepted silently, none ends in a stack trace.
 */
import * as library from "@serverless-monitoring/constructs";
import { MISTAKES, classify, type Outcome } from "./library-mistakes";

describe("mistakes a platform team makes through the public entry", () => {
  const results = MISTAKES.map((m) => ({ m, ...classify(m) }));

  test("every mistake is one clear error: the field, the value, what is allowed", () => {
    const counts: Record<Outcome, number> = { clear: 0, flawed: 0, silent: 0, trace: 0 };
    for (const r of results) counts[r.outcome] += 1;
    // Printed for the report: the corpus' size, its entries and what became of the mistakes.
    console.log(`library mistakes: ${MISTAKES.length} cases over ${new Set(MISTAKES.map((m) => m.entry)).size} entries; ${JSON.stringify(counts)}`);
    const unclear = results.filter((r) => r.outcome !== "clear").map((r) => `${r.outcome}: ${r.m.entry} ${r.m.mistake} -> ${r.message ?? "accepted"}`);
    expect(unclear).toEqual([]);
  });

  test("the corpus reaches every public construct and every facade method", () => {
    const entries = new Set(MISTAKES.map((m) => m.entry));
    const constructs = Object.entries(library)
      .filter(([, v]) => typeof v === "function" && /^class /.test(Function.prototype.toString.call(v)) && !(v.prototype instanceof Error))
      .map(([name]) => name);
    const facadeMethods = Object.getOwnPropertyNames(library.ServerlessMonitoring.prototype)
      .filter((name) => name !== "constructor" && !name.startsWith("scope") && typeof Object.getOwnPropertyDescriptor(library.ServerlessMonitoring.prototype, name)?.value === "function")
      // Private helpers (TypeScript private, present at run time) are not entries.
      .filter((name) => !["add", "scopeFor", "pageMinimum", "minimumRequests", "minimumInvocations", "minimumFailuresAs", "serviceResource", "serviceSegmentProps", "customMetrics", "injected"].includes(name))
      .map((name) => `ServerlessMonitoring.${name}`);
    expect([...constructs, ...facadeMethods].filter((entry) => !entries.has(entry))).toEqual([]);
  });
});
