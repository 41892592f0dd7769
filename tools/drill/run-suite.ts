/** Runs the suite over the synthesized stacks of the environments. */
import type { StackJson } from "../common/synthesized-stack";
import { judge } from "./expectations";
import type { Outcome } from "./report";
import { runDrill } from "./simulate";
import { readStackModel } from "./stack-model";
import { expandSuite, type SuiteSpec } from "./suite";

export function runSuite(suite: SuiteSpec, stacks: readonly { readonly environment: string; readonly stack: StackJson }[]): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const { environment, stack } of stacks) {
    const model = readStackModel(stack);
    for (const suiteCase of expandSuite(suite, model, environment)) {
      const result = runDrill(model, suiteCase.scenario);
      outcomes.push({ case: suiteCase, environment, result, verdict: judge(suiteCase.scenario, result) });
    }
  }
  return outcomes;
}
