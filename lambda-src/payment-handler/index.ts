import { acceptingApiGateway, withErrorCapture, type Success } from "../shared";
import { authorisePayment, type PaymentDecision } from "./authorise-payment";

export const handler = withErrorCapture(acceptingApiGateway(async (event: unknown): Promise<Success<PaymentDecision>> => ({ ok: true, data: authorisePayment(event) })), { operation: "authorise-payment" });
