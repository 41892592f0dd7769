import { acceptingApiGateway, withErrorCapture, type Success } from "../shared";
import { priceOrder, type PricedOrder } from "./price-order";

export const handler = withErrorCapture(acceptingApiGateway(async (event: unknown): Promise<Success<PricedOrder>> => ({ ok: true, data: priceOrder(event) })), { operation: "price-order" });
