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
import { compareWithKnownMisses, readKnownMisses } from "../../tools/drill/known-misses";
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
  const known = readKnownMisses();
  test.each(ENVIRONMENTS)("%s: every expectation of the suite holds, but for the known misses (and each of those still misses)", (environment) => {
    const { unexpected, nowMet } = compareWithKnownMisses(failures(outcomes.filter((o) => o.environment === environment)), known, [environment]);
    expect({ unexpected, nowMet }).toEqual({ unexpected: [], nowMet: [] });
  });

  test("every known miss has its reason, and names an environment and scenario of the suite", () => {
    const scenarios = new Set(outcomes.map((o) => o.case.scenario.name));
    for (const [check, why] of known) {
      expect(why.length).toBeGreaterThan(10);
      expect(scenarios.has(check.slice(0, check.indexOf(": ")))).toBe(true);
    }
  });

  test.each(["README.md", "docs/detection.md"])("the 'What gets detected' table of %s is the suite's current --table output (regenerate: npm run synth && npm run docs:update)", (file) => {
    const text = readFileSync(join(PROJECT_ROOT, file), "utf8");
    const section = /<!-- drill-table:start -->\n([\s\S]*?)<!-- drill-table:end -->/.exec(text);
    expect(section).not.toBeNull();
    expect(section![1]).toBe(detectionTable(outcomes, ENVIRONMENTS, suite.traffic));
  });
});
