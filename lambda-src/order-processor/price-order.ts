import * as z from "zod/mini";
import { annotateTrace, ClientError, parseInput } from "@serverless-monitoring/lambda-runtime";

/**
 * Sales tax or VAT in percent by tax region. A Map, not an object literal: a
 * region named `constructor` or `__proto__` must be unknown, not a price.
 */
export const TAX_RATES_PERCENT: ReadonlyMap<string, number> = new Map([
  ["US-CA", 7.25],
  ["US-NY", 4],
  ["US-TX", 6.25],
  ["US-OR", 0],
  ["DE", 19],
  ["FR", 20],
  ["GB", 20],
  ["NL", 21],
]);

/** Discount codes and their percentage off the subtotal. */
export const DISCOUNTS_PERCENT: ReadonlyMap<string, number> = new Map([
  ["WELCOME10", 10],
  ["SPRING15", 15],
]);

const FREE_SHIPPING_FROM_CENTS = 5_000;
const SHIPPING_CENTS = 599;

export const orderEventSchema = z.strictObject({
  orderId: z.string().check(z.minLength(1), z.maxLength(64)),
  currency: z.enum(["USD", "EUR", "GBP"]),
  taxRegion: z.string(),
  discountCode: z.optional(z.string().check(z.trim(), z.toUpperCase())),
  items: z
    .array(
      z.strictObject({
        sku: z.string().check(z.minLength(1), z.maxLength(64)),
        quantity: z.int().check(z.minimum(1), z.maximum(1000)),
        unitPriceCents: z.int().check(z.minimum(0), z.maximum(100_000_000)),
      }),
    )
    .check(z.minLength(1, { error: "an order needs at least one line item" }), z.maxLength(500)),
});
export type OrderEvent = z.input<typeof orderEventSchema>;

export interface PricedOrder {
  readonly orderId: string;
  readonly currency: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly lineTotalCents: number }[];
  readonly subtotalCents: number;
  readonly discountCents: number;
  readonly shippingCents: number;
  readonly taxRatePercent: number;
  readonly taxCents: number;
  readonly totalCents: number;
}

/** Prices an order in integer cents: lines, discount, shipping (free from 50.00), then tax on the discounted goods plus shipping. */
export function priceOrder(event: unknown): PricedOrder {
  const order = parseInput(orderEventSchema, event);
  annotateTrace({ orderId: order.orderId, outcome: "rejected" });
  const taxRatePercent = TAX_RATES_PERCENT.get(order.taxRegion);
  if (taxRatePercent === undefined) {
    throw new ClientError("Invalid event", [`taxRegion: unknown region "${order.taxRegion}"; known: ${[...TAX_RATES_PERCENT.keys()].join(", ")}`]);
  }
  const discountPercent = order.discountCode === undefined ? 0 : DISCOUNTS_PERCENT.get(order.discountCode);
  if (discountPercent === undefined) throw new ClientError("Invalid event", [`discountCode: "${order.discountCode}" is not a valid code`]);

  const lines = order.items.map((item) => ({ sku: item.sku, quantity: item.quantity, lineTotalCents: item.quantity * item.unitPriceCents }));
  const subtotalCents = lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
  const discountCents = Math.round((subtotalCents * discountPercent) / 100);
  const goodsCents = subtotalCents - discountCents;
  const shippingCents = goodsCents >= FREE_SHIPPING_FROM_CENTS ? 0 : SHIPPING_CENTS;
  const taxCents = Math.round(((goodsCents + shippingCents) * taxRatePercent) / 100);
  const totalCents = goodsCents + shippingCents + taxCents;
  // 500 lines of 1,000 x 1,000,000.00 stay exact in cents; anything past that is refused, never priced.
  if (!Number.isSafeInteger(totalCents)) throw new ClientError("Invalid event", [`items: the order total of ${totalCents} cents is beyond what can be priced exactly`]);
  annotateTrace({ outcome: "priced" });
  return {
    orderId: order.orderId,
    currency: order.currency,
    lines,
    subtotalCents,
    discountCents,
    shippingCents,
    taxRatePercent,
    taxCents,
    totalCents,
  };
}
