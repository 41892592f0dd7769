/**
 * The stacks as another git ref synthesizes them, for before/after previews:
 * the ref's files are extracted into a temporary folder (`git archive`), given
 * this checkout's installed packages except the project's own workspace
 * packages, which point at the ref's sources, and synthesized there with the
 * ref's own app. Packages installed here stand in for the ref's lockfile: a
 * ref that changed a dependency previews with today's version of it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../paths";
import { ToolError } from "../common/cli";
import type { StackJson } from "../common/synthesized-stack";

const WORKSPACE_SCOPE = "@serverless-monitoring";

/** Synthesizes `ref` and returns the named stack, or undefined when the ref has no such stack. */
export function synthesizeAtRef(ref: string, stack: string): StackJson | undefined {
  const root = mkdtempSync(join(tmpdir(), "preview-base-"));
  try {
    const archive = spawnSync("git", ["archive", "--format=tar", ref], { cwd: PROJECT_ROOT, maxBuffer: 512 * 1024 * 1024 });
    if (archive.status !== 0) throw new ToolError(`cannot read git ref "${ref}": ${archive.stderr.toString().trim().split("\n")[0]}`);
    const extract = spawnSync("tar", ["-x", "-C", root], { input: archive.stdout });
    if (extract.status !== 0) throw new ToolError(`cannot extract git ref "${ref}": ${extract.stderr.toString().trim()}`);
    linkInstalledPackages(root);
    // The compiled start moved into the package (modules/synth-speed); a ref from before the move has it in scripts/.
    const starter = [join(root, "modules", "synth-speed", "run-compiled.cjs"), join(root, "scripts", "run-compiled.cjs")].find((file) => existsSync(file));
    if (starter === undefined) throw new ToolError(`git ref "${ref}" has no run-compiled.cjs to synthesize with.`);
    const synth = spawnSync(process.execPath, [starter, join(root, "scripts", "app.ts")], {
      cwd: root,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: join(root, "cdktf.out") },
      encoding: "utf8",
    });
    if (synth.status !== 0) throw new ToolError(`synthesizing git ref "${ref}" failed: ${(synth.stderr || synth.stdout).trim().split("\n").slice(-3).join(" ")}`);
    const path = join(root, "cdktf.out", "stacks", stack, "cdk.tf.json");
    return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as StackJson) : undefined;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** node_modules for the extracted ref: links to this checkout's packages, and the workspace packages at the ref's sources. */
function linkInstalledPackages(root: string): void {
  const installed = join(PROJECT_ROOT, "node_modules");
  const target = join(root, "node_modules");
  mkdirSync(target);
  for (const entry of readdirSync(installed)) {
    if (entry !== WORKSPACE_SCOPE) symlinkSync(join(installed, entry), join(target, entry));
  }
  mkdirSync(join(target, WORKSPACE_SCOPE));
  const workspaces = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { workspaces?: string[] }).workspaces ?? [];
  for (const folder of workspaces) {
    const manifest = join(root, folder, "package.json");
    if (!existsSync(manifest)) continue;
    const name = (JSON.parse(readFileSync(manifest, "utf8")) as { name: string }).name;
    if (name.startsWith(`${WORKSPACE_SCOPE}/`)) symlinkSync(join(root, folder), join(target, name));
  }
}
