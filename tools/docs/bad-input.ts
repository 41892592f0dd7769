/**
 * The "What bad input produces" example of docs/limits.md, produced by one
 * real parse: dev's configuration with three mistakes, checked as `npm run synth`
 * checks it (parseEnvironment, with a fixed date for the rules that have one).
 */
import { environmentInput, parseEnvironment } from "../../environments";
import { ValidationError } from "@serverless-monitoring/constructs";

export const EXAMPLE_DATE = "2026-12-07";

export function badInputExample(): string {
  type Mutable = { functions: { memoryMiB: number }[]; budgets: Record<string, unknown>; region: string; regoin?: string };
  const input = structuredClone(environmentInput("dev")) as unknown as Mutable;
  input.functions[0]!.memoryMiB = 64;
  input.budgets = { ...input.budgets, monthlyLimitUsd: Number.NaN };
  input.regoin = input.region;
  try {
    parseEnvironment("dev", input, EXAMPLE_DATE);
  } catch (error) {
    if (error instanceof ValidationError) return `\`\`\`\n$ npm run synth\n${error.message}\n\`\`\`\n`;
    throw error;
  }
  throw new Error("the bad-input example parsed without an error: give it mistakes the schema refuses");
}
