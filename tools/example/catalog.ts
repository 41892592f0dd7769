/**
 * The examples `npm run example` synthesizes: each name is a file in
 * examples/, with the stacks it defines. A stack example exports its stack
 * classes, each constructed as `new Stack(app, id)`. Listed here (rather than
 * loaded by path) so the runner starts compiled like every tool; a test checks
 * that every example file is either listed or a handler.
 */
import type { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { OrderWorkflowMonitoring } from "../../examples/custom-segment";
import { EstateMonitoring } from "../../examples/monitor-an-estate";
import { CheckoutMonitoring } from "../../examples/monitor-existing-functions";

export type StackClass = new (scope: Construct, id: string) => TerraformStack;

export interface Example {
  readonly about: string;
  readonly stacks: Readonly<Record<string, StackClass>>;
}

export const EXAMPLES: Readonly<Record<string, Example>> = {
  "monitor-existing-functions": { about: "two functions deployed elsewhere: topics, alarms, a health alarm, a dashboard", stacks: { "checkout-monitoring": CheckoutMonitoring } },
  "monitor-an-estate": { about: "30 functions, APIs, tables and queues of an estate, on the team's existing topics", stacks: { "estate-monitoring": EstateMonitoring } },
  "custom-segment": { about: "a segment of your own (a Step Functions state machine) with the library's helpers", stacks: { "order-workflow": OrderWorkflowMonitoring } },
};

/** Example files that are handlers, not stacks: bundled and run by tests, nothing to synthesize. */
export const HANDLER_EXAMPLES: readonly string[] = ["instrumented-handler"];
