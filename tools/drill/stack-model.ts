/**
 * What the drill needs of a synthesized stack (any stack's cdk.tf.json, not
 * only the reference system's): its alarms, composites, where their actions
 * go, and the resources that publish metrics. Terraform references
 * (`${aws_sns_topic.<id>.arn}`) and literal ARNs are reduced to one key per
 * resource, so an alarm's action finds its topic either way.
 */
import { ALERT_TIERS, type AlertTier } from "../../modules/common/tiers";
import { ToolError } from "../common/cli";
import type { StackJson } from "../common/synthesized-stack";

type Resource = Record<string, unknown>;

/** One metric of an alarm (or of a metric_query entry). */
export interface MetricSpec {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** Sum, Average, Minimum, Maximum, SampleCount, or pNN(.N). */
  readonly stat: string;
  readonly periodSeconds: number;
}

export interface QuerySpec {
  readonly id: string;
  readonly returnData: boolean;
  readonly metric?: MetricSpec;
  readonly expression?: string;
}

export interface MetricAlarmSpec {
  readonly kind: "metric";
  readonly name: string;
  readonly address: string;
  readonly comparison: string;
  readonly threshold?: number;
  readonly thresholdMetricId?: string;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: "missing" | "notBreaching" | "breaching" | "ignore";
  readonly periodSeconds: number;
  /** The single metric, or the queries of a metric-math alarm. */
  readonly queries: readonly QuerySpec[];
  readonly actionsEnabled: boolean;
  readonly actions: Actions;
}

export interface CompositeAlarmSpec {
  readonly kind: "composite";
  readonly name: string;
  readonly address: string;
  readonly rule: string;
  readonly actionsEnabled: boolean;
  readonly actions: Actions;
  readonly suppressor?: { readonly alarm: string; readonly waitSeconds: number; readonly extensionSeconds: number };
}

export interface Actions {
  readonly alarm: readonly string[];
  readonly ok: readonly string[];
  readonly insufficientData: readonly string[];
}

export interface TopicSpec {
  readonly key: string;
  readonly name: string;
  /** The alert tier the topic's name says (`<prefix>-<suffix>-<environment>`), or undefined for a topic of no tier. */
  readonly tier?: AlertTier;
}

export interface EndpointSpec {
  readonly topicKey: string;
  /** email, sms, paging (https/http), lambda, sqs, chat (Slack or Teams channel), or the protocol as written. */
  readonly channel: string;
  readonly label: string;
  /** The queue that receives messages SNS could not deliver (the subscription's redrive policy). */
  readonly deadLetterQueue?: string;
  /** Minutes SNS keeps retrying a failing delivery before it counts it failed, from the delivery policy. */
  readonly retryMinutes: number;
}

export interface FunctionSpec {
  readonly name: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly deadLetterQueue?: string;
  readonly simulatedErrorRate: number;
  readonly simulatedLatencyMs: number;
  readonly metricsNamespace: string;
  readonly environment?: string;
}

export interface RouteSpec {
  readonly api: string;
  readonly protocol: "HTTP" | "WEBSOCKET";
  readonly stage: string;
  readonly routeKey: string;
  readonly functionName?: string;
  readonly detailedMetrics: boolean;
}

export interface LogFilterSpec {
  readonly name: string;
  readonly logGroup: string;
  readonly pattern: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly value: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface StackModel {
  readonly alarms: readonly MetricAlarmSpec[];
  readonly composites: readonly CompositeAlarmSpec[];
  readonly topics: ReadonlyMap<string, TopicSpec>;
  readonly endpoints: readonly EndpointSpec[];
  readonly functions: readonly FunctionSpec[];
  readonly routes: readonly RouteSpec[];
  /** The stack's Synthetics canaries (aws_synthetics_canary). */
  readonly canaries: readonly CanarySpec[];
  readonly queues: readonly string[];
  readonly tables: readonly string[];
  readonly logFilters: readonly LogFilterSpec[];
}

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/;

/** The name (or id) of a resource a Terraform reference or ARN stands for: `sns:<topic>`, `sqs:<queue>`, `lambda:<function>`, `alarm:<name>`. */
export function resourceKey(value: string, stack: StackJson): string {
  const reference = REFERENCE.exec(value);
  if (reference) {
    const [, type, id, attribute] = reference;
    const resource = stack.resource?.[type!]?.[id!];
    if (!resource) return value;
    const name = String(resource.name ?? resource.function_name ?? resource.alarm_name ?? id);
    if (type === "aws_sns_topic") return `sns:${name}`;
    if (type === "aws_sqs_queue") return `sqs:${name}`;
    if (type === "aws_lambda_function" || type === "aws_lambda_alias") return `lambda:${String(resource.function_name ?? name)}`;
    if (type === "aws_cloudwatch_metric_alarm" || type === "aws_cloudwatch_composite_alarm") return `alarm:${name}`;
    if (attribute === "id" || attribute === "name") return name;
    return `${type}:${name}`;
  }
  const arn = /^arn:[^:]+:([^:]+):[^:]*:[^:]*:(.+)$/.exec(value);
  if (arn) {
    const [, service, rest] = arn;
    if (service === "cloudwatch") return `alarm:${rest!.replace(/^alarm:/, "")}`;
    if (service === "lambda") return `lambda:${rest!.replace(/^function:/, "").split(":")[0]}`;
    return `${service}:${rest}`;
  }
  return value;
}

/** A dimension value as the generator and raw scenarios name it: references become the resource's name (an API's id becomes its name). */
function dimensionValue(value: unknown, stack: StackJson): string {
  const text = String(value);
  const reference = REFERENCE.exec(text);
  if (!reference) return text;
  const resource = stack.resource?.[reference[1]!]?.[reference[2]!];
  return resource ? String(resource.name ?? resource.function_name ?? text) : text;
}

function dimensionsOf(value: unknown, stack: StackJson): Record<string, string> {
  const entries = Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, dimensionValue(v, stack)] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const number = (value: unknown, fallback: number): number => (typeof value === "number" ? value : typeof value === "string" && value !== "" && !Number.isNaN(Number(value)) ? Number(value) : fallback);

function actionsOf(alarm: Resource, stack: StackJson): Actions {
  const keys = (field: string) => list(alarm[field]).map((v) => resourceKey(v, stack));
  return { alarm: keys("alarm_actions"), ok: keys("ok_actions"), insufficientData: keys("insufficient_data_actions") };
}

function metricAlarm(address: string, alarm: Resource, stack: StackJson): MetricAlarmSpec {
  const name = String(alarm.alarm_name);
  const queries: QuerySpec[] = [];
  if (Array.isArray(alarm.metric_query) && alarm.metric_query.length > 0) {
    for (const query of alarm.metric_query as Resource[]) {
      const metric = query.metric as Resource | undefined;
      queries.push({
        id: String(query.id),
        returnData: query.return_data === true,
        ...(query.expression ? { expression: String(query.expression) } : {}),
        ...(metric
          ? {
              metric: {
                namespace: String(metric.namespace),
                metricName: String(metric.metric_name),
                dimensions: dimensionsOf(metric.dimensions, stack),
                stat: String(metric.stat),
                periodSeconds: number(metric.period, 60),
              },
            }
          : {}),
      });
    }
  } else {
    const stat = alarm.extended_statistic ? String(alarm.extended_statistic) : String(alarm.statistic ?? "");
    if (!stat) throw new ToolError(`alarm "${name}" (${address}) has neither statistic, extended_statistic nor metric_query.`);
    queries.push({
      id: "m",
      returnData: true,
      metric: { namespace: String(alarm.namespace), metricName: String(alarm.metric_name), dimensions: dimensionsOf(alarm.dimensions, stack), stat, periodSeconds: number(alarm.period, 60) },
    });
  }
  const periods = new Set(queries.flatMap((q) => (q.metric ? [q.metric.periodSeconds] : [])));
  if (periods.size !== 1) throw new ToolError(`alarm "${name}" (${address}): its metrics have periods ${[...periods].join(", ")}; an alarm evaluates one period.`);
  const evaluationPeriods = number(alarm.evaluation_periods, 1);
  const treat = String(alarm.treat_missing_data ?? "missing");
  if (!["missing", "notBreaching", "breaching", "ignore"].includes(treat)) throw new ToolError(`alarm "${name}": treat_missing_data "${treat}" is not one of missing, notBreaching, breaching, ignore.`);
  return {
    kind: "metric",
    name,
    address,
    comparison: String(alarm.comparison_operator),
    ...(alarm.threshold !== undefined ? { threshold: number(alarm.threshold, 0) } : {}),
    ...(alarm.threshold_metric_id ? { thresholdMetricId: String(alarm.threshold_metric_id) } : {}),
    evaluationPeriods,
    datapointsToAlarm: number(alarm.datapoints_to_alarm, evaluationPeriods),
    treatMissingData: treat as MetricAlarmSpec["treatMissingData"],
    periodSeconds: [...periods][0]!,
    queries,
    actionsEnabled: alarm.actions_enabled !== false,
    actions: actionsOf(alarm, stack),
  };
}

function tierOf(topicName: string): AlertTier | undefined {
  return (Object.keys(ALERT_TIERS) as AlertTier[]).find((tier) => new RegExp(`(^|-)${ALERT_TIERS[tier].topicSuffix}(-|$)`).test(topicName));
}

/** SNS's retry schedule of a delivery policy, in minutes (rounded up): no-delay, minimum-delay, backoff and maximum-delay phases. */
export function retryMinutes(deliveryPolicy: unknown): number {
  if (typeof deliveryPolicy !== "string") return 1;
  const policy = (JSON.parse(deliveryPolicy) as { healthyRetryPolicy?: Record<string, number> }).healthyRetryPolicy ?? {};
  const retries = policy.numRetries ?? 3;
  const minDelay = policy.minDelayTarget ?? 20;
  const maxDelay = policy.maxDelayTarget ?? 20;
  const noDelay = policy.numNoDelayRetries ?? 0;
  const atMin = policy.numMinDelayRetries ?? 0;
  const atMax = policy.numMaxDelayRetries ?? 0;
  const backoff = Math.max(0, retries - noDelay - atMin - atMax);
  const seconds = atMin * minDelay + backoff * ((minDelay + maxDelay) / 2) + atMax * maxDelay;
  return Math.max(1, Math.ceil(seconds / 60));
}

const CHANNEL_OF_PROTOCOL: Record<string, string> = { https: "paging", http: "paging", email: "email", "email-json": "email", sms: "sms", lambda: "lambda", sqs: "sqs", application: "push", firehose: "firehose" };

function endpoints(stack: StackJson): EndpointSpec[] {
  const result: EndpointSpec[] = [];
  for (const [id, sub] of Object.entries(stack.resource?.aws_sns_topic_subscription ?? {})) {
    const protocol = String(sub.protocol);
    const endpoint = String(sub.endpoint);
    const redrive = typeof sub.redrive_policy === "string" ? (JSON.parse(sub.redrive_policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn : undefined;
    result.push({
      topicKey: resourceKey(String(sub.topic_arn), stack),
      channel: CHANNEL_OF_PROTOCOL[protocol] ?? protocol,
      // A secret endpoint (an SSM parameter) is named by the subscription, never by its value.
      label: endpoint.startsWith("${") ? id.replace(/_[0-9A-F]{8}$/, "") : endpoint,
      ...(redrive ? { deadLetterQueue: resourceKey(redrive, stack).replace(/^sqs:/, "") } : {}),
      retryMinutes: retryMinutes(sub.delivery_policy),
    });
  }
  for (const type of ["aws_chatbot_slack_channel_configuration", "aws_chatbot_teams_channel_configuration"]) {
    for (const [id, channel] of Object.entries(stack.resource?.[type] ?? {})) {
      for (const topic of list(channel.sns_topic_arns)) {
        result.push({ topicKey: resourceKey(topic, stack), channel: type.includes("slack") ? "chat:slack" : "chat:teams", label: String(channel.configuration_name ?? id), retryMinutes: 1 });
      }
    }
  }
  return result;
}

function routes(stack: StackJson): RouteSpec[] {
  const apis = stack.resource?.aws_apigatewayv2_api ?? {};
  const stages = Object.values(stack.resource?.aws_apigatewayv2_stage ?? {});
  const integrations = stack.resource?.aws_apigatewayv2_integration ?? {};
  return Object.values(stack.resource?.aws_apigatewayv2_route ?? {}).map((route) => {
    const apiRef = REFERENCE.exec(String(route.api_id));
    const api = apiRef ? apis[apiRef[2]!] : undefined;
    const apiName = String(api?.name ?? route.api_id);
    const stage = stages.find((s) => String(s.api_id) === String(route.api_id));
    const integrationRef = /integrations\/\$\{aws_apigatewayv2_integration\.([A-Za-z0-9_-]+)\.id\}/.exec(String(route.target ?? ""));
    const integration = integrationRef ? integrations[integrationRef[1]!] : undefined;
    const target = integration ? resourceKey(String(integration.integration_uri).replace(/\.invoke_arn\}$/, ".arn}"), stack) : "";
    const routeKey = String(route.route_key);
    const settings = (stage?.route_settings as Resource[] | undefined)?.find((s) => s.route_key === routeKey);
    const detailed = settings?.detailed_metrics_enabled ?? (stage?.default_route_settings as Resource | undefined)?.detailed_metrics_enabled;
    return {
      api: apiName,
      protocol: String(api?.protocol_type ?? "HTTP") === "WEBSOCKET" ? "WEBSOCKET" : "HTTP",
      stage: String(stage?.name ?? "$default"),
      routeKey,
      ...(target.startsWith("lambda:") ? { functionName: aliasFunction(target, stack) } : {}),
      detailedMetrics: detailed === true,
    };
  });
}

/** An alias key names the alias's function through its function_name reference. */
function aliasFunction(key: string, stack: StackJson): string {
  const name = key.slice("lambda:".length);
  const functions = Object.values(stack.resource?.aws_lambda_function ?? {});
  if (functions.some((f) => f.function_name === name)) return name;
  const reference = REFERENCE.exec(name);
  return reference ? resourceKey(name, stack).replace(/^lambda:/, "") : name;
}

function functions(stack: StackJson): FunctionSpec[] {
  return Object.values(stack.resource?.aws_lambda_function ?? {}).map((fn) => {
    const variables = ((fn.environment as Resource | undefined)?.variables ?? {}) as Record<string, string>;
    const dlq = (fn.dead_letter_config as Resource | undefined)?.target_arn;
    return {
      name: String(fn.function_name),
      timeoutSeconds: number(fn.timeout, 3),
      memoryMb: number(fn.memory_size, 128),
      ...(dlq ? { deadLetterQueue: resourceKey(String(dlq), stack).replace(/^sqs:/, "") } : {}),
      simulatedErrorRate: number(variables.ERROR_SIMULATION_RATE, 0),
      simulatedLatencyMs: number(variables.SIMULATED_LATENCY_MS, 0),
      metricsNamespace: String(variables.POWERTOOLS_METRICS_NAMESPACE ?? "ServerlessMonitoring"),
      ...(variables.ENVIRONMENT ? { environment: variables.ENVIRONMENT } : {}),
    };
  });
}

/** A canary, and what it calls: an HTTP route (`POST /payments`), the WebSocket API, or another URL. */
export interface CanarySpec {
  readonly name: string;
  readonly scheduleMinutes: number;
  readonly kind: "http" | "websocket" | "heartbeat";
  /** For an HTTP canary on a route of the stack's API: its route key. */
  readonly routeKey?: string;
}

function canaries(stack: StackJson): CanarySpec[] {
  return Object.values(stack.resource?.aws_synthetics_canary ?? {}).map((c) => {
    const rate = /^rate\((\d+) minutes?\)$/.exec(String((c.schedule as Resource | undefined)?.expression ?? ""));
    const variables = ((c.run_config as Resource | undefined)?.environment_variables ?? {}) as Record<string, string>;
    let check: { kind?: string; method?: string; url?: string } = {};
    try {
      check = JSON.parse(variables.CANARY_CHECK ?? "{}") as typeof check;
    } catch {
      // Not a canary of this library: it runs, and no incident of the drill reaches it.
    }
    const kind = check.kind === "http" || check.kind === "websocket" ? check.kind : "heartbeat";
    // The route's URL is the stage's invoke URL (a reference) and the path after it.
    const path = kind === "http" ? /\}(\/?[^}]*)$/.exec(String(check.url ?? ""))?.[1] : undefined;
    return {
      name: String(c.name),
      scheduleMinutes: rate ? Number(rate[1]) : 5,
      kind,
      ...(path !== undefined ? { routeKey: `${check.method} /${path.replace(/^\//, "")}` } : {}),
    };
  });
}

/** Reads the parts of a synthesized stack the drill evaluates. */
export function readStackModel(stack: StackJson): StackModel {
  const r = stack.resource ?? {};
  const alarms = Object.entries(r.aws_cloudwatch_metric_alarm ?? {}).map(([id, a]) => metricAlarm(`aws_cloudwatch_metric_alarm.${id}`, a, stack));
  const composites = Object.entries(r.aws_cloudwatch_composite_alarm ?? {}).map(([id, a]): CompositeAlarmSpec => {
    const suppressor = a.actions_suppressor as Resource | undefined;
    return {
      kind: "composite",
      name: String(a.alarm_name),
      address: `aws_cloudwatch_composite_alarm.${id}`,
      rule: String(a.alarm_rule),
      actionsEnabled: a.actions_enabled !== false,
      actions: actionsOf(a, stack),
      ...(suppressor
        ? { suppressor: { alarm: resourceKey(String(suppressor.alarm), stack).replace(/^alarm:/, ""), waitSeconds: number(suppressor.wait_period, 0), extensionSeconds: number(suppressor.extension_period, 0) } }
        : {}),
    };
  });
  const topics = new Map<string, TopicSpec>();
  for (const topic of Object.values(r.aws_sns_topic ?? {})) {
    const name = String(topic.name);
    const tier = tierOf(name);
    topics.set(`sns:${name}`, { key: `sns:${name}`, name, ...(tier ? { tier } : {}) });
  }
  return {
    alarms,
    composites,
    topics,
    endpoints: endpoints(stack),
    functions: functions(stack),
    routes: routes(stack),
    canaries: canaries(stack),
    queues: Object.values(r.aws_sqs_queue ?? {}).map((q) => String(q.name)),
    tables: Object.values(r.aws_dynamodb_table ?? {}).map((t) => String(t.name)),
    logFilters: Object.values(r.aws_cloudwatch_log_metric_filter ?? {}).map((f) => {
      const transformation = (Array.isArray(f.metric_transformation) ? f.metric_transformation[0] : f.metric_transformation) as Resource;
      return {
        name: String(f.name),
        logGroup: dimensionValue(f.log_group_name, stack),
        pattern: String(f.pattern ?? ""),
        namespace: String(transformation.namespace),
        metricName: String(transformation.name),
        value: String(transformation.value ?? "1"),
        dimensions: dimensionsOf(transformation.dimensions, stack),
      };
    }),
  };
}
