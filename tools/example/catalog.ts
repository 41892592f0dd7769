/**
 * The examples `npm run example` synthesizes: each name is a file in
 * examples/, with the stacks it defines, each made by a function of the app
 * and the stack's id (an example's stack may take more than the two). Listed here (rather than
 * loaded by path) so the runner starts compiled like every tool; a test checks
 * that every example file is either listed or a handler.
 */
import type { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { OrderWorkflowMonitoring } from "../../examples/custom-segment";
import { EstateMonitoring } from "../../examples/monitor-an-estate";
import { CheckoutMonitoring } from "../../examples/monitor-existing-functions";
import { ESTATE_ENVIRONMENTS, PlatformEstate } from "../../examples/platform-estate";

export type StackFactory = (scope: Construct, id: string) => TerraformStack;

export interface Example {
  readonly about: string;
  readonly stacks: Readonly<Record<string, StackFactory>>;
}

export const EXAMPLES: Readonly<Record<string, Example>> = {
  "monitor-existing-functions": { about: "two functions deployed elsewhere: topics, alarms, a health alarm, a dashboard", stacks: { "checkout-monitoring": (app, id) => new CheckoutMonitoring(app, id) } },
  "monitor-an-estate": { about: "30 functions, APIs, tables and queues of an estate, on the team's existing topics", stacks: { "estate-monitoring": (app, id) => new EstateMonitoring(app, id) } },
  "custom-segment": { about: "a segment of your own (a Step Functions state machine) with the library's helpers", stacks: { "order-workflow": (app, id) => new OrderWorkflowMonitoring(app, id) } },
  "platform-estate": {
    about: "a platform team's estate: twelve functions, an alias, REST and HTTP APIs, three tables, two queues with DLQs; prod pages, staging does not",
    stacks: Object.fromEntries(ESTATE_ENVIRONMENTS.map((env) => [`platform-estate-${env.name}`, (app: Construct, id: string) => new PlatformEstate(app, id, env)])),
  },
};

/** Example files that are handlers, not stacks: bundled and run by tests, nothing to synthesize. */
export const HANDLER_EXAMPLES: readonly string[] = ["instrumented-handler"];
