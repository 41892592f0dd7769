/**
 * The parts of the AWS SDK the error store uses, in a module of their own so
 * that error-store.ts can load it on the first failure (a require() of this
 * file) while a bundler still tree-shakes the SDK to these three classes.
 * Not part of the public API.
 */
export { DynamoDBClient } from "@aws-sdk/client-dynamodb";
export { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
