/**
 * One REST API method's own alarms and graphs (`GET /orders/{id}`), as HTTP
 * routes have theirs: its 5xx count and its latency p99, at the API's
 * `serverErrorCount` and `p99LatencyMs` thresholds. API Gateway reports a
 * method's metrics only where the stage has detailed CloudWatch metrics on
 * (method settings `metrics_enabled`); without them the alarms stay OK on
 * missing data and the graphs stay empty.
 */
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { AWS_PATTERNS } from "../../common/aws-rules";
import { InvalidPropsError, requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { createKindAlarms, type AlarmKinds, type AlarmLinks, type KindThresholds } from "../alarm-kinds";
import type { AlarmTopics } from "../../common/alarm-factory";
import { RestApiMetrics } from "./apigateway-metric-factory";
import type { ApiThresholds } from "./apigateway-monitoring";

type MethodAlarmKind = "methodServerErrorCount" | "methodP99LatencyMs";

/** A method key's slug, e.g. `get-orders-id` for `GET /orders/{id}`: the start of its alarm kinds and of its objective's name. */
export function restMethodSlug(methodKey: string): string {
  return methodKey.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** The alarm kind of one method's 5xx count, e.g. `get-orders-id-5xx-count`: also how a composite finds it. */
export function restMethodAlarmKind(methodKey: string): string {
  return `${restMethodSlug(methodKey)}-5xx-count`;
}

/** Checks every method key (`GET /orders/{id}`) and that no two share a slug (their alarms would share a Terraform address). */
export function requireRestMethods(where: string, methods: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const methodKey of methods) {
    requireMatch(where, "methods", methodKey, AWS_PATTERNS.httpRouteKey.pattern, "a method key such as GET /orders/{id}: a method (ANY, GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS), one space, a resource path of letters, digits and / { } _ + . -");
    const slug = restMethodSlug(methodKey);
    const other = seen.get(slug);
    if (other !== undefined) throw new InvalidPropsError(where, "methods", methodKey, `a method whose alarm names differ from those of "${other}" (both read ${slug}-...)`);
    seen.set(slug, methodKey);
  }
}

interface MethodResource {
  readonly apiName: string;
  readonly stage: string;
  readonly methodKey: string;
}

export interface RestMethodAlarmsSpec {
  readonly scope: Construct;
  readonly where: string;
  readonly segment: string;
  readonly apiName: string;
  readonly stage: string;
  readonly methodKey: string;
  readonly topics: AlarmTopics;
  readonly links?: AlarmLinks | undefined;
  readonly defaults?: ApiThresholds | undefined;
  readonly thresholds?: ApiThresholds | undefined;
}

/** One method's 5xx-count and latency alarms, named `<apiName>-<slug>-5xx-count-<tier>` and `<apiName>-<slug>-latency-<tier>`. */
export function restMethodAlarms(spec: RestMethodAlarmsSpec): MonitoringAlarm[] {
  const { methodKey } = spec;
  const slug = restMethodSlug(methodKey);
  const pick = (t: ApiThresholds | undefined): KindThresholds<MethodAlarmKind> => ({
    ...(t?.serverErrorCount === undefined ? {} : { methodServerErrorCount: t.serverErrorCount }),
    ...(t?.p99LatencyMs === undefined ? {} : { methodP99LatencyMs: t.p99LatencyMs }),
  });
  const kinds: AlarmKinds<MethodAlarmKind, MethodResource> = {
    methodServerErrorCount: {
      id: restMethodAlarmKind(methodKey),
      comparison: "GreaterThanThreshold",
      metric: (m) => RestApiMetrics.methodServerErrors(m.apiName, m.stage, m.methodKey),
      condition: (t) => `more than ${t} 5XX responses on ${methodKey}`,
    },
    methodP99LatencyMs: {
      id: `${slug}-latency`,
      comparison: "GreaterThanThreshold",
      metric: (m) => RestApiMetrics.methodP99Latency(m.apiName, m.stage, m.methodKey),
      condition: (t) => `latency p99 of ${methodKey} above ${t} ms`,
    },
  };
  return createKindAlarms({
    scope: spec.scope,
    where: spec.where,
    segment: spec.segment,
    subject: `${spec.apiName} ${methodKey}`,
    alarmNamePrefix: spec.apiName,
    kinds,
    resource: { apiName: spec.apiName, stage: spec.stage, methodKey },
    defaults: pick(spec.defaults),
    overrides: pick(spec.thresholds),
    topics: spec.topics,
    links: spec.links,
  });
}

/** One method's graphs: requests and 5XX, and latency p99, with its alarms' threshold lines. */
export function restMethodGraphs(region: string, apiName: string, stage: string, methodKey: string, alarms: readonly MonitoringAlarm[]): JsonValue[] {
  const slug = restMethodSlug(methodKey);
  return [
    graphWidget(region, { title: `${apiName} ${methodKey}: requests and 5XX`, metrics: [RestApiMetrics.methodCount(apiName, stage, methodKey), RestApiMetrics.methodServerErrors(apiName, stage, methodKey)], alarms, alarmKinds: [restMethodAlarmKind(methodKey)] }),
    graphWidget(region, { title: `${apiName} ${methodKey}: latency p99 (ms)`, metrics: [RestApiMetrics.methodP99Latency(apiName, stage, methodKey)], alarms, alarmKinds: [`${slug}-latency`] }),
  ];
}
