/**
 * `npm run preview`: dashboard pages rendered offline to PNG. The images are
 * decoded again and checked: the size CloudWatch's grid gives, not blank, and
 * within a tolerance of committed golden images. After an intended change to
 * a dashboard, render the goldens anew with
 *   PREVIEW_UPDATE=1 npx jest __tests__/tools/preview.test.ts
 * and look at them before committing.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import type { StackJson } from "../../tools/common/synthesized-stack";
import { changedPages, changesMarkdown } from "../../tools/preview/compare";
import { dashboardPages, type DashboardPage } from "../../tools/preview/dashboards";
import { pageHeightPx, pagePng, PAGE_WIDTH_PX } from "../../tools/preview/render";
import { linksAsText } from "../../tools/preview/widgets";
import { runEntry } from "../entries";
import { PROJECT_ROOT, synthEnvironment } from "../helpers";

const GOLDEN_DIR = join(__dirname, "fixtures", "preview");
/** The README's picture is the dev operations page, kept current by this test. */
const README_IMAGE = join(PROJECT_ROOT, "docs", "images", "dashboard-dev-operations.png");
const GOLDENS: Record<string, string> = {
  "serverless-monitoring-dev": README_IMAGE,
  "serverless-monitoring-dev-api": join(GOLDEN_DIR, "serverless-monitoring-dev-api.png"),
  "serverless-monitoring-dev-dynamodb": join(GOLDEN_DIR, "serverless-monitoring-dev-dynamodb.png"),
};
const UPDATE = process.env.PREVIEW_UPDATE === "1";

const dev = synthEnvironment("dev").json as unknown as StackJson;
const pages = dashboardPages(dev);

/** Share of pixels that differ by more than 24 in any channel. */
function differingShare(a: PNG, b: PNG): number {
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const d = a.data;
    const e = b.data;
    if (Math.abs(d[i]! - e[i]!) > 24 || Math.abs(d[i + 1]! - e[i + 1]!) > 24 || Math.abs(d[i + 2]! - e[i + 2]!) > 24 || Math.abs(d[i + 3]! - e[i + 3]!) > 24) differing += 1;
  }
  return differing / (a.width * a.height);
}

describe("dashboard previews", () => {
  test("every page of dev renders at CloudWatch's grid size, and none is blank", () => {
    expect(pages.map((p) => p.name)).toEqual(["serverless-monitoring-dev", "serverless-monitoring-dev-api", "serverless-monitoring-dev-business", "serverless-monitoring-dev-dynamodb", "serverless-monitoring-dev-sqs"]);
    for (const page of pages) {
      const png = PNG.sync.read(pagePng(page));
      expect({ page: page.name, width: png.width, height: png.height }).toEqual({ page: page.name, width: PAGE_WIDTH_PX, height: pageHeightPx(page) });
      const colours = new Set<number>();
      let ink = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        colours.add(png.data.readUInt32BE(i));
        if (png.data[i]! < 128 && png.data[i + 1]! < 128 && png.data[i + 2]! < 128) ink += 1;
      }
      // Text, lines and frames: many colours, and dark ink on a good share of the page.
      expect(colours.size).toBeGreaterThan(50);
      expect(ink / (png.width * png.height)).toBeGreaterThan(0.005);
    }
  });

  test.each(Object.entries(GOLDENS))("%s matches its golden image within 0.5 %% of pixels", (name, golden) => {
    const page = pages.find((p) => p.name === name)!;
    const rendered = pagePng(page);
    if (UPDATE || !existsSync(golden)) {
      if (!UPDATE) throw new Error(`no golden image at ${golden}: render it with PREVIEW_UPDATE=1 and look at it before committing`);
      mkdirSync(join(golden, ".."), { recursive: true });
      writeFileSync(golden, rendered);
    }
    const expected = PNG.sync.read(readFileSync(golden));
    const actual = PNG.sync.read(rendered);
    expect({ width: actual.width, height: actual.height }).toEqual({ width: expected.width, height: expected.height });
    expect(differingShare(actual, expected)).toBeLessThanOrEqual(0.005);
  });

  test("a changed title changes its page's pixels, beyond the tolerance's noise", () => {
    const page = pages.find((p) => p.name === "serverless-monitoring-dev-dynamodb")!;
    const changed: DashboardPage = { ...page, widgets: page.widgets.map((w) => ({ ...w, properties: { ...w.properties, title: `${String(w.properties.title ?? "")} (changed)` } })) };
    const share = differingShare(PNG.sync.read(pagePng(changed)), PNG.sync.read(pagePng(page)));
    expect(share).toBeGreaterThan(0.001);
  });

  test("references in a body read as the names the resources will have", () => {
    const api = pages.find((p) => p.name === "serverless-monitoring-dev-api")!;
    expect(api.body).not.toMatch(/\$\{aws_/);
    expect(api.body).toContain("serverless-monitoring-http-dev");
    const alarms = api.widgets.find((w) => w.type === "alarm")!.properties.alarms as string[];
    expect(alarms.every((a) => !a.startsWith("aws_cloudwatch"))).toBe(true);
  });

  test("a Markdown link shows its text, also when its URL holds parentheses", () => {
    expect(linksAsText("see [traces](https://x/?f=(service(%22a%22))) and [b](c)")).toBe("see traces and b");
  });

  test("changed pages: added, removed and changed are told apart, unchanged pages left out", () => {
    const [a, b, c] = pages;
    const changedB = { ...b!, body: `${b!.body} ` };
    const changes = changedPages([a!, b!], [changedB, c!]);
    expect(changes.map((x) => [x.name, x.change])).toEqual([
      [a!.name, "removed"],
      [b!.name, "changed"],
      [c!.name, "added"],
    ].sort((x, y) => x[0]!.localeCompare(y[0]!)));
    expect(changesMarkdown("monitoring-dev", changes)).toContain(`\`${b!.name}\`: changed (\`${b!.name}.before.png\`, \`${b!.name}.after.png\`)`);
    expect(changesMarkdown("monitoring-dev", [])).toContain("no page changed");
  });
});

describe("npm run preview", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "preview-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("renders every page of a stack folder, one PNG a page", () => {
    const stackDir = join(work, "stack");
    mkdirSync(stackDir);
    writeFileSync(join(stackDir, "cdk.tf.json"), JSON.stringify(dev));
    const out = join(work, "all");
    const run = runEntry("tools/preview/cli.ts", ["--stack", stackDir, "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(pages.map((p) => `${p.name}.png`).sort());
  });

  test("bad arguments: one line, exit 1", () => {
    for (const args of [[], ["--stack", join(work, "missing")], ["--stack", "x", "--stack", "y"], ["--bogus"]]) {
      const run = runEntry("tools/preview/cli.ts", args);
      expect({ args, status: run.status, lines: run.stderr.trim().split("\n").length >= 1, trace: /\n\s+at /.test(run.stderr) }).toEqual({ args, status: 1, lines: true, trace: false });
      expect(run.stderr.trim().startsWith("preview: ")).toBe(true);
    }
  });

  test(
    "--base renders the pages a change touches, before and after, and lists them for the pull-request comment",
    () => {
      // The change under review: one title on the DynamoDB page, compared with this checkout's committed HEAD.
      const stackDir = join(work, "monitoring-dev");
      mkdirSync(stackDir);
      const edited = JSON.parse(JSON.stringify(dev)) as StackJson;
      const dashboards = edited.resource!.aws_cloudwatch_dashboard!;
      const key = Object.keys(dashboards).find((k) => dashboards[k]!.dashboard_name === "serverless-monitoring-dev-dynamodb")!;
      dashboards[key]!.dashboard_body = String(dashboards[key]!.dashboard_body).replace('"title":"error-logs-dev: throttle events"', '"title":"error-logs-dev: throttles (edited)"');
      writeFileSync(join(stackDir, "cdk.tf.json"), JSON.stringify(edited));
      const out = join(work, "changed");
      const run = runEntry("tools/preview/cli.ts", ["--stack", stackDir, "--out", out, "--base", "HEAD"], { cwd: PROJECT_ROOT });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const summary = readFileSync(join(out, "changed-pages.md"), "utf8");
      expect(summary).toContain("`serverless-monitoring-dev-dynamodb`: changed");
      expect(readdirSync(out)).toEqual(expect.arrayContaining(["serverless-monitoring-dev-dynamodb.before.png", "serverless-monitoring-dev-dynamodb.after.png"]));
    },
    300_000,
  );
});
