import { acceptingApiGateway, BUSINESS_METRIC_NAMES, ClientError, withErrorCapture, type Success } from "@serverless-monitoring/lambda-runtime";
import { withFailureSimulation } from "../simulation";
import { priceOrder, type PricedOrder } from "./price-order";

export const handler = withErrorCapture(
  withFailureSimulation(acceptingApiGateway(async (event: unknown, _context, tools): Promise<Success<PricedOrder>> => {
    try {
      const priced = priceOrder(event);
      tools.addMetric(BUSINESS_METRIC_NAMES.ordersCompleted, "Count", 1);
      return { ok: true, data: priced };
    } catch (error) {
      // An order refused as invalid is a rejected order; a system error is neither (it is retried).
      if (error instanceof ClientError) tools.addMetric(BUSINESS_METRIC_NAMES.ordersRejected, "Count", 1);
      throw error;
    }
  })),
  { operation: "price-order" },
);
