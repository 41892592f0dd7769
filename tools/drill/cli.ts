import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { runTool, ToolError } from "../common/cli";
import type { StackJson } from "../common/synthesized-stack";
import { environmentChoices, selectTargets, TARGET_OPTIONS } from "../common/target";
import { judge } from "./expectations";
import { readTargetStack } from "../common/linked-stacks";
import { GENERATOR_ASSUMPTIONS } from "./generator";
import { compareWithKnownMisses, missKey, readKnownMisses } from "./known-misses";
import { detectionTable, failures, formatTimeline, timelineJson } from "./report";
import { runSuite } from "./run-suite";
import { readScenario } from "./scenario";
import { runDrill } from "./simulate";
import { readStackModel } from "./stack-model";
import { readSuite } from "./suite";

const USAGE = `Usage:
  npm run drill [-- --env <${environmentChoices()}>]... [--region <region>] [--account <id>] [--synth-dir cdktf.out] [--json | --table] [--verbose]
  npm run drill -- --stack <dir|cdk.tf.json> --scenario <file.json> [--json] [--verbose]

Replays incidents through the synthesized alarms and composites (run
\`npm run synth\` first), minute by minute as CloudWatch evaluates them, and
says who was told, when and how often. Without --scenario it runs the
project's suite (tools/drill/scenarios/suite.json) over every stack of the
estate (environments/estate.ts), or of the environments given with --env,
narrowed to one region or account with --region and --account, and judges
its expectations.

  --stack      a synthesized stack: its directory (cdktf.out/stacks/<stack>) or its cdk.tf.json
  --scenario   a scenario file (format: tools/drill/scenario.ts)
  --json       the timeline(s) as JSON
  --table      the "What gets detected" markdown table of the suite
  --verbose    every event of each timeline (the default shows 40)

What the generator assumes:
${GENERATOR_ASSUMPTIONS}

Exit codes:
  0  every expectation met
  2  an expectation failed
  1  error`;

function readStackAt(path: string): StackJson {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, "cdk.tf.json") : path;
  if (!existsSync(file)) throw new ToolError(`no synthesized stack at ${file}. Pass a directory of cdktf.out/stacks or a cdk.tf.json (run \`npm run synth\` first).`);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as StackJson;
  } catch (error) {
    throw new ToolError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

runTool(
  {
    name: "drill",
    usage: USAGE,
    options: {
      env: { type: "string", multiple: true },
      ...TARGET_OPTIONS,
      "synth-dir": { type: "string" },
      stack: { type: "string" },
      scenario: { type: "string" },
      json: { type: "boolean" },
      table: { type: "boolean" },
      verbose: { type: "boolean" },
    },
  },
  async ({ values }) => {
    const verbose = values.verbose === true;
    if (values.json && values.table) throw new ToolError("give --json or --table, not both.");
    if (values.scenario !== undefined || values.stack !== undefined) {
      if (values.scenario === undefined || values.stack === undefined) throw new ToolError(`--stack and --scenario go together.\n\n${USAGE}`);
      if (values.table) throw new ToolError("--table tabulates the suite; it does not go with --scenario.");
      if (values.env || values.region || values.account) throw new ToolError("--env, --region and --account pick the suite's stacks; they do not go with --stack.");
      const model = readStackModel(readStackAt(values.stack));
      const scenario = readScenario(values.scenario);
      const result = runDrill(model, scenario);
      const verdict = scenario.expect ? judge(scenario, result) : undefined;
      process.stdout.write(values.json ? `${JSON.stringify(timelineJson(result, verdict), null, 2)}\n` : formatTimeline(result, verdict, { verbose }));
      return verdict && !verdict.passed ? 2 : 0;
    }
    const selected = selectTargets(values.env, values.region, values.account);
    // A stack's label stands for its environment in the suite's names, the table's columns and the known misses.
    const environments = selected.map((s) => s.label);
    const suite = readSuite();
    // A split target's stacks (shared and shards) are one account and region to CloudWatch: drilled as one.
    const stacks = selected.map(({ label, target }) => ({ environment: label, stack: readTargetStack(target, values["synth-dir"]) }));
    const outcomes = runSuite(suite, stacks);
    if (values.table) {
      process.stdout.write(detectionTable(outcomes, environments, suite.traffic));
      return 0;
    }
    if (values.json) process.stdout.write(`${JSON.stringify(outcomes.map((o) => timelineJson(o.result, o.verdict)), null, 2)}\n`);
    else {
      for (const o of outcomes) process.stdout.write(formatTimeline(o.result, o.verdict, { verbose }));
    }
    const known = readKnownMisses();
    const { unexpected, nowMet, known: knownFailed } = compareWithKnownMisses(failures(outcomes), known, environments);
    const passed = outcomes.filter((o) => o.verdict.passed).length;
    const list = (title: string, lines: readonly string[], why?: (line: string) => string) =>
      lines.length > 0 ? `${title}\n${lines.map((l) => `  ${l}${why ? `\n    why: ${why(l)}` : ""}`).join("\n")}\n` : "";
    // With --json, stdout is the JSON alone: the verdict goes to stderr.
    const out = values.json ? process.stderr : process.stdout;
    out.write(
      `\n${passed} of ${outcomes.length} scenarios passed.\n` +
        list(`Known misses (${knownFailed.length}, tools/drill/scenarios/known-misses.json):`, verbose ? knownFailed : [], (l) => known.get(missKey(l)) ?? "") +
        (knownFailed.length > 0 && !verbose ? `${knownFailed.length} known misses (tools/drill/scenarios/known-misses.json; --verbose lists them).\n` : "") +
        list("Failed expectations not among the known misses (regressions):", unexpected) +
        list("Known misses now met (remove them from known-misses.json):", nowMet),
    );
    return unexpected.length === 0 && nowMet.length === 0 ? 0 : 2;
  },
);
