/**
 * The real `terraform` binary, pointed at a filesystem mirror of providers so
 * `terraform init` never needs the registry.
 *
 * The mirror directory comes from TF_PROVIDER_MIRROR: a directory holding
 * `registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/`. Where it is
 * unset, Terraform's own implied mirror directories and /opt/tf-plugins are
 * tried. To find one on a machine:
 *
 *   find / -type d -path '*registry.terraform.io/hashicorp/aws' 2>/dev/null
 *
 * and set TF_PROVIDER_MIRROR to the directory above `registry.terraform.io`.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const MIRROR_VARIABLE = "TF_PROVIDER_MIRROR";

const IMPLIED_MIRRORS = [join(homedir(), ".terraform.d", "plugins"), join(homedir(), ".local", "share", "terraform", "plugins"), "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins", "/opt/tf-plugins"];

export interface ProviderMirror {
  readonly directory: string;
  /** The newest AWS provider version the mirror holds. */
  readonly awsVersion: string;
}

/** The mirror to use, or why there is none. */
export function findProviderMirror(env: Readonly<Record<string, string | undefined>> = process.env): ProviderMirror | { readonly missing: string } {
  const configured = env[MIRROR_VARIABLE];
  const candidates = configured ? [configured] : IMPLIED_MIRRORS;
  for (const directory of candidates) {
    const awsDir = join(directory, "registry.terraform.io", "hashicorp", "aws");
    if (!existsSync(awsDir)) continue;
    const versions = readdirSync(awsDir).filter((v) => /^\d+\.\d+\.\d+$/.test(v)).sort(compareVersions);
    if (versions.length > 0) return { directory, awsVersion: versions[versions.length - 1]! };
  }
  return {
    missing: configured
      ? `${MIRROR_VARIABLE}=${configured} holds no registry.terraform.io/hashicorp/aws/<version>`
      : `no AWS provider mirror found (set ${MIRROR_VARIABLE}; find one with: find / -type d -path '*registry.terraform.io/hashicorp/aws')`,
  };
}

function compareVersions(a: string, b: string): number {
  const [pa, pb] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) if (pa![i] !== pb![i]) return pa![i]! - pb![i]!;
  return 0;
}

/** Why `terraform` cannot run here, or undefined when it can. */
export function missingTerraform(): string | undefined {
  const result = spawnSync("terraform", ["version"], { encoding: "utf8" });
  return result.status === 0 ? undefined : "no terraform binary on PATH";
}

/** A CLI configuration that installs providers from the mirror only. */
export function writeCliConfig(path: string, mirror: ProviderMirror): string {
  writeFileSync(
    path,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror.directory)}\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`,
  );
  return path;
}

export interface TerraformResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface TerraformRunner {
  run(args: readonly string[], options?: { readonly timeoutMs?: number }): Promise<TerraformResult>;
}

/** Runs terraform in `workDir` with the mirror's CLI config, no colour, no prompts, no telemetry. */
export function terraformIn(workDir: string, cliConfigFile: string, extraEnv: Readonly<Record<string, string>> = {}): TerraformRunner {
  const env = { ...process.env, ...extraEnv, TF_CLI_CONFIG_FILE: cliConfigFile, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
  return {
    run: (args, options = {}) =>
      new Promise((resolve, reject) => {
        const child = spawn("terraform", [...args], { cwd: workDir, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        const timeoutMs = options.timeoutMs ?? 300_000;
        const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
        child.on("error", reject);
        child.on("close", (code, signal) => {
          clearTimeout(timer);
          if (signal) stderr += `\nterraform ${args[0]} stopped by ${signal} after ${timeoutMs} ms`;
          resolve({ status: code ?? 1, stdout, stderr });
        });
      }),
  };
}
