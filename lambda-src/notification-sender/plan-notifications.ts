import * as z from "zod/mini";
import { parseInput } from "@serverless-monitoring/lambda-runtime";

export const CHANNELS = ["email", "sms", "push"] as const;
export type Channel = (typeof CHANNELS)[number];

const hour = z.int().check(z.minimum(0), z.maximum(23));

export const notificationEventSchema = z.strictObject({
  notificationId: z.string().check(z.minLength(1), z.maxLength(64)),
  template: z.string().check(z.minLength(1), z.maxLength(128)),
  priority: z.enum(["low", "normal", "high"]),
  channels: z.array(z.enum(CHANNELS)).check(z.minLength(1, { error: "name at least one channel" })),
  recipients: z
    .array(
      z.strictObject({
        userId: z.string().check(z.minLength(1)),
        email: z.optional(z.email()),
        phone: z.optional(z.string().check(z.regex(/^\+[1-9]\d{7,14}$/, { error: "must be E.164, such as +4930123456" }))),
        pushToken: z.optional(z.string().check(z.minLength(1))),
        optedOut: z._default(z.array(z.enum(CHANNELS)), []),
        /** Hours (UTC, 0-23) in which only high-priority messages interrupt: start inclusive, end exclusive, may wrap midnight. */
        quietHoursUtc: z.optional(z.strictObject({ start: hour, end: hour })),
      }),
    )
    .check(z.minLength(1, { error: "name at least one recipient" }), z.maxLength(1000)),
});
export type NotificationEvent = z.input<typeof notificationEventSchema>;

export interface Delivery {
  readonly channel: Channel;
  readonly userId: string;
  readonly address: string;
}
export interface Skip {
  readonly channel: Channel;
  readonly userId: string;
  readonly reason: "no_address" | "opted_out" | "quiet_hours" | "duplicate_recipient";
}
export interface NotificationPlan {
  readonly notificationId: string;
  readonly deliveries: readonly Delivery[];
  readonly skipped: readonly Skip[];
  readonly countsByChannel: Readonly<Record<Channel, number>>;
}

/** Interrupting channels: held back in a recipient's quiet hours unless the priority is high. */
const INTERRUPTING: ReadonlySet<Channel> = new Set(["sms", "push"]);

/** Plans a fan-out: one delivery per recipient and requested channel, or a reason it is skipped. */
export function planNotifications(event: unknown, now = new Date()): NotificationPlan {
  const request = parseInput(notificationEventSchema, event);
  const channels = [...new Set(request.channels)];
  const deliveries: Delivery[] = [];
  const skipped: Skip[] = [];
  const seen = new Set<string>();
  const hour = now.getUTCHours();

  for (const recipient of request.recipients) {
    if (seen.has(recipient.userId)) {
      channels.forEach((channel) => skipped.push({ channel, userId: recipient.userId, reason: "duplicate_recipient" }));
      continue;
    }
    seen.add(recipient.userId);
    const quiet = recipient.quietHoursUtc !== undefined && inWindow(hour, recipient.quietHoursUtc.start, recipient.quietHoursUtc.end);
    for (const channel of channels) {
      const address = channel === "email" ? recipient.email : channel === "sms" ? recipient.phone : recipient.pushToken;
      const reason: Skip["reason"] | undefined = recipient.optedOut.includes(channel)
        ? "opted_out"
        : address === undefined
          ? "no_address"
          : quiet && INTERRUPTING.has(channel) && request.priority !== "high"
            ? "quiet_hours"
            : undefined;
      if (reason) skipped.push({ channel, userId: recipient.userId, reason });
      else deliveries.push({ channel, userId: recipient.userId, address: address! });
    }
  }
  const countsByChannel = Object.fromEntries(CHANNELS.map((c) => [c, deliveries.filter((d) => d.channel === c).length])) as Record<Channel, number>;
  return { notificationId: request.notificationId, deliveries, skipped, countsByChannel };
}

function inWindow(hour: number, start: number, end: number): boolean {
  return start <= end ? hour >= start && hour < end : hour >= start || hour < end;
}
