import { createHash } from "node:crypto";
import * as z from "zod/mini";
import { ClientError, parseInput } from "@serverless-monitoring/lambda-runtime";

const name = z.string().check(z.trim(), z.minLength(1, { error: "must not be empty" }), z.maxLength(100));

export const userEventSchema = z.strictObject({
  user: z.strictObject({
    email: z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email({ error: "must be an email address" })),
    firstName: name,
    lastName: name,
    country: z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{2}$/, { error: "must be an ISO 3166-1 alpha-2 code such as DE" })),
    phone: z.optional(z.string()),
    dateOfBirth: z.optional(z.iso.date({ error: "must be a date such as 1990-04-30" })),
    marketingOptIn: z._default(z.boolean(), false),
  }),
});
export type UserEvent = z.input<typeof userEventSchema>;

export interface NormalisedUser {
  /** Stable id derived from the email, so the same person always gets the same id. */
  readonly userId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly displayName: string;
  readonly country: string;
  /** E.164, e.g. +4930123456. */
  readonly phone?: string;
  readonly ageYears?: number;
  readonly marketingOptIn: boolean;
}

const MINIMUM_AGE_YEARS = 13;

export function normaliseUser(event: unknown, now = new Date()): NormalisedUser {
  const { user } = parseInput(userEventSchema, event);
  const firstName = titleCase(user.firstName);
  const lastName = titleCase(user.lastName);
  const phone = user.phone === undefined ? undefined : normalisePhone(user.phone);
  const ageYears = user.dateOfBirth === undefined ? undefined : age(user.dateOfBirth, now);
  if (ageYears !== undefined && ageYears < 0) throw new ClientError("Invalid event", ["user.dateOfBirth: must not be in the future"]);
  if (ageYears !== undefined && ageYears < MINIMUM_AGE_YEARS) {
    throw new ClientError("Invalid event", [`user.dateOfBirth: user must be at least ${MINIMUM_AGE_YEARS} years old`]);
  }
  return {
    userId: `usr_${createHash("sha256").update(user.email).digest("hex").slice(0, 16)}`,
    email: user.email,
    firstName,
    lastName,
    displayName: `${firstName} ${lastName.charAt(0)}.`,
    country: user.country,
    ...(phone ? { phone } : {}),
    ...(ageYears !== undefined ? { ageYears } : {}),
    marketingOptIn: user.marketingOptIn,
  };
}

function titleCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
}

function normalisePhone(raw: string): string {
  const compact = raw.replace(/[\s().-]/g, "").replace(/^00/, "+");
  if (!/^\+[1-9]\d{7,14}$/.test(compact)) {
    throw new ClientError("Invalid event", ["user.phone: must be an international number such as +49 30 123456"]);
  }
  return compact;
}

function age(dateOfBirth: string, now: Date): number {
  const [year, month, day] = dateOfBirth.split("-").map(Number) as [number, number, number];
  let years = now.getUTCFullYear() - year;
  if (now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day)) years -= 1;
  return years;
}
