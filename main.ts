/**
 * The app: one MonitoringStack per environment, plus the stack that creates
 * their state buckets. Run by `npm run synth` and by the cdktf CLI (cdktf.json).
 */
import { App } from "cdktf";
import { loadAllEnvironments } from "./environments";
import { BUNDLE_ROOT } from "./paths";
import { reportValidationError, ValidationError, withFastResolve, withTokenTracesOnFailure } from "@serverless-monitoring/constructs";
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
    // A configuration mistake is the user's to fix: the message once, not a stack trace, as the library's runApp
    // reports it (to the cdktf CLI as an error annotation, else on stderr with exit code 1).
    if (error instanceof ValidationError) {
      reportValidationError(error);
      process.exit();
    }
    throw error;
  }
}

if (require.main === module) synthApp();
