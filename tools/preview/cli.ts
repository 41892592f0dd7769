import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runTool, ToolError } from "../common/cli";
import type { StackJson } from "../common/synthesized-stack";
import { synthesizeAtRef } from "./base-ref";
import { changedPages, changesMarkdown } from "./compare";
import { dashboardPages } from "./dashboards";
import { pagePng } from "./render";

const USAGE = `Usage: npm run preview -- --stack <name|dir> [--synth-dir cdktf.out] [--out dashboard-previews] [--base <git ref>]

Renders every dashboard page of a synthesized stack (run \`npm run synth\`
first) to PNG, offline: no AWS call. Pages are drawn on CloudWatch's grid
with sample data: layout, titles, metric labels, threshold lines and alarm
widgets as synthesized.

  --stack     a stack name under --synth-dir (e.g. monitoring-dev), or a
              folder holding a cdk.tf.json (a platform team's stack)
  --base      synthesize this git ref too, and render only the pages that
              differ: <page>.before.png and <page>.after.png, plus
              changed-pages.md for the pull-request comment
  --out       where the PNGs go (default dashboard-previews)

Exit codes: 0 rendered, 1 error.`;

runTool(
  { name: "preview", usage: USAGE, options: { stack: { type: "string" }, "synth-dir": { type: "string" }, out: { type: "string" }, base: { type: "string" } } },
  async ({ values }) => {
    if (!values.stack) throw new ToolError(`--stack is required.\n\n${USAGE}`);
    const stackName = values.stack;
    const now = readStack(stackName, values["synth-dir"] ?? "cdktf.out");
    const out = values.out ?? "dashboard-previews";
    mkdirSync(out, { recursive: true });
    const after = dashboardPages(now);
    if (values.base === undefined) {
      for (const page of after) writePng(out, `${page.name}.png`, pagePng(page));
      console.log(`${after.length} dashboard page(s) of ${stackName} rendered into ${out}/`);
      return 0;
    }
    const baseStack = synthesizeAtRef(values.base, stackName.replace(/.*\//, ""));
    const changes = changedPages(baseStack ? dashboardPages(baseStack) : [], after);
    for (const change of changes) {
      if (change.before) writePng(out, `${change.name}.before.png`, pagePng(change.before));
      if (change.after) writePng(out, `${change.name}.after.png`, pagePng(change.after));
    }
    const summary = changesMarkdown(stackName, changes);
    writeFileSync(join(out, "changed-pages.md"), summary);
    process.stdout.write(summary);
    return 0;
  },
);

function readStack(stack: string, synthDir: string): StackJson {
  const path = existsSync(join(stack, "cdk.tf.json")) ? join(stack, "cdk.tf.json") : join(synthDir, "stacks", stack, "cdk.tf.json");
  if (!existsSync(path)) throw new ToolError(`no synthesized stack "${stack}" (looked for ${path}). Run \`npm run synth\` first, or pass a folder holding cdk.tf.json.`);
  const json = JSON.parse(readFileSync(path, "utf8")) as StackJson;
  if (Object.keys(json.resource?.aws_cloudwatch_dashboard ?? {}).length === 0) throw new ToolError(`stack "${stack}" has no dashboard (aws_cloudwatch_dashboard) to preview.`);
  return json;
}

function writePng(dir: string, file: string, png: Buffer): void {
  writeFileSync(join(dir, file), png);
}
