import { requireNoTemplateSequences } from "../common/terraform-strings";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { Construct } from "constructs";
import { ERROR_TABLE_KEY_ATTRIBUTES, ERROR_TABLE_SCHEMA } from "@serverless-monitoring/contract";
import type { IGrantable } from "../common/iam";
import { requireMatch } from "../common/validation";
import { AWS_PATTERNS } from "../common/aws-rules";
import { physicalName } from "../common/naming";
import { requireArn } from "../common/prop-checks";
import { requireKnownProps } from "../common/known-props";

/** The error table's name, backups, deletion protection and encryption key. */
export interface ErrorTableProps {
  /** Table name, e.g. `error-logs-dev`. */
  readonly tableName: string;
  /** Continuous backups for 35 days of restore points. @default true */
  readonly pointInTimeRecovery?: boolean;
  /** Refuse `terraform destroy` and deletes until turned off. @default false */
  readonly deletionProtection?: boolean;
  /** Customer-managed KMS key for server-side encryption. @default the AWS managed key for DynamoDB (`alias/aws/dynamodb`) */
  readonly kmsKeyArn?: string;
}

/** What a function needs of the error table: its name and the right to write to it. */
export interface IErrorTable {
  /** The table's name, as the runtime library reads it from ERROR_TABLE_NAME. */
  readonly tableName: string;
  /** Lets the grantee PutItem error records, and nothing else. */
  grantWriteErrors(grantee: IGrantable): void;
}

/**
 * The DynamoDB table every function writes its failures to: one item per
 * failed invocation, queryable by function through `FunctionNameIndex`, and
 * expired by TTL. Key names come from the shared contract, so the runtime
 * library and this table cannot disagree.
 */
export class ErrorTable extends Construct implements IErrorTable {
  /** The only actions a function needs: one PutItem per failed invocation. */
  static readonly WRITE_ACTIONS = ["dynamodb:PutItem"] as const;
  /** Actions of a reader: tools and integration tests that query the errors. */
  static readonly READ_ACTIONS = ["dynamodb:GetItem", "dynamodb:Query"] as const;

  /** The DynamoDB table resource. */
  readonly table: DynamodbTable;
  /** The table's name. */
  readonly tableName: string;
  /** The table's ARN. */
  readonly tableArn: string;

  constructor(scope: Construct, id: string, props: ErrorTableProps) {
    super(scope, id);
    requireNoTemplateSequences("ErrorTable", props, []);
    requireKnownProps("ErrorTable", "ErrorTable", { props });
    requireMatch("ErrorTable", "tableName", props.tableName, /^[a-zA-Z0-9_.-]{3,255}$/, "3-255 letters, digits, _, . or -");
    if (props.kmsKeyArn !== undefined) requireArn("ErrorTable", "kmsKeyArn", props.kmsKeyArn, AWS_PATTERNS.kmsKeyArn);
    const index = ERROR_TABLE_SCHEMA.functionNameIndex;

    this.table = new DynamodbTable(this, "Table", {
      name: physicalName(this, props.tableName),
      billingMode: "PAY_PER_REQUEST",
      hashKey: ERROR_TABLE_SCHEMA.partitionKey,
      rangeKey: ERROR_TABLE_SCHEMA.sortKey,
      attribute: ERROR_TABLE_KEY_ATTRIBUTES.map((name) => ({ name, type: "S" })),
      globalSecondaryIndex: [{ name: index.name, hashKey: index.partitionKey, rangeKey: index.sortKey, projectionType: "ALL" }],
      ttl: { attributeName: ERROR_TABLE_SCHEMA.ttlAttribute, enabled: true },
      pointInTimeRecovery: { enabled: props.pointInTimeRecovery ?? true },
      serverSideEncryption: { enabled: true, ...(props.kmsKeyArn ? { kmsKeyArn: props.kmsKeyArn } : {}) },
      deletionProtectionEnabled: props.deletionProtection ?? false,
    });
    this.tableName = this.table.name;
    this.tableArn = this.table.arn;
  }

  /** Lets the grantee PutItem error records, and nothing else. */
  grantWriteErrors(grantee: IGrantable): void {
    requireKnownProps("ErrorTable.grantWriteErrors", "ErrorTable.grantWriteErrors", { grantee });
    grantee.addToPrincipalPolicy({ sid: "WriteErrorRecords", actions: [...ErrorTable.WRITE_ACTIONS], resources: [this.tableArn] });
  }

  /** Lets the grantee read error records: GetItem, and Query on the table and its index. */
  grantReadErrors(grantee: IGrantable): void {
    requireKnownProps("ErrorTable.grantReadErrors", "ErrorTable.grantReadErrors", { grantee });
    grantee.addToPrincipalPolicy({
      sid: "ReadErrorRecords",
      actions: [...ErrorTable.READ_ACTIONS],
      resources: [this.tableArn, `${this.tableArn}/index/${ERROR_TABLE_SCHEMA.functionNameIndex.name}`],
    });
  }
}
