import { ENV_VARS } from "@serverless-monitoring/contract";
import { SIMULATION_ENV_VARS } from "../../../lambda-src/simulation";
import { TEST_CREDENTIALS, TEST_REGION } from "./local-dynamodb";

const original = { ...process.env };

/** Resets process.env to what it was, then sets the variables a deployed function would have. */
export function functionEnvironment(vars: { readonly endpoint?: string; readonly tableName?: string; readonly serviceName?: string; readonly simulationRate?: string } = {}): void {
  resetEnvironment();
  Object.assign(process.env, {
    AWS_REGION: TEST_REGION,
    // Set by the Lambda runtime for on-demand environments; Powertools reads it to report cold starts.
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    [ENV_VARS.errorTableName]: vars.tableName ?? "error-logs-test",
    [ENV_VARS.environment]: "test",
    [SIMULATION_ENV_VARS.errorRate]: vars.simulationRate ?? "0",
    [ENV_VARS.errorRetentionDays]: "7",
    [ENV_VARS.serviceName]: vars.serviceName ?? "test-function",
    [ENV_VARS.metricsNamespace]: "ServerlessMonitoring",
    ...(vars.endpoint ? { AWS_ENDPOINT_URL_DYNAMODB: vars.endpoint } : {}),
  });
}

export function resetEnvironment(): void {
  for (const key of Object.keys(process.env)) if (!(key in original)) delete process.env[key];
  Object.assign(process.env, original);
}
