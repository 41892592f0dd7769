import { S3BucketMetric } from "@cdktf/provider-aws/lib/s3-bucket-metric";
import { requireNoTemplateSequences, SEGMENT_FREE_TEXT } from "../../common/terraform-strings";
import { requireKnownProps } from "../../common/known-props";
import type { Construct } from "constructs";
import type { MonitoringAlarm } from "../../common/alarm-factory";
import { s3BucketNameProblem } from "../../common/aws-rules";
import { InvalidPropsError, requireIntegerInRange, requireMatch } from "../../common/validation";
import { graphWidget } from "../../dashboard/graphs";
import type { JsonValue } from "../../dashboard/template-renderer";
import { DEFAULT_MINIMUM_API_FAILURES, DEFAULT_MINIMUM_REQUESTS } from "../aws-apigateway/apigateway-monitoring";
import { type AlarmKinds, type KindThresholds, segmentAlarms, type SegmentAlarmProps } from "../alarm-kinds";
import type { MonitoringSegment } from "../segment";
import { S3RequestMetrics } from "./s3-metric-factory";

/**
 * What the S3 segment can alarm on, from the bucket's request metrics (the key of {@link S3Thresholds}): `serverErrorRatePercent` 5xx responses in % of requests (with a low-traffic guard),
 * `serverErrorCount` and `clientErrorCount` the number of 5xx and 4xx responses in a period, `p99FirstByteLatencyMs` the first-byte latency p99 in milliseconds.
 */
export type S3AlarmKind = "serverErrorRatePercent" | "serverErrorCount" | "clientErrorCount" | "p99FirstByteLatencyMs";
/** A bucket's thresholds: per {@link S3AlarmKind}, a threshold per tier, or `false` to turn off the facade's default for this bucket. */
export type S3Thresholds = KindThresholds<S3AlarmKind>;

/** The filter id the S3 console gives a request-metrics configuration of the whole bucket. */
export const DEFAULT_S3_FILTER_ID = "EntireBucket";

interface BucketResource {
  readonly bucketName: string;
  readonly filterId: string;
  readonly minimumRequests: number;
  readonly minimumFailures: number;
}

const KINDS: AlarmKinds<S3AlarmKind, BucketResource> = {
  serverErrorRatePercent: {
    id: "5xx-rate",
    comparison: "GreaterThanThreshold",
    metric: (b) => S3RequestMetrics.serverErrorRatePercent(b.bucketName, b.filterId, b.minimumRequests, b.minimumFailures),
    condition: (t, b) => `5xx responses above ${t} % of requests (with at least ${b.minimumRequests} requests, or ${b.minimumFailures} 5xx, in the period)`,
  },
  serverErrorCount: {
    id: "5xx-count",
    comparison: "GreaterThanThreshold",
    metric: (b) => S3RequestMetrics.serverErrors(b.bucketName, b.filterId),
    condition: (t) => `more than ${t} 5xx responses`,
  },
  clientErrorCount: {
    id: "4xx-count",
    comparison: "GreaterThanThreshold",
    metric: (b) => S3RequestMetrics.clientErrors(b.bucketName, b.filterId),
    condition: (t) => `more than ${t} 4xx responses`,
  },
  p99FirstByteLatencyMs: {
    id: "first-byte-latency",
    comparison: "GreaterThanThreshold",
    metric: (b) => S3RequestMetrics.p99FirstByteLatency(b.bucketName, b.filterId),
    condition: (t) => `first-byte latency p99 above ${t} ms`,
  },
};

/** Props of {@link S3BucketMonitoring}: the bucket and its request-metrics filter, and the alarms' topics, links and thresholds. */
export interface S3BucketMonitoringProps extends SegmentAlarmProps<S3AlarmKind> {
  /** The bucket's name. */
  readonly bucketName: string;
  /** The request-metrics configuration the alarms read (its FilterId dimension). @default "EntireBucket" */
  readonly filterId?: string;
  /** Create that request-metrics configuration (aws_s3_bucket_metric): without one, S3 publishes no request metrics. @default false: it exists already */
  readonly createRequestMetrics?: boolean;
  /** With createRequestMetrics: count only requests for keys under this prefix. @default the whole bucket */
  readonly prefix?: string;
  /** The 5xx rate alarms only with at least this many requests in the period... @default 20 */
  readonly minimumRequests?: number;
  /** ...or this many 5xx. @default 3 */
  readonly minimumFailures?: number;
  /** Alarm names are `<alarmNamePrefix>-<kind>-<tier>`. @default the bucket name */
  readonly alarmNamePrefix?: string;
}

/** The S3 segment of one bucket's request metrics: 4xx, 5xx and first-byte latency, with the request-metrics configuration if asked. */
export class S3BucketMonitoring implements MonitoringSegment {
  /** The segment's id, `s3:<bucketName>/<filterId>`: unique within a facade, and carried by every alarm of the segment. */
  readonly id: string;
  /** Always `s3`: the segment's graphs go on the "S3" page of the operations dashboard. */
  readonly page = "s3" as const;
  /** Heading of the segment's graphs: `bucket <bucketName>`, with ` (<filterId>)` for a filter other than the default. */
  readonly title: string;
  /** {@inheritDoc MonitoringSegment.alarms} */
  readonly alarms: MonitoringAlarm[];
  /** The request-metrics configuration, where this segment created it. */
  readonly requestMetrics?: S3BucketMetric;
  private readonly bucket: BucketResource;

  constructor(scope: Construct, props: S3BucketMonitoringProps) {
    requireNoTemplateSequences("S3BucketMonitoring", props, SEGMENT_FREE_TEXT);
    requireKnownProps("S3BucketMonitoring", "S3BucketMonitoring", { props });
    const where = `S3BucketMonitoring "${String(props.bucketName)}"`;
    const bucketProblem = s3BucketNameProblem(props.bucketName);
    if (bucketProblem) throw new InvalidPropsError(where, "bucketName", props.bucketName, bucketProblem);
    const filterId = props.filterId ?? DEFAULT_S3_FILTER_ID;
    requireMatch(where, "filterId", filterId, /^[A-Za-z0-9_.-]{1,64}$/, "1-64 letters, digits, _, . or -");
    if (props.prefix !== undefined) {
      if (!props.createRequestMetrics) throw new InvalidPropsError(where, "prefix", props.prefix, "no prefix without createRequestMetrics: true (the prefix belongs to the configuration this segment would create)");
      requireMatch(where, "prefix", props.prefix, /^[A-Za-z0-9!_.*'()/-]{1,1024}$/, "a key prefix of 1-1024 letters, digits or !_.*'()/-, e.g. uploads/");
    }
    const minimumRequests = props.minimumRequests ?? DEFAULT_MINIMUM_REQUESTS;
    const minimumFailures = props.minimumFailures ?? DEFAULT_MINIMUM_API_FAILURES;
    requireIntegerInRange(where, "minimumRequests", minimumRequests, 1, 1_000_000);
    requireIntegerInRange(where, "minimumFailures", minimumFailures, 1, 1_000_000);
    if (props.createRequestMetrics) {
      this.requestMetrics = new S3BucketMetric(scope, "request-metrics", { bucket: props.bucketName, name: filterId, ...(props.prefix ? { filter: { prefix: props.prefix } } : {}) });
    }
    this.bucket = { bucketName: props.bucketName, filterId, minimumRequests, minimumFailures };
    this.id = `s3:${props.bucketName}/${filterId}`;
    this.title = filterId === DEFAULT_S3_FILTER_ID ? `bucket ${props.bucketName}` : `bucket ${props.bucketName} (${filterId})`;
    this.alarms = segmentAlarms(scope, { id: this.id, where, name: props.alarmNamePrefix ?? props.bucketName }, KINDS, this.bucket, props);
  }

  /** {@inheritDoc MonitoringSegment.widgets} */
  widgets(region: string): JsonValue[] {
    const { bucketName: b, filterId: f, minimumRequests, minimumFailures } = this.bucket;
    const m = S3RequestMetrics;
    const graph = (title: string, spec: Omit<Parameters<typeof graphWidget>[1], "title" | "alarms">) => graphWidget(region, { title: `${this.title}: ${title}`, alarms: this.alarms, width: 8, ...spec });
    return [
      graph("requests, 4xx and 5xx", { metrics: [m.allRequests(b, f), m.clientErrors(b, f), m.serverErrors(b, f)], alarmKinds: ["5xx-count", "4xx-count"] }),
      graph("5xx rate (%)", { metrics: [m.serverErrorRatePercent(b, f, minimumRequests, minimumFailures)], alarmKinds: ["5xx-rate"] }),
      graph("first-byte latency p99 (ms)", { metrics: [m.p99FirstByteLatency(b, f)], alarmKinds: ["first-byte-latency"] }),
    ];
  }
}
