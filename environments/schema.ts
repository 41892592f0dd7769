/**
 * The typed schema of an environment's configuration.
 *
 * Every `error` below is written as "what is allowed", because the formatter in
 * ./validate.ts prints each problem as `<field>: got <value>; allowed: <error>`.
 */
import * as z from "zod";
import { AWS_LIMITS } from "@serverless-monitoring/constructs";
import { TIERS, type AlertTier } from "@serverless-monitoring/constructs";
import { SLO_TARGET_RANGE } from "@serverless-monitoring/constructs";
import { AWS_PATTERNS, AWS_REGIONS, creatableRuntimes, type AwsPattern, LAMBDA_RUNTIMES, regionProblem, s3BucketNameProblem, s3KeyPrefixProblem, tagValueProblem } from "@serverless-monitoring/constructs";
import { resourceName, tokenMarkerIn } from "@serverless-monitoring/constructs";

export const ENVIRONMENT_NAMES = ["dev", "staging", "production"] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** Any environment's name: it suffixes every resource name (`user-service-<name>`), so it stays short and plain. */
export const ENVIRONMENT_NAME_PATTERN = /^[a-z][a-z0-9-]{0,19}$/;
export const ENVIRONMENT_NAME_RULE = "1-20 lowercase letters, digits or hyphens, starting with a letter, such as dev or payments-eu";

export const SAMPLING_TIERS = ["critical", "business", "general"] as const;

const { lambda, cloudwatch, logs } = AWS_LIMITS;

function integer(min: number, max: number, unit = ""): z.ZodNumber {
  const allowed = `an integer from ${min} to ${max}${unit}`;
  return z.number({ error: allowed }).int({ error: allowed }).min(min, { error: allowed }).max(max, { error: allowed });
}

function percent(): z.ZodNumber {
  const allowed = "a percentage from 0 to 100";
  return z.number({ error: allowed }).min(0, { error: allowed }).max(100, { error: allowed });
}

function positiveUsd() {
  const allowed = "an amount in USD greater than 0, with at most two decimal places";
  return z.number({ error: allowed }).refine((n) => n > 0 && /^\d+(\.\d{1,2})?$/.test(String(n)), { error: allowed });
}

/** A string checked by one of AWS's rules (modules/common/aws-rules.ts): one issue, with the rule's own words. */
function awsRule(problem: (value: string) => string | undefined, what: string) {
  return z.string({ error: what }).superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: "custom", input: value, message });
  });
}

/** A string in one of AWS's forms (modules/common/aws-rules.ts), with its words. */
function matching({ pattern, allowed }: AwsPattern) {
  return z.string({ error: allowed }).regex(pattern, { error: allowed });
}

const RUNBOOK_URL_RULE = "an https URL such as https://github.com/acme/monitoring/blob/main/docs/runbooks.md";

const email = z.email({ error: "an email address such as team@example.com" });

/** One alarm tier: fires when the statistic crosses `threshold` in `evaluationPeriods` periods. */
export const thresholdSchema = z
  .strictObject({
    threshold: z.number({ error: "a number of 0 or more" }).min(0, { error: "a number of 0 or more" }),
    evaluationPeriods: integer(1, 1440),
    /** @default evaluationPeriods */
    datapointsToAlarm: integer(1, 1440).optional(),
    /** Checked against the metric's publishing interval once the alarm is known (./validate.ts). */
    periodSeconds: z
      .number({ error: "10, 30 or a multiple of 60 up to 86400 seconds" })
      .refine((n) => n === 10 || n === 30 || (Number.isInteger(n) && n % 60 === 0 && n >= 60 && n <= 86_400), { error: "10, 30 or a multiple of 60 up to 86400 seconds" })
      .default(60),
  })
  .superRefine((t, ctx) => {
    const total = t.periodSeconds * t.evaluationPeriods;
    if (total > cloudwatch.maxAlarmEvaluationSeconds) {
      ctx.addIssue({
        code: "custom",
        path: ["evaluationPeriods"],
        input: t.evaluationPeriods,
        message: `at most ${Math.floor(cloudwatch.maxAlarmEvaluationSeconds / t.periodSeconds)} periods of ${t.periodSeconds} s: periodSeconds x evaluationPeriods may be at most ${cloudwatch.maxAlarmEvaluationSeconds} s (one day), here ${total} s`,
      });
    }
    if (t.datapointsToAlarm !== undefined && t.datapointsToAlarm > t.evaluationPeriods) {
      ctx.addIssue({
        code: "custom",
        path: ["datapointsToAlarm"],
        input: t.datapointsToAlarm,
        message: `at most evaluationPeriods (${t.evaluationPeriods})`,
      });
    }
  });

const percentThresholdSchema = thresholdSchema.safeExtend({ threshold: percent() });

/** One field per alert tier (modules/common/tiers.ts), each made by `field`. */
function tiered<T extends z.ZodType>(field: (tier: AlertTier) => T) {
  return z.strictObject(Object.fromEntries(TIERS.map((tier) => [tier, field(tier)])) as { [K in AlertTier]: T });
}

function tiers<T extends z.ZodType>(threshold: T) {
  return tiered(() => threshold.optional());
}

/** A kind the built-in defaults turn on that an environment may turn off (`false`), e.g. a count that its simulated errors keep above any threshold. */
function tiersOrOff<T extends z.ZodType>(threshold: T) {
  return z.union([z.literal(false), tiers(threshold)], { error: "false, or thresholds by tier (warning, critical, business)" });
}

/** An availability objective: the multi-window burn-rate alarms work from 95 % to 99.99 % (modules/monitoring/slo). */
const objectiveRule = `a percentage from ${SLO_TARGET_RANGE.min} to ${SLO_TARGET_RANGE.max} (burn-rate alarms cannot work outside: below, a 14.4x burn needs more failures than calls; above, one failure in a quiet hour is a fast burn)`;
export const objectiveSchema = z.strictObject({
  targetPercent: z.number({ error: objectiveRule }).min(SLO_TARGET_RANGE.min, { error: objectiveRule }).max(SLO_TARGET_RANGE.max, { error: objectiveRule }),
  /** The error budget's rolling period. @default 30 */
  periodDays: integer(7, 90, " days").default(30),
});

/** Thresholds of the per-function alarms, by alarm and by severity. */
export const functionAlarmThresholdsSchema = z.strictObject({
  errorRatePercent: tiers(percentThresholdSchema),
  averageDurationMs: tiers(thresholdSchema),
  p99DurationMs: tiers(thresholdSchema),
  throttles: tiers(thresholdSchema),
  dlqMessagesVisible: tiers(thresholdSchema),
  deadLetterErrors: tiers(thresholdSchema),
  /** Errors > threshold, e.g. critical on any error in 5 minutes. @default no alarm */
  errorCount: tiers(thresholdSchema).optional(),
  /** Maximum duration as % of the function's timeout. @default warning above 80 % */
  maxDurationTimeoutPercent: tiers(percentThresholdSchema).optional(),
  /** Concurrent executions as % of reserved concurrency (functions with a reservation). @default warning above 80 % */
  concurrencyPercent: tiers(percentThresholdSchema).optional(),
  /** Max memory used as % of the configured memory (from the platform report records). @default warning above 80 % */
  memoryUtilisationPercent: tiers(percentThresholdSchema).optional(),
  /** Init duration p99 of cold starts. @default warning above 1000 ms over 3 periods of 5 minutes */
  initDurationP99Ms: tiers(thresholdSchema).optional(),
  /** Cold starts as % of invocations. @default warning above 20 % over 3 periods of 5 minutes */
  coldStartRatePercent: tiers(percentThresholdSchema).optional(),
  /** ERROR-level log lines, thrown or not; false turns the built-in default off. @default warning at 10 in 5 minutes */
  errorLogLines: tiersOrOff(thresholdSchema).optional(),
  /** Invocations Lambda timed out ("Task timed out" in the function's log). @default warning at 1 in 5 minutes */
  timeouts: tiers(thresholdSchema).optional(),
  /** Age in seconds of the oldest message in the dead-letter queue. @default no alarm */
  dlqOldestMessageAgeSeconds: tiers(thresholdSchema).optional(),
});

/** Per-function overrides: any alarm, any severity. */
export const functionAlarmOverridesSchema = functionAlarmThresholdsSchema.partial();

/** Thresholds of the environment-wide alarms on the error table and the error capture itself. */
export const tableAlarmThresholdsSchema = z.strictObject({
  errorTableThrottles: tiers(thresholdSchema),
  errorTableSystemErrors: tiers(thresholdSchema),
  errorRecordWriteFailures: tiers(thresholdSchema),
  /** Executions on the account's unreserved pool as % of it (lambdaAccountConcurrencyLimit less reserved). @default no alarm */
  unreservedConcurrencyPercent: tiers(percentThresholdSchema).optional(),
  /** DynamoDB's UserErrors (HTTP 400s), reported for the whole account and region. @default no alarm */
  dynamoDbUserErrors: tiers(thresholdSchema).optional(),
});

/** Thresholds of the reference APIs' alarms, by API kind; each kind over the built-in default. */
export const apiAlarmThresholdsSchema = z.strictObject({
  http: z
    .strictObject({
      serverErrorRatePercent: tiers(percentThresholdSchema).optional(),
      /** false turns the built-in critical (more than 5 in 5 minutes) off, with the routes' own. */
      serverErrorCount: tiersOrOff(thresholdSchema).optional(),
      clientErrorCount: tiers(thresholdSchema).optional(),
      p99LatencyMs: tiers(thresholdSchema).optional(),
      p99IntegrationLatencyMs: tiers(thresholdSchema).optional(),
    })
    .default({}),
  webSocket: z
    .strictObject({
      /** false turns the built-in critical (more than 10 in 5 minutes) off. */
      connectionErrors: tiersOrOff(thresholdSchema).optional(),
      clientErrorCount: tiers(thresholdSchema).optional(),
      p99IntegrationLatencyMs: tiers(thresholdSchema).optional(),
    })
    .default({}),
});

/** One HTTP route's settings; what is left out follows the stage. */
/** The WebSocket API's routes (one function serves them all): each takes its own throttling in `apis.routes`. */
export const WEBSOCKET_ROUTE_KEYS = ["$connect", "$disconnect", "$default"] as const;

export const apiRouteSchema = z.strictObject({
  /** Steady requests per second on this route. @default the stage's throttlingRateLimit */
  throttlingRateLimit: integer(1, 10_000, " requests per second").optional(),
  /** Requests at once on this route. @default the stage's throttlingBurstLimit */
  throttlingBurstLimit: integer(1, 5_000, " requests").optional(),
  /** Callable without a token (a health check, say). The route scan flags every other unauthorised route. @default false */
  public: z.boolean({ error: "true or false" }).default(false),
});

const baseNameRule = "lowercase letters, digits and hyphens, starting with a letter";
const baseName = z
  .string({ error: baseNameRule })
  .regex(/^[a-z][a-z0-9-]*$/, { error: baseNameRule })
  .refine((s) => !s.endsWith("-") && !s.includes("--"), { error: `${baseNameRule}, with no trailing or double hyphen` })
  // Names become keys of objects (constructs' children, lookups): `constructor` is already a member of every one.
  .refine((s) => !Object.hasOwn(Object.prototype, s), { error: `${baseNameRule}, other than a member every JavaScript object has (constructor)` });

export const functionSchema = z.strictObject({
  /** Base name; the deployed function is `<name>-<environment>`. */
  name: baseName,
  description: z.string({ error: "a short description" }).min(1, { error: "a short description" }).max(256, { error: "at most 256 characters" }),
  /** Checked against the dates AWS blocks creating functions on it (./validate.ts). */
  runtime: z.enum(Object.keys(LAMBDA_RUNTIMES) as [string, ...string[]], { error: `${creatableRuntimes(new Date().toISOString().slice(0, 10)).join(" or ")} (older runtimes are deprecated)` }).default("nodejs22.x"),
  memoryMiB: integer(lambda.memoryMiB.min, lambda.memoryMiB.max, " MiB").default(256),
  timeoutSeconds: integer(lambda.timeoutSeconds.min, lambda.timeoutSeconds.max, " seconds").default(30),
  /** Omit to leave the function on the account's unreserved pool. */
  reservedConcurrency: integer(0, 10_000).optional(),
  logRetentionDays: z
    .number({ error: `one of ${logs.retentionDays.join(", ")}` })
    .refine((n) => (logs.retentionDays as readonly number[]).includes(n), { error: `one of ${logs.retentionDays.join(", ")}` }),
  errorSimulationPercent: percent().default(0),
  simulatedLatencyMs: integer(0, 60_000, " ms").default(0),
  samplingTier: z.enum(SAMPLING_TIERS, { error: SAMPLING_TIERS.join(", ") }),
  /** Active X-Ray tracing through Powertools Tracer; off, the function carries no tracing cost. @default true */
  tracing: z.boolean({ error: "true or false" }).default(true),
  alarms: functionAlarmOverridesSchema.optional(),
  /** Serve this HTTP route of the reference HTTP API, e.g. `POST /users`. @default no route */
  httpRoute: matching(AWS_PATTERNS.httpRouteKey).optional(),
  /** The business capability the function serves (a key of `capabilities`): its critical alarms go under that capability's composite. @default none */
  capability: baseName.optional(),
  /** The contract's business metrics it emits: its KPIs get business-tier alarms and the business dashboard. @default none */
  businessMetrics: z.enum(["payments", "orders"], { error: "payments or orders" }).optional(),
  /** Its availability objective (burn-rate alarms). @default objectives.function */
  objective: objectiveSchema.optional(),
  /** A latency objective: the share of its calls within thresholdMs, with burn-rate alarms. @default none */
  latencyObjective: objectiveSchema.extend({ thresholdMs: integer(1, 900_000, " ms") }).optional(),
  /** Serve the reference WebSocket API ($connect, $disconnect, $default). At most one function. @default false */
  webSocket: z.boolean({ error: "true or false" }).default(false),
});

/** Paging (PagerDuty, Opsgenie): the HTTPS endpoint with its integration key is read at plan time, never written here. */
const pagingSchema = z
  .strictObject({
    /** Name of a SecureString SSM parameter holding the endpoint URL. */
    ssmParameter: matching(AWS_PATTERNS.ssmParameterName).optional(),
    /** Name or ARN of a Secrets Manager secret whose value is the endpoint URL. */
    secretsManagerSecret: matching(AWS_PATTERNS.secretsManagerSecret).optional(),
  })
  .refine((p) => (p.ssmParameter === undefined) !== (p.secretsManagerSecret === undefined), { error: "exactly one of ssmParameter and secretsManagerSecret" });

const slackSchema = z.strictObject({
  /** The Slack workspace (team) id AWS Chatbot was authorised for, e.g. T0123ABCD. */
  workspaceId: z.string({ error: "a Slack workspace id such as T0123ABCD" }).regex(/^T[A-Z0-9]{2,20}$/, { error: "a Slack workspace id such as T0123ABCD" }),
  channelId: z.string({ error: "a Slack channel id such as C0123ABCD" }).regex(/^[CG][A-Z0-9]{2,20}$/, { error: "a Slack channel id such as C0123ABCD" }),
});

const uuid = (what: string) => z.string({ error: `${what}: a GUID` }).regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, { error: `${what}: a GUID` });
const teamsSchema = z.strictObject({
  tenantId: uuid("the Microsoft 365 tenant id"),
  teamId: uuid("the team id"),
  /** The channel id as Teams shows it in the channel link, e.g. 19:abc...@thread.tacv2. */
  channelId: z.string({ error: "a Teams channel id such as 19:abc@thread.tacv2" }).regex(/^19:[A-Za-z0-9_-]+@thread\.[a-z0-9]+$/, { error: "a Teams channel id such as 19:abc@thread.tacv2" }),
});

/** The channels of one tier. */
export const tierChannelsSchema = z.strictObject({
  emails: z.array(email).max(10, { error: "at most 10 addresses" }).default([]),
  /** Text messages: for the critical tier, where a page must reach someone away from a screen. */
  sms: z.array(matching(AWS_PATTERNS.phoneNumber)).max(10, { error: "at most 10 numbers" }).default([]),
  paging: pagingSchema.optional(),
  slack: slackSchema.optional(),
  teams: teamsSchema.optional(),
  /** A runbook-automation Lambda the tier's alarms invoke directly (CloudWatch in this account only). */
  lambdaActionArn: matching(AWS_PATTERNS.lambdaFunctionArn).optional(),
  /** A topic the team already has: no topic is created for this tier, and its subscriptions stay the team's. */
  existingTopicArn: matching(AWS_PATTERNS.snsTopicArn).optional(),
  /**
   * Alone: this tier's alerts go to another tier's topic and channels, and no topic is created for it, e.g.
   * `critical: { sameAs: "warning" }` in an environment that does not page (the library's Alerting sameAs).
   */
  sameAs: z.enum(TIERS as [AlertTier, ...AlertTier[]], { error: `a tier: ${TIERS.join(", ")}` }).optional(),
  /**
   * Alone, `true`: the tier has no channel in this environment, on purpose: no topic, its alarms notify nobody
   * and show on the dashboard (the library's Alerting noChannel). The business tier only: the reference
   * system's page (critical) and budget alerts (warning) need a channel.
   */
  noChannel: z.literal(true, { error: "true (or leave it out)" }).optional(),
});

const regionRule = "an AWS region such as eu-west-1";
const bucketRule = "an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit";
const tagValueRule = "1-256 characters";
const tagValue = awsRule((value) => (value.length === 0 ? tagValueRule : tagValueProblem(value)), tagValueRule);

/** The shape of an environment; `environmentSchema` adds the check that runs over every string first. */
export const environmentShapeSchema = z
  .strictObject({
    // Environments are data (environments/estate.ts): any name that fits in every resource name it suffixes.
    name: z.string({ error: ENVIRONMENT_NAME_RULE }).regex(ENVIRONMENT_NAME_PATTERN, { error: ENVIRONMENT_NAME_RULE }),
    region: awsRule(regionProblem, regionRule),
    /** Becomes the provider's allowed_account_ids, so a deploy with the wrong credentials stops before it changes anything. */
    accountId: z.string({ error: "a 12-digit AWS account id" }).regex(/^\d{12}$/, { error: "a 12-digit AWS account id" }).optional(),
    state: z.strictObject({
      bucket: awsRule(s3BucketNameProblem, bucketRule),
      keyPrefix: awsRule(s3KeyPrefixProblem, "a path without leading or trailing slash"),
    }),
    /** Where each tier's alerts go: any combination of channels per tier. */
    alerting: tiered(() => tierChannelsSchema.default({ emails: [], sms: [] })),
    functions: z.array(functionSchema).min(1, { error: "at least one function" }),
    alarms: functionAlarmThresholdsSchema.extend(tableAlarmThresholdsSchema.shape),
    budgets: z.strictObject({
      monthlyLimitUsd: positiveUsd(),
      dailyLimitUsd: positiveUsd(),
      perServiceMonthlyLimitUsd: z.strictObject({ lambda: positiveUsd(), dynamodb: positiveUsd(), cloudwatch: positiveUsd() }),
      actualThresholdPercent: percent().default(80),
      /** Cost Explorer anomaly alerts (business tier) for anomalies of at least this total impact. */
      anomalyImpactUsd: positiveUsd().default(10),
      forecastedThresholdPercent: percent().default(100),
    }),
    tags: z.strictObject({ Team: tagValue, CostCenter: tagValue, Application: tagValue }),
    xraySamplingPercent: z.strictObject({ critical: percent(), business: percent(), general: percent(), healthChecks: percent() }),
    errorRecordRetentionDays: integer(1, 3650, " days"),
    /** Business capabilities by name, each with the title of its composite alarm, e.g. payment: "payment system health". */
    capabilities: z
      .record(
        baseName,
        z
          .string({ error: "a title such as payment system health" })
          .min(1)
          .max(100, { error: "at most 100 characters" })
          // The title names the objective's dashboard widgets, which take no Terraform template sequence.
          .refine((title) => !/[$%]\{/.test(title), { error: "a title without ${ or %{ (it titles dashboard widgets, where Terraform would read a template)" }),
      )
      .default({}),
    /** Business KPIs: payment failure rate above 5 %, order completion rate below 95 %, over the built-in defaults. */
    businessAlarms: z
      .strictObject({ paymentFailureRatePercent: tiers(percentThresholdSchema).optional(), orderCompletionRatePercent: tiers(percentThresholdSchema).optional() })
      .default({}),
    /** The page (or wiki) whose "Runbook: ..." sections the alarm descriptions link. @default "docs/runbooks.md" */
    runbookUrl: z
      .url({ protocol: /^https$/, error: RUNBOOK_URL_RULE })
      .refine((url) => url.startsWith("https://"), { error: RUNBOOK_URL_RULE })
      .optional(),
    /** Rates (errors, cold starts) alarm only with at least this many invocations in a period: below 20, one failure is already above 5 %. */
    minimumInvocations: integer(1, 1_000_000).default(20),
    /** Below minimumInvocations (or 20 requests), error and 5xx rates still alarm once a period has this many failures: the guard never blinds them. */
    minimumFailures: integer(1, 1_000_000).default(3),
    /** Availability objectives with multi-window burn-rate alarms: per function, per capability route, per capability. */
    objectives: z
      .strictObject({
        function: objectiveSchema,
        route: objectiveSchema,
        capability: objectiveSchema,
        /** Minutes of the hour burning above 14.4x before the fast tier pages (at least that many failures). */
        pageMinimumFailures: integer(1, 60).default(2),
      })
      .default({ function: { targetPercent: 99.9, periodDays: 30 }, route: { targetPercent: 99.9, periodDays: 30 }, capability: { targetPercent: 99.9, periodDays: 30 }, pageMinimumFailures: 2 }),
    /** The account's Lambda concurrency quota in the region (Service Quotas), for the unreserved-pool alarm. */
    lambdaAccountConcurrencyLimit: integer(100, 10_000_000).default(1000),
    apis: z
      .strictObject({
        accessLogRetentionDays: z
          .number({ error: `one of ${logs.retentionDays.join(", ")}` })
          .refine((n) => (logs.retentionDays as readonly number[]).includes(n), { error: `one of ${logs.retentionDays.join(", ")}` })
          .default(30),
        /** Steady requests per second and burst, per route, on both APIs' stages. */
        throttlingRateLimit: integer(1, 10_000, " requests per second").default(100),
        throttlingBurstLimit: integer(1, 5_000, " requests").default(200),
        /** The APIs' alarms, over the facade's built-in defaults (5xx rate, 5xx count, latency; WebSocket errors and latency). */
        alarms: apiAlarmThresholdsSchema.default({ http: {}, webSocket: {} }),
        /** Per route, by route key (`POST /payments`, or a WebSocket route such as `$connect`): its own throttling, or public on purpose (HTTP routes only). @default every route authorised, at the stage's throttling */
        routes: z.record(z.string(), apiRouteSchema).default({}),
      })
      .default({ accessLogRetentionDays: 30, throttlingRateLimit: 100, throttlingBurstLimit: 200, alarms: { http: {}, webSocket: {} }, routes: {} }),
    /**
     * Synthetics canaries for the HTTP routes and the WebSocket API: outside-in checks that fail with no user
     * traffic at all (docs/canaries.md). Off unless switched on.
     */
    canaries: z
      .strictObject({
        enabled: z.boolean({ error: "true or false" }),
        /** Minutes between runs: each run costs $0.0012. */
        scheduleMinutes: integer(1, 60, " minutes").default(5),
        /** Failed runs of the last three that page: 2 by default; 3 where simulated errors fail runs on purpose. */
        failedRunsToAlarm: integer(1, 3, " runs").default(2),
        artifactRetentionDays: integer(1, 455, " days").default(30),
      })
      .default({ enabled: false, scheduleMinutes: 5, failedRunsToAlarm: 2, artifactRetentionDays: 30 }),
    features: z.strictObject({
      pointInTimeRecovery: z.boolean({ error: "true or false" }),
      deletionProtection: z.boolean({ error: "true or false" }),
      anomalyDetection: z.boolean({ error: "true or false" }),
    }),
  })
  .superRefine((env, ctx) => {
    const webSocketServers = env.functions.flatMap((fn, index) => (fn.webSocket ? [index] : []));
    for (const index of webSocketServers.slice(1)) {
      ctx.addIssue({ code: "custom", path: ["functions", index, "webSocket"], input: true, message: `false: functions[${webSocketServers[0]}] already serves the WebSocket API, and one function serves it` });
    }
    env.functions.forEach((fn, index) => {
      if (fn.capability !== undefined && !Object.hasOwn(env.capabilities, fn.capability)) {
        ctx.addIssue({ code: "custom", path: ["functions", index, "capability"], input: fn.capability, message: `one of the capabilities: ${Object.keys(env.capabilities).join(", ") || "(none configured)"}` });
      }
    });
    capabilityNameIssues(env, ctx);
    runbookUrlIssues(env, ctx);
    actionPlacementIssues(env, ctx);
    routingIssues(env, ctx);
    silentTierIssues(env, ctx);
    const routes = new Map<string, number>();
    env.functions.forEach((fn, index) => {
      if (fn.httpRoute === undefined) return;
      const first = routes.get(fn.httpRoute);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: ["functions", index, "httpRoute"], input: fn.httpRoute, message: `a route not already served by functions[${first}]` });
      else routes.set(fn.httpRoute, index);
    });
    // After a route served twice, settings of the route it displaced would be a second error for one mistake.
    const routesServedOnce = routes.size === env.functions.filter((fn) => fn.httpRoute !== undefined).length;
    const webSocketRoutes: readonly string[] = webSocketServers.length > 0 ? WEBSOCKET_ROUTE_KEYS : [];
    for (const [routeKey, settings] of Object.entries(env.apis.routes)) {
      if (webSocketRoutes.includes(routeKey)) {
        // $connect takes IAM and the others run on a connection it admitted: none can be made public here.
        if (settings.public) ctx.addIssue({ code: "custom", path: ["apis", "routes", routeKey, "public"], input: true, message: "false: a WebSocket route is not made public (its $connect takes IAM)" });
      } else if (routesServedOnce && !routes.has(routeKey)) {
        ctx.addIssue({ code: "custom", path: ["apis", "routes", routeKey], input: routeKey, message: `a route a function serves: ${[...routes.keys(), ...webSocketRoutes].map(quotedIfUnprintable).join(", ") || "(no function has an httpRoute)"}` });
      }
    }
    const seen = new Set<string>();
    env.functions.forEach((fn, index) => {
      if (seen.has(fn.name)) {
        ctx.addIssue({ code: "custom", path: ["functions", index, "name"], input: fn.name, message: "a name not used by another function" });
      }
      seen.add(fn.name);
      // The X-Ray sampling rule name is the tightest limit on `<name>-<environment>`.
      const deployed = `${fn.name}-${env.name}`;
      const max = Math.min(lambda.functionNameMaxLength, AWS_LIMITS.xray.samplingRuleNameMaxLength);
      if (deployed.length > max) {
        ctx.addIssue({
          code: "custom",
          path: ["functions", index, "name"],
          input: fn.name,
          message: `a name short enough that "${deployed}" has at most ${max} characters (the X-Ray sampling rule name limit)`,
        });
      }
    });
  });

/**
 * Checks over the configuration as written, before its shape, in one place so no field is forgotten:
 * - every string (values and keys) is refused when it holds one of cdktf's token encodings: cdktf would
 *   resolve it as a reference (`${TfToken[TOKEN.1]}` becomes another resource's value) or fail the synth
 *   looking it up;
 * - no key may be a member every JavaScript object has (`__proto__`, `constructor`, `toString`...): a
 *   lookup by `in` or `[key]` would find the member, and zod drops a `__proto__` key without a word.
 */
export const environmentSchema = z
  .unknown()
  .superRefine((input, ctx) => {
    for (const issue of writtenIssues(input)) ctx.addIssue({ code: "custom", ...issue });
  })
  .pipe(environmentShapeSchema);

function* writtenIssues(value: unknown, path: (string | number)[] = []): Generator<{ path: (string | number)[]; input: unknown; message: string }> {
  if (typeof value === "string") {
    const marker = tokenMarkerIn(value);
    if (marker !== undefined) yield { path: [...path], input: value, message: `text without cdktf's token markers (it holds ${JSON.stringify(marker)}, which cdktf would resolve as a reference)` };
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* writtenIssues(value[i], [...path, i]);
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (Object.hasOwn(Object.prototype, key)) {
        yield { path: [...path, key], input: child, message: "a name other than a member every JavaScript object has (__proto__, constructor, toString, hasOwnProperty...)" };
        continue;
      }
      const marker = tokenMarkerIn(key);
      if (marker !== undefined) yield { path: [...path, key], input: key, message: `a name without cdktf's token markers (it holds ${JSON.stringify(marker)})` };
      yield* writtenIssues(child, [...path, key]);
    }
  }
}

type EnvironmentShape = z.infer<typeof environmentShapeSchema>;
type RefinementContext = z.core.$RefinementCtx<EnvironmentShape>;

/**
 * A capability names a composite alarm `<name>-health-<environment>`, its objective's alarms up to
 * `<name>-<environment>-slo-ticket-short`, and the construct `capability-<name>-slo`: the name must leave
 * each within its limit (CloudWatch's 255-character alarm names, the facade's 200-character construct ids).
 */
export function capabilityNameMaxLength(environment: string): number {
  return Math.min(
    cloudwatch.alarmNameMaxLength - resourceName("-health", environment).length,
    cloudwatch.alarmNameMaxLength - resourceName("", environment).length - "-slo-ticket-short".length,
    CONSTRUCT_ID_MAX_LENGTH - "capability--slo".length,
  );
}

function capabilityNameIssues(env: EnvironmentShape, ctx: RefinementContext): void {
  const room = capabilityNameMaxLength(env.name);
  for (const name of Object.keys(env.capabilities)) {
    if (name.length <= room) continue;
    ctx.addIssue({
      code: "custom",
      path: ["capabilities"],
      input: name,
      message: `capability names of at most ${room} characters, so that "<name>-health-${env.name}" and "<name>-${env.name}-slo-ticket-short" fit CloudWatch's ${cloudwatch.alarmNameMaxLength}-character alarm names and "capability-<name>-slo" the ${CONSTRUCT_ID_MAX_LENGTH}-character construct ids; this one has ${name.length}`,
    });
  }
}

/** The facade's limit on construct ids (ServerlessMonitoring's constructId). */
const CONSTRUCT_ID_MAX_LENGTH = 200;

/**
 * Room for the longest alarm description the stack writes, less its runbook URL, with room for descriptions
 * to grow (composite alarms shorten their list of alarms to fit). Held by
 * __tests__/environments/config-limits.test.ts over every shipped environment, with a URL of
 * RUNBOOK_URL_MAX_LENGTH characters.
 */
export const LONGEST_DESCRIPTION_WITHOUT_RUNBOOK_URL = 524;
/** Every alarm description links `<runbookUrl>#runbook-<section>`: CloudWatch takes descriptions of at most 1,024 characters. */
export const RUNBOOK_URL_MAX_LENGTH = cloudwatch.alarmDescriptionMaxLength - LONGEST_DESCRIPTION_WITHOUT_RUNBOOK_URL;

function runbookUrlIssues(env: EnvironmentShape, ctx: RefinementContext): void {
  const url = env.runbookUrl;
  if (url === undefined || url.length <= RUNBOOK_URL_MAX_LENGTH) return;
  ctx.addIssue({
    code: "custom",
    path: ["runbookUrl"],
    input: url,
    message: `${RUNBOOK_URL_RULE}, of at most ${RUNBOOK_URL_MAX_LENGTH} characters (it has ${url.length}): every alarm description links it, and the longest would have up to ${LONGEST_DESCRIPTION_WITHOUT_RUNBOOK_URL + url.length} characters, over CloudWatch's ${cloudwatch.alarmDescriptionMaxLength}`,
  });
}

/** An ARN's partition, region and account (its second, fourth and fifth fields). */
function arnParts(arn: string): { partition: string; region: string; account: string } {
  const [, partition = "", , region = "", account = ""] = arn.split(":");
  return { partition, region, account };
}

/**
 * The reference system's alarms notify every tier (the warnings, the critical page, the business KPIs and cost
 * anomalies): a tier with no subscriber or channel would swallow them, so it is refused here, naming the tier,
 * rather than by the stack's synth-time path check.
 */
function silentTierIssues(env: EnvironmentShape, ctx: RefinementContext): void {
  for (const tier of TIERS) {
    const c = env.alerting[tier];
    // Routed elsewhere or silent on purpose: routingIssues checks those.
    if (c.sameAs !== undefined || c.noChannel !== undefined) continue;
    const heard = c.emails.length > 0 || c.sms.length > 0 || c.paging !== undefined || c.slack !== undefined || c.teams !== undefined || c.existingTopicArn !== undefined;
    if (!heard) ctx.addIssue({ code: "custom", path: ["alerting", tier], input: c, message: `at least one of emails, sms, paging, slack, teams or existingTopicArn: the ${tier} tier's alarms would reach nobody` });
  }
}

/**
 * A tier routed with sameAs or noChannel has nothing else (no unused topic, no subscriptions on a topic that is
 * not made); sameAs names another tier with a topic of its own; noChannel is for the business tier, because the
 * reference system's page needs the critical tier's channel and its budget alerts the warning tier's.
 */
function routingIssues(env: EnvironmentShape, ctx: RefinementContext): void {
  for (const tier of TIERS) {
    const c = env.alerting[tier];
    const field = c.sameAs !== undefined ? "sameAs" : c.noChannel !== undefined ? "noChannel" : undefined;
    if (field === undefined) continue;
    const issue = (path: string, input: unknown, message: string) => ctx.addIssue({ code: "custom", path: ["alerting", tier, path], input, message });
    const other = Object.entries(c).find(([key, value]) => key !== field && value !== undefined && !(Array.isArray(value) && value.length === 0));
    if (other !== undefined) issue(other[0], other[1], `nothing beside ${field}: ${field === "sameAs" ? "the tier's alerts use the other tier's topic and channels" : "the tier has no channel"}`);
    if (c.sameAs !== undefined) {
      const target = env.alerting[c.sameAs];
      if (c.sameAs === tier) issue("sameAs", c.sameAs, `another tier: ${TIERS.filter((t) => t !== tier).join(", ")}`);
      else if (target.sameAs !== undefined || target.noChannel !== undefined) issue("sameAs", c.sameAs, `a tier with a topic of its own: alerting.${c.sameAs} is routed with ${target.sameAs !== undefined ? "sameAs" : "noChannel"} itself`);
    }
    if (c.noChannel !== undefined && tier !== "business") {
      issue("noChannel", true, `noChannel on the business tier only; give the ${tier} tier a channel or sameAs another tier: it ${tier === "critical" ? "pages through the system-health composite" : "carries the budget alerts"} and needs a channel`);
    }
  }
}

/**
 * CloudWatch alarms act on topics and functions in their own region only, and invoke Lambda actions of their own
 * account only: an action elsewhere is refused at apply, or never runs.
 */
function actionPlacementIssues(env: EnvironmentShape, ctx: RefinementContext): void {
  const partition = Object.entries(AWS_REGIONS).find(([, regions]) => regions.includes(env.region))?.[0];
  for (const tier of TIERS) {
    const channels = env.alerting[tier];
    for (const field of ["lambdaActionArn", "existingTopicArn"] as const) {
      const arn = channels[field];
      if (arn === undefined) continue;
      const what = field === "lambdaActionArn" ? "function" : "topic";
      const parts = arnParts(arn);
      const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["alerting", tier, field], input: arn, message });
      if (parts.region !== env.region) {
        issue(`an ARN in ${env.region}, the stack's region (this one is in ${parts.region}): CloudWatch alarms in ${env.region} cannot act on a ${what} in ${parts.region}`);
      } else if (partition !== undefined && parts.partition !== partition) {
        issue(`an ARN of partition ${partition}, the partition of ${env.region} (this one is of ${parts.partition})`);
      } else if (field === "lambdaActionArn" && env.accountId !== undefined && parts.account !== env.accountId) {
        issue(`a function of account ${env.accountId}, the stack's accountId (this one is of ${parts.account}): CloudWatch alarms invoke Lambda actions of their own account only`);
      }
    }
  }
}

export type EnvironmentConfig = z.infer<typeof environmentSchema>;
/** What an environment file writes: defaults may be left out. */
export type EnvironmentInput = z.input<typeof environmentShapeSchema>;
export type FunctionConfig = z.infer<typeof functionSchema>;
export type Threshold = z.infer<typeof thresholdSchema>;
export type SeverityThresholds = { readonly warning?: Threshold; readonly critical?: Threshold };
export type FunctionAlarmThresholds = z.infer<typeof functionAlarmThresholdsSchema>;
export type TierChannels = z.infer<typeof tierChannelsSchema>;

/** A value as it reads in a one-line message: quoted (escapes shown) when it holds anything but printable ASCII. */
function quotedIfUnprintable(value: string): string {
  return /^[\x20-\x7e]+$/.test(value) ? value : JSON.stringify(value);
}
