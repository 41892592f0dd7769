import { acceptingApiGateway, withErrorCapture, type Success } from "@serverless-monitoring/lambda-runtime";
import { withFailureSimulation } from "../simulation";
import { planNotifications, type NotificationPlan } from "./plan-notifications";

export const handler = withErrorCapture(withFailureSimulation(acceptingApiGateway(async (event: unknown): Promise<Success<NotificationPlan>> => ({ ok: true, data: planNotifications(event) }))), { operation: "plan-notifications" });
