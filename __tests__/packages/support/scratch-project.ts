/**
 * A platform team's project, outside the repository: it installs the packed
 * tarballs and their peers offline, from the npm cache `npm ci` filled.
 *
 * Offline resolution by version needs registry metadata the cache does not
 * hold after `npm ci`, so the project gets a lockfile: the tarballs, plus the
 * repository lockfile's entries for every package they and the tools reach
 * (same versions, same integrity). `npm ci --offline` then installs from the
 * cache alone.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "../../../paths";
import { PACKAGE_FOLDERS } from "../../../scripts/workspaces";


export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  readonly tarball: string;
  readonly files: number;
  readonly packedBytes: number;
  readonly unpackedBytes: number;
}

interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { readonly optional?: boolean }>;
  readonly link?: boolean;
  readonly [key: string]: unknown;
}

const npm = (args: readonly string[], cwd: string): string =>
  execFileSync("npm", [...args], { cwd, encoding: "utf8", env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" }, stdio: ["ignore", "pipe", "pipe"] });

/** Builds the packages (`npm run build:packages`) and packs each into `destination`. */
export function buildAndPack(destination: string): PackedPackage[] {
  mkdirSync(destination, { recursive: true });
  npm(["run", "--silent", "build:packages"], PROJECT_ROOT);
  return PACKAGE_FOLDERS.map((folder) => {
    const [packed] = JSON.parse(npm(["pack", "--json", `--workspace=${folder}`, `--pack-destination=${destination}`], PROJECT_ROOT)) as {
      name: string;
      version: string;
      filename: string;
      entryCount: number;
      size: number;
      unpackedSize: number;
    }[];
    return { name: packed!.name, version: packed!.version, tarball: join(destination, packed!.filename), files: packed!.entryCount, packedBytes: packed!.size, unpackedBytes: packed!.unpackedSize };
  });
}

/**
 * Writes package.json and package-lock.json of a project at `dir` that
 * depends on the tarballs and on `registryPackages` at the versions of the
 * repository's lockfile.
 */
export function writeScratchProject(dir: string, tarballs: readonly PackedPackage[], registryPackages: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const repository = lock.packages;
  const entries: Record<string, LockEntry> = {};
  const dependencies: Record<string, string> = {};

  for (const packed of tarballs) {
    const spec = `file:${relative(dir, packed.tarball)}`;
    dependencies[packed.name] = spec;
    const workspace = Object.values(repository).find((entry) => entry["name"] === packed.name && !entry.link);
    if (!workspace) throw new Error(`${packed.name} is not a workspace of package-lock.json`);
    // A tarball's entry: its version and dependencies as the workspace declares them, and where it comes from.
    const manifest = Object.fromEntries(Object.entries(workspace).filter(([key]) => ["version", "dependencies", "peerDependencies", "peerDependenciesMeta"].includes(key)));
    entries[`node_modules/${packed.name}`] = { ...manifest, resolved: spec, integrity: `sha512-${createHash("sha512").update(readFileSync(packed.tarball)).digest("base64")}` };
  }
  for (const name of registryPackages) {
    const entry = repository[`node_modules/${name}`];
    if (!entry?.version) throw new Error(`${name} is not in package-lock.json`);
    dependencies[name] = entry.version;
  }

  // Everything reachable from those, resolved as Node does: nested first, then up to the top.
  const pending = Object.keys(entries).concat(registryPackages.map((name) => `node_modules/${name}`));
  const reachable = new Set<string>();
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (reachable.has(path)) continue;
    reachable.add(path);
    const entry = entries[path] ?? repository[path]!;
    const wanted = { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies };
    for (const dependency of Object.keys(wanted)) {
      const optionalPeer = entry.peerDependenciesMeta?.[dependency]?.optional === true;
      const found = locate(path, dependency, (candidate) => candidate in entries || candidate in repository);
      if (found) pending.push(found);
      else if (!optionalPeer && !(dependency in (entry.optionalDependencies ?? {}))) throw new Error(`${path} needs ${dependency}, which package-lock.json does not hold`);
    }
  }
  const packages: Record<string, LockEntry> = { "": { name: "scratch-consumer", version: "1.0.0", dependencies } };
  for (const path of [...reachable].sort()) packages[path] = entries[path] ?? withTarballUrl(path, repository[path]!);

  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "scratch-consumer", version: "1.0.0", private: true, dependencies }, null, 2)}\n`);
  writeFileSync(join(dir, "package-lock.json"), `${JSON.stringify({ name: "scratch-consumer", version: "1.0.0", lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}

/** `npm ci --offline`; returns the seconds it took. */
export function installOffline(dir: string): number {
  const started = performance.now();
  npm(["ci", "--offline", "--no-audit", "--no-fund"], dir);
  return (performance.now() - started) / 1000;
}

/**
 * The lockfile may leave out registry URLs (npm's omit-lockfile-registry-resolved);
 * without one npm asks the registry for the package's metadata, which an
 * offline install cannot. The tarball's URL, which the cache holds, is derived
 * from the name and version as the registry lays them out.
 */
let registry: string | undefined;

function withTarballUrl(path: string, entry: LockEntry): LockEntry {
  if (entry.resolved) return entry;
  const name = String(entry["name"] ?? path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length));
  registry ??= npm(["config", "get", "registry"], PROJECT_ROOT).trim().replace(/\/?$/, "/");
  return { ...entry, resolved: `${registry}${name}/-/${name.slice(name.lastIndexOf("/") + 1)}-${entry.version}.tgz` };
}

function locate(from: string, dependency: string, exists: (path: string) => boolean): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base}/node_modules/${dependency}`;
    if (exists(candidate)) return candidate;
    const cut = base.lastIndexOf("/node_modules/");
    if (cut < 0) break;
    base = base.slice(0, cut);
  }
  const top = `node_modules/${dependency}`;
  return exists(top) ? top : undefined;
}
