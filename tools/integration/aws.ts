/** The SDK implementations of the integration checks' interfaces; default configuration, so AWS_ENDPOINT_URL applies. */
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient, QueryCommand } from "@aws-sdk/client-dynamodb";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { ERROR_TABLE_SCHEMA } from "@serverless-monitoring/contract";
import { cloudWatchClient } from "../common/aws-clients";
import { ToolError } from "../common/cli";
import type { AlarmInspector, AlertPublisher, ErrorRecordQuery, FunctionInvoker } from "./checks";

/** Fails early, with what to do, when no credentials can be found. */
export async function requireCredentials(): Promise<void> {
  try {
    await fromNodeProviderChain({ timeout: 2000, maxRetries: 0 })();
  } catch {
    throw new ToolError(
      "no AWS credentials found. Set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or run where a role is available (the deploy workflow's OIDC role), then run again.",
    );
  }
}

export class LambdaInvoker implements FunctionInvoker {
  constructor(private readonly client = new LambdaClient({})) {}
  async invoke(functionName: string, payload: unknown): Promise<{ failed: boolean }> {
    const result = await this.client.send(new InvokeCommand({ FunctionName: functionName, Qualifier: "live", Payload: Buffer.from(JSON.stringify(payload)) }));
    return { failed: result.FunctionError !== undefined };
  }
}

export class DynamoDbErrorRecordQuery implements ErrorRecordQuery {
  constructor(
    private readonly tableName: string,
    private readonly client = new DynamoDBClient({}),
  ) {}
  async countSince(functionName: string, sinceIso: string): Promise<number> {
    const index = ERROR_TABLE_SCHEMA.functionNameIndex;
    let count = 0;
    let startKey: Record<string, never> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.name,
          KeyConditionExpression: "#fn = :fn AND #ts >= :since",
          ExpressionAttributeNames: { "#fn": index.partitionKey, "#ts": index.sortKey },
          ExpressionAttributeValues: { ":fn": { S: functionName }, ":since": { S: sinceIso } },
          Select: "COUNT",
          ExclusiveStartKey: startKey,
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey as typeof startKey;
    } while (startKey);
    return count;
  }
}

export class SnsPublisher implements AlertPublisher {
  constructor(private readonly client = new SNSClient({})) {}
  async publish(topicArn: string, subject: string, message: string): Promise<string> {
    return String((await this.client.send(new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: message }))).MessageId);
  }
}

export class CloudWatchAlarmInspector implements AlarmInspector {
  constructor(private readonly client: CloudWatchClient = cloudWatchClient()) {}
  async states(alarmNames: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const states = new Map<string, string>();
    // DescribeAlarms takes at most 100 names per call.
    for (let i = 0; i < alarmNames.length; i += 100) {
      const page = await this.client.send(new DescribeAlarmsCommand({ AlarmNames: alarmNames.slice(i, i + 100), AlarmTypes: ["MetricAlarm", "CompositeAlarm"], MaxRecords: 100 }));
      for (const a of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) states.set(String(a.AlarmName), String(a.StateValue));
    }
    return states;
  }
}
