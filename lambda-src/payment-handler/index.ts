import { acceptingApiGateway, BUSINESS_METRIC_NAMES, withErrorCapture, type Success } from "@serverless-monitoring/lambda-runtime";
import { withFailureSimulation } from "../simulation";
import { authorisePayment, type PaymentDecision } from "./authorise-payment";

export const handler = withErrorCapture(
  withFailureSimulation(acceptingApiGateway(async (event: unknown, _context, tools): Promise<Success<PaymentDecision>> => {
    const decision = authorisePayment(event);
    // Business metrics: a payment that is not authorised (declined, or held for review) is a failed payment.
    if (decision.status === "APPROVED") {
      tools.addMetric(BUSINESS_METRIC_NAMES.paymentsSucceeded, "Count", 1);
      tools.addMetric(BUSINESS_METRIC_NAMES.paymentAmount, "None", decision.amountCents);
    } else {
      tools.addMetric(BUSINESS_METRIC_NAMES.paymentsFailed, "Count", 1);
    }
    return { ok: true, data: decision };
  })),
  { operation: "authorise-payment" },
);
