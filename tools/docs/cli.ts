import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadEnvironment } from "../../environments";
import { PROJECT_ROOT } from "../../paths";
import { runTool, ToolError } from "../common/cli";
import { readStackById } from "../common/synthesized-stack";
import { detectionTable } from "../drill/report";
import { runSuite } from "../drill/run-suite";
import { readSuite } from "../drill/suite";
import { badInputExample } from "./bad-input";
import { defaultsTable } from "./defaults-page";
import { figuresTable, replaceSection, sectionOf } from "./figures";

const USAGE = `Usage: npm run docs:update [-- --check] [--synth-dir cdktf.out]

Writes the documentation's generated sections: in README.md, from the
synthesized stacks (run \`npm run synth\` first), the figures per environment
(<!-- figures -->) and the drill's "What gets detected" table
(<!-- drill-table -->, also in docs/detection.md); in docs/limits.md, what bad input produces
(<!-- bad-input -->), from a real parse; in docs/library/defaults.md, the
library's default thresholds with their values (<!-- defaults -->).
With --check, changes nothing and exits 2 when a section is not current.`;

const ENVIRONMENTS = ["dev", "staging", "production"] as const;

runTool({ name: "docs:update", usage: USAGE, options: { check: { type: "boolean" }, "synth-dir": { type: "string" } } }, async ({ values }) => {
  const stacks = ENVIRONMENTS.map((environment) => {
    const config = loadEnvironment(environment);
    return { environment, stack: readStackById(`monitoring-${environment}`, values["synth-dir"]), budgets: { cloudwatchUsd: config.budgets.perServiceMonthlyLimitUsd.cloudwatch, monthlyUsd: config.budgets.monthlyLimitUsd } };
  });
  const suite = readSuite();
  const drillTable = detectionTable(runSuite(suite, stacks), [...ENVIRONMENTS], suite.traffic);
  const documents: Record<string, Record<string, string>> = {
    "README.md": { figures: figuresTable(stacks), "drill-table": drillTable },
    "docs/detection.md": { "drill-table": drillTable },
    "docs/limits.md": { "bad-input": badInputExample() },
    "docs/library/defaults.md": { defaults: defaultsTable() },
  };
  const stale: string[] = [];
  const rewritten: [string, string][] = [];
  for (const [file, sections] of Object.entries(documents)) {
    let text = readFileSync(join(PROJECT_ROOT, file), "utf8");
    for (const [name, content] of Object.entries(sections)) {
      const current = sectionOf(text, name);
      if (current === undefined) throw new ToolError(`${file} has no <!-- ${name}:start --> ... <!-- ${name}:end --> section.`);
      if (current !== content) stale.push(`${file} ${name}`);
      text = replaceSection(text, name, content)!;
    }
    rewritten.push([file, text]);
  }
  if (values.check) {
    console.log(stale.length === 0 ? "The generated sections are current." : `not current: ${stale.join(", ")}. Run npm run synth && npm run docs:update.`);
    return stale.length === 0 ? 0 : 2;
  }
  for (const [file, text] of rewritten) writeFileSync(join(PROJECT_ROOT, file), text);
  console.log(stale.length === 0 ? "The generated sections were current." : `rewrote: ${stale.join(", ")}.`);
  return 0;
});
