/**
 * SDK clients the tools share. Default configuration (credentials, region,
 * AWS_ENDPOINT_URL from the environment); CloudWatch's read APIs throttle
 * early, so its client retries adaptively, up to 8 attempts.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";

/** @param region @default the SDK's (AWS_REGION, the profile) */
export function cloudWatchClient(region?: string): CloudWatchClient {
  return new CloudWatchClient({ maxAttempts: 8, retryMode: "adaptive", ...(region ? { region } : {}) });
}
