/**
 * The database, cache and custom metric segments through the facade: alarm
 * counts with the built-in defaults, official metric names and dimensions,
 * the math that converts units and guards low traffic, overrides per
 * resource, the database page's threshold lines, and one clear error per bad prop.
 */
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Testing } from "cdktf";
import { InvalidPropsError, ServerlessMonitoring, type MetricWatch } from "@serverless-monitoring/constructs";
import { DatabasesAndMetricsStack } from "./support/databases-and-metrics-stack";
import "../cdktf-matchers";

const topics = { critical: "arn:aws:sns:eu-west-1:111122223333:critical", warning: "arn:aws:sns:eu-west-1:111122223333:warning", business: "arn:aws:sns:eu-west-1:111122223333:business" };
type AlarmJson = Record<string, unknown> & { alarm_name: string; threshold?: number; metric_query?: { id: string; expression?: string; return_data?: boolean; metric?: Record<string, unknown> }[] };

function synthWith(build: (monitoring: ServerlessMonitoring) => void) {
  const synth = Testing.synthScope((scope) => build(new ServerlessMonitoring(scope, "monitoring", { environment: "prod", region: "eu-west-1", topics, dashboardName: "estate" })));
  const json = JSON.parse(synth) as { resource: { aws_cloudwatch_metric_alarm?: Record<string, AlarmJson>; aws_cloudwatch_dashboard: Record<string, { dashboard_name: string; dashboard_body: string }> } };
  const alarms = Object.values(json.resource.aws_cloudwatch_metric_alarm ?? {});
  return { synth, json, alarms, names: alarms.map((a) => a.alarm_name).sort(), alarm: (name: string) => alarms.find((a) => a.alarm_name === name)! };
}
const expressionOf = (alarm: AlarmJson) => alarm.metric_query!.find((q) => q.return_data)!.expression;
const queryMetric = (alarm: AlarmJson, id: string) => alarm.metric_query!.find((q) => q.id === id)!.metric;

describe("RDS and Aurora segment", () => {
  const cluster = { dbClusterIdentifier: "orders-db", engine: "aurora-postgresql" as const, serverless: true, maxConnections: 1000 };

  test("an Aurora Serverless v2 cluster gets all seven defaults; an RDS instance five (no ACU, no deadlocks); without maxConnections no connections alarm", () => {
    expect(synthWith((m) => m.monitorDatabase(cluster)).names).toEqual(["acu-utilisation", "connections", "cpu", "deadlocks", "freeable-memory", "read-latency", "write-latency"].map((k) => `orders-db-${k}-warning`));
    expect(synthWith((m) => m.monitorDatabase({ dbInstanceIdentifier: "legacy", engine: "postgres", maxConnections: 200 })).names).toEqual(["connections", "cpu", "freeable-memory", "read-latency", "write-latency"].map((k) => `legacy-${k}-warning`));
    expect(synthWith((m) => m.monitorDatabase({ dbInstanceIdentifier: "legacy", engine: "mysql" })).names).toEqual(["cpu", "freeable-memory", "read-latency", "write-latency"].map((k) => `legacy-${k}-warning`));
  });

  test("official metrics and dimensions; units converted by one-metric math so thresholds read %, MiB and ms", () => {
    const { alarm } = synthWith((m) => m.monitorDatabase(cluster));
    expect(alarm("orders-db-cpu-warning")).toMatchObject({ namespace: "AWS/RDS", metric_name: "CPUUtilization", dimensions: { DBClusterIdentifier: "orders-db" }, statistic: "Average", threshold: 80, evaluation_periods: 5, treat_missing_data: "notBreaching" });
    const connections = alarm("orders-db-connections-warning");
    expect(expressionOf(connections)).toBe("100 * connections / 1000");
    expect(queryMetric(connections, "connections")).toMatchObject({ namespace: "AWS/RDS", metric_name: "DatabaseConnections", stat: "Maximum", dimensions: { DBClusterIdentifier: "orders-db" } });
    expect(connections.threshold).toBe(80);
    const memory = alarm("orders-db-freeable-memory-warning");
    expect([expressionOf(memory), memory.comparison_operator, memory.threshold]).toEqual(["memory / 1048576", "LessThanThreshold", 128]);
    expect(expressionOf(alarm("orders-db-read-latency-warning"))).toBe("1000 * latency");
    expect(queryMetric(alarm("orders-db-write-latency-warning"), "latency")).toMatchObject({ metric_name: "WriteLatency", stat: "Average" });
    expect(alarm("orders-db-acu-utilisation-warning")).toMatchObject({ metric_name: "ACUUtilization", threshold: 90 });
    expect(alarm("orders-db-deadlocks-warning")).toMatchObject({ metric_name: "Deadlocks", comparison_operator: "GreaterThanThreshold", threshold: 0, evaluation_periods: 5, datapoints_to_alarm: 3 });
    expect(alarm("orders-db-connections-warning").alarm_description).toContain("connections above 80 % of the 1000 allowed (max_connections)");
  });

  test("an Aurora cluster's writer and readers apart, by CloudWatch's Role dimension: their own segments, alarm names and construct ids", () => {
    const { alarm, names } = synthWith((m) => {
      m.monitorDatabase({ ...cluster, clusterRole: "WRITER" });
      m.monitorDatabase({ ...cluster, clusterRole: "READER" }, { thresholds: { cpuPercent: { warning: { threshold: 90, evaluationPeriods: 5 } } } });
    });
    expect(alarm("orders-db-writer-cpu-warning")).toMatchObject({ dimensions: { DBClusterIdentifier: "orders-db", Role: "WRITER" }, threshold: 80 });
    expect(alarm("orders-db-reader-cpu-warning")).toMatchObject({ dimensions: { DBClusterIdentifier: "orders-db", Role: "READER" }, threshold: 90 });
    expect(names).toHaveLength(14);
    expect(() => synthWith((m) => m.monitorDatabase({ dbInstanceIdentifier: "db", engine: "aurora-mysql", clusterRole: "WRITER" }))).toThrow('RdsDatabaseMonitoring "db": clusterRole is "WRITER"; allowed: "WRITER" or "READER", with dbClusterIdentifier.');
  });

  test("overrides per resource, tier by tier, and false turns a default off", () => {
    const { names, alarm } = synthWith((m) =>
      m.monitorDatabase(cluster, { thresholds: { cpuPercent: { critical: { threshold: 95, evaluationPeriods: 5 } }, deadlocksPerSecond: false, readLatencyMs: { warning: { threshold: 20, evaluationPeriods: 3 } } } }),
    );
    expect(names).toContain("orders-db-cpu-critical");
    expect(names).toContain("orders-db-cpu-warning");
    expect(names).not.toContain("orders-db-deadlocks-warning");
    expect(alarm("orders-db-read-latency-warning").threshold).toBe(20);
  });

  test("bad props: one error naming the field, the value and what is allowed", () => {
    const cases: [() => void, string][] = [
      [() => synthWith((m) => m.monitorDatabase({ engine: "postgres" })), 'RdsDatabaseMonitoring "undefined": dbInstanceIdentifier / dbClusterIdentifier is {}; allowed: exactly one of the two.'],
      [() => synthWith((m) => m.monitorDatabase({ dbInstanceIdentifier: "1db", engine: "postgres" })), 'RdsDatabaseMonitoring "1db": dbInstanceIdentifier is "1db"; allowed: 1-63 letters, digits or -, starting with a letter.'],
      [() => synthWith((m) => m.monitorDatabase({ dbInstanceIdentifier: "db", engine: "db2" as never })), 'RdsDatabaseMonitoring "db": engine is "db2"; allowed: aurora-mysql, aurora-postgresql, mysql, postgres, mariadb, oracle, sqlserver.'],
      [() => synthWith((m) => m.monitorDatabase({ dbClusterIdentifier: "db", engine: "postgres" })), 'RdsDatabaseMonitoring "db": engine is "postgres"; allowed: an Aurora engine (aurora-mysql, aurora-postgresql) for a cluster; give dbInstanceIdentifier for an RDS instance.'],
      [() => synthWith((m) => m.monitorDatabase({ dbInstanceIdentifier: "db", engine: "mysql", serverless: true })), 'RdsDatabaseMonitoring "db": serverless is true; allowed: false for a non-Aurora engine: Serverless v2 is Aurora\'s.'],
      [() => synthWith((m) => m.monitorDatabase({ dbInstanceIdentifier: "db", engine: "mysql", maxConnections: 0 })), 'RdsDatabaseMonitoring "db": maxConnections is 0; allowed: an integer from 1 to 1000000.'],
      [() => synthWith((m) => m.monitorDatabase({ dbInstanceIdentifier: "db", engine: "mysql" }, { thresholds: { deadlocksPerSecond: { warning: { threshold: 0, evaluationPeriods: 1 } } } })), 'RdsDatabaseMonitoring "db": thresholds.deadlocksPerSecond is {"warning":{"threshold":0,"evaluationPeriods":1}}; allowed: no threshold here: Deadlocks is published by Aurora only, not by mysql.'],
      [() => synthWith((m) => m.monitorDatabase({ dbInstanceIdentifier: "db", engine: "mysql" }, { thresholds: { connectionsPercent: { warning: { threshold: 90, evaluationPeriods: 1 } } } })), "no threshold here: the database's max_connections is not known; give maxConnections."],
      [() => synthWith((m) => m.monitorDatabase({ dbInstanceIdentifier: "db${x}", engine: "mysql" })), "ServerlessMonitoring.monitorDatabase: dbInstanceIdentifier is \"db${x}\"; allowed: no Terraform template sequence"],
      [() => synthWith((m) => m.monitorDatabaseProxy({ proxyName: "-proxy" })), 'RdsProxyMonitoring "-proxy": proxyName is "-proxy"; allowed: 1-63 letters, digits or -, starting with a letter.'],
    ];
    for (const [build, message] of cases) {
      expect(build).toThrow(InvalidPropsError);
      expect(build).toThrow(message);
    }
  });
});

describe("RDS Proxy segment", () => {
  test("two defaults: borrow latency in ms, and pinned sessions as % of the proxy's database connections", () => {
    const { names, alarm } = synthWith((m) => m.monitorDatabaseProxy({ proxyName: "orders-proxy" }));
    expect(names).toEqual(["orders-proxy-borrow-latency-warning", "orders-proxy-pinned-sessions-warning"]);
    const borrow = alarm("orders-proxy-borrow-latency-warning");
    expect([expressionOf(borrow), borrow.threshold]).toEqual(["borrow / 1000", 100]);
    expect(queryMetric(borrow, "borrow")).toMatchObject({ namespace: "AWS/RDS", metric_name: "DatabaseConnectionsBorrowLatency", dimensions: { ProxyName: "orders-proxy" } });
    const pinned = alarm("orders-proxy-pinned-sessions-warning");
    expect(expressionOf(pinned)).toBe("IF(connections > 0, 100 * pinned / connections, 0)");
    expect(queryMetric(pinned, "pinned")).toMatchObject({ metric_name: "DatabaseConnectionsCurrentlySessionPinned", stat: "Sum" });
  });
});

describe("ElastiCache segment", () => {
  test("a node gets six defaults, a serverless cache four (no CPU or memory; throttled commands instead)", () => {
    expect(synthWith((m) => m.monitorCache({ cacheClusterId: "sessions-001" })).names).toEqual(["connections", "cpu", "engine-cpu", "evictions", "hit-rate", "memory"].map((k) => `sessions-001-${k}-warning`));
    expect(synthWith((m) => m.monitorCache({ serverlessCacheName: "carts" })).names).toEqual(["connections", "evictions", "hit-rate", "throttled-commands"].map((k) => `carts-${k}-warning`));
  });

  test("dimensions: CacheClusterId for a node, clusterId for a serverless cache; the hit rate from hits and misses, healthy below the minimum lookups", () => {
    const node = synthWith((m) => m.monitorCache({ cacheClusterId: "sessions-001", minimumLookups: 50 }));
    expect(node.alarm("sessions-001-engine-cpu-warning")).toMatchObject({ namespace: "AWS/ElastiCache", metric_name: "EngineCPUUtilization", dimensions: { CacheClusterId: "sessions-001" }, threshold: 90 });
    expect(node.alarm("sessions-001-memory-warning")).toMatchObject({ metric_name: "DatabaseMemoryUsagePercentage", threshold: 80 });
    const hitRate = node.alarm("sessions-001-hit-rate-warning");
    expect(expressionOf(hitRate)).toBe("IF((FILL(hits, 0) + FILL(misses, 0)) >= 50, 100 * FILL(hits, 0) / (FILL(hits, 0) + FILL(misses, 0)), 100)");
    expect([hitRate.comparison_operator, hitRate.threshold, hitRate.evaluation_periods]).toEqual(["LessThanThreshold", 80, 3]);
    const serverless = synthWith((m) => m.monitorCache({ serverlessCacheName: "carts" }));
    expect(serverless.alarm("carts-throttled-commands-warning")).toMatchObject({ metric_name: "ThrottledCmds", dimensions: { clusterId: "carts" } });
    expect(queryMetric(serverless.alarm("carts-hit-rate-warning"), "misses")).toMatchObject({ metric_name: "CacheMisses", dimensions: { clusterId: "carts" } });
  });

  test("bad props and kinds that cannot apply", () => {
    expect(() => synthWith((m) => m.monitorCache({ cacheClusterId: "a", serverlessCacheName: "b" }))).toThrow('ElastiCacheMonitoring "a": cacheClusterId / serverlessCacheName is {"cacheClusterId":"a","serverlessCacheName":"b"}; allowed: exactly one of the two.');
    expect(() => synthWith((m) => m.monitorCache({ serverlessCacheName: "carts" }, { thresholds: { engineCpuPercent: { warning: { threshold: 50, evaluationPeriods: 1 } } } }))).toThrow(
      "no threshold here: EngineCPUUtilization is published for node-based caches only; a serverless cache scales its own compute and memory.",
    );
    expect(() => synthWith((m) => m.monitorCache({ cacheClusterId: "sessions-001", minimumLookups: 0.5 }))).toThrow('ElastiCacheMonitoring "sessions-001": minimumLookups is 0.5; allowed: an integer from 1 to 1000000.');
  });
});

describe("metrics from any namespace", () => {
  const m = (metricName: string) => ({ namespace: "Acme/Checkout", metricName, dimensions: { Service: "checkout" } });
  const once = { threshold: 5, evaluationPeriods: 3 };

  test("a count, a value, a rate and an anomaly band: each its own alarm per tier, named <name>-<id>-<tier>", () => {
    const watches: MetricWatch[] = [
      { id: "errors", type: "count", metric: m("Errors"), when: "above", thresholds: { warning: once } },
      { id: "latency", type: "value", metric: { ...m("Latency"), statistic: "p99" }, when: "above", thresholds: { warning: { threshold: 500, evaluationPeriods: 3 } } },
      { id: "failure-rate", type: "rate", numerator: m("Errors"), denominator: m("Requests"), thresholds: { critical: { threshold: 50, evaluationPeriods: 3 }, warning: once } },
      { id: "traffic", type: "anomaly", metric: m("Requests"), when: "below", thresholds: { warning: { threshold: 2, evaluationPeriods: 3, periodSeconds: 300 } } },
    ];
    const { names, alarm } = synthWith((f) => f.monitorMetrics({ name: "checkout-prod", watches }));
    expect(names).toEqual(["checkout-prod-errors-warning", "checkout-prod-failure-rate-critical", "checkout-prod-failure-rate-warning", "checkout-prod-latency-warning", "checkout-prod-traffic-warning"]);
    expect(alarm("checkout-prod-errors-warning")).toMatchObject({ namespace: "Acme/Checkout", metric_name: "Errors", dimensions: { Service: "checkout" }, statistic: "Sum", comparison_operator: "GreaterThanThreshold" });
    expect(alarm("checkout-prod-latency-warning")).toMatchObject({ extended_statistic: "p99", threshold: 500 });
    // The same low-traffic rule as the built-in rates: below 20 requests, 3 errors still make a rate.
    expect(expressionOf(alarm("checkout-prod-failure-rate-warning"))).toBe("IF(denominator >= 20, 100 * numerator / denominator, IF(numerator >= 3, 100 * numerator / denominator, 0))");
    const traffic = alarm("checkout-prod-traffic-warning");
    expect(traffic).toMatchObject({ comparison_operator: "LessThanLowerThreshold", threshold_metric_id: "band" });
    expect(traffic.metric_query!.find((q) => q.id === "band")!.expression).toBe("ANOMALY_DETECTION_BAND(observed, 2)");
  });

  test("a count below a threshold counts silence as 0; a success rate below reads healthy at low traffic unless 3 are missing", () => {
    const { alarm } = synthWith((f) =>
      f.monitorBusinessMetrics({
        name: "kpis",
        watches: [
          { id: "orders", type: "count", metric: m("Orders"), when: "below", thresholds: { business: { threshold: 1, evaluationPeriods: 3, periodSeconds: 300 } } },
          { id: "success", type: "rate", numerator: m("Orders"), denominator: m("Checkouts"), when: "below", minimumDenominator: 10, thresholds: { business: { threshold: 90, evaluationPeriods: 3, periodSeconds: 300 } } },
        ],
      }),
    );
    expect(expressionOf(alarm("kpis-orders-business"))).toBe("FILL(count, 0)");
    expect(expressionOf(alarm("kpis-success-business"))).toBe("IF(denominator >= 10, 100 * FILL(numerator, 0) / denominator, IF(denominator - FILL(numerator, 0) >= 3, 100 * FILL(numerator, 0) / denominator, 100))");
    expect(alarm("kpis-orders-business").ok_actions).toEqual([]);
  });

  test("business metrics go to the business tier only; watches, ids, metrics and band widths are checked", () => {
    const watch = (over: Partial<MetricWatch> & Record<string, unknown>) => ({ id: "x", type: "count", metric: m("Orders"), when: "above", thresholds: { warning: once }, ...over }) as MetricWatch;
    const cases: [(f: ServerlessMonitoring) => void, string][] = [
      [(f) => f.monitorBusinessMetrics({ name: "kpis", watches: [watch({})] }), 'CustomMetricMonitoring "kpis": watches[0].thresholds.warning is {"threshold":5,"evaluationPeriods":3}; allowed: the business tier only'],
      [(f) => f.monitorMetrics({ name: "m", watches: [] }), 'CustomMetricMonitoring "m": watches is []; allowed: at least one watch'],
      [(f) => f.monitorMetrics({ name: "m", watches: [watch({ id: "Bad_Id" })] }), 'watches[0].id is "Bad_Id"; allowed: 1-63 lowercase letters'],
      [(f) => f.monitorMetrics({ name: "m", watches: [watch({}), watch({})] }), 'watches[1].id is "x"; allowed: an id not used by another watch of this segment.'],
      [(f) => f.monitorMetrics({ name: "m", watches: [watch({ metric: { namespace: "", metricName: "Orders" } })] }), 'watches[0].metric.namespace is ""; allowed: 1-255 printable ASCII characters'],
      [(f) => f.monitorMetrics({ name: "m", watches: [watch({ metric: { ...m("Orders"), statistic: "p999" as never } })] }), 'watches[0].metric.statistic is "p999"; allowed: Sum, Average, Minimum, Maximum, SampleCount or a percentile such as p99.'],
      [(f) => f.monitorMetrics({ name: "m", watches: [watch({ when: "sideways" as never })] }), 'watches[0].when is "sideways"; allowed: "above" or "below".'],
      [(f) => f.monitorMetrics({ name: "m", watches: [watch({ type: "gauge" as never })] }), 'watches[0].type is "gauge"; allowed: "count", "value", "rate" or "anomaly".'],
      [(f) => f.monitorMetrics({ name: "m", watches: [watch({ type: "anomaly", when: "outside", thresholds: { warning: { threshold: 0, evaluationPeriods: 3 } } })] }), "thresholds.x.warning.threshold is 0; allowed: a band width from 0.5 to 10 standard deviations."],
      [(f) => f.monitorMetrics({ name: "m", watches: [watch({ type: "rate", numerator: m("E"), denominator: m("R"), minimumDenominator: -1 })] }), "watches[0].minimumDenominator is -1; allowed: an integer from 1 to 1000000."],
      [(f) => f.monitorMetrics({ name: "m", watches: [watch({ metric: { ...m("Orders"), dimensions: { Service: "${file(\"/etc/passwd\")}" } } })] }), "no Terraform template sequence"],
      [(f) => f.monitorMetrics({ name: "m", watches: [watch({ thresholds: { warning: { threshold: 9, evaluationPeriods: 1 }, critical: { threshold: 5, evaluationPeriods: 1 } } })] }), "thresholds.x.critical.threshold is 5; allowed: at least the warning threshold (9)"],
    ];
    for (const [build, message] of cases) {
      expect(() => synthWith(build)).toThrow(InvalidPropsError);
      expect(() => synthWith(build)).toThrow(message);
    }
  });
});

describe("the database page", () => {
  const app = Testing.app();
  const stack = new DatabasesAndMetricsStack(app, "databases");
  const synth = Testing.synth(stack);
  const json = JSON.parse(synth) as { resource: { aws_cloudwatch_metric_alarm: Record<string, AlarmJson>; aws_cloudwatch_dashboard: Record<string, { dashboard_name: string; dashboard_body: string }> } };
  const page = (name: string) => JSON.parse(Object.values(json.resource.aws_cloudwatch_dashboard).find((d) => d.dashboard_name === name)!.dashboard_body) as { widgets: { properties?: { title?: string; annotations?: { horizontal?: { label: string; value: number }[] } } }[] };

  test("databases and caches share one page, with the issue's targets as lines: CPU and connections 80 %, queries 100 ms, no slow query over 2 s", () => {
    expect(synth).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: "shop-prod-database" });
    const lines = (title: string) => page("shop-prod-database").widgets.find((w) => w.properties?.title === title)!.properties!.annotations!.horizontal!.map((a) => [a.label, a.value]);
    expect(lines("orders-db: CPU (%)")).toEqual([["warning cpu", 80]]);
    expect(lines("orders-db: connections (% of 1000)")).toEqual([["warning connections", 80]]);
    expect(lines("orders-db: read and write latency (ms)")).toEqual([["warning read-latency", 100], ["warning write-latency", 100], ["target: no slow query over 2 s", 2000]]);
    expect(page("shop-prod-database").widgets.some((w) => w.properties?.title === "carts: cache hit rate (%)")).toBe(true);
    // The team's metrics have their own page; its KPIs join the business page.
    expect(page("shop-prod-custom").widgets.some((w) => w.properties?.title === "Checkout: payment-failure-rate")).toBe(true);
    expect(page("shop-prod-business").widgets.some((w) => w.properties?.title === "Checkout KPIs: orders-placed")).toBe(true);
  });

  test("alarm count per segment with the built-in defaults: Aurora Serverless v2 7, RDS instance 5, proxy 2, cache node 6, serverless cache 4", () => {
    const count = (segment: string) => stack.monitoring.segments.find((s) => s.id === segment)!.alarms.length;
    expect([count("rds:orders-db"), count("rds:legacy-db"), count("rds-proxy:orders-proxy"), count("elasticache:sessions-001"), count("elasticache:carts")]).toEqual([7, 5, 2, 6, 4]);
    expect(synth).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: "legacy-db-cpu-warning", dimensions: { DBInstanceIdentifier: "legacy-db" } });
  });
});
