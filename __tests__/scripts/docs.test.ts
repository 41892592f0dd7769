/**
 * The documentation stays true: the README's generated figures are current,
 * every runbook link of every synthesized alarm lands on a heading, every
 * relative link of the README and the guides resolves, and the README stays
 * short.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { loadEnvironment, type EnvironmentName } from "../../environments";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { badInputExample } from "../../tools/docs/bad-input";
import { defaultsTable } from "../../tools/docs/defaults-page";
import { figuresTable, sectionOf } from "../../tools/docs/figures";
import { PROJECT_ROOT, resources, synthEnvironment } from "../helpers";

const ENVIRONMENTS: EnvironmentName[] = ["dev", "staging", "production"];
const stacks = ENVIRONMENTS.map((environment) => ({ environment, json: synthEnvironment(environment).json }));
const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const base = heading[1]!.trim().toLowerCase().replace(/`/g, "").replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === "api" ? [] : markdownFiles(path);
    return entry.endsWith(".md") ? [path] : [];
  });
}

describe("documentation", () => {
  test("the README's figures are what the stacks synthesize today (regenerate: npm run synth && npm run docs:update)", () => {
    const expected = figuresTable(
      stacks.map(({ environment, json }) => {
        const config = loadEnvironment(environment);
        return { environment, stack: json as unknown as StackJson, budgets: { cloudwatchUsd: config.budgets.perServiceMonthlyLimitUsd.cloudwatch, monthlyUsd: config.budgets.monthlyLimitUsd } };
      }),
    );
    expect(sectionOf(readme, "figures")).toBe(expected);
  });

  test("docs/limits.md's bad-input output is what one run of the parser prints (regenerate: npm run docs:update)", () => {
    expect(sectionOf(readFileSync(join(PROJECT_ROOT, "docs", "limits.md"), "utf8"), "bad-input")).toBe(badInputExample());
  });

  test("docs/library/defaults.md lists the library's default thresholds with their values (regenerate: npm run docs:update)", () => {
    const page = sectionOf(readFileSync(join(PROJECT_ROOT, "docs", "library", "defaults.md"), "utf8"), "defaults");
    expect(page).toBe(defaultsTable());
    expect(page).toContain("| function | `errorRatePercent` | warning | 5 | 2 in a row | 60 s |");
  });

  test("every runbook link in every alarm description of every environment lands on a heading of the runbooks", () => {
    const anchors = new Map<string, Set<string>>();
    const broken: string[] = [];
    let links = 0;
    for (const { environment, json } of stacks) {
      for (const alarm of [...resources(json, "aws_cloudwatch_metric_alarm"), ...resources(json, "aws_cloudwatch_composite_alarm")]) {
        const found = /Runbook: (\S+?)#(\S+)/.exec(String(alarm.alarm_description ?? ""));
        if (!found) {
          broken.push(`${environment} ${String(alarm.alarm_name)}: no runbook link`);
          continue;
        }
        links += 1;
        const [, page, anchor] = found;
        if (!anchors.has(page!)) anchors.set(page!, existsSync(join(PROJECT_ROOT, page!)) ? anchorsOf(readFileSync(join(PROJECT_ROOT, page!), "utf8")) : new Set());
        if (!anchors.get(page!)!.has(anchor!)) broken.push(`${environment} ${String(alarm.alarm_name)}: ${page}#${anchor}`);
      }
    }
    expect(broken).toEqual([]);
    expect(links).toBeGreaterThan(100);
  });

  test("every relative link of the README and the guides resolves to a file, and its anchor to a heading", () => {
    const files = [join(PROJECT_ROOT, "README.md"), ...markdownFiles(join(PROJECT_ROOT, "docs"))];
    const broken: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue;
        const [path, anchor] = target!.split("#") as [string, string | undefined];
        const resolved = path === "" ? file : join(dirname(file), path);
        const where = `${relative(PROJECT_ROOT, file)} -> ${target}`;
        if (!existsSync(resolved)) broken.push(`${where}: no such file`);
        else if (anchor && resolved.endsWith(".md") && !anchorsOf(readFileSync(resolved, "utf8")).has(anchor)) broken.push(`${where}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });

  test("the saved real plan of dev (plan-summary's fixture) plans today's dev stack, resource by resource (regenerate: UPDATE_PLAN_FIXTURE=1 npm run test:e2e)", () => {
    const plan = JSON.parse(readFileSync(join(__dirname, "..", "tools", "fixtures", "plan-real-dev.json"), "utf8")) as { resource_changes: { mode: string; address: string }[] };
    const planned = plan.resource_changes.filter((c) => c.mode === "managed").map((c) => c.address).sort();
    const dev = stacks.find((s) => s.environment === "dev")!.json;
    const synthesized = Object.entries(dev.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)).sort();
    expect(planned).toEqual(synthesized);
  });

  test("the README stays short: at most 350 lines, with a table of contents and a License section", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(350);
    expect(readme).toContain("## Contents");
    expect(readme).toContain("## License");
  });
});
