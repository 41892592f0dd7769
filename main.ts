/**
 * The app: one MonitoringStack per environment, plus the stack that creates
 * their state buckets. Run by `npm run synth` and by the cdktf CLI (cdktf.json).
 */
import { App } from "cdktf";
import { ConfigurationError, loadAllEnvironments } from "./environments";
import { InvalidPropsError, TemplateError } from "./modules";
import { BUNDLE_ROOT } from "./paths";
import { MonitoringStack, readStateOverrides, StateBootstrapStack, stateLocation } from "./stacks";

export function buildApp(app: App, env: Readonly<Record<string, string | undefined>>): App {
  const overrides = readStateOverrides(env);
  const environments = loadAllEnvironments();
  for (const config of environments) {
    new MonitoringStack(app, `monitoring-${config.name}`, { config, bundleRoot: BUNDLE_ROOT, stateOverrides: overrides });
  }
  new StateBootstrapStack(app, "state-bootstrap", { locations: environments.map((config) => stateLocation(config, overrides)) });
  return app;
}

if (require.main === module) {
  try {
    buildApp(new App(), process.env).synth();
  } catch (error) {
    // A configuration mistake is the user's to fix: show the message, not a stack trace.
    if (error instanceof ConfigurationError || error instanceof InvalidPropsError || error instanceof TemplateError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
