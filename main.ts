/**
 * The app: one MonitoringStack per environment, plus the stack that creates
 * their state buckets. Run by `npm run synth` and by the cdktf CLI (cdktf.json).
 */
import { App } from "cdktf";
import { loadAllEnvironments } from "./environments";
import { ValidationError } from "@serverless-monitoring/constructs";
import { BUNDLE_ROOT } from "./paths";
import { MonitoringStack, readStateOverrides, requireOneRegionPerBucket, StateBootstrapStack, stateLocation } from "./stacks";

export function buildApp(app: App, env: Readonly<Record<string, string | undefined>>): App {
  const overrides = readStateOverrides(env);
  const environments = loadAllEnvironments();
  const locations = environments.map((config) => stateLocation(config, overrides));
  requireOneRegionPerBucket(environments.map((config, i) => ({ name: config.name, location: locations[i]! })));
  for (const config of environments) {
    new MonitoringStack(app, `monitoring-${config.name}`, { config, bundleRoot: BUNDLE_ROOT, stateOverrides: overrides });
  }
  new StateBootstrapStack(app, "state-bootstrap", { locations, apiGatewayLoggingRegions: environments.map((config) => config.region) });
  return app;
}

/** How many frames of a token's creation trace are kept: enough to find the line that made it. */
export const TOKEN_TRACE_FRAMES = 10;

/**
 * Runs `work` (a synth) with cdktf's token traces kept cheap. cdktf records
 * the full stack trace of every token it creates, 40,000 of them for a
 * 500-function estate, and formatting them (through source maps, when tsx
 * runs the app) cost more than a second. They are shown only in cdktf's
 * message about a token it cannot resolve, so inside `work` a token's trace
 * keeps its first TOKEN_TRACE_FRAMES frames, not source-mapped. A real
 * error's trace is untouched: V8 formats it when it is first read, and that
 * is after `work`, with source maps as they were, or through whatever
 * formatter was installed before (jest's).
 */
export function withCheapTokenTraces<T>(work: () => T): T {
  const previous = Error.prepareStackTrace;
  const sourceMaps = process.sourceMapsEnabled;
  Error.prepareStackTrace = cheapTokenTraces(previous);
  process.setSourceMapsEnabled(false);
  try {
    return work();
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
    Error.prepareStackTrace = previous;
  }
}

/** A stack trace formatter that shortens cdktf's token traces and leaves errors to `previous` (or V8's format). */
export function cheapTokenTraces(previous: ErrorConstructor["prepareStackTrace"]): NonNullable<ErrorConstructor["prepareStackTrace"]> {
  return (error: unknown, frames: NodeJS.CallSite[]) => {
    // cdktf captures a token's trace on a plain object; anything else is an error being read inside `work`.
    if (error instanceof Error) return previous ? previous(error, frames) : [String(error), ...frames].join("\n    at ");
    return `\n    at ${frames.slice(0, TOKEN_TRACE_FRAMES).join("\n    at ")}`;
  };
}

/** Synthesizes the app into its output directory (returned), as `cdktf synth` and `npm run synth` run it. */
export function synthApp(): string {
  try {
    return withCheapTokenTraces(() => {
      const app = buildApp(new App(), process.env);
      app.synth();
      return app.outdir;
    });
  } catch (error) {
    // A configuration mistake is the user's to fix: show the message, not a stack trace.
    if (error instanceof ValidationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

if (require.main === module) synthApp();
