/**
 * The canary's entry point, bundled by scripts/build-lambda.ts to
 * nodejs/node_modules/api-canary.js (the layout Synthetics Node.js runtimes
 * load; handler `api-canary.handler`). The check comes from the CANARY_CHECK
 * variable the construct sets; a failed check throws, and the runtime records
 * the run as failed.
 */
import { readCheck } from "./check";
import { awsCredentials } from "./aws-credentials";
import { runCanary, type CanaryRuntime, type Outcome } from "./run";

/**
 * The Synthetics runtime's side of the adapter: stdout is the run's log, which
 * the runtime keeps with the run's artifacts and in CloudWatch Logs.
 */
const syntheticsRuntime: CanaryRuntime = { log: (line) => console.log(line) };

export const handler = async (): Promise<Outcome> => runCanary(readCheck(process.env), syntheticsRuntime, awsCredentials());
