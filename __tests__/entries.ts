/**
 * The project's entry points run as npm's scripts run them. Apart from
 * helpers.ts, which loads the stacks, so tests of the tools stay light.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions, type SpawnSyncOptions, type SpawnSyncReturns } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths";

/** The command line of a TypeScript entry point as npm's scripts run it: compiled once (modules/synth-speed/run-compiled.cjs), then plain node. */
export function compiledCommand(entry: string, args: readonly string[] = []): string[] {
  return [join(PROJECT_ROOT, "modules", "synth-speed", "run-compiled.cjs"), join(PROJECT_ROOT, entry), ...args];
}

/** Runs a project entry point (e.g. "tools/drift/cli.ts") to completion, as `npm run <script>` does. */
export function runEntry(entry: string, args: readonly string[], options: SpawnSyncOptions = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, compiledCommand(entry, args), { encoding: "utf8", ...options }) as SpawnSyncReturns<string>;
}

/** Starts a project entry point without waiting, for tests that serve it requests meanwhile. */
export function startEntry(entry: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, compiledCommand(entry, args), options);
}
