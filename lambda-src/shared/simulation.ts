import { SimulatedFailureError } from "./errors";

export interface Simulation {
  /** 0 to 1. */
  readonly errorRate: number;
  readonly latencyMs: number;
  /** @default Math.random */
  readonly random?: () => number;
}

/** Adds the configured latency, then fails at the configured rate. Off (no cost) when both are 0. */
export async function simulate(simulation: Simulation): Promise<void> {
  if (simulation.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, simulation.latencyMs));
  if (simulation.errorRate > 0 && (simulation.random ?? Math.random)() < simulation.errorRate) {
    throw new SimulatedFailureError(simulation.errorRate);
  }
}
