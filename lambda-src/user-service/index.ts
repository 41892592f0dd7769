import { acceptingApiGateway, withErrorCapture, type Success } from "../shared";
import { normaliseUser, type NormalisedUser } from "./normalise-user";

export const handler = withErrorCapture(acceptingApiGateway(async (event: unknown): Promise<Success<NormalisedUser>> => ({ ok: true, data: normaliseUser(event) })), { operation: "normalise-user" });
