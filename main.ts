/**
 * The app: one MonitoringStack per environment x account x region of the
 * estate (environments/estate.ts), the monitoring account's stack where the
 * estate names one, plus the stack that creates their state buckets.
 * Run by `npm run synth` and by the cdktf CLI (cdktf.json).
 */
import { App } from "cdktf";
import { loadEstate, ESTATE } from "./environments";
import { BUNDLE_ROOT } from "./paths";
import { reportValidationError, ValidationError, withFastResolve, withTokenTracesOnFailure } from "@serverless-monitoring/constructs";
import { addSplitStacks, MONITORING_ACCOUNT_STACK, MonitoringAccountStack, MonitoringStack, readStateOverrides, requireOneRegionPerBucket, StateBootstrapStack, stateLocation } from "./stacks";

export function buildApp(app: App, env: Readonly<Record<string, string | undefined>>, estateInput: unknown = ESTATE): App {
  const overrides = readStateOverrides(env);
  const estate = loadEstate(estateInput);
  // One state bucket per environment, in the environment's own region, whatever regions its stacks deploy to.
  const byEnvironment = new Map(estate.targets.map((t) => [t.environment, t]));
  const locations = [...byEnvironment.values()].map((t) => stateLocation({ ...t.config, region: t.stateRegion }, overrides));
  requireOneRegionPerBucket([...byEnvironment.keys()].map((name, i) => ({ name, location: locations[i]! })));
  const linked = estate.monitoringAccount !== undefined;
  // A split target pages from each of its stacks: the estate-health view shows them all.
  const pages = new Map<string, string[]>();
  for (const target of estate.targets) {
    // The reference stacks (no accounts listed) keep their placement-free output byte for byte.
    const placed = target.stackId !== `monitoring-${target.environment}` || target.roleArn !== undefined || target.alarmLabel !== undefined || linked;
    const placement = { statePath: target.statePath, stateRegion: target.stateRegion, ...(target.roleArn ? { roleArn: target.roleArn } : {}), ...(target.alarmLabel ? { alarmLabel: target.alarmLabel } : {}) };
    if (target.split) {
      const stacks = addSplitStacks(app, { ...target, split: target.split }, { bundleRoot: BUNDLE_ROOT, placement, stateOverrides: overrides, observabilityLink: linked });
      pages.set(target.stackId, stacks.flatMap((s) => (s.pageAlarmName ? [s.pageAlarmName] : [])));
      continue;
    }
    new MonitoringStack(app, target.stackId, {
      config: target.config,
      bundleRoot: BUNDLE_ROOT,
      stateOverrides: overrides,
      ...(placed ? { placement } : {}),
      ...(linked ? { observabilityLink: true } : {}),
    });
  }
  if (estate.monitoringAccount) {
    new MonitoringAccountStack(app, MONITORING_ACCOUNT_STACK, { monitoringAccount: estate.monitoringAccount, targets: estate.targets, state: locations[0]!, pages });
  }
  new StateBootstrapStack(app, "state-bootstrap", { locations, apiGatewayLoggingRegions: [...new Set(estate.targets.map((t) => t.region))] });
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
