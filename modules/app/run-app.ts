/**
 * The entry helper for an app that uses the library: build, synthesize, and
 * report a configuration mistake as one message, without a stack trace.
 */
import { Annotations, App, TerraformStack, type AppConfig } from "cdktf";
import { ValidationError } from "../common/errors";
import { withFastResolve } from "../synth-speed/fast-resolve";
import { withTokenTracesOnFailure } from "../synth-speed/token-traces";

/** The stack that carries the message to the cdktf CLI; its name shows in the CLI's line (`ERROR [invalid-configuration]: ...`). */
const REPORT_STACK = "invalid-configuration";

/** How {@link runApp} synthesizes. */
export interface RunAppOptions {
  /**
   * Synthesizes faster, to the same bytes: cdktf's resolve walks only the
   * values that may hold a token (withFastResolve), and no token's creation
   * trace is recorded (withTokenTracesOnFailure). Should the synth fail,
   * `build` runs again with the traces, so that cdktf's message names the
   * line that made a token it cannot resolve: `build` must make the same
   * stacks each time it is called, as a deterministic synth does.
   *
   * For the rest of the speed-up (the app started compiled, the JSON written
   * faster), start the app with the package's `synth-speed/run-compiled.cjs`:
   * see docs/performance.md.
   * @default false
   */
  readonly fastSynth?: boolean;
}

/**
 * Builds an App, lets `build` add the stacks, and synthesizes it. A
 * {@link ValidationError} (InvalidPropsError included), from `build` or from
 * the synth, is reported by {@link reportValidationError}: its message once,
 * no stack trace, a failed run. Any other error is a bug and propagates
 * unchanged, stack trace and all.
 *
 * @example
 * ```ts
 * runApp((app) => {
 *   const stack = new TerraformStack(app, "monitoring");
 *   new ServerlessMonitoring(stack, "monitoring", props);
 * });
 * ```
 */
export function runApp(build: (app: App) => void, config: AppConfig = {}, options: RunAppOptions = {}): void {
  const synthesize = (): void => {
    const app = new App(config);
    build(app);
    if (options.fastSynth) withFastResolve(() => app.synth());
    else app.synth();
  };
  try {
    // A configuration mistake names its field and value: no token trace can help it, so it is not run again.
    if (options.fastSynth) withTokenTracesOnFailure(synthesize, (error) => error instanceof ValidationError);
    else synthesize();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    reportValidationError(error, config);
  }
}

/**
 * Reports a configuration mistake once, and makes the run fail:
 *
 * - run by the cdktf CLI (`cdktf synth`, `diff`, `deploy`), the message goes
 *   to the CLI as an error annotation, which the CLI prints once and fails
 *   on. The CLI prints whatever the app writes to stderr twice (live, then
 *   again in its summary of a failed app), so nothing is written there;
 * - run any other way (`node main.js`, ts-node, tsx), the message goes to
 *   stderr and the process's exit code is set to 1.
 *
 * For apps that synthesize their own way; {@link runApp} calls it.
 */
export function reportValidationError(error: ValidationError, config: AppConfig = {}): void {
  // The CLI sets both for the app it runs; a plain run sets neither. The entry helper is the one place in the
  // library that reads the process environment: how the app was started, as cdktf's own App reads CDKTF_OUTDIR.
  // eslint-disable-next-line no-restricted-properties
  if (process.env["CDKTF_OUTDIR"] && process.env["CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS"]) {
    // A fresh app: the one that failed is half built. No stack traces: the annotation carries the message alone.
    const app = new App({ ...config, stackTraces: false });
    Annotations.of(new TerraformStack(app, REPORT_STACK)).addError(error.message);
    app.synth();
    return;
  }
  console.error(error.message);
  process.exitCode = 1;
}
