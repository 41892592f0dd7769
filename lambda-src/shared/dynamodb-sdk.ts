/**
 * The parts of the AWS SDK the error store uses, in a module of their own so
 * that error-store.ts can load it on the first failure (a require() of this
 * file) while a bundler still bundles the SDK. Not part of the public API.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";

export const dynamoDbSdk = { DynamoDBClient, DynamoDBDocumentClient, PutCommand };
