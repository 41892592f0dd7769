import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import type { MathExpressionSpec } from "../../common/metrics";
import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import { requireKnownProps } from "../../common/known-props";
import { InvalidPropsError, requireIntegerInRange, requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { createKindAlarms, type AlarmKinds, type AlarmLinks, type KindThresholds } from "../alarm-kinds";
import type { AlarmTopics } from "../../common/alarm-factory";
import { DEFAULT_DYNAMODB_OPERATIONS } from "../aws-dynamodb/dynamodb-metric-factory";
import { DYNAMODB_TABLE_ALARM_KINDS, type DynamoDbAlarmKind, type TableResource } from "../aws-dynamodb/dynamodb-monitoring";
import { DEFAULT_MINIMUM_FAILURES, DEFAULT_MINIMUM_INVOCATIONS, LAMBDA_ALARM_KINDS, type LambdaAlarmKind, type LambdaResource } from "../aws-lambda/lambda-monitoring";
import { sqsAlarmKinds, SQS_PERIOD_SECONDS, type QueueResource, type SqsAlarmKind } from "../aws-sqs/sqs-monitoring";
import type { DashboardPage, MonitoringSegment } from "../segment";
import { DISCOVERED_TYPES, DiscoverySource, SEARCH_NAME_LIMIT, type DiscoveredType } from "./discovery-sources";

/** What to look for: resources carrying every tag given (a key with any of its values), whose name starts with a prefix, or both. */
export interface DiscoveryCriteria {
  /** Names the discovery: construct ids, segment ids and dashboard titles, e.g. `payments`. */
  readonly name: string;
  /** Tag key to the values it may have; an empty list for any value. At most 50 keys (the Tagging API's limit). @default none: by name prefix only */
  readonly tags?: Readonly<Record<string, readonly string[]>>;
  /** Only names that start with this. @default none: by tags only */
  readonly namePrefix?: string;
  /** The resource types to discover. @default function, table and queue */
  readonly types?: readonly DiscoveredType[];
}

/** Thresholds for discovered resources, by type: each discovered function, table or queue gets the thresholds of its type. */
export interface DiscoveredThresholds {
  /**
   * Thresholds of each discovered function, per {@link LambdaAlarmKind}.
   * @default the facade's function thresholds (those that apply without knowing a function's timeout, memory, reserved concurrency, DLQ or logs)
   */
  readonly function?: KindThresholds<LambdaAlarmKind>;
  /**
   * Thresholds of each discovered table, per {@link DynamoDbAlarmKind}.
   * @default the facade's table thresholds (throttles, system errors, latency; capacity needs the billing mode)
   */
  readonly table?: KindThresholds<DynamoDbAlarmKind>;
  /**
   * Thresholds of each discovered queue, per {@link SqsAlarmKind}.
   * @default the facade's queue thresholds
   */
  readonly queue?: KindThresholds<SqsAlarmKind>;
}

/** Props of {@link DiscoveredMonitoring}: what to discover (tags, name prefix, types), the thresholds by type, the names monitored elsewhere, and the alarms' topics and links. */
export interface DiscoveredMonitoringProps extends DiscoveryCriteria {
  /** Where each tier's alarms notify. */
  readonly topics: AlarmTopics;
  /**
   * The runbook section and dashboard page the alarm descriptions of each type link.
   * @default no links
   */
  readonly links?: Partial<Record<DiscoveredType, AlarmLinks>>;
  /** The thresholds each discovered resource gets, by type; `thresholds` override them tier by tier. */
  readonly defaults: DiscoveredThresholds;
  /**
   * Thresholds of the discovered resources, by type, over the defaults tier by tier.
   * @default none
   */
  readonly thresholds?: DiscoveredThresholds;
  /** Names this facade monitors by name, read at synth: discovery leaves them out, so no alarm is made twice. @default none */
  readonly exclude?: (type: DiscoveredType) => readonly string[];
  /** Rates alarm only with at least this many invocations in the period. @default 20 */
  readonly minimumInvocations?: number;
  /** Below minimumInvocations, the error rate still alarms once the period has this many errors. @default 3 */
  readonly minimumFailures?: number;
}

const PAGES: Readonly<Record<DiscoveredType, DashboardPage>> = { function: "lambda", table: "dynamodb", queue: "sqs" };
const TITLES: Readonly<Record<DiscoveredType, string>> = { function: "functions", table: "tables", queue: "queues" };

/**
 * Every function, table or queue found at `terraform plan` by tags or name
 * prefix, each with the alarms of its kind: one alarm resource per kind and
 * tier, with `for_each` over the names found. A resource deployed tomorrow by
 * another repository is monitored on the next plan, with no code change.
 *
 * Its alarms exist per discovered name only in Terraform: they are not in
 * {@link MonitoringSegment.alarms} (no composite or alarm-status widget can
 * list alarms whose names are known at plan time), but in `perResourceAlarms`.
 */
export class DiscoveredMonitoring implements MonitoringSegment {
  /** The segment's id, `discovered:<name>:<functions|tables|queues>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** The page of the discovered type: Lambda functions on the Lambda page, tables on DynamoDB, queues on SQS. */
  readonly page: DashboardPage;
  /** Heading of the segment's graphs: `functions discovered as <name>` (or tables, queues). */
  readonly title: string;
  /** Empty: see the class comment. */
  readonly alarms: readonly MonitoringAlarm[] = [];
  /** One alarm block per kind and tier, each `for_each` over the discovered names. */
  readonly perResourceAlarms: MonitoringAlarm[];
  private readonly source: DiscoverySource;
  /** What the graphs show, in their titles. */
  private readonly shown: string;

  constructor(
    scope: Construct,
    props: DiscoveredMonitoringProps,
    private readonly type: DiscoveredType,
  ) {
    requireDiscoveryCriteria(`DiscoveredMonitoring "${props.name}"`, props);
    requireKnownProps(`DiscoveredMonitoring "${props.name}"`, "DiscoveredMonitoring", { props });
    const where = `DiscoveredMonitoring "${props.name}" (${TITLES[type]})`;
    const minimumInvocations = props.minimumInvocations ?? DEFAULT_MINIMUM_INVOCATIONS;
    requireIntegerInRange(where, "minimumInvocations", minimumInvocations, 1, 1_000_000);
    const minimumFailures = props.minimumFailures ?? DEFAULT_MINIMUM_FAILURES;
    requireIntegerInRange(where, "minimumFailures", minimumFailures, 1, 1_000_000);
    const own = new Construct(scope, TITLES[type]);
    this.source = new DiscoverySource(own, "source", { type, ...(props.tags ? { tags: props.tags } : {}), ...(props.namePrefix !== undefined ? { namePrefix: props.namePrefix } : {}), exclude: () => props.exclude?.(type) ?? [] });
    this.id = `discovered:${props.name}:${TITLES[type]}`;
    this.page = PAGES[type];
    this.title = `${TITLES[type]} discovered as ${props.name}`;
    this.shown = props.namePrefix !== undefined && !props.tags ? `names containing ${props.namePrefix}` : `the first ${SEARCH_NAME_LIMIT} by name`;
    const iterator = TerraformIterator.fromList(this.source.names);
    const name = iterator.value as string;
    const common = { scope: own, where, segment: this.id, subject: name, alarmNamePrefix: name, topics: props.topics, links: props.links?.[type] };
    const alarms =
      type === "function"
        ? createKindAlarms<LambdaAlarmKind, LambdaResource>({ ...common, kinds: LAMBDA_ALARM_KINDS, resource: { fn: { functionName: name }, minimumInvocations, minimumFailures, logMetrics: false }, defaults: props.defaults.function, overrides: props.thresholds?.function })
        : type === "table"
          ? createKindAlarms<DynamoDbAlarmKind, TableResource>({ ...common, kinds: DYNAMODB_TABLE_ALARM_KINDS, resource: { tableName: name, operations: DEFAULT_DYNAMODB_OPERATIONS, billingMode: "PAY_PER_REQUEST" }, defaults: props.defaults.table, overrides: props.thresholds?.table })
          : createKindAlarms<SqsAlarmKind, QueueResource>({ ...common, kinds: sqsAlarmKinds("") as AlarmKinds<SqsAlarmKind, QueueResource>, resource: { queueName: name, prefix: "" }, defaults: props.defaults.queue, overrides: props.thresholds?.queue });
    // One block per kind and tier, repeated by Terraform for every name found.
    for (const alarm of alarms) (alarm.resource as CloudwatchMetricAlarm).forEach = iterator;
    this.perResourceAlarms = alarms;
  }

  /** Graphs of every discovered resource by CloudWatch SEARCH: the name prefix (partial match), or the first names found by tag. */
  widgets(region: string): JsonValue[] {
    const term = this.source.searchTerm;
    const search = (schema: string, metricNames: readonly string[], stat: string, period: number, label: string): MathExpressionSpec => ({
      expression: `SEARCH('{${schema}} (${metricNames.map((m) => `MetricName="${m}"`).join(" OR ")}) (${term})', '${stat}', ${period})`,
      label,
      usingMetrics: {},
    });
    const graph = (title: string, metric: MathExpressionSpec, periodSeconds = 60) => graphWidget(region, { title: `${this.title}: ${title} (${this.shown})`, metrics: [metric], width: 12, periodSeconds });
    if (this.type === "function") {
      return [graph("errors", search("AWS/Lambda,FunctionName", ["Errors"], "Sum", 60, "Errors")), graph("throttles", search("AWS/Lambda,FunctionName", ["Throttles"], "Sum", 60, "Throttles"))];
    }
    if (this.type === "table") {
      return [graph("throttle events", search("AWS/DynamoDB,TableName", ["ReadThrottleEvents", "WriteThrottleEvents"], "Sum", 60, "Throttle events")), graph("system errors", search("AWS/DynamoDB,Operation,TableName", ["SystemErrors"], "Sum", 60, "System errors"))];
    }
    return [
      graph("age of oldest message (s)", search("AWS/SQS,QueueName", ["ApproximateAgeOfOldestMessage"], "Maximum", SQS_PERIOD_SECONDS, "Age of oldest message"), SQS_PERIOD_SECONDS),
      graph("messages visible", search("AWS/SQS,QueueName", ["ApproximateNumberOfMessagesVisible"], "Maximum", SQS_PERIOD_SECONDS, "Messages visible"), SQS_PERIOD_SECONDS),
    ];
  }
}

/** One clear error for criteria that would find nothing or everything, or could not reach Terraform as written. */
export function requireDiscoveryCriteria(where: string, c: DiscoveryCriteria): void {
  requireNoTemplateSequences(where, c, SEGMENT_FREE_TEXT);
  requireMatch(where, "name", c.name, /^[A-Za-z0-9_-]{1,64}$/, "1-64 letters, digits, _ or -");
  const tags = Object.entries(c.tags ?? {});
  if (tags.length === 0 && c.namePrefix === undefined) throw new InvalidPropsError(where, "tags", c.tags, "at least one tag, or a namePrefix: discovery without either would monitor every resource of the region");
  if (tags.length > 50) throw new InvalidPropsError(where, "tags", `${tags.length} keys`, "at most 50 tag keys (the Tagging API's limit)");
  for (const [key, values] of tags) {
    requireMatch(where, "tags (key)", key, /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u, "a tag key of 1-128 letters, digits, spaces and _ . : / = + - @");
    if (!Array.isArray(values)) throw new InvalidPropsError(where, `tags.${key}`, values, "a list of values (an empty list for any value)");
    for (const value of values) requireMatch(where, `tags.${key}`, value, /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u, "tag values of 0-256 letters, digits, spaces and _ . : / = + - @");
  }
  if (c.namePrefix !== undefined) requireMatch(where, "namePrefix", c.namePrefix, /^[A-Za-z0-9_.-]{1,64}$/, "1-64 letters, digits, _, . or - (it is matched in Terraform and in a dashboard SEARCH)");
  for (const type of c.types ?? DISCOVERED_TYPES) if (!DISCOVERED_TYPES.includes(type)) throw new InvalidPropsError(where, "types", type, DISCOVERED_TYPES.map((t) => `"${t}"`).join(", "));
}
