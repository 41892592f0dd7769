/**
 * The app: one MonitoringStack per environment, plus the stack that creates
 * their state buckets. Run by `npm run synth` and by the cdktf CLI (cdktf.json).
 */
import { App } from "cdktf";
import { loadAllEnvironments } from "./environments";
import { ValidationError } from "@serverless-monitoring/constructs";
import { BUNDLE_ROOT } from "./paths";
import { withFastResolve } from "./fast-resolve";
import { withTokenTracesOnFailure } from "./token-traces";
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

/** Synthesizes the app into its output directory (returned), as `cdktf synth` and `npm run synth` run it. */
export function synthApp(): string {
  try {
    return withTokenTracesOnFailure(
      () => {
        const app = buildApp(new App(), process.env);
        withFastResolve(() => app.synth());
        return app.outdir;
      },
      // A configuration mistake names the field and the value; no token is involved.
      (error) => error instanceof ValidationError,
    );
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
