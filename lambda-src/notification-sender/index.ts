import { acceptingApiGateway, withErrorCapture, type Success } from "../shared";
import { planNotifications, type NotificationPlan } from "./plan-notifications";

export const handler = withErrorCapture(acceptingApiGateway(async (event: unknown): Promise<Success<NotificationPlan>> => ({ ok: true, data: planNotifications(event) })), { operation: "plan-notifications" });
