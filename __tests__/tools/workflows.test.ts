import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const DIR = join(__dirname, "..", "..", ".github", "workflows");
type Job = { permissions?: Record<string, string>; uses?: string; needs?: string | string[]; steps?: { uses?: string; run?: string }[]; concurrency?: { group: string; "cancel-in-progress": boolean }; environment?: string; if?: string };
type Workflow = { on: Record<string, unknown>; permissions?: unknown; jobs: Record<string, Job> };
const workflows = Object.fromEntries(readdirSync(DIR).filter((f) => f.endsWith(".yml")).map((f) => [f, parse(readFileSync(join(DIR, f), "utf8")) as Workflow]));

describe("GitHub workflows", () => {
  test.each(Object.keys(workflows))("%s grants nothing by default and each job only what it needs", (file) => {
    const wf = workflows[file]!;
    expect(wf.permissions).toEqual({});
    for (const [name, job] of Object.entries(wf.jobs)) {
      expect({ job: name, permissions: job.permissions }).toEqual({ job: name, permissions: expect.any(Object) });
      expect(Object.values(job.permissions!).every((level) => level === "read" || level === "write")).toBe(true);
      expect(job.permissions!["contents"]).toBe("read");
    }
  });

  test.each(Object.keys(workflows))("%s pins every action by version", (file) => {
    for (const job of Object.values(workflows[file]!.jobs)) {
      for (const step of job.steps ?? []) if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
    }
  });

  test.each(Object.keys(workflows))("%s runs only files and npm scripts the repository has", (file) => {
    const project = join(DIR, "..", "..");
    const scripts = (JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const runs = Object.values(workflows[file]!.jobs).flatMap((job) => (job.steps ?? []).map((step) => step.run ?? ""));
    // A script moved in the repository must not leave a workflow calling its old path: it fails only in CI, on main.
    const paths = runs.flatMap((run) => [...run.matchAll(/(?:^|\s)((?:[\w.-]+\/)+[\w.-]+\.(?:c?js|ts|sh))(?=\s|$)/gm)].map((m) => m[1]!));
    expect(paths.filter((path) => !existsSync(join(project, path)))).toEqual([]);
    const npmScripts = runs.flatMap((run) => [...run.matchAll(/npm run (?:(?:-s|--silent) )*([\w:.-]+)/g)].map((m) => m[1]!));
    expect(npmScripts.filter((name) => !(name in scripts))).toEqual([]);
  });

  test("deploy runs dev, then staging, then production, each as a GitHub environment that never overlaps itself", () => {
    const deploy = workflows["deploy.yml"]!;
    expect(deploy.on).toHaveProperty("push", { branches: ["main"] });
    expect([deploy.jobs.dev!.needs, deploy.jobs.staging!.needs, deploy.jobs.production!.needs]).toEqual(["test", "dev", "staging"]);
    const job = workflows["deploy-environment.yml"]!.jobs.deploy!;
    expect(job.environment).toBe("${{ inputs.environment }}");
    expect(job.concurrency).toEqual({ group: "deploy-${{ inputs.environment }}", "cancel-in-progress": false });
    expect(job.steps!.map((s) => s.run ?? "").join("\n")).toContain("terraform apply -input=false plan.tfplan");
  });

  test("pull requests plan every environment and comment; drift plans with -detailed-exitcode and without locking", () => {
    const plan = workflows["pr-plan.yml"]!.jobs.plan!;
    expect(plan.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
    // The dashboard pages a pull request changes are rendered before and after, uploaded, and listed in the comment.
    const planRuns = plan.steps!.map((s) => s.run ?? "").join("\n");
    expect(planRuns).toContain('npm run --silent preview -- --stack "$STACK" --base "$BASE_REF"');
    expect(planRuns).toContain("cat dashboard-previews/changed-pages.md >> summary.md");
    expect(plan.steps!.some((s) => (s as { uses?: string }).uses === "actions/upload-artifact@v4")).toBe(true);
    const drift = workflows["drift.yml"]!;
    expect(Object.keys(drift.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    const runs = drift.jobs.drift!.steps!.map((s) => s.run ?? "").join("\n");
    expect(runs).toContain("terraform plan -input=false -lock=false -detailed-exitcode");
    expect(runs).toContain("npm run --silent drift -- --env");
    expect(drift.jobs.drift!.permissions).toEqual({ contents: "read", "id-token": "write", issues: "write" });
  });

  test("deploy-stacks runs the estate's stacks as a matrix, one job per stack, a concurrency group per state, the stacks others read from first", () => {
    type MatrixJob = Job & { strategy?: { "fail-fast": boolean; "max-parallel": number; matrix: string }; with?: Record<string, string> };
    const jobs = workflows["deploy-stacks.yml"]!.jobs as Record<string, MatrixJob>;
    expect(jobs.matrix!.steps!.map((s) => s.run ?? "").join("\n")).toContain("scripts/stack-matrix.ts cdktf.out");
    for (const wave of ["first", "second"]) {
      const job = jobs[wave]!;
      expect(job.uses).toBe("./.github/workflows/deploy-stack.yml");
      expect(job.with).toEqual({ stack: "${{ matrix.stack }}" });
      expect(job.strategy).toEqual({ "fail-fast": false, "max-parallel": 4, matrix: `\${{ fromJSON(needs.matrix.outputs.${wave}) }}` });
    }
    expect(jobs.second!.needs).toEqual(["matrix", "first"]);
    const deploy = workflows["deploy-stack.yml"]!.jobs.deploy!;
    expect(deploy.concurrency).toEqual({ group: "state-${{ inputs.stack }}", "cancel-in-progress": false });
    const runs = deploy.steps!.map((s) => s.run ?? "").join("\n");
    expect(runs).toContain("terraform plan -input=false -out=plan.tfplan");
    expect(runs).toContain("terraform apply -input=false plan.tfplan");
  });

  test("release publishes on a version tag, after the tests, the tarballs npm run release:pack wrote, with provenance", () => {
    const release = workflows["release.yml"]!;
    expect(release.on).toEqual({ push: { tags: ["v*"] } });
    const job = release.jobs.publish!;
    expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
    const runs = job.steps!.map((s) => s.run ?? "");
    const at = (command: string) => runs.findIndex((run) => run.includes(command));
    for (const command of ["npm ci", "npm test", "npm run build:packages", "npm run release:pack", "npm publish"]) expect({ command, found: at(command) >= 0 }).toEqual({ command, found: true });
    const order = ["npm ci", "npm test", "npm run build:packages", "npm run release:pack", "npm publish"].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(runs[at("npm publish")]).toContain("--provenance --access public");
    expect(runs[at("npm publish")]).toContain("dist/release/");
  });
});
