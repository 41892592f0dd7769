import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { Testing } from "cdktf";
import { ERROR_TABLE_SCHEMA } from "@serverless-monitoring/contract";
import { ErrorTable, type PolicyStatement } from "@serverless-monitoring/constructs";
import "../cdktf-matchers";

describe("ErrorTable", () => {
  test("keys, index, billing, encryption, TTL and recovery", () => {
    const synth = Testing.synthScope((scope) => {
      new ErrorTable(scope, "errors", { tableName: "error-logs-dev" });
    });
    expect(synth).toHaveResourceWithProperties(DynamodbTable, {
      name: "error-logs-dev",
      billing_mode: "PAY_PER_REQUEST",
      hash_key: "errorId",
      range_key: "timestamp",
      global_secondary_index: [{ name: "FunctionNameIndex", hash_key: "functionName", range_key: "timestamp", projection_type: "ALL" }],
      ttl: { attribute_name: "expiresAt", enabled: true },
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: false,
    });
  });

  test("uses the contract's key names", () => {
    expect(ERROR_TABLE_SCHEMA).toMatchObject({ partitionKey: "errorId", sortKey: "timestamp", functionNameIndex: { name: "FunctionNameIndex" } });
  });

  test("deletion protection and a customer-managed key when asked", () => {
    const synth = Testing.synthScope((scope) => {
      new ErrorTable(scope, "errors", { tableName: "error-logs-production", deletionProtection: true, kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/abc" });
    });
    expect(synth).toHaveResourceWithProperties(DynamodbTable, {
      deletion_protection_enabled: true,
      server_side_encryption: { enabled: true, kms_key_arn: "arn:aws:kms:us-east-1:111122223333:key/abc" },
    });
  });

  test("grantWriteErrors grants PutItem on the table only", () => {
    const statements: PolicyStatement[] = [];
    Testing.synthScope((scope) => {
      new ErrorTable(scope, "errors", { tableName: "error-logs-dev" }).grantWriteErrors({ addToPrincipalPolicy: (s) => statements.push(s) });
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]!.actions).toEqual(["dynamodb:PutItem"]);
    expect(statements[0]!.resources).toHaveLength(1);
  });

  test("rejects a name DynamoDB would reject", () => {
    expect(() => Testing.synthScope((scope) => new ErrorTable(scope, "errors", { tableName: "a b" }))).toThrow('ErrorTable: tableName is "a b"; allowed: 3-255 letters, digits, _, . or -.');
  });
});
