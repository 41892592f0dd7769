/**
 * Failure simulation for the reference workloads: latency and failures on
 * purpose, so dev and staging exercise their alarms. Part of the reference
 * application, not of the runtime package: a platform team's handlers never
 * fail on purpose.
 */
import { METRIC_NAMES } from "@serverless-monitoring/contract";
import { numberVariable, type CapturedHandler, type Env } from "@serverless-monitoring/lambda-runtime";

/** The variables the reference stack sets on every workload (0 in production). */
export const SIMULATION_ENV_VARS = {
  /** Probability (0 to 1) that an invocation fails on purpose, to exercise the alarms. */
  errorRate: "ERROR_SIMULATION_RATE",
  /** Extra latency in milliseconds added to every invocation, to exercise the latency alarms. */
  latencyMs: "SIMULATED_LATENCY_MS",
} as const;

/** Thrown on purpose at ERROR_SIMULATION_RATE. A system error like any other. */
export class SimulatedFailureError extends Error {
  constructor(rate: number) {
    super(`Simulated failure (ERROR_SIMULATION_RATE=${rate})`);
    this.name = "SimulatedFailureError";
  }
}

export interface Simulation {
  /** 0 to 1. */
  readonly errorRate: number;
  readonly latencyMs: number;
}

/** Reads the simulation at cold start; a malformed variable throws a ConfigurationError naming it. */
export function readSimulation(env: Env = process.env): Simulation {
  return {
    errorRate: numberVariable(env, SIMULATION_ENV_VARS.errorRate, 0, 0, 1),
    latencyMs: numberVariable(env, SIMULATION_ENV_VARS.latencyMs, 0, 0, 60_000),
  };
}

/**
 * Runs the handler after the configured latency, failing first at the
 * configured rate. Wrap it inside withErrorCapture, so a simulated failure is
 * captured like a real one. Off (no cost) when both are 0.
 *
 * Each simulated failure is also counted as InjectedFailures (the contract's
 * METRIC_NAMES.injectedFailures), in the invocation's own EMF line: the
 * objectives of dev and staging subtract it from Lambda's Errors and the
 * routes' 5xx, so a real failure is told apart from the simulation at any
 * traffic (docs/detection.md).
 */
export function withFailureSimulation<TEvent, TResult>(
  handler: CapturedHandler<TEvent, TResult>,
  simulation: Simulation = readSimulation(),
  random: () => number = Math.random,
): CapturedHandler<TEvent, TResult> {
  return async (event, context, tools) => {
    if (simulation.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, simulation.latencyMs));
    if (simulation.errorRate > 0 && random() < simulation.errorRate) {
      tools.addMetric(METRIC_NAMES.injectedFailures, "Count", 1);
      throw new SimulatedFailureError(simulation.errorRate);
    }
    return handler(event, context, tools);
  };
}
