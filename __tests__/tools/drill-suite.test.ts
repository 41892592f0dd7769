/**
 * The project's drill suite (tools/drill/scenarios/suite.json) over the three
 * environments' synthesized stacks: every incident at every traffic level is
 * told to the right tier, once and in time, and a healthy week stays quiet.
 * This is what `npm run drill` judges; the README's "What gets detected"
 * table is its --table output.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { EnvironmentName } from "../../environments";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { detectionTable, failures } from "../../tools/drill/report";
import { runSuite } from "../../tools/drill/run-suite";
import { readSuite } from "../../tools/drill/suite";
import { PROJECT_ROOT, synthEnvironment } from "../helpers";

const ENVIRONMENTS: EnvironmentName[] = ["dev", "staging", "production"];
const suite = readSuite();
const outcomes = runSuite(
  suite,
  ENVIRONMENTS.map((environment) => ({ environment, stack: synthEnvironment(environment).json as unknown as StackJson })),
);

describe("the drill suite", () => {
  test.each(ENVIRONMENTS)("%s: every expectation of the suite holds", (environment) => {
    expect(failures(outcomes.filter((o) => o.environment === environment))).toEqual([]);
  });

  test("the README's 'What gets detected' table is the suite's current --table output (regenerate: npm run synth && npm run drill -- --table)", () => {
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    const section = /<!-- drill-table:start -->\n([\s\S]*?)<!-- drill-table:end -->/.exec(readme);
    expect(section).not.toBeNull();
    expect(section![1]).toBe(detectionTable(outcomes, ENVIRONMENTS, suite.traffic));
  });
});
