import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ErrorRecord } from "@serverless-monitoring/contract";
import { containerTracer } from "./tracing";

/** Where error records go. The DynamoDB store is the real one; anything with `put` can stand in. */
export interface ErrorStore {
  put(record: ErrorRecord, options: { readonly timeoutMs: number }): Promise<void>;
}

let sharedClient: DynamoDBDocumentClient | undefined;

/**
 * One client per container, with the SDK's default configuration: region,
 * credentials and endpoint (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_DYNAMODB) come
 * from the environment, as anywhere else in AWS SDK v3.
 */
export function sharedDocumentClient(): DynamoDBDocumentClient {
  if (!sharedClient) {
    const client = new DynamoDBClient({});
    // Captured where tracing is on, so the error-table write shows as a subsegment of the failed operation.
    containerTracer()?.captureAWSv3Client(client);
    sharedClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false } });
  }
  return sharedClient;
}

export class DynamoDbErrorStore implements ErrorStore {
  constructor(
    private readonly tableName: string,
    private readonly client: DynamoDBDocumentClient = sharedDocumentClient(),
  ) {}

  async put(record: ErrorRecord, options: { readonly timeoutMs: number }): Promise<void> {
    // The abort bounds the whole call, retries included, so a slow or unreachable table never holds the function.
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...record } }), {
      abortSignal: AbortSignal.timeout(options.timeoutMs),
    });
  }
}
