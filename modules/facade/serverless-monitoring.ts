import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { AlarmTopics, MonitoringAlarm, SeverityThresholds } from "../common/alarm-factory";
import type { MetricSpec } from "../common/metrics";
import { InvalidPropsError, requireMatch } from "../common/validation";
import { OperationsDashboard, type DashboardTemplatePage } from "../dashboard/operations-dashboard";
import type { JsonValue } from "../dashboard/template-renderer";
import { HttpApiMonitoring, RestApiMonitoring, WebSocketApiMonitoring, type ApiThresholds, type WebSocketThresholds } from "../monitoring/aws-apigateway/apigateway-monitoring";
import { DynamoDbAccountMonitoring, type DynamoDbAccountThresholds } from "../monitoring/aws-dynamodb/dynamodb-account-monitoring";
import { DynamoDbTableMonitoring, type BillingMode, type DynamoDbThresholds } from "../monitoring/aws-dynamodb/dynamodb-monitoring";
import { LambdaAccountMonitoring, type LambdaAccountThresholds } from "../monitoring/aws-lambda/lambda-account-monitoring";
import { LambdaFunctionMonitoring, type IMonitoredFunction, type LambdaAlarmKind, type LambdaThresholds } from "../monitoring/aws-lambda/lambda-monitoring";
import { SqsQueueMonitoring, type SqsThresholds } from "../monitoring/aws-sqs/sqs-monitoring";
import { BusinessMonitoring, type BusinessThresholds } from "../monitoring/business/business-monitoring";
import { ErrorCaptureMonitoring } from "../monitoring/error-capture/error-capture-monitoring";
import type { AlarmLinks } from "../monitoring/alarm-kinds";
import { HttpApiMetrics, WebSocketApiMetrics } from "../monitoring/aws-apigateway/apigateway-metric-factory";
import { ErrorCaptureMetrics } from "../monitoring/error-capture/error-capture-metric-factory";
import { LambdaMetrics } from "../monitoring/aws-lambda/lambda-metric-factory";
import { SloMonitoring, requireLatencyObjective, requireObjective, type AvailabilityObjective, type LatencyObjective, type ServiceLevelIndicator } from "../monitoring/slo/slo-monitoring";
import { DASHBOARD_PAGES, type DashboardPage, type MonitoringSegment } from "../monitoring/segment";
import { requireNoTemplateSequences } from "../common/terraform-strings";
import { requireKnownProps } from "../common/known-props";

/** Where alarm descriptions link their runbook when no `runbookUrl` is given: this project's runbooks, relative to the repository root. */
export const DEFAULT_RUNBOOK_PAGE = "docs/runbooks.md";
import { DEFAULT_THRESHOLDS, mergeThresholds, type EstateThresholds } from "./default-thresholds";
// Issue 28's service segments.
import { AppSyncApiMonitoring, type AppSyncThresholds } from "../monitoring/aws-appsync/appsync-monitoring";
import { EventBridgeRuleMonitoring, EventBusMonitoring, type EventBridgeRuleThresholds, type EventBusThresholds } from "../monitoring/aws-eventbridge/eventbridge-monitoring";
import { FirehoseMonitoring, type FirehoseThresholds } from "../monitoring/aws-firehose/firehose-monitoring";
import type { FirehoseDestination } from "../monitoring/aws-firehose/firehose-metric-factory";
import { KinesisStreamMonitoring, type KinesisThresholds } from "../monitoring/aws-kinesis/kinesis-monitoring";
import { S3BucketMonitoring, type S3Thresholds } from "../monitoring/aws-s3/s3-monitoring";
import { SnsTopicMonitoring, type SnsThresholds } from "../monitoring/aws-sns/sns-monitoring";
import { StepFunctionsMonitoring, type StepFunctionsThresholds } from "../monitoring/aws-stepfunctions/stepfunctions-monitoring";
import type { StepFunctionsIntegrations } from "../monitoring/aws-stepfunctions/stepfunctions-metric-factory";
import { RdsDatabaseMonitoring, type RdsEngine, type RdsThresholds } from "../monitoring/aws-rds/rds-monitoring";
import { RdsProxyMonitoring, type RdsProxyThresholds } from "../monitoring/aws-rds/rds-proxy-monitoring";
import { ElastiCacheMonitoring, type ElastiCacheThresholds } from "../monitoring/aws-elasticache/elasticache-monitoring";
import { CustomMetricMonitoring, type MetricWatch } from "../monitoring/custom/custom-metric-monitoring";
import { LambdaAliasMonitoring, type LambdaAliasThresholds } from "../monitoring/aws-lambda/lambda-alias-monitoring";
import { LambdaEventSourceMonitoring, type EventSourceKind, type EventSourceThresholds } from "../monitoring/aws-lambda/lambda-event-source-monitoring";
import { RestApiMetrics } from "../monitoring/aws-apigateway/apigateway-metric-factory";
import { restMethodSlug } from "../monitoring/aws-apigateway/rest-method-alarms";
import { DiscoveredMonitoring, requireDiscoveryCriteria, type DiscoveredThresholds, type DiscoveryCriteria } from "../monitoring/discovery/discovered-monitoring";
import { DISCOVERED_TYPES, type DiscoveredType } from "../monitoring/discovery/discovery-sources";
import { DYNAMODB_INDEX_ALARM_KINDS } from "../monitoring/aws-dynamodb/dynamodb-index-alarms";
import { CanaryMonitoring, type CanaryThresholds } from "../monitoring/synthetics/canary-monitoring";
import { SyntheticsCanaries, type SyntheticsCanariesProps } from "../monitoring/synthetics/synthetics-canaries";
import { NAMING_CONTEXT_KEY, type NamingOptions } from "../common/naming";
import { checkFacadeProps, FAMILY_KINDS } from "./facade-checks";
import { checkCapability, checkFunction, checkRoutes } from "./method-checks";
import { checkPage, checkWidgets } from "../dashboard/dashboard-checks";

/** A function's thresholds: its Lambda alarms, its dead-letter queue's, and the error capture's. */
export type FunctionThresholds = LambdaThresholds & {
  /** Messages waiting in the function's dead-letter queue (needs deadLetterQueueName). */
  readonly dlqMessagesVisible?: SeverityThresholds | false;
  /** Age of the oldest message in the dead-letter queue, in seconds (needs deadLetterQueueName). */
  readonly dlqOldestMessageAgeSeconds?: SeverityThresholds | false;
  /** Error records the runtime library could not write (needs usesErrorCapture). */
  readonly errorRecordWriteFailures?: SeverityThresholds | false;
};

/** A queue's thresholds, and its dead-letter queue's where `monitorQueue` is given one. */
export type QueueThresholds = SqsThresholds & {
  /** Messages waiting in the queue's dead-letter queue (needs deadLetterQueue). */
  readonly dlqMessagesVisible?: SeverityThresholds | false;
  /** Age of the oldest message in the dead-letter queue, in seconds (needs deadLetterQueue). */
  readonly dlqOldestMessageAgeSeconds?: SeverityThresholds | false;
};

/** A function to monitor: one deployed by MonitoredFunction, or any function by name. */
export interface MonitorFunctionOptions {
  /**
   * The function's own thresholds, over the facade's tier by tier; `false` for a kind turns its default off.
   * @default the facade's, over the built-in defaults
   */
  readonly thresholds?: FunctionThresholds;
  /** The construct id of the function's alarms. Part of their Terraform addresses: keep it once deployed. @default `<functionName>-alarms` */
  readonly constructId?: string;
  /** The function uses the runtime library (withErrorCapture): alarm on records not written. @default the function's own `usesErrorCapture`, else false */
  readonly usesErrorCapture?: boolean;
  /** Its availability objective and burn-rate alarms; `false` for none. @default the facade's `objectives.function` */
  readonly objective?: AvailabilityObjective | false;
  /** A latency objective (the share of calls within `thresholdMs`) with burn-rate alarms, e.g. `{ targetPercent: 99.9, thresholdMs: 2000 }`. @default none */
  readonly latencyObjective?: LatencyObjective;
}

/** Objectives every function and every route of `monitorHttpApi`'s `routes` gets: multi-window burn-rate alarms (page and ticket). */
export interface EstateObjectives {
  /**
   * The objective of every function, with its burn-rate alarms; `false` for none.
   * @default 99.9 % availability over 30 days (DEFAULT_OBJECTIVE)
   */
  readonly function?: AvailabilityObjective | false;
  /**
   * The objective of every route given to `monitorHttpApi` and every method given to `monitorRestApi`, with its burn-rate alarms; `false` for none.
   * @default 99.9 % availability over 30 days (DEFAULT_OBJECTIVE)
   */
  readonly route?: AvailabilityObjective | false;
  /** Minutes of the hour burning above 14.4x before a fast page (see SloMonitoring). @default 2 */
  readonly pageMinimumFailures?: number;
}

/** The built-in objective: 99.9 % of calls succeed over 30 days (43 minutes of total failure a month). */
export const DEFAULT_OBJECTIVE: AvailabilityObjective = { targetPercent: 99.9, periodDays: 30 };

/** A business capability: the functions and HTTP routes that serve it, under one objective. */
export interface CapabilityObjective {
  /** e.g. `payment`: alarm names are `<name>-slo-...`, so include the environment, e.g. `payment-production`. */
  readonly name: string;
  /** e.g. `payment system health`. */
  readonly title: string;
  /** The deployed names of its functions: their Errors and Invocations count. */
  readonly functionNames: readonly string[];
  /** Its routes of an HTTP API (with detailed metrics on): their 5xx and Count count. `functionName`: the function answering the route, whose injected failures its 5xx leave out under `subtractInjectedFailures`. @default none */
  readonly routes?: readonly { readonly apiId: string; readonly stage?: string; readonly routeKey: string; readonly functionName?: string }[];
  /**
   * The capability's objective: its target and period.
   * @default the facade's `objectives.function`
   */
  readonly objective?: AvailabilityObjective;
  /** Its Synthetics canaries (from monitorCanaries): each run counts as an event, each failed run as a failure, so the objective burns with no user traffic. @default none */
  readonly canaries?: readonly string[];
}

/** The canaries' alarms: success below the objective (critical) and duration p99 (warning). */
export const DEFAULT_CANARY_THRESHOLDS = {
  /** Two failed runs of three: one flaky run is not an outage, two are (10 minutes at the default 5-minute schedule). The threshold is the objective's target, so any failed run breaches. */
  successPercent: (targetPercent: number, periodSeconds: number) => ({ critical: { threshold: targetPercent, evaluationPeriods: 3, datapointsToAlarm: 2, periodSeconds } }),
  /** Three slow runs in a row: a check that takes 5 s is one a user waits for. */
  durationP99Ms: (periodSeconds: number) => ({ warning: { threshold: 5_000, evaluationPeriods: 3, periodSeconds } }),
} as const;

/** How a canary's graphs are titled: what it checks (its URL is often known only after apply). */
const CANARY_TITLES = { http: (method: string) => `HTTP ${method}`, websocket: () => "WebSocket", heartbeat: () => "heartbeat" } as const;

/** What monitorCanaries made: the canaries and, per canary, its alarms. */
export interface MonitoredCanaries extends MonitoredResource {
  /** The canaries, their bucket and roles. */
  readonly construct: SyntheticsCanaries;
  /** Each canary's own alarms, by canary name. */
  readonly alarmsByCanary: ReadonlyMap<string, readonly MonitoringAlarm[]>;
}

/** Options of a `monitor...` call: the resource's own thresholds and the construct id of its alarms. */
export interface ResourceOptions<T> {
  /**
   * The resource's own thresholds, over the facade's tier by tier; `false` for a kind turns its default off.
   * @default the facade's, over the built-in defaults
   */
  readonly thresholds?: T;
  /** The construct id of the resource's alarms. Part of their Terraform addresses: keep it once deployed. @default `<kind>-<name>` */
  readonly constructId?: string;
}

/** Props of {@link ServerlessMonitoring}: the environment and region, where alarms notify, the dashboard, the estate's default thresholds and objectives, and the low-traffic guards. */
export interface ServerlessMonitoringProps {
  /** e.g. `production`: titles, and the dimension of the runtime library's metrics. */
  readonly environment: string;
  /** The region of the monitored resources. */
  readonly region: string;
  /** Where each tier's alarms notify: the topics of `Alerting`, or ARNs of topics the team already has. */
  readonly topics: AlarmTopics;
  /** The first page of the operations dashboard; the others add `-api`, `-dynamodb`, `-sqs`. */
  readonly dashboardName: string;
  /** Thresholds for every resource of a kind, over the built-in DEFAULT_THRESHOLDS, kind by kind and tier by tier. @default the built-in defaults */
  readonly defaults?: EstateThresholds;
  /** Start from no thresholds at all instead of DEFAULT_THRESHOLDS, and no objectives unless `objectives` gives them. @default false */
  readonly withoutBuiltInDefaults?: boolean;
  /** Lambda rates alarm only with at least this many invocations in the period. @default 20 */
  readonly minimumInvocations?: number;
  /** API 5xx rates alarm only with at least this many requests in the period. @default 20 */
  readonly minimumRequests?: number;
  /** Below minimumInvocations or minimumRequests, error and 5xx rates still alarm once a period has this many failures. @default 3 */
  readonly minimumFailures?: number;
  /** Availability objectives with burn-rate alarms, per function and per route. @default 99.9 % over 30 days for both (DEFAULT_OBJECTIVE); none with `withoutBuiltInDefaults` */
  readonly objectives?: EstateObjectives;
  /** Add a warning per function when invocations leave the anomaly band of this many standard deviations. @default none */
  readonly invocationsAnomalyBandWidth?: number;
  /** Console URL of faulted traces, linked from the dashboard header. @default none */
  readonly tracesUrl?: string;
  /** The page (or wiki) whose `Runbook: <family>` sections every alarm description links, e.g. `https://github.com/acme/monitoring/blob/main/docs/runbooks.md`. @default DEFAULT_RUNBOOK_PAGE ("docs/runbooks.md") */
  readonly runbookUrl?: string;
  /**
   * Functions per Lambda page of the dashboard: each takes up to 9 widgets and CloudWatch allows 500 a dashboard; more functions go on pages `-2`, `-3`, ...
   * @default 50
   */
  readonly functionsPerDashboard?: number;
  /**
   * The functions fail some calls on purpose (a failure simulation, a chaos experiment) and count each in the
   * contract's InjectedFailures metric (EMF, service and environment dimensions): every objective subtracts them
   * from its failures (Lambda's Errors, a route's 5xx, the WebSocket errors), so it judges real failures only.
   * @default false
   */
  readonly subtractInjectedFailures?: boolean;
  /** A prefix or suffix for every name made here (alarms, composites, dashboards), for environments that share an account. @default the naming in force (see useNaming), else none: today's names */
  readonly naming?: NamingOptions;
}

/** What monitoring one resource made: its segments and all their alarms. */
export interface MonitoredResource {
  /** The segments made for the resource, one per service it spans. */
  readonly segments: readonly MonitoringSegment[];
  /** Every alarm of its segments. */
  readonly alarms: readonly MonitoringAlarm[];
}

/** What a construct id may hold. */
const CONSTRUCT_ID = /^[A-Za-z0-9_.$-]{1,200}$/;

const DLQ_KINDS = { dlqMessagesVisible: "messagesVisible", dlqOldestMessageAgeSeconds: "oldestMessageAgeSeconds" } as const;

/**
 * Monitoring of a serverless estate in a few lines: give it the alert topics,
 * add functions, APIs, tables and queues (created in this stack or existing,
 * by name), and it makes each one's segment of alarms and graphs, and owns
 * the operations dashboard, one page per service.
 *
 * ```ts
 * const monitoring = new ServerlessMonitoring(this, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate" });
 * monitoring.monitorFunction({ functionName: "checkout-api", timeoutSeconds: 30 });
 * monitoring.monitorHttpApi({ apiId: "a1b2c3d4e5", apiName: "checkout" });
 * ```
 */
export class ServerlessMonitoring extends Construct {
  /** The operations dashboard: one page per service, with the graphs and alarm status of every segment added. */
  readonly dashboard: OperationsDashboard;
  private readonly segmentList: MonitoringSegment[] = [];
  private readonly claimed = new Map<string, string>();
  private readonly defaults: Required<EstateThresholds>;
  private readonly objectives: { readonly function: AvailabilityObjective | false; readonly route: AvailabilityObjective | false };

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ServerlessMonitoringProps,
  ) {
    super(scope, id);
    requireNoTemplateSequences(`ServerlessMonitoring "${id}"`, props, ["runbookUrl"]);
    requireKnownProps(`ServerlessMonitoring "${id}"`, "ServerlessMonitoring", { props });
    checkFacadeProps(`ServerlessMonitoring "${id}"`, props);
    if (props.naming !== undefined) this.node.setContext(NAMING_CONTEXT_KEY, props.naming);
    const base: EstateThresholds = props.withoutBuiltInDefaults ? {} : DEFAULT_THRESHOLDS;
    const d = props.defaults ?? {};
    // Every family, the facade's over the built-in, kind by kind (FAMILY_KINDS names them all, checked by the compiler).
    this.defaults = Object.fromEntries(Object.keys(FAMILY_KINDS).map((family) => [family, mergeThresholds(base[family as keyof EstateThresholds], d[family as keyof EstateThresholds])])) as Required<EstateThresholds>;
    // Without the built-in defaults, no objective either unless one is given: only what the team configures.
    const builtIn = props.withoutBuiltInDefaults ? false : DEFAULT_OBJECTIVE;
    this.objectives = { function: props.objectives?.function ?? builtIn, route: props.objectives?.route ?? builtIn };
    for (const kind of ["function", "route"] as const) {
      const objective = this.objectives[kind];
      if (objective !== false) requireObjective(`ServerlessMonitoring "${id}"`, `objectives.${kind}`, objective);
    }
    this.dashboard = new OperationsDashboard(this, "dashboard", {
      dashboardName: props.dashboardName,
      environment: props.environment,
      region: props.region,
      ...(props.tracesUrl ? { tracesUrl: props.tracesUrl } : {}),
      ...(props.functionsPerDashboard !== undefined ? { functionsPerDashboard: props.functionsPerDashboard } : {}),
    });
  }

  /** Every alarm made so far, of every segment. */
  get alarms(): MonitoringAlarm[] {
    return this.segmentList.flatMap((s) => s.alarms);
  }

  /** Every segment added so far, in the order added: what the dashboard pages are made of. */
  get segments(): readonly MonitoringSegment[] {
    return this.segmentList;
  }

  /** A function: its Lambda segment, its dead-letter queue's SQS segment, and the error capture segment where it uses the runtime library. */
  monitorFunction(fn: IMonitoredFunction & { readonly usesErrorCapture?: boolean }, options: MonitorFunctionOptions = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorFunction", "ServerlessMonitoring.monitorFunction", { fn, options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorFunction`, fn, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorFunction`, options, ["alarmNamePrefix"], "options");
    checkFunction("ServerlessMonitoring.monitorFunction", fn);
    const scope = this.scopeFor(options.constructId, `${fn.functionName}-alarms`, `function "${fn.functionName}"`, { field: "functionName", value: fn.functionName });
    const where = `ServerlessMonitoring.monitorFunction "${fn.functionName}"`;
    const { lambda: lambdaOwn, dlq: dlqOwn, capture: captureOwn } = splitFunctionThresholds(options.thresholds);
    const { lambda: lambdaDefaults, dlq: dlqDefaults, capture: captureDefaults } = splitFunctionThresholds(this.defaults.function);
    const segments: MonitoringSegment[] = [
      new LambdaFunctionMonitoring(scope, {
        function: fn,
        topics: this.props.topics,
        links: this.links("lambda", "lambda"),
        defaults: lambdaDefaults,
        thresholds: lambdaOwn,
        ...(this.props.minimumInvocations !== undefined ? { minimumInvocations: this.props.minimumInvocations } : {}),
        ...(this.props.minimumFailures !== undefined ? { minimumFailures: this.props.minimumFailures } : {}),
        ...(this.props.invocationsAnomalyBandWidth !== undefined ? { invocationsAnomalyBandWidth: this.props.invocationsAnomalyBandWidth } : {}),
      }),
    ];
    if (fn.deadLetterQueueName) {
      segments.push(
        new SqsQueueMonitoring(scope, { queueName: fn.deadLetterQueueName, deadLetterQueue: true, alarmNamePrefix: fn.functionName, topics: this.props.topics, links: this.links("sqs", "dead-letter-queues"), defaults: dlqDefaults, thresholds: dlqOwn }),
      );
    } else {
      requireNone(where, options.thresholds, ["dlqMessagesVisible", "dlqOldestMessageAgeSeconds"], "the function has no known dead-letter queue; give deadLetterQueueName");
    }
    if (options.usesErrorCapture ?? fn.usesErrorCapture ?? false) {
      segments.push(new ErrorCaptureMonitoring(scope, { serviceName: fn.functionName, environment: this.props.environment, topics: this.props.topics, links: this.links("lambda", "error-capture"), defaults: captureDefaults, thresholds: captureOwn }));
    } else {
      requireNone(where, options.thresholds, ["errorRecordWriteFailures"], "the function does not use the runtime library (withErrorCapture); give usesErrorCapture: true if it does");
    }
    const objective = options.objective ?? this.objectives.function;
    if (objective !== false) {
      requireObjective(where, "objective", objective);
      // A throttled call fails for its caller too, and Lambda counts it in neither Errors nor Invocations.
      const indicator = { bad: [LambdaMetrics.errors(fn.functionName), LambdaMetrics.throttles(fn.functionName)], total: [LambdaMetrics.invocations(fn.functionName), LambdaMetrics.throttles(fn.functionName)], ...this.injected([fn.functionName]) };
      segments.push(new SloMonitoring(scope, { name: fn.functionName, title: `function ${fn.functionName}`, objective, indicator, topics: this.props.topics, page: "lambda", links: this.links("lambda", "slo"), ...this.pageMinimum() }));
    }
    if (options.latencyObjective !== undefined) {
      const latency = options.latencyObjective;
      requireLatencyObjective(where, "latencyObjective", latency);
      // Slow calls among the calls that ran: a trimmed count of Duration over its sample count (see LatencyObjective).
      const indicator = { bad: [LambdaMetrics.slowInvocations(fn.functionName, latency.thresholdMs)], total: [LambdaMetrics.timedInvocations(fn.functionName)] };
      segments.push(
        new SloMonitoring(new Construct(scope, "latency-objective"), {
          name: `${fn.functionName}-latency`,
          title: `function ${fn.functionName} within ${latency.thresholdMs} ms`,
          // The availability part only: the threshold is in the indicator, and SloMonitoring takes no other key.
          objective: { targetPercent: latency.targetPercent, ...(latency.periodDays !== undefined ? { periodDays: latency.periodDays } : {}) },
          indicator,
          topics: this.props.topics,
          page: "lambda",
          links: this.links("lambda", "slo"),
          ...this.pageMinimum(),
        }),
      );
    }
    return this.add(segments);
  }

  /** The account's unreserved concurrency pool, which every function without reserved concurrency shares. */
  monitorLambdaAccount(options: { readonly alarmNamePrefix: string; readonly accountConcurrencyLimit?: number; readonly reservedConcurrency?: number; readonly thresholds: LambdaAccountThresholds; readonly constructId?: string }): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorLambdaAccount", "ServerlessMonitoring.monitorLambdaAccount", { options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorLambdaAccount`, options, ["alarmNamePrefix"]);
    // The construct id is the facade's; the segment takes the rest.
    const { constructId, ...account } = options;
    const scope = this.scopeFor(constructId, "lambda-account-alarms", "the Lambda account");
    return this.add([new LambdaAccountMonitoring(scope, { ...account, topics: this.props.topics, links: this.links("lambda", "lambda") })]);
  }

  /** An HTTP API; each of its `routes` also gets its own 5xx alarm and, under `objectives.route`, burn-rate alarms. */
  monitorHttpApi(
    api: { readonly apiId: string; readonly apiName: string; readonly stage?: string; readonly routes?: readonly string[] },
    options: ResourceOptions<ApiThresholds> & {
      readonly routeObjective?: AvailabilityObjective | false;
      /** The function answering each route (by route key): its injected failures leave the route's objective under `subtractInjectedFailures`. @default none */
      readonly routeFunctions?: Readonly<Record<string, string>>;
    } = {},
  ): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorHttpApi", "ServerlessMonitoring.monitorHttpApi", { api, options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorHttpApi`, api, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorHttpApi`, options, ["alarmNamePrefix"], "options");
    checkRoutes(`ServerlessMonitoring.monitorHttpApi "${api.apiName}"`, api.routes);
    const scope = this.scopeFor(options.constructId, `http-api-${api.apiName}`, `HTTP API "${api.apiName}"`, { field: "apiName", value: api.apiName });
    const segments: MonitoringSegment[] = [new HttpApiMonitoring(scope, { ...api, topics: this.props.topics, links: this.links("api", "api-gateway"), defaults: this.defaults.httpApi, thresholds: options.thresholds, ...this.minimumRequests() })];
    const objective = options.routeObjective ?? this.objectives.route;
    if (objective !== false) {
      requireObjective(`ServerlessMonitoring.monitorHttpApi "${api.apiName}"`, "routeObjective", objective);
      for (const routeKey of api.routes ?? []) {
        const stage = api.stage ?? "$default";
        const slug = routeKey.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
        const answering = options.routeFunctions?.[routeKey];
        const indicator = { bad: [HttpApiMetrics.routeServerErrors(api.apiId, stage, routeKey)], total: [HttpApiMetrics.routeCount(api.apiId, stage, routeKey)], ...this.injected(answering === undefined ? [] : [answering]) };
        segments.push(new SloMonitoring(new Construct(scope, `route-${slug}`), { name: `${api.apiName}-${slug}`, title: `${api.apiName} ${routeKey}`, objective, indicator, topics: this.props.topics, page: "api", links: this.links("api", "slo"), ...this.pageMinimum() }));
      }
    }
    return this.add(segments);
  }

  /**
   * A business capability's objective over all its functions and routes: its
   * page composite says the capability is down or burning fast, whichever
   * function or route fails. Its segment is on the business page.
   */
  monitorCapability(capability: CapabilityObjective, options: { readonly constructId?: string } = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorCapability", "ServerlessMonitoring.monitorCapability", { capability, options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorCapability`, capability);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorCapability`, options, ["alarmNamePrefix"], "options");
    checkCapability(`ServerlessMonitoring.monitorCapability "${String(capability.name)}"`, capability);
    const scope = this.scopeFor(options.constructId, `capability-${capability.name}`, `capability "${capability.name}"`, { field: "name", value: capability.name });
    const objective = capability.objective ?? (this.objectives.function || DEFAULT_OBJECTIVE);
    const routes = capability.routes ?? [];
    const indicator: ServiceLevelIndicator = {
      bad: [...capability.functionNames.map((f) => LambdaMetrics.errors(f)), ...routes.map((r) => HttpApiMetrics.routeServerErrors(r.apiId, r.stage ?? "$default", r.routeKey))],
      total: [...capability.functionNames.map((f) => LambdaMetrics.invocations(f)), ...routes.map((r) => HttpApiMetrics.routeCount(r.apiId, r.stage ?? "$default", r.routeKey))],
      ...(capability.canaries?.length ? { canaries: capability.canaries } : {}),
      // An injected failure counts in its function's Errors and again in its route's 5xx: subtracted from both.
      ...this.injected([...capability.functionNames, ...routes.flatMap((r) => (r.functionName === undefined ? [] : [r.functionName]))]),
    };
    return this.add([new SloMonitoring(scope, { name: capability.name, title: capability.title, objective, indicator, topics: this.props.topics, page: "business", links: this.links("business", "slo"), ...this.pageMinimum() })]);
  }

  /**
   * Synthetics canaries for the routes, WebSocket APIs and URLs opted in (see
   * SyntheticsCanaries): each canary's segment alarms when its runs fail
   * (critical, at the objective's target) or slow down (warning), at any traffic.
   * Give a capability its canaries (CapabilityObjective.canaries) so its objective burns on them too.
   */
  monitorCanaries(props: SyntheticsCanariesProps, options: { readonly thresholds?: CanaryThresholds; readonly targetPercent?: number; readonly constructId?: string } = {}): MonitoredCanaries {
    requireKnownProps("ServerlessMonitoring.monitorCanaries", "ServerlessMonitoring.monitorCanaries", { props, options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorCanaries`, options, [], "options");
    const scope = this.scopeFor(options.constructId, "canaries", "the canaries");
    const construct = new SyntheticsCanaries(scope, "synthetics", props);
    const periodSeconds = construct.scheduleMinutes * 60;
    const target = options.targetPercent ?? (this.objectives.route || DEFAULT_OBJECTIVE).targetPercent;
    const defaults: CanaryThresholds = this.props.withoutBuiltInDefaults ? {} : { successPercent: DEFAULT_CANARY_THRESHOLDS.successPercent(target, periodSeconds), durationP99Ms: DEFAULT_CANARY_THRESHOLDS.durationP99Ms(periodSeconds) };
    const segments = construct.canaries.map(
      (c) => new CanaryMonitoring(new Construct(scope, `${c.canaryName}-alarms`), { canaryName: c.canaryName, title: CANARY_TITLES[c.spec.kind](c.spec.kind === "http" ? c.spec.method : ""), periodSeconds, topics: this.props.topics, links: this.links("api", "canaries"), defaults, thresholds: options.thresholds }),
    );
    const added = this.add(segments);
    return { ...added, construct, alarmsByCanary: new Map(segments.map((s, i) => [construct.canaries[i]!.canaryName, s.alarms])) };
  }

  /** A REST API; each of its `methods` (`GET /orders/{id}`) also gets its own 5XX and latency alarms and, under `objectives.route`, burn-rate alarms. */
  monitorRestApi(api: { readonly apiName: string; readonly stage: string; readonly methods?: readonly string[] }, options: ResourceOptions<ApiThresholds> & { readonly methodObjective?: AvailabilityObjective | false } = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorRestApi", "ServerlessMonitoring.monitorRestApi", { api, options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorRestApi`, api, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorRestApi`, options, ["alarmNamePrefix"], "options");
    const scope = this.scopeFor(options.constructId, `rest-api-${api.apiName}`, `REST API "${api.apiName}"`, { field: "apiName", value: api.apiName });
    const segments: MonitoringSegment[] = [new RestApiMonitoring(scope, { ...api, topics: this.props.topics, links: this.links("api", "api-gateway"), defaults: this.defaults.restApi, thresholds: options.thresholds, ...this.minimumRequests() })];
    const objective = options.methodObjective ?? this.objectives.route;
    if (objective !== false) {
      requireObjective(`ServerlessMonitoring.monitorRestApi "${api.apiName}"`, "methodObjective", objective);
      for (const methodKey of api.methods ?? []) {
        const slug = restMethodSlug(methodKey);
        const indicator = { bad: [RestApiMetrics.methodServerErrors(api.apiName, api.stage, methodKey)], total: [RestApiMetrics.methodCount(api.apiName, api.stage, methodKey)] };
        segments.push(new SloMonitoring(new Construct(scope, `method-${slug}`), { name: `${api.apiName}-${slug}`, title: `${api.apiName} ${methodKey}`, objective, indicator, topics: this.props.topics, page: "api", links: this.links("api", "slo"), ...this.pageMinimum() }));
      }
    }
    return this.add(segments);
  }

  /**
   * A WebSocket API (API Gateway v2, by id) and stage: its connection errors, client errors and message integration latency, on the API Gateway page;
   * under `objectives.route`, an objective over its messages: integration and execution errors over all messages, so a failing WebSocket API pages at any traffic where an error count cannot.
   */
  monitorWebSocketApi(
    api: { readonly apiId: string; readonly apiName: string; readonly stage?: string },
    options: ResourceOptions<WebSocketThresholds> & {
      /** @default the facade's `objectives.route` */
      readonly objective?: AvailabilityObjective | false;
      /** The function answering its messages: its injected failures leave the objective under `subtractInjectedFailures`. @default none */
      readonly messageFunction?: string;
    } = {},
  ): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorWebSocketApi", "ServerlessMonitoring.monitorWebSocketApi", { api, options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorWebSocketApi`, api, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorWebSocketApi`, options, ["alarmNamePrefix"], "options");
    const scope = this.scopeFor(options.constructId, `websocket-api-${api.apiName}`, `WebSocket API "${api.apiName}"`, { field: "apiName", value: api.apiName });
    const segments: MonitoringSegment[] = [new WebSocketApiMonitoring(scope, { ...api, topics: this.props.topics, links: this.links("api", "api-gateway"), defaults: this.defaults.webSocketApi, thresholds: options.thresholds })];
    const objective = options.objective ?? this.objectives.route;
    if (objective !== false) {
      requireObjective(`ServerlessMonitoring.monitorWebSocketApi "${api.apiName}"`, "objective", objective);
      const stage = api.stage ?? "$default";
      const indicator: ServiceLevelIndicator = {
        bad: [WebSocketApiMetrics.integrationErrors(api.apiId, stage), WebSocketApiMetrics.executionErrors(api.apiId, stage)],
        total: [WebSocketApiMetrics.messageCount(api.apiId, stage)],
        ...this.injected(options.messageFunction === undefined ? [] : [options.messageFunction]),
      };
      segments.push(new SloMonitoring(new Construct(scope, "messages"), { name: `${api.apiName}-messages`, title: `${api.apiName} messages`, objective, indicator, topics: this.props.topics, page: "api", links: this.links("api", "slo"), ...this.pageMinimum() }));
    }
    return this.add(segments);
  }

  /** Any DynamoDB table, ours or not. */
  monitorTable(
    table: { readonly tableName: string; readonly billingMode?: BillingMode; readonly operations?: readonly string[]; readonly globalSecondaryIndexes?: readonly string[]; readonly timeToLive?: boolean },
    options: ResourceOptions<DynamoDbThresholds> = {},
  ): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorTable", "ServerlessMonitoring.monitorTable", { table, options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorTable`, table, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorTable`, options, ["alarmNamePrefix"], "options");
    const scope = this.scopeFor(options.constructId, `table-${table.tableName}`, `table "${table.tableName}"`, { field: "tableName", value: table.tableName });
    return this.add([new DynamoDbTableMonitoring(scope, { ...table, topics: this.props.topics, links: this.links("dynamodb", "dynamodb"), defaults: this.defaults.table, thresholds: options.thresholds })]);
  }

  /** DynamoDB's account-wide UserErrors. */
  monitorDynamoDbAccount(options: { readonly alarmNamePrefix: string; readonly thresholds: DynamoDbAccountThresholds; readonly constructId?: string }): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorDynamoDbAccount", "ServerlessMonitoring.monitorDynamoDbAccount", { options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorDynamoDbAccount`, options, ["alarmNamePrefix"]);
    // The construct id is the facade's; the segment takes the rest.
    const { constructId, ...account } = options;
    const scope = this.scopeFor(constructId, "dynamodb-account-alarms", "the DynamoDB account");
    return this.add([new DynamoDbAccountMonitoring(scope, { ...account, topics: this.props.topics, links: this.links("dynamodb", "dynamodb") })]);
  }

  /** Any SQS queue, with its dead-letter queue (`deadLetterQueue`: its name) if it has one: the DLQ's alarms read `<queueName>-dlq-...`. A function's dead-letter queue comes with monitorFunction. */
  monitorQueue(queue: { readonly queueName: string; readonly deadLetterQueue?: string }, options: ResourceOptions<QueueThresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorQueue", "ServerlessMonitoring.monitorQueue", { queue, options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorQueue`, queue, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorQueue`, options, ["alarmNamePrefix"], "options");
    const scope = this.scopeFor(options.constructId, `queue-${queue.queueName}`, `queue "${queue.queueName}"`, { field: "queueName", value: queue.queueName });
    const own = splitQueueThresholds(options.thresholds);
    const defaults = splitQueueThresholds(this.defaults.queue);
    const segments: MonitoringSegment[] = [new SqsQueueMonitoring(scope, { queueName: queue.queueName, topics: this.props.topics, links: this.links("sqs", "sqs"), defaults: defaults.queue, thresholds: own.queue })];
    if (queue.deadLetterQueue !== undefined) {
      if (queue.deadLetterQueue === queue.queueName) throw new InvalidPropsError(`ServerlessMonitoring.monitorQueue "${queue.queueName}"`, "deadLetterQueue", queue.deadLetterQueue, "another queue than the queue itself");
      segments.push(new SqsQueueMonitoring(scope, { queueName: queue.deadLetterQueue, deadLetterQueue: true, alarmNamePrefix: queue.queueName, topics: this.props.topics, links: this.links("sqs", "dead-letter-queues"), defaults: defaults.dlq, thresholds: own.dlq }));
    } else {
      requireNone(`ServerlessMonitoring.monitorQueue "${queue.queueName}"`, options.thresholds, ["dlqMessagesVisible", "dlqOldestMessageAgeSeconds"], "the queue has no known dead-letter queue; give deadLetterQueue");
    }
    return this.add(segments);
  }

  /** A function's alias (or version) with provisioned concurrency: its utilisation and the invocations that spill over. */
  monitorLambdaAlias(alias: { readonly functionName: string; readonly alias: string }, options: ResourceOptions<LambdaAliasThresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorLambdaAlias", "ServerlessMonitoring.monitorLambdaAlias", { alias, options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorLambdaAlias`, alias, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorLambdaAlias`, options, ["alarmNamePrefix"], "options");
    const scope = this.scopeFor(options.constructId, `alias-${alias.functionName}-${alias.alias}`, `alias "${alias.functionName}:${alias.alias}"`, { field: "alias", value: alias.alias });
    return this.add([new LambdaAliasMonitoring(scope, { ...alias, topics: this.props.topics, links: this.links("lambda", "lambda"), defaults: this.defaults.alias, thresholds: options.thresholds })]);
  }

  /**
   * Every function, table and queue that carries the given tags (or whose
   * name starts with a prefix), found by Terraform at `terraform plan`: each
   * gets the alarms of its kind (one alarm block per kind and tier, `for_each`
   * over the names found) and its page shows them by CloudWatch SEARCH.
   * Resources this facade monitors by name are left out. See docs/library/discovery.md.
   * @returns the segments, no `alarms` (composites cannot name alarms found at plan time), and the per-resource alarm blocks
   */
  monitorDiscovered(criteria: DiscoveryCriteria, options: { readonly thresholds?: DiscoveredThresholds; readonly constructId?: string } = {}): MonitoredResource & { readonly perResourceAlarms: readonly MonitoringAlarm[] } {
    requireKnownProps("ServerlessMonitoring.monitorDiscovered", "ServerlessMonitoring.monitorDiscovered", { criteria, options });
    const where = `ServerlessMonitoring.monitorDiscovered "${criteria.name}"`;
    requireDiscoveryCriteria(where, criteria);
    requireNoTemplateSequences(where, options, [], "options");
    const scope = this.scopeFor(options.constructId, `discovery-${criteria.name}`, `discovery "${criteria.name}"`, { field: "name", value: criteria.name });
    const tableDefaults = Object.fromEntries(Object.entries(this.defaults.table).filter(([kind]) => !(DYNAMODB_INDEX_ALARM_KINDS as readonly string[]).includes(kind)));
    const defaults: DiscoveredThresholds = { function: splitFunctionThresholds(this.defaults.function).lambda, table: tableDefaults, queue: splitQueueThresholds(this.defaults.queue).queue };
    const monitoredByName = (type: DiscoveredType): string[] => {
      const prefix = { function: "lambda:", table: "dynamodb:", queue: "sqs:" }[type];
      return this.segmentList.filter((s) => s.id.startsWith(prefix) && !s.id.startsWith("discovered:")).map((s) => s.id.slice(prefix.length));
    };
    const links = { function: this.links("lambda", "lambda"), table: this.links("dynamodb", "dynamodb"), queue: this.links("sqs", "sqs") };
    const segments = (criteria.types ?? DISCOVERED_TYPES).map(
      (type) =>
        new DiscoveredMonitoring(
          scope,
          { ...criteria, topics: this.props.topics, links, defaults, ...(options.thresholds ? { thresholds: options.thresholds } : {}), exclude: monitoredByName, ...this.minimumInvocations() },
          type,
        ),
    );
    return { ...this.add(segments), perResourceAlarms: segments.flatMap((s) => s.perResourceAlarms) };
  }

  /** A function's event source mapping: iterator age of a stream, and (with its uuid and metrics_config EventCount) failed and dropped events. */
  monitorEventSource(mapping: { readonly functionName: string; readonly source: EventSourceKind; readonly uuid?: string; readonly name?: string }, options: ResourceOptions<EventSourceThresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorEventSource", "ServerlessMonitoring.monitorEventSource", { mapping, options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorEventSource`, mapping, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorEventSource`, options, ["alarmNamePrefix"], "options");
    const name = mapping.name ?? mapping.source;
    const scope = this.scopeFor(options.constructId, `event-source-${mapping.functionName}-${name}`, `event source "${name}" of "${mapping.functionName}"`, { field: mapping.name === undefined ? "source" : "name", value: name });
    return this.add([new LambdaEventSourceMonitoring(scope, { ...mapping, topics: this.props.topics, links: this.links("lambda", "lambda"), defaults: this.defaults.eventSource, thresholds: options.thresholds })]);
  }

  /** A function's business KPIs (the contract's business metrics): graphs on the business page, alarms in the business tier. */
  monitorBusinessKpis(kpis: { readonly serviceName: string; readonly emits: "payments" | "orders"; readonly minimumEvents?: number }, options: ResourceOptions<BusinessThresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorBusinessKpis", "ServerlessMonitoring.monitorBusinessKpis", { kpis, options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorBusinessKpis`, kpis, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorBusinessKpis`, options, ["alarmNamePrefix"], "options");
    const scope = this.scopeFor(options.constructId, `business-${kpis.serviceName}`, `the business KPIs of "${kpis.serviceName}"`, { field: "serviceName", value: kpis.serviceName });
    return this.add([
      new BusinessMonitoring(scope, { ...kpis, environment: this.props.environment, topics: this.props.topics, links: this.links("business", "business"), defaults: this.defaults.business, thresholds: options.thresholds }),
    ]);
  }

  // Issue 28's service segments: each method names its resource, takes its thresholds over the facade's, and delegates to the segment.

  /** A Step Functions state machine: failed, timed-out, aborted and throttled executions, execution time, and its integrations' failures. */
  monitorStateMachine(stateMachine: { readonly stateMachineArn: string; readonly integrations?: StepFunctionsIntegrations; readonly minimumExecutions?: number }, options: ResourceOptions<StepFunctionsThresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorStateMachine", "ServerlessMonitoring.monitorStateMachine", { stateMachine, options });
    const name = this.serviceResource("monitorStateMachine", stateMachine, options, String(stateMachine.stateMachineArn).split(":").pop()!);
    const scope = this.scopeFor(options.constructId, `state-machine-${name}`, `state machine "${name}"`, { field: "stateMachineArn", value: stateMachine.stateMachineArn });
    return this.add([new StepFunctionsMonitoring(scope, { ...stateMachine, ...this.serviceSegmentProps("integration", "step-functions", this.defaults.stateMachine, options.thresholds), ...this.minimumFailuresAs("minimumFailures") })]);
  }

  /** An EventBridge rule (of the default bus unless `eventBusName` says otherwise): failed and throttled invocations, its dead-letter queue. */
  monitorEventBridgeRule(rule: { readonly ruleName: string; readonly eventBusName?: string }, options: ResourceOptions<EventBridgeRuleThresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorEventBridgeRule", "ServerlessMonitoring.monitorEventBridgeRule", { rule, options });
    const name = this.serviceResource("monitorEventBridgeRule", rule, options, `${rule.eventBusName ?? "default"}-${rule.ruleName}`);
    const scope = this.scopeFor(options.constructId, `event-rule-${name}`, `EventBridge rule "${name}"`, { field: "ruleName", value: rule.ruleName });
    return this.add([new EventBridgeRuleMonitoring(scope, { ...rule, ...this.serviceSegmentProps("integration", "eventbridge", this.defaults.eventBridgeRule, options.thresholds) })]);
  }

  /** An EventBridge bus: retries and latency of delivery to its rules' targets. */
  monitorEventBus(bus: { readonly eventBusName: string; readonly minimumAttempts?: number }, options: ResourceOptions<EventBusThresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorEventBus", "ServerlessMonitoring.monitorEventBus", { bus, options });
    const name = this.serviceResource("monitorEventBus", bus, options, bus.eventBusName);
    const scope = this.scopeFor(options.constructId, `event-bus-${name}`, `event bus "${name}"`, { field: "eventBusName", value: bus.eventBusName });
    return this.add([new EventBusMonitoring(scope, { ...bus, ...this.serviceSegmentProps("integration", "eventbridge", this.defaults.eventBus, options.thresholds), ...this.minimumFailuresAs("minimumRetries") })]);
  }

  /** An SNS topic of the estate: failed notifications, redrives to dead-letter queues, messages filtered out as invalid. */
  monitorSnsTopic(topic: { readonly topicName: string }, options: ResourceOptions<SnsThresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorSnsTopic", "ServerlessMonitoring.monitorSnsTopic", { topic, options });
    const name = this.serviceResource("monitorSnsTopic", topic, options, topic.topicName);
    const scope = this.scopeFor(options.constructId, `sns-topic-${name}`, `SNS topic "${name}"`, { field: "topicName", value: topic.topicName });
    return this.add([new SnsTopicMonitoring(scope, { ...topic, ...this.serviceSegmentProps("integration", "sns", this.defaults.snsTopic, options.thresholds) })]);
  }

  /** A Kinesis data stream, and the function that consumes it: iterator age, throttled reads and writes, failed records. */
  monitorKinesisStream(stream: { readonly streamName: string; readonly consumerFunctionName?: string }, options: ResourceOptions<KinesisThresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorKinesisStream", "ServerlessMonitoring.monitorKinesisStream", { stream, options });
    const name = this.serviceResource("monitorKinesisStream", stream, options, stream.streamName);
    const scope = this.scopeFor(options.constructId, `kinesis-stream-${name}`, `Kinesis stream "${name}"`, { field: "streamName", value: stream.streamName });
    return this.add([new KinesisStreamMonitoring(scope, { ...stream, ...this.serviceSegmentProps("integration", "kinesis", this.defaults.kinesisStream, options.thresholds) })]);
  }

  /** A Kinesis Data Firehose stream: delivery success and throttled records. */
  monitorFirehose(stream: { readonly deliveryStreamName: string; readonly destination?: FirehoseDestination }, options: ResourceOptions<FirehoseThresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorFirehose", "ServerlessMonitoring.monitorFirehose", { stream, options });
    const name = this.serviceResource("monitorFirehose", stream, options, stream.deliveryStreamName);
    const scope = this.scopeFor(options.constructId, `firehose-${name}`, `Firehose stream "${name}"`, { field: "deliveryStreamName", value: stream.deliveryStreamName });
    return this.add([new FirehoseMonitoring(scope, { ...stream, ...this.serviceSegmentProps("integration", "firehose", this.defaults.firehose, options.thresholds) })]);
  }

  /** An AppSync GraphQL API, on the API page: 5xx, 4xx and latency. */
  monitorAppSyncApi(api: { readonly apiId: string; readonly apiName: string }, options: ResourceOptions<AppSyncThresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorAppSyncApi", "ServerlessMonitoring.monitorAppSyncApi", { api, options });
    const name = this.serviceResource("monitorAppSyncApi", api, options, api.apiName);
    const scope = this.scopeFor(options.constructId, `appsync-api-${name}`, `AppSync API "${name}"`, { field: "apiName", value: api.apiName });
    return this.add([new AppSyncApiMonitoring(scope, { ...api, ...this.serviceSegmentProps("api", "appsync", this.defaults.appSyncApi, options.thresholds), ...this.minimumRequests() })]);
  }

  /** An S3 bucket's request metrics (4xx, 5xx, first-byte latency), with `createRequestMetrics` the configuration that makes S3 publish them. */
  monitorS3Bucket(bucket: { readonly bucketName: string; readonly filterId?: string; readonly createRequestMetrics?: boolean; readonly prefix?: string }, options: ResourceOptions<S3Thresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorS3Bucket", "ServerlessMonitoring.monitorS3Bucket", { bucket, options });
    const name = this.serviceResource("monitorS3Bucket", bucket, options, bucket.filterId ? `${bucket.bucketName}-${bucket.filterId}` : bucket.bucketName);
    const scope = this.scopeFor(options.constructId, `s3-bucket-${name}`, `S3 bucket "${name}"`, bucket.filterId ? { field: "filterId", value: bucket.filterId } : { field: "bucketName", value: bucket.bucketName });
    return this.add([new S3BucketMonitoring(scope, { ...bucket, ...this.serviceSegmentProps("s3", "s3", this.defaults.s3Bucket, options.thresholds), ...this.minimumRequests() })]);
  }

  /**
   * Refuses template sequences in a service resource and its options, and
   * returns what its construct id defaults to: `name` with characters a
   * construct id may not hold made `-`, so a bad name is refused by its
   * segment, naming the field, not as a construct id.
   */
  private serviceResource(method: string, resource: object, options: object, name: string): string {
    requireNoTemplateSequences(`ServerlessMonitoring.${method}`, resource, []);
    requireNoTemplateSequences(`ServerlessMonitoring.${method}`, options, ["alarmNamePrefix"], "options");
    return name.replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, 180);
  }

  private serviceSegmentProps<T>(page: DashboardPage, runbookFamily: string, defaults: T, thresholds: T | undefined) {
    return { topics: this.props.topics, links: this.links(page, runbookFamily), defaults, thresholds };
  }

  private minimumFailuresAs<K extends string>(key: K): Partial<Record<K, number>> {
    const n = this.props.minimumFailures;
    return n === undefined ? {} : ({ [key]: n } as Record<K, number>);
  }

  // Databases, caches and metrics of any namespace (issue 28): each delegates to its segment.

  /** An RDS instance or an Aurora cluster (Serverless v2 included), on the database page. */
  monitorDatabase(
    database: { readonly dbInstanceIdentifier?: string; readonly dbClusterIdentifier?: string; readonly clusterRole?: "WRITER" | "READER"; readonly engine: RdsEngine; readonly serverless?: boolean; readonly maxConnections?: number },
    options: ResourceOptions<RdsThresholds> = {},
  ): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorDatabase", "ServerlessMonitoring.monitorDatabase", { database, options });
    const name = database.dbInstanceIdentifier ?? database.dbClusterIdentifier;
    requireNoTemplateSequences(`ServerlessMonitoring.monitorDatabase`, database, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorDatabase`, options, [], "options");
    const role = database.clusterRole ? `-${String(database.clusterRole).toLowerCase()}` : "";
    const scope = this.scopeFor(options.constructId, `database-${String(name)}${role}`, `database "${String(name)}${role}"`, { field: database.dbInstanceIdentifier !== undefined ? "dbInstanceIdentifier" : "dbClusterIdentifier", value: String(name) });
    return this.add([new RdsDatabaseMonitoring(scope, { ...database, topics: this.props.topics, links: this.links("database", "databases"), defaults: this.defaults.database, thresholds: options.thresholds })]);
  }

  /** An RDS Proxy, on the database page. */
  monitorDatabaseProxy(proxy: { readonly proxyName: string }, options: ResourceOptions<RdsProxyThresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorDatabaseProxy", "ServerlessMonitoring.monitorDatabaseProxy", { proxy, options });
    requireNoTemplateSequences(`ServerlessMonitoring.monitorDatabaseProxy`, proxy, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorDatabaseProxy`, options, [], "options");
    const scope = this.scopeFor(options.constructId, `database-proxy-${proxy.proxyName}`, `RDS Proxy "${proxy.proxyName}"`, { field: "proxyName", value: proxy.proxyName });
    return this.add([new RdsProxyMonitoring(scope, { proxyName: proxy.proxyName, topics: this.props.topics, links: this.links("database", "databases"), defaults: this.defaults.databaseProxy, thresholds: options.thresholds })]);
  }

  /** An ElastiCache for Redis OSS or Valkey node, or a serverless cache, on the database page. */
  monitorCache(cache: { readonly cacheClusterId?: string; readonly serverlessCacheName?: string; readonly minimumLookups?: number }, options: ResourceOptions<ElastiCacheThresholds> = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorCache", "ServerlessMonitoring.monitorCache", { cache, options });
    const name = cache.cacheClusterId ?? cache.serverlessCacheName;
    requireNoTemplateSequences(`ServerlessMonitoring.monitorCache`, cache, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorCache`, options, [], "options");
    const scope = this.scopeFor(options.constructId, `cache-${String(name)}`, `cache "${String(name)}"`, { field: cache.cacheClusterId !== undefined ? "cacheClusterId" : "serverlessCacheName", value: String(name) });
    return this.add([new ElastiCacheMonitoring(scope, { ...cache, topics: this.props.topics, links: this.links("database", "caches"), defaults: this.defaults.cache, thresholds: options.thresholds })]);
  }

  /**
   * Metrics of any namespace: counts, values, rates of two metrics and
   * anomaly bands, each watch with its own thresholds, on the custom metrics page.
   * @param metrics - `name` prefixes the alarm names (include the environment), `watches` say what to alarm on
   * @param options - the construct id of the alarms (default `metrics-<name>`)
   */
  monitorMetrics(metrics: { readonly name: string; readonly title?: string; readonly watches: readonly MetricWatch[] }, options: { readonly constructId?: string } = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorMetrics", "ServerlessMonitoring.monitorMetrics", { metrics, options });
    return this.customMetrics("monitorMetrics", "custom", metrics, options);
  }

  /**
   * Business KPIs from the team's own namespace (monitorBusinessKpis reads the
   * reference workloads' contract metrics): the same watches as monitorMetrics,
   * on the business page, in the business tier only.
   */
  monitorBusinessMetrics(metrics: { readonly name: string; readonly title?: string; readonly watches: readonly MetricWatch[] }, options: { readonly constructId?: string } = {}): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.monitorBusinessMetrics", "ServerlessMonitoring.monitorBusinessMetrics", { metrics, options });
    return this.customMetrics("monitorBusinessMetrics", "business", metrics, options);
  }

  private customMetrics(method: string, page: "custom" | "business", metrics: { readonly name: string; readonly title?: string; readonly watches: readonly MetricWatch[] }, options: { readonly constructId?: string }): MonitoredResource {
    requireNoTemplateSequences(`ServerlessMonitoring.${method}`, metrics, []);
    requireNoTemplateSequences(`ServerlessMonitoring.${method}`, options, [], "options");
    const scope = this.scopeFor(options.constructId, `metrics-${String(metrics.name)}`, `metrics "${String(metrics.name)}"`, { field: "name", value: String(metrics.name) });
    return this.add([new CustomMetricMonitoring(scope, { ...metrics, page, topics: this.props.topics, links: this.links(page, page === "business" ? "business" : "custom-metrics") })]);
  }

  /**
   * A segment of the team's own, for a service the library does not cover
   * (any {@link MonitoringSegment}, e.g. built with {@link segmentAlarms} and
   * {@link graphWidget}): its graphs join its page and its alarms
   * {@link ServerlessMonitoring.alarms}. See examples/custom-segment.ts.
   * @param segment - the segment; its id must be new to this facade
   * @returns the segment and its alarms
   */
  addSegment(segment: MonitoringSegment): MonitoredResource {
    requireKnownProps("ServerlessMonitoring.addSegment", "ServerlessMonitoring.addSegment", { segment });
    const where = `ServerlessMonitoring.addSegment "${String(segment.id)}"`;
    requireMatch(where, "id", segment.id, /^\S{1,200}$/, "1-200 characters without spaces, e.g. states:orders-prod");
    if (!Object.hasOwn(DASHBOARD_PAGES, segment.page)) throw new InvalidPropsError(where, "page", segment.page, `one of ${Object.keys(DASHBOARD_PAGES).join(", ")}`);
    return this.add([segment]);
  }

  /**
   * Alarms of no segment (composite alarms) in a page's alarm status.
   * @param alarms - the alarms to show
   * @param page - the page to show them on; the first (Lambda) page when left out
   */
  addAlarmsToDashboard(alarms: readonly MonitoringAlarm[], page: DashboardPage = "lambda"): void {
    requireKnownProps("ServerlessMonitoring.addAlarmsToDashboard", "ServerlessMonitoring.addAlarmsToDashboard", { alarms });
    checkPage("ServerlessMonitoring.addAlarmsToDashboard", "page", page);
    this.dashboard.addAlarms(alarms, page);
  }

  /** Widgets of the team's own on a page, after its graphs. */
  addWidgets(page: DashboardPage, widgets: readonly JsonValue[]): void {
    requireKnownProps("ServerlessMonitoring.addWidgets", "ServerlessMonitoring.addWidgets", { widgets });
    requireNoTemplateSequences(`ServerlessMonitoring.addWidgets`, widgets, [], "widgets");
    checkPage("ServerlessMonitoring.addWidgets", "page", page);
    checkWidgets("ServerlessMonitoring.addWidgets", "widgets", widgets);
    this.dashboard.addWidgets(page, widgets);
  }

  /** A dashboard page of the team's own, from a JSON template rendered like ours. */
  addTemplatePage(page: DashboardTemplatePage): void {
    requireKnownProps("ServerlessMonitoring.addTemplatePage", "ServerlessMonitoring.addTemplatePage", { page });
    requireNoTemplateSequences(`ServerlessMonitoring.addTemplatePage`, page);
    this.dashboard.addTemplatePage(page);
  }

  private add(segments: readonly MonitoringSegment[]): MonitoredResource {
    for (const segment of segments) {
      if (this.segmentList.some((s) => s.id === segment.id)) {
        throw new InvalidPropsError(`ServerlessMonitoring "${this.node.id}"`, "segment", segment.id, "a resource not already monitored by this facade");
      }
      this.segmentList.push(segment);
      this.dashboard.addSegment(segment);
    }
    return { segments, alarms: segments.flatMap((s) => s.alarms) };
  }

  /**
   * Each resource's alarms live under their own construct id: two resources may not share one (it would be one
   * Terraform address). An id derived from the resource's name makes a mistake there one about that name
   * (a function monitored twice, a queue name with a space), not about an id the user never wrote.
   */
  private scopeFor(given: string | undefined, derived: string, what: string, named?: { readonly field: string; readonly value: string }): Construct {
    const where = `ServerlessMonitoring "${this.node.id}"`;
    const constructId = given ?? derived;
    const owner = this.claimed.get(constructId) ?? (constructId === "dashboard" || constructId in Object.prototype ? "the facade itself" : undefined);
    if (given === undefined && named !== undefined) {
      if (!CONSTRUCT_ID.test(constructId)) throw new InvalidPropsError(`${where} ${what}`, named.field, named.value, "letters, digits, _, . or - (the name makes the construct id of its alarms)");
      if (owner) throw new InvalidPropsError(`${where} ${what}`, named.field, named.value, `a resource not already monitored by this facade (${owner} is): monitor each once, or give options.constructId to tell two apart`);
    }
    const field = given === undefined ? `constructId of ${what}` : "options.constructId";
    requireMatch(where, field, constructId, CONSTRUCT_ID, "1-200 letters, digits, _, ., $ or -");
    if (owner) throw new InvalidPropsError(where, field, constructId, `an id not already taken by ${owner}${given === undefined ? ": call this once per facade, or give options.constructId" : ""}`);
    this.claimed.set(constructId, what);
    return new Construct(this, constructId);
  }

  /** What a segment's alarm descriptions link: its family's runbook section and its dashboard page. */
  links(page: DashboardPage, runbookFamily: string): AlarmLinks {
    checkPage("ServerlessMonitoring.links", "page", page);
    return { runbook: `${this.props.runbookUrl ?? DEFAULT_RUNBOOK_PAGE}#runbook-${runbookFamily}`, dashboard: this.dashboard.pageUrl(page) };
  }

  /** The injected failures of these functions, for an indicator's `excluded`, under `subtractInjectedFailures`. */
  private injected(functionNames: readonly string[]): { excluded?: MetricSpec[] } {
    if (!this.props.subtractInjectedFailures || functionNames.length === 0) return {};
    return { excluded: functionNames.map((f) => ErrorCaptureMetrics.injectedFailures(f, this.props.environment)) };
  }

  private pageMinimum(): { pageMinimumFailures?: number } {
    const n = this.props.objectives?.pageMinimumFailures;
    return n === undefined ? {} : { pageMinimumFailures: n };
  }

  private minimumInvocations(): { minimumInvocations?: number; minimumFailures?: number } {
    return {
      ...(this.props.minimumInvocations !== undefined ? { minimumInvocations: this.props.minimumInvocations } : {}),
      ...(this.props.minimumFailures !== undefined ? { minimumFailures: this.props.minimumFailures } : {}),
    };
  }

  private minimumRequests(): { minimumRequests?: number; minimumFailures?: number } {
    return {
      ...(this.props.minimumRequests !== undefined ? { minimumRequests: this.props.minimumRequests } : {}),
      ...(this.props.minimumFailures !== undefined ? { minimumFailures: this.props.minimumFailures } : {}),
    };
  }
}

const movesByStack = new WeakMap<TerraformStack, { from: string; to: string }[]>();

/**
 * An alarm whose construct id changed keeps its state: a `moved` block tells
 * Terraform (1.5+) to move it instead of replacing it. Written as the block
 * itself, not with cdktf's `moveFromId`: that also makes every synth run
 * `terraform version`, which costs about 0.2 s a stack and fails synth where
 * no terraform binary is installed.
 */
export function keepAddress(alarm: MonitoringAlarm, previousAddress: string): void {
  const resource = alarm.resource as CloudwatchMetricAlarm;
  const stack = TerraformStack.of(resource);
  const moves = movesByStack.get(stack) ?? [];
  movesByStack.set(stack, moves);
  moves.push({ from: previousAddress, to: `${resource.terraformResourceType}.${resource.friendlyUniqueId}` });
  stack.addOverride("moved", moves);
}

function splitFunctionThresholds(t: FunctionThresholds | undefined): { lambda: LambdaThresholds; dlq: SqsThresholds; capture: { errorRecordWriteFailures?: SeverityThresholds | false } } {
  const { dlqMessagesVisible, dlqOldestMessageAgeSeconds, errorRecordWriteFailures, ...lambda } = t ?? {};
  return {
    lambda: lambda as { [K in LambdaAlarmKind]?: SeverityThresholds | false },
    dlq: {
      ...(dlqMessagesVisible !== undefined ? { [DLQ_KINDS.dlqMessagesVisible]: dlqMessagesVisible } : {}),
      ...(dlqOldestMessageAgeSeconds !== undefined ? { [DLQ_KINDS.dlqOldestMessageAgeSeconds]: dlqOldestMessageAgeSeconds } : {}),
    },
    capture: errorRecordWriteFailures !== undefined ? { errorRecordWriteFailures } : {},
  };
}

function splitQueueThresholds(t: QueueThresholds | undefined): { queue: SqsThresholds; dlq: SqsThresholds } {
  const { dlqMessagesVisible, dlqOldestMessageAgeSeconds, ...queue } = t ?? {};
  return {
    queue,
    dlq: {
      ...(dlqMessagesVisible !== undefined ? { [DLQ_KINDS.dlqMessagesVisible]: dlqMessagesVisible } : {}),
      ...(dlqOldestMessageAgeSeconds !== undefined ? { [DLQ_KINDS.dlqOldestMessageAgeSeconds]: dlqOldestMessageAgeSeconds } : {}),
    },
  };
}

/** A threshold the user set for something that is not there is an error, not a silently missing alarm. */
function requireNone(where: string, thresholds: FunctionThresholds | QueueThresholds | undefined, kinds: readonly ("dlqMessagesVisible" | "dlqOldestMessageAgeSeconds" | "errorRecordWriteFailures")[], why: string): void {
  const t = thresholds as Readonly<Record<string, unknown>> | undefined;
  const set = kinds.find((kind) => t?.[kind] !== undefined && t[kind] !== false);
  if (set !== undefined) throw new InvalidPropsError(where, `thresholds.${set}`, t![set], `no threshold here: ${why}`);
}

