import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { AlarmTopics, MonitoringAlarm, SeverityThresholds } from "../common/alarm-factory";
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
import { HttpApiMetrics } from "../monitoring/aws-apigateway/apigateway-metric-factory";
import { LambdaMetrics } from "../monitoring/aws-lambda/lambda-metric-factory";
import { SloMonitoring, requireObjective, type AvailabilityObjective, type ServiceLevelIndicator } from "../monitoring/slo/slo-monitoring";
import { DASHBOARD_PAGES, type DashboardPage, type MonitoringSegment } from "../monitoring/segment";
import { requireNoTemplateSequences } from "../common/terraform-strings";
import { DEFAULT_THRESHOLDS, mergeThresholds, type EstateThresholds } from "./default-thresholds";
import { NAMING_CONTEXT_KEY, type NamingOptions } from "../common/naming";
import { checkFacadeProps } from "./facade-checks";
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

/** A function to monitor: one deployed by MonitoredFunction, or any function by name. */
export interface MonitorFunctionOptions {
  /** @default the facade's, over the built-in defaults */
  readonly thresholds?: FunctionThresholds;
  /** The construct id of the function's alarms. Part of their Terraform addresses: keep it once deployed. @default `<functionName>-alarms` */
  readonly constructId?: string;
  /** The function uses the runtime library (withErrorCapture): alarm on records not written. @default the function's own `usesErrorCapture`, else false */
  readonly usesErrorCapture?: boolean;
  /** Its availability objective and burn-rate alarms; `false` for none. @default the facade's `objectives.function` */
  readonly objective?: AvailabilityObjective | false;
}

/** Objectives every function and every route of `monitorHttpApi`'s `routes` gets: multi-window burn-rate alarms (page and ticket). */
export interface EstateObjectives {
  /** @default 99.9 % availability over 30 days (DEFAULT_OBJECTIVE) */
  readonly function?: AvailabilityObjective | false;
  /** @default 99.9 % availability over 30 days (DEFAULT_OBJECTIVE) */
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
  /** Its routes of an HTTP API (with detailed metrics on): their 5xx and Count count. @default none */
  readonly routes?: readonly { readonly apiId: string; readonly stage?: string; readonly routeKey: string }[];
  /** @default the facade's `objectives.function` */
  readonly objective?: AvailabilityObjective;
}

export interface ResourceOptions<T> {
  /** @default the facade's, over the built-in defaults */
  readonly thresholds?: T;
  /** The construct id of the resource's alarms. Part of their Terraform addresses: keep it once deployed. @default `<kind>-<name>` */
  readonly constructId?: string;
}

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
  /** The README (or wiki page) whose `Runbook: <family>` sections every alarm description links, e.g. `https://github.com/acme/monitoring/blob/main/README.md`. @default "README.md" */
  readonly runbookUrl?: string;
  /** @default 50 */
  readonly functionsPerDashboard?: number;
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
    checkFacadeProps(`ServerlessMonitoring "${id}"`, props);
    if (props.naming !== undefined) this.node.setContext(NAMING_CONTEXT_KEY, props.naming);
    const base: EstateThresholds = props.withoutBuiltInDefaults ? {} : DEFAULT_THRESHOLDS;
    const d = props.defaults ?? {};
    this.defaults = {
      function: mergeThresholds<FunctionThresholds>(base.function, d.function),
      httpApi: mergeThresholds<ApiThresholds>(base.httpApi, d.httpApi),
      restApi: mergeThresholds<ApiThresholds>(base.restApi, d.restApi),
      webSocketApi: mergeThresholds<WebSocketThresholds>(base.webSocketApi, d.webSocketApi),
      table: mergeThresholds<DynamoDbThresholds>(base.table, d.table),
      queue: mergeThresholds<SqsThresholds>(base.queue, d.queue),
      business: mergeThresholds<BusinessThresholds>(base.business, d.business),
    };
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

  get segments(): readonly MonitoringSegment[] {
    return this.segmentList;
  }

  /** A function: its Lambda segment, its dead-letter queue's SQS segment, and the error capture segment where it uses the runtime library. */
  monitorFunction(fn: IMonitoredFunction & { readonly usesErrorCapture?: boolean }, options: MonitorFunctionOptions = {}): MonitoredResource {
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
      const indicator = { bad: [LambdaMetrics.errors(fn.functionName), LambdaMetrics.throttles(fn.functionName)], total: [LambdaMetrics.invocations(fn.functionName), LambdaMetrics.throttles(fn.functionName)] };
      segments.push(new SloMonitoring(scope, { name: fn.functionName, title: `function ${fn.functionName}`, objective, indicator, topics: this.props.topics, page: "lambda", links: this.links("lambda", "slo"), ...this.pageMinimum() }));
    }
    return this.add(segments);
  }

  /** The account's unreserved concurrency pool, which every function without reserved concurrency shares. */
  monitorLambdaAccount(options: { readonly alarmNamePrefix: string; readonly accountConcurrencyLimit?: number; readonly reservedConcurrency?: number; readonly thresholds: LambdaAccountThresholds; readonly constructId?: string }): MonitoredResource {
    requireNoTemplateSequences(`ServerlessMonitoring.monitorLambdaAccount`, options, ["alarmNamePrefix"]);
    const scope = this.scopeFor(options.constructId, "lambda-account-alarms", "the Lambda account");
    return this.add([new LambdaAccountMonitoring(scope, { ...options, topics: this.props.topics, links: this.links("lambda", "lambda") })]);
  }

  /** An HTTP API; each of its `routes` also gets its own 5xx alarm and, under `objectives.route`, burn-rate alarms. */
  monitorHttpApi(api: { readonly apiId: string; readonly apiName: string; readonly stage?: string; readonly routes?: readonly string[] }, options: ResourceOptions<ApiThresholds> & { readonly routeObjective?: AvailabilityObjective | false } = {}): MonitoredResource {
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
        const indicator = { bad: [HttpApiMetrics.routeServerErrors(api.apiId, stage, routeKey)], total: [HttpApiMetrics.routeCount(api.apiId, stage, routeKey)] };
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
    requireNoTemplateSequences(`ServerlessMonitoring.monitorCapability`, capability);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorCapability`, options, ["alarmNamePrefix"], "options");
    checkCapability(`ServerlessMonitoring.monitorCapability "${String(capability.name)}"`, capability);
    const scope = this.scopeFor(options.constructId, `capability-${capability.name}`, `capability "${capability.name}"`, { field: "name", value: capability.name });
    const objective = capability.objective ?? (this.objectives.function || DEFAULT_OBJECTIVE);
    const routes = capability.routes ?? [];
    const indicator: ServiceLevelIndicator = {
      bad: [...capability.functionNames.map((f) => LambdaMetrics.errors(f)), ...routes.map((r) => HttpApiMetrics.routeServerErrors(r.apiId, r.stage ?? "$default", r.routeKey))],
      total: [...capability.functionNames.map((f) => LambdaMetrics.invocations(f)), ...routes.map((r) => HttpApiMetrics.routeCount(r.apiId, r.stage ?? "$default", r.routeKey))],
    };
    return this.add([new SloMonitoring(scope, { name: capability.name, title: capability.title, objective, indicator, topics: this.props.topics, page: "business", links: this.links("business", "slo"), ...this.pageMinimum() })]);
  }

  monitorRestApi(api: { readonly apiName: string; readonly stage: string }, options: ResourceOptions<ApiThresholds> = {}): MonitoredResource {
    requireNoTemplateSequences(`ServerlessMonitoring.monitorRestApi`, api, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorRestApi`, options, ["alarmNamePrefix"], "options");
    const scope = this.scopeFor(options.constructId, `rest-api-${api.apiName}`, `REST API "${api.apiName}"`, { field: "apiName", value: api.apiName });
    return this.add([new RestApiMonitoring(scope, { ...api, topics: this.props.topics, links: this.links("api", "api-gateway"), defaults: this.defaults.restApi, thresholds: options.thresholds, ...this.minimumRequests() })]);
  }

  monitorWebSocketApi(api: { readonly apiId: string; readonly apiName: string; readonly stage?: string }, options: ResourceOptions<WebSocketThresholds> = {}): MonitoredResource {
    requireNoTemplateSequences(`ServerlessMonitoring.monitorWebSocketApi`, api, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorWebSocketApi`, options, ["alarmNamePrefix"], "options");
    const scope = this.scopeFor(options.constructId, `websocket-api-${api.apiName}`, `WebSocket API "${api.apiName}"`, { field: "apiName", value: api.apiName });
    return this.add([new WebSocketApiMonitoring(scope, { ...api, topics: this.props.topics, links: this.links("api", "api-gateway"), defaults: this.defaults.webSocketApi, thresholds: options.thresholds })]);
  }

  /** Any DynamoDB table, ours or not. */
  monitorTable(table: { readonly tableName: string; readonly billingMode?: BillingMode; readonly operations?: readonly string[] }, options: ResourceOptions<DynamoDbThresholds> = {}): MonitoredResource {
    requireNoTemplateSequences(`ServerlessMonitoring.monitorTable`, table, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorTable`, options, ["alarmNamePrefix"], "options");
    const scope = this.scopeFor(options.constructId, `table-${table.tableName}`, `table "${table.tableName}"`, { field: "tableName", value: table.tableName });
    return this.add([new DynamoDbTableMonitoring(scope, { ...table, topics: this.props.topics, links: this.links("dynamodb", "dynamodb"), defaults: this.defaults.table, thresholds: options.thresholds })]);
  }

  /** DynamoDB's account-wide UserErrors. */
  monitorDynamoDbAccount(options: { readonly alarmNamePrefix: string; readonly thresholds: DynamoDbAccountThresholds; readonly constructId?: string }): MonitoredResource {
    requireNoTemplateSequences(`ServerlessMonitoring.monitorDynamoDbAccount`, options, ["alarmNamePrefix"]);
    const scope = this.scopeFor(options.constructId, "dynamodb-account-alarms", "the DynamoDB account");
    return this.add([new DynamoDbAccountMonitoring(scope, { ...options, topics: this.props.topics, links: this.links("dynamodb", "dynamodb") })]);
  }

  /** Any SQS queue. A function's dead-letter queue comes with monitorFunction. */
  monitorQueue(queue: { readonly queueName: string }, options: ResourceOptions<SqsThresholds> = {}): MonitoredResource {
    requireNoTemplateSequences(`ServerlessMonitoring.monitorQueue`, queue, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorQueue`, options, ["alarmNamePrefix"], "options");
    const scope = this.scopeFor(options.constructId, `queue-${queue.queueName}`, `queue "${queue.queueName}"`, { field: "queueName", value: queue.queueName });
    return this.add([new SqsQueueMonitoring(scope, { queueName: queue.queueName, topics: this.props.topics, links: this.links("sqs", "sqs"), defaults: this.defaults.queue, thresholds: options.thresholds })]);
  }

  /** A function's business KPIs (the contract's business metrics): graphs on the business page, alarms in the business tier. */
  monitorBusinessKpis(kpis: { readonly serviceName: string; readonly emits: "payments" | "orders"; readonly minimumEvents?: number }, options: ResourceOptions<BusinessThresholds> = {}): MonitoredResource {
    requireNoTemplateSequences(`ServerlessMonitoring.monitorBusinessKpis`, kpis, []);
    requireNoTemplateSequences(`ServerlessMonitoring.monitorBusinessKpis`, options, ["alarmNamePrefix"], "options");
    const scope = this.scopeFor(options.constructId, `business-${kpis.serviceName}`, `the business KPIs of "${kpis.serviceName}"`, { field: "serviceName", value: kpis.serviceName });
    return this.add([
      new BusinessMonitoring(scope, { ...kpis, environment: this.props.environment, topics: this.props.topics, links: this.links("business", "business"), defaults: this.defaults.business, thresholds: options.thresholds }),
    ]);
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
    checkPage("ServerlessMonitoring.addAlarmsToDashboard", "page", page);
    this.dashboard.addAlarms(alarms, page);
  }

  /** Widgets of the team's own on a page, after its graphs. */
  addWidgets(page: DashboardPage, widgets: readonly JsonValue[]): void {
    requireNoTemplateSequences(`ServerlessMonitoring.addWidgets`, widgets, [], "widgets");
    checkPage("ServerlessMonitoring.addWidgets", "page", page);
    checkWidgets("ServerlessMonitoring.addWidgets", "widgets", widgets);
    this.dashboard.addWidgets(page, widgets);
  }

  /** A dashboard page of the team's own, from a JSON template rendered like ours. */
  addTemplatePage(page: DashboardTemplatePage): void {
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
    return { runbook: `${this.props.runbookUrl ?? "README.md"}#runbook-${runbookFamily}`, dashboard: this.dashboard.pageUrl(page) };
  }

  private pageMinimum(): { pageMinimumFailures?: number } {
    const n = this.props.objectives?.pageMinimumFailures;
    return n === undefined ? {} : { pageMinimumFailures: n };
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

/** A threshold the user set for something that is not there is an error, not a silently missing alarm. */
function requireNone(where: string, thresholds: FunctionThresholds | undefined, kinds: readonly (keyof FunctionThresholds)[], why: string): void {
  const set = kinds.find((kind) => thresholds?.[kind] !== undefined && thresholds[kind] !== false);
  if (set !== undefined) throw new InvalidPropsError(where, `thresholds.${set}`, thresholds![set], `no threshold here: ${why}`);
}
