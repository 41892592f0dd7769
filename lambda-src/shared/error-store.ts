import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ErrorRecord } from "@serverless-monitoring/contract";
import { loadedTracer } from "./tracing";

/** Where error records go. The DynamoDB store is the real one; anything with `put` can stand in. */
export interface ErrorStore {
  /**
   * Writes one error record. It must settle within `options.timeoutMs`: a rejection (or a timeout) makes withErrorCapture log the whole record instead, marked errorRecordUndelivered.
   * @param record - the record to store
   * @param options - `timeoutMs`, how long the write may take, retries included
   * @returns a promise that resolves once the record is stored
   */
  put(record: ErrorRecord, options: { readonly timeoutMs: number }): Promise<void>;
}

type DynamoDbSdk = typeof import("./dynamodb-sdk").dynamoDbSdk;
let sdk: DynamoDbSdk | undefined;

/**
 * The DynamoDB client and document client modules, loaded on first use: a
 * function that never fails never evaluates them. They are most of what
 * withErrorCapture would otherwise add to a cold start (the SDK's client,
 * middleware stack and marshalling). A plain require() inside a function, so
 * a bundler still bundles them (they are not left external) and, through
 * dynamodb-sdk.ts's named imports, tree-shakes them; Node caches them after
 * the first call.
 */
function dynamoDbSdk(): DynamoDbSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first failure, not at cold start
  sdk ??= (require("./dynamodb-sdk") as typeof import("./dynamodb-sdk")).dynamoDbSdk;
  return sdk;
}

let sharedClient: DynamoDBDocumentClient | undefined;
/** The shared client's DynamoDB client, and whether the tracer captures it yet. */
let rawClient: { captured: boolean; client: InstanceType<DynamoDbSdk["DynamoDBClient"]> } | undefined;

/**
 * One client per container, made on first use, with the SDK's default
 * configuration: region, credentials and endpoint (AWS_ENDPOINT_URL,
 * AWS_ENDPOINT_URL_DYNAMODB) come from the environment, as anywhere else in
 * AWS SDK v3.
 */
export function sharedDocumentClient(): DynamoDBDocumentClient {
  if (!sharedClient) {
    const { DynamoDBClient, DynamoDBDocumentClient: DocumentClient } = dynamoDbSdk();
    const client = new DynamoDBClient({});
    rawClient = { captured: false, client };
    sharedClient = DocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false } });
  }
  // Captured once the tracer is there (the first sampled invocation makes it, which may come after the first
  // failure), so the error-table write shows as a subsegment of the failed operation. The document client
  // shares the client's middleware stack.
  const tracer = loadedTracer();
  if (tracer && rawClient && !rawClient.captured) {
    rawClient.captured = true;
    tracer.captureAWSv3Client(rawClient.client);
  }
  return sharedClient;
}

/** The error table as an ErrorStore. Without a `client`, the container's shared one, made at the first failure. */
export class DynamoDbErrorStore implements ErrorStore {
  constructor(
    private readonly tableName: string,
    private readonly client?: DynamoDBDocumentClient,
  ) {}

  /**
   * Puts the record into the error table; the call, retries included, is aborted after `options.timeoutMs`.
   * @param record - the record to store, as the table's item
   * @param options - `timeoutMs`, how long the write may take, retries included
   * @returns a promise that resolves once DynamoDB has taken the item
   */
  async put(record: ErrorRecord, options: { readonly timeoutMs: number }): Promise<void> {
    const { PutCommand } = dynamoDbSdk();
    // The abort bounds the whole call, retries included, so a slow or unreachable table never holds the function.
    await (this.client ?? sharedDocumentClient()).send(new PutCommand({ TableName: this.tableName, Item: { ...record } }), {
      abortSignal: AbortSignal.timeout(options.timeoutMs),
    });
  }
}
