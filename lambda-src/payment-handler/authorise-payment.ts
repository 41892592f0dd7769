import { createHash } from "node:crypto";
import * as z from "zod/mini";
import { annotateTrace, ClientError, isLuhnValid, parseInput } from "@serverless-monitoring/lambda-runtime";

/** The largest single authorisation per currency, in cents. */
export const AMOUNT_LIMITS_CENTS: ReadonlyMap<string, number> = new Map([
  ["USD", 1_000_000],
  ["EUR", 900_000],
  ["GBP", 800_000],
]);
/** Above this risk score every payment is declined; above REVIEW_RISK_SCORE, large ones go to manual review. */
const DECLINE_RISK_SCORE = 80;
const REVIEW_RISK_SCORE = 60;
const REVIEW_AMOUNT_CENTS = 100_000;

export const paymentEventSchema = z.strictObject({
  paymentId: z.string().check(z.minLength(1), z.maxLength(64)),
  amountCents: z.int({ error: "must be a positive whole number of cents" }).check(z.positive({ error: "must be a positive whole number of cents" })),
  currency: z.enum(["USD", "EUR", "GBP"]),
  card: z.strictObject({
    number: z.string().check(z.regex(/^[\d ]{12,23}$/, { error: "must be 13-19 digits" })),
    expiryMonth: z.int().check(z.minimum(1), z.maximum(12)),
    expiryYear: z.int().check(z.minimum(2000), z.maximum(2100)),
    cvv: z.string().check(z.regex(/^\d{3,4}$/, { error: "must be 3 or 4 digits" })),
  }),
  customerRiskScore: z.number().check(z.minimum(0), z.maximum(100)),
});
export type PaymentEvent = z.input<typeof paymentEventSchema>;

export type PaymentDecision =
  | { readonly paymentId: string; readonly status: "APPROVED"; readonly authorisationCode: string; readonly cardLast4: string; readonly amountCents: number }
  | { readonly paymentId: string; readonly status: "DECLINED" | "REVIEW"; readonly reason: string; readonly cardLast4: string };

export function authorisePayment(event: unknown, now = new Date()): PaymentDecision {
  const payment = parseInput(paymentEventSchema, event);
  const digits = payment.card.number.replace(/\s/g, "");
  if (!isLuhnValid(digits)) {
    throw new ClientError("Invalid event", ["card.number: is not a valid card number"]);
  }
  // Business context on the trace: no card number, no customer, only what finds and groups payments.
  annotateTrace({ paymentId: payment.paymentId, amountBand: amountBand(payment.amountCents), method: cardBrand(digits) });
  const base = { paymentId: payment.paymentId, cardLast4: digits.slice(-4) };
  const limit = AMOUNT_LIMITS_CENTS.get(payment.currency);
  if (limit === undefined) throw new ClientError("Invalid event", [`currency: no amount limit for "${payment.currency}"`]);

  if (isExpired(payment.card.expiryMonth, payment.card.expiryYear, now)) return { ...base, status: "DECLINED", reason: "card_expired" };
  if (payment.amountCents > limit) return { ...base, status: "DECLINED", reason: `amount_over_limit (${limit} cents)` };
  if (payment.customerRiskScore > DECLINE_RISK_SCORE) return { ...base, status: "DECLINED", reason: "risk_score_too_high" };
  if (payment.customerRiskScore > REVIEW_RISK_SCORE && payment.amountCents > REVIEW_AMOUNT_CENTS) {
    return { ...base, status: "REVIEW", reason: "elevated_risk_large_amount" };
  }
  const authorisationCode = createHash("sha256").update(`${payment.paymentId}:${payment.amountCents}`).digest("hex").slice(0, 6).toUpperCase();
  return { ...base, status: "APPROVED", authorisationCode, amountCents: payment.amountCents };
}

/** The amount in whole currency units, banded by order of magnitude: enough to group traces, not to identify a payment. */
export function amountBand(amountCents: number): string {
  const units = amountCents / 100;
  return units < 10 ? "under-10" : units < 100 ? "10-99" : units < 1_000 ? "100-999" : units < 10_000 ? "1000-9999" : "10000-plus";
}

/** The card scheme from the number's first digits (its IIN): the payment method, not the card. */
export function cardBrand(digits: string): string {
  if (/^4/.test(digits)) return "card-visa";
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return "card-mastercard";
  if (/^3[47]/.test(digits)) return "card-amex";
  return "card-other";
}

/** A card is valid through the last day of its expiry month. */
function isExpired(month: number, year: number, now: Date): boolean {
  return year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1);
}

