/**
 * The one registry of alert tiers. The configuration schema, the topics, the
 * alarm factory, dashboard colours and ordering all derive from it: adding a
 * tier is one entry here.
 */
export const ALERT_TIERS = {
  critical: {
    /** What the tier asks of whoever receives it. */
    respond: "within 5 minutes: paged",
    /** Topic names are `<prefix>-<topicSuffix>-<environment>`. */
    topicSuffix: "alerts",
    color: "#d62728",
    /** Notify when the alarm returns to OK, so the pager knows the incident is over. */
    notifyOnOk: true,
  },
  warning: {
    respond: "within 15 minutes: chat and email",
    topicSuffix: "warnings",
    color: "#ff7f0e",
    notifyOnOk: true,
  },
  business: {
    respond: "within the hour: email and dashboard",
    topicSuffix: "business",
    color: "#1f77b4",
    // A KPI recovering is visible on the business dashboard; an email for it is noise.
    notifyOnOk: false,
  },
} as const;

/** A tier of alerts: `critical` (pages), `warning` (the team's chat and email) or `business` (product owners). */
export type AlertTier = keyof typeof ALERT_TIERS;

/** The tiers, most urgent first: the order of alarm widgets, schema fields and topics. */
export const TIERS = Object.keys(ALERT_TIERS) as AlertTier[];

/** A tier of the registry (own properties only: `constructor` is no tier). */
export function isAlertTier(value: string): value is AlertTier {
  return Object.hasOwn(ALERT_TIERS, value);
}

/** One value per tier, each optional. */
export type Tiered<T> = { readonly [K in AlertTier]?: T };
