import { acceptingApiGateway, withErrorCapture, type Success } from "@serverless-monitoring/lambda-runtime";
import { withFailureSimulation } from "../simulation";
import { normaliseUser, type NormalisedUser } from "./normalise-user";

export const handler = withErrorCapture(withFailureSimulation(acceptingApiGateway(async (event: unknown): Promise<Success<NormalisedUser>> => ({ ok: true, data: normaliseUser(event) }))), { operation: "normalise-user" });
