/**
 * Metric filters on a function's log group: memory, init duration and cold
 * starts from Lambda's own `platform.report` records, the application's
 * ERROR-level lines, so an error that is logged and not thrown still alarms,
 * and Lambda's own record of a timeout ("Task timed out"), which no handler
 * code can write because Lambda stops the handler first.
 *
 * Why filters and not Lambda Insights: the report records are already in the
 * log (no extension layer, no extra log group, no per-region layer ARNs, no
 * cold-start cost of an extension) and four custom metrics cost less than
 * Insights' eight per function (README: "Memory and cold starts").
 * The report records are JSON only where the function logs in JSON format
 * (`logging_config.log_format = "JSON"`); MonitoredFunction sets it.
 */
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { LOG_METRIC_NAMESPACE, logMetricName, type LogMetricKind } from "./lambda-metric-factory";
import { physicalName } from "../../common/naming";

/** A function's log format, as Lambda names it: `JSON` (platform report records the log metric filters can read) or `Text` (Lambda's default). */
export type LogFormat = "JSON" | "Text";

interface FilterSpec {
  readonly pattern: string;
  readonly value: string;
  readonly unit: string;
}

/** `platform.report` records carry the metrics; `initDurationMs` only on a cold start. */
const REPORT = '$.type = "platform.report"';
const COLD_START_REPORT = `{ ${REPORT} && $.record.metrics.initDurationMs > 0 }`;

const JSON_FILTERS: Record<LogMetricKind, FilterSpec> = {
  maxMemoryUsedMb: { pattern: `{ ${REPORT} }`, value: "$.record.metrics.maxMemoryUsedMB", unit: "Megabytes" },
  initDurationMs: { pattern: COLD_START_REPORT, value: "$.record.metrics.initDurationMs", unit: "Milliseconds" },
  coldStarts: { pattern: COLD_START_REPORT, value: "1", unit: "Count" },
  errorLogLines: { pattern: '{ $.level = "ERROR" }', value: "1", unit: "Count" },
  // In JSON format Lambda's "Task timed out" is the report record's status (the text format's "Status: timeout").
  timeouts: { pattern: `{ ${REPORT} && $.record.status = "timeout" }`, value: "1", unit: "Count" },
};

/** In text format Lambda's report line is plain text: only ERROR lines and Lambda's "Task timed out" line can be counted. */
const TEXT_FILTERS: Partial<Record<LogMetricKind, FilterSpec>> = {
  errorLogLines: { pattern: '"ERROR"', value: "1", unit: "Count" },
  timeouts: { pattern: '"Task timed out"', value: "1", unit: "Count" },
};

/** The log metrics a function in this format can have. */
export function logMetricKinds(format: LogFormat): LogMetricKind[] {
  return Object.keys(format === "JSON" ? JSON_FILTERS : TEXT_FILTERS) as LogMetricKind[];
}

/** The Logs Insights filter of the dashboard's recent-errors table. */
export function errorLineQueryFilter(format: LogFormat): string {
  return format === "JSON" ? 'level = "ERROR"' : "@message like /ERROR/";
}

export function createLogMetricFilters(
  scope: Construct,
  props: { readonly functionName: string; readonly logGroupName: string; readonly format: LogFormat; readonly logGroup?: ITerraformDependable },
): void {
  for (const kind of logMetricKinds(props.format)) {
    const filter = (props.format === "JSON" ? JSON_FILTERS : TEXT_FILTERS)[kind]!;
    new CloudwatchLogMetricFilter(scope, `log-metric-${kind}`, {
      // The filter takes the naming; the metric it publishes keeps its name, which the alarms and widgets read.
      name: physicalName(scope, logMetricName(props.functionName, kind)),
      logGroupName: props.logGroupName,
      pattern: filter.pattern,
      metricTransformation: { name: logMetricName(props.functionName, kind), namespace: LOG_METRIC_NAMESPACE, value: filter.value, unit: filter.unit },
      ...(props.logGroup ? { dependsOn: [props.logGroup] } : {}),
    });
  }
}
