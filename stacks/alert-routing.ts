/**
 * The configuration's alerting as the library's Alerting takes it: a tier
 * routed with sameAs or noChannel passes that alone (the schema's defaults
 * give every tier empty email and SMS lists, which Alerting would read as
 * channels beside the route).
 */
import { TIERS, type AlertTier, type TierChannels, type Tiered } from "@serverless-monitoring/constructs";
import type { EnvironmentConfig } from "../environments/schema";

export function alertingChannels(alerting: EnvironmentConfig["alerting"]): Tiered<TierChannels> {
  return Object.fromEntries(
    TIERS.map((tier): [AlertTier, TierChannels] => {
      const c = alerting[tier];
      if (c.sameAs !== undefined) return [tier, { sameAs: c.sameAs }];
      if (c.noChannel !== undefined) return [tier, { noChannel: true }];
      return [tier, c];
    }),
  );
}
