/**
 * dynalite, a real implementation of the DynamoDB API, on a loopback port the
 * OS picks; the error table is created from the contract's key schema, the
 * same definition the ErrorTable module deploys.
 */
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import type { AddressInfo, Socket } from "node:net";
import { ERROR_TABLE_KEY_ATTRIBUTES, ERROR_TABLE_SCHEMA } from "@serverless-monitoring/contract";

export interface LocalDynamoDb {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  createErrorTable(tableName: string): Promise<void>;
  /** Stops the server and cuts open connections at once, as a crashed endpoint would. */
  stop(): Promise<void>;
}

export const TEST_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };
export const TEST_REGION = "us-east-1";

export async function startLocalDynamoDb(): Promise<LocalDynamoDb> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS });
  let stopped = false;

  return {
    endpoint,
    client,
    async createErrorTable(tableName) {
      const index = ERROR_TABLE_SCHEMA.functionNameIndex;
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: "PAY_PER_REQUEST",
          AttributeDefinitions: ERROR_TABLE_KEY_ATTRIBUTES.map((name) => ({ AttributeName: name, AttributeType: "S" })),
          KeySchema: [
            { AttributeName: ERROR_TABLE_SCHEMA.partitionKey, KeyType: "HASH" },
            { AttributeName: ERROR_TABLE_SCHEMA.sortKey, KeyType: "RANGE" },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: "HASH" },
                { AttributeName: index.sortKey, KeyType: "RANGE" },
              ],
              Projection: { ProjectionType: "ALL" },
            },
          ],
        }),
      );
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      client.destroy();
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
