/**
 * plan-summary's tests keep one real plan of our own dev stack, produced by
 * the end-to-end suite against moto. Regenerate it with:
 *
 *   UPDATE_PLAN_FIXTURE=1 npm run test:e2e
 *
 * Only what plan-summary reads is kept (addresses, types, actions), so the
 * fixture holds no machine paths and changes only when the stack's resources do.
 */
import { join } from "node:path";

interface RawPlan {
  readonly format_version: string;
  readonly terraform_version: string;
  readonly resource_changes?: readonly { readonly address: string; readonly mode: string; readonly type: string; readonly name: string; readonly change: { readonly actions: readonly string[] } }[];
}

export function realPlanFixturePath(): string {
  return join(__dirname, "..", "..", "__tests__", "tools", "fixtures", "plan-real-dev.json");
}

export function trimPlanForFixture(plan: RawPlan): RawPlan {
  return {
    format_version: plan.format_version,
    terraform_version: plan.terraform_version,
    resource_changes: (plan.resource_changes ?? []).map((c) => ({ address: c.address, mode: c.mode, type: c.type, name: c.name, change: { actions: c.change.actions } })),
  };
}
