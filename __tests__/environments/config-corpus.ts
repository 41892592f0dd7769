/**
 * A corpus of bad configurations, each with the field its error must name.
 * Each runs as `npm run synth` runs an environment (parse, build the stack,
 * synthesize) and is classed by what a user would see:
 * - clear: one ValidationError in the configuration's shape, naming the field;
 * - flawed: a ValidationError that does not name the field (or not in the configuration's shape);
 * - silent: synthesized as if nothing were wrong;
 * - trace: any other error, which `npm run synth` prints with its stack trace.
 * Used by config-corpus.test.ts; the counts go to /work/issues/config-corpus.md.
 */
import { App, Testing } from "cdktf";
import { parseEnvironment, type EnvironmentInput, type EnvironmentName } from "../../environments";
import { ValidationError } from "@serverless-monitoring/constructs";
import { MonitoringStack } from "../../stacks";
import { BUNDLE_ROOT, mutatedInput, type Mutable } from "../helpers";

type Change = (i: Mutable<EnvironmentInput>) => void;

export interface BadConfiguration {
  readonly name: string;
  /** The field the one error must name, as the message prints it (`functions[0].description`). */
  readonly field: string;
  readonly change: Change;
  /** @default "dev" */
  readonly environment?: EnvironmentName;
}

const ARN_ACCOUNT = "111122223333";
const long = (n: number) => "a".repeat(n);
/** An object with an own key that an object literal would take as the prototype. */
const withOwnKey = (key: string, value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify({ [`${key}`]: value }).replace(`"${key}"`, JSON.stringify(key))) as Record<string, unknown>;

export const BAD_CONFIGURATIONS: readonly BadConfiguration[] = [
  // Token markers: cdktf would resolve or look them up.
  { name: "a description holding a string token", field: "functions[0].description", change: (i) => (i.functions[0].description = "Users ${TfToken[TOKEN.1]}") },
  { name: "a description holding a token that does not exist", field: "functions[0].description", change: (i) => (i.functions[0].description = "Users ${TfToken[TOKEN.999999]}") },
  { name: "a description holding a list token", field: "functions[1].description", change: (i) => (i.functions[1].description = "x #{TfToken[TOKEN.2]}") },
  { name: "a description holding a map token", field: "functions[1].description", change: (i) => (i.functions[1].description = "x &{TfToken[TOKEN.2]}") },
  { name: "a description holding a number token's text", field: "functions[2].description", change: (i) => (i.functions[2].description = "Costs -1.8881545897087626e+289 USD") },
  { name: "a description that is a map token's marker", field: "functions[2].description", change: (i) => (i.functions[2].description = "String Map Token Value") },
  { name: "a capability title holding a token", field: "capabilities.payment", change: (i) => (i.capabilities = { ...i.capabilities, payment: "pay ${TfToken[TOKEN.3]}" }) },
  { name: "a runbook URL holding a token", field: "runbookUrl", change: (i) => (i.runbookUrl = "https://example.com/${TfToken[TOKEN.1]}") },
  { name: "a paging secret holding a token", field: "alerting.critical.paging.secretsManagerSecret", change: (i) => (i.alerting.critical.paging = { secretsManagerSecret: "x${TfToken[TOKEN.1]}" }) },
  // Names every JavaScript object has.
  { name: "capability constructor", field: "functions[2].capability", change: (i) => (i.functions[2].capability = "constructor") },
  { name: "a capability named constructor", field: "capabilities.constructor", change: (i) => (i.capabilities = { ...i.capabilities, constructor: "the constructor" }) },
  { name: "a capability named __proto__", field: "capabilities.__proto__", change: (i) => (i.capabilities = { ...i.capabilities, ...withOwnKey("__proto__", "x") }) },
  { name: "a capability named toString", field: "capabilities.toString", change: (i) => (i.capabilities = { ...i.capabilities, toString: "x" }) },
  { name: "a capability named hasOwnProperty", field: "capabilities.hasOwnProperty", change: (i) => (i.capabilities = { ...i.capabilities, hasOwnProperty: "x" }) },
  { name: "capability toString on a function", field: "functions[2].capability", change: (i) => (i.functions[2].capability = "toString") },
  { name: "a tier named constructor", field: "alerting.constructor", change: (i) => (i.alerting = { ...i.alerting, constructor: { emails: [] } }) },
  { name: "a tier named __proto__", field: "alerting.__proto__", change: (i) => (i.alerting = { ...i.alerting, ...withOwnKey("__proto__", { emails: [] }) }) },
  { name: "an alarm kind named constructor", field: "alarms.constructor", change: (i) => (i.alarms = { ...i.alarms, constructor: { warning: { threshold: 1, evaluationPeriods: 1 } } }) },
  { name: "a function's alarm kind named toString", field: "functions[0].alarms.toString", change: (i) => (i.functions[0].alarms = { toString: { warning: { threshold: 1, evaluationPeriods: 1 } } }) },
  { name: "a severity named valueOf", field: "alarms.errorRatePercent.valueOf", change: (i) => (i.alarms.errorRatePercent = { ...i.alarms.errorRatePercent, valueOf: { threshold: 1, evaluationPeriods: 1 } }) },
  { name: "an API kind named constructor", field: "apis.alarms.constructor", change: (i) => (i.apis = { alarms: { constructor: {} } }) },
  // Duplicates.
  { name: "a duplicate SMS number", field: "alerting.critical.sms[1]", change: (i) => (i.alerting.critical.sms = ["+4915112345678", "+4915112345678"]) },
  { name: "a duplicate email", field: "alerting.critical.emails[1]", change: (i) => (i.alerting.critical.emails = ["a@example.com", "a@example.com"]) },
  { name: "a duplicate email in another case", field: "alerting.business.emails[1]", change: (i) => (i.alerting.business.emails = ["Owner@example.com", "owner@EXAMPLE.com"]) },
  { name: "a duplicate warning email", field: "alerting.warning.emails[1]", change: (i) => i.alerting.warning.emails.push("Platform-Dev@example.com") },
  // Business alarms.
  { name: "a payment failure rate above 100 %", field: "businessAlarms.paymentFailureRatePercent.warning.threshold", change: (i) => (i.businessAlarms = { paymentFailureRatePercent: { warning: { threshold: 150, evaluationPeriods: 1 } } }) },
  { name: "an unknown business alarm", field: "businessAlarms.refundRatePercent", change: (i) => (i.businessAlarms = { refundRatePercent: { warning: { threshold: 5, evaluationPeriods: 1 } } }) },
  { name: "a payment override with no payment function", field: "businessAlarms.paymentFailureRatePercent", change: (i) => (delete i.functions[2].businessMetrics, (i.businessAlarms = { paymentFailureRatePercent: { business: { threshold: 3, evaluationPeriods: 1 } } })) },
  // Tiers in the wrong order: the library refuses them when it builds the alarm.
  { name: "a function's critical below the environment's warning", field: "functions[0].alarms.errorRatePercent.critical.threshold", change: (i) => (i.functions[0].alarms = { errorRatePercent: { critical: { threshold: 1, evaluationPeriods: 1 } } }) },
  { name: "an environment critical below its warning", field: "alarms.throttles.critical.threshold", change: (i) => (i.alarms.throttles = { ...i.alarms.throttles, critical: { threshold: 1, evaluationPeriods: 1 } }) },
  { name: "an API warning above the built-in critical", field: "apis.alarms.http.serverErrorCount.warning.threshold", change: (i) => (i.apis = { alarms: { http: { serverErrorCount: { warning: { threshold: 50, evaluationPeriods: 1, periodSeconds: 300 } } } } }) },
  // AWS's length limits.
  { name: "a 300-character capability name", field: "capabilities", change: (i) => ((i.capabilities = { ...i.capabilities, [long(300)]: "long" }), (i.functions[2].capability = long(300))) },
  { name: "a 2,000-character runbook URL", field: "runbookUrl", change: (i) => (i.runbookUrl = `https://example.com/${long(1980)}`) },
  { name: "a 245-character capability name in production", field: "capabilities", environment: "production", change: (i) => ((i.capabilities = { ...i.capabilities, [long(245)]: "long" }), (i.functions[2].capability = long(245))) },
  { name: "a 1,000-character runbook URL", field: "runbookUrl", change: (i) => (i.runbookUrl = `https://example.com/${long(980)}`) },
  // Runbook URLs.
  { name: "a javascript: runbook URL", field: "runbookUrl", change: (i) => (i.runbookUrl = "javascript:alert(1)") },
  { name: "an http: runbook URL", field: "runbookUrl", change: (i) => (i.runbookUrl = "http://example.com/README.md") },
  { name: "a runbook URL that is no URL", field: "runbookUrl", change: (i) => (i.runbookUrl = "README") },
  { name: "a file: runbook URL", field: "runbookUrl", change: (i) => (i.runbookUrl = "file:///etc/passwd") },
  // Regions.
  { name: "a runbook Lambda in another region", field: "alerting.critical.lambdaActionArn", change: (i) => (i.alerting.critical.lambdaActionArn = `arn:aws:lambda:eu-west-1:${ARN_ACCOUNT}:function:restart`) },
  { name: "an existing topic in another region", field: "alerting.warning.existingTopicArn", change: (i) => (i.alerting.warning.existingTopicArn = `arn:aws:sns:eu-west-1:${ARN_ACCOUNT}:team-alerts`) },
  { name: "an existing topic in another partition's region", field: "alerting.business.existingTopicArn", change: (i) => (i.alerting.business.existingTopicArn = `arn:aws-cn:sns:cn-north-1:${ARN_ACCOUNT}:team-alerts`) },
  { name: "the stack moved away from its runbook Lambda", field: "alerting.critical.lambdaActionArn", change: (i) => ((i.alerting.critical.lambdaActionArn = `arn:aws:lambda:us-east-1:${ARN_ACCOUNT}:function:restart`), (i.region = "eu-west-1")) },
  { name: "a runbook Lambda of another account", field: "alerting.critical.lambdaActionArn", change: (i) => ((i.accountId = ARN_ACCOUNT), (i.alerting.critical.lambdaActionArn = "arn:aws:lambda:us-east-1:444455556666:function:restart")) },
  { name: "an existing topic of another partition in the stack's region", field: "alerting.critical.existingTopicArn", change: (i) => (i.alerting.critical.existingTopicArn = `arn:aws-cn:sns:us-east-1:${ARN_ACCOUNT}:team`) },
  { name: "a state key prefix S3 cannot hold", field: "state.keyPrefix", change: (i) => (i.state = { ...i.state, keyPrefix: long(2000) }) },
  // The older findings (hostile-config.test.ts, schema.test.ts).
  { name: "a bucket name with adjacent dots", field: "state.bucket", change: (i) => (i.state.bucket = "my..bucket") },
  { name: "a bucket name that is an IP address", field: "state.bucket", change: (i) => (i.state.bucket = "192.168.10.12") },
  { name: "a bucket name with a reserved prefix", field: "state.bucket", change: (i) => (i.state.bucket = "xn--bucket") },
  { name: "a bucket name with a reserved suffix", field: "state.bucket", change: (i) => (i.state.bucket = "state-s3alias") },
  { name: "a bucket name in uppercase", field: "state.bucket", change: (i) => (i.state.bucket = "State-Bucket") },
  { name: "a region that does not exist", field: "region", change: (i) => (i.region = "eu-west-9") },
  { name: "a region that is an expression", field: "region", change: (i) => (i.region = "${var.region}") },
  { name: "a deprecated runtime", field: "functions[0].runtime", change: (i) => (i.functions[0].runtime = "nodejs18.x") },
  { name: "a tag value that is an expression", field: "tags.Team", change: (i) => (i.tags.Team = "${timestamp()}") },
  { name: "a tag value of 257 characters", field: "tags.CostCenter", change: (i) => (i.tags.CostCenter = long(257)) },
  { name: "an SQS alarm period below SQS's interval", field: "alarms.dlqMessagesVisible.critical.periodSeconds", change: (i) => (i.alarms.dlqMessagesVisible.critical.periodSeconds = 60) },
  { name: "a 10-second period on Lambda's metric", field: "alarms.throttles.warning.periodSeconds", change: (i) => (i.alarms.throttles.warning.periodSeconds = 10) },
  { name: "a threshold of 0 on an at-least alarm", field: "alarms.throttles.warning.threshold", change: (i) => (i.alarms.throttles.warning.threshold = 0) },
  { name: "a budget with three decimals", field: "budgets.monthlyLimitUsd", change: (i) => (i.budgets.monthlyLimitUsd = 50.125) },
  { name: "a daily budget above the monthly one", field: "budgets.dailyLimitUsd", change: (i) => (i.budgets.dailyLimitUsd = i.budgets.monthlyLimitUsd + 10) },
  { name: "a per-service budget above the monthly one", field: "budgets.perServiceMonthlyLimitUsd.lambda", change: (i) => (i.budgets.perServiceMonthlyLimitUsd.lambda = i.budgets.monthlyLimitUsd + 1) },
  { name: "an API alarm period of 30 s", field: "apis.alarms.http.p99LatencyMs.warning.periodSeconds", change: (i) => (i.apis = { alarms: { http: { p99LatencyMs: { warning: { threshold: 900, evaluationPeriods: 3, periodSeconds: 30 } } } } }) },
  { name: "two WebSocket servers", field: "functions[3].webSocket", change: (i) => (i.functions[0].webSocket = true) },
  { name: "one route served twice", field: "functions[1].httpRoute", change: (i) => (i.functions[1].httpRoute = "POST /users") },
  { name: "simulated latency at the timeout", field: "functions[0].simulatedLatencyMs", change: (i) => (i.functions[0].simulatedLatencyMs = 30_000) },
  { name: "memory NaN", field: "functions[0].memoryMiB", change: (i) => (i.functions[0].memoryMiB = Number.NaN) },
  { name: "an infinite budget", field: "budgets.monthlyLimitUsd", change: (i) => (i.budgets.monthlyLimitUsd = Infinity) },
  { name: "features as strings", field: "features.pointInTimeRecovery", change: (i) => (i.features = { pointInTimeRecovery: "yes", deletionProtection: 1, anomalyDetection: null }) },
  { name: "a function named alerting", field: "functions[1].name", change: (i) => (i.functions[1].name = "alerting") },
  { name: "a function named dashboard", field: "functions[1].name", change: (i) => (i.functions[1].name = "dashboard") },
  { name: "a function named backend", field: "functions[1].name", change: (i) => (i.functions[1].name = "backend") },
  { name: "a function named like another's alarms", field: "functions[1].name", change: (i) => (i.functions[1].name = "user-service-alarms") },
  { name: "a function named constructor", field: "functions[4].name", change: (i) => (i.functions[4].name = "constructor") },
  { name: "a function without handler code", field: "functions[0].name", change: (i) => (i.functions[0].name = "no-such-function") },
  { name: "a function named health-checks", field: "functions[0].name", change: (i) => (i.functions[0].name = "health-checks") },
  { name: "a missing region", field: "region", change: (i) => delete i.region },
  { name: "a misspelt field", field: "regoin", change: (i) => Object.assign(i, { regoin: "eu-west-1" }) },
  { name: "memory of 64 MiB", field: "functions[0].memoryMiB", change: (i) => (i.functions[0].memoryMiB = 64) },
  { name: "a timeout of 901 s", field: "functions[0].timeoutSeconds", change: (i) => (i.functions[0].timeoutSeconds = 901) },
  { name: "a malformed email", field: "alerting.critical.emails[0]", change: (i) => (i.alerting.critical.emails = ["oncall-at-example.com"]) },
  { name: "a malformed SMS number", field: "alerting.critical.sms[0]", change: (i) => (i.alerting.critical.sms = ["0151 1234"]) },
  { name: "no functions", field: "functions", change: (i) => (i.functions = []) },
  { name: "an account id of 5 digits", field: "accountId", change: (i) => (i.accountId = "12345") },
  { name: "paging by both SSM and Secrets Manager", field: "alerting.critical.paging", change: (i) => (i.alerting.critical.paging = { ssmParameter: "/a", secretsManagerSecret: "b" }) },
  { name: "a capability no one configured", field: "functions[0].capability", change: (i) => (i.functions[0].capability = "billing") },
  { name: "a capability title of 101 characters", field: "capabilities.payment", change: (i) => (i.capabilities = { ...i.capabilities, payment: long(101) }) },
  { name: "a production description holding a token", field: "functions[0].description", environment: "production", change: (i) => (i.functions[0].description = "${TfToken[TOKEN.1]}") },
  { name: "a production duplicate SMS number", field: "alerting.critical.sms[2]", environment: "production", change: (i) => (i.alerting.critical.sms = ["+15555550100", "+15555550101", "+15555550100"]) },
];

export type Outcome = "clear" | "flawed" | "silent" | "trace";

const TODAY = "2026-11-23";

/** What `npm run synth` would show for one bad configuration. */
export function outcomeOf(bad: BadConfiguration): { readonly outcome: Outcome; readonly message: string } {
  const environment = bad.environment ?? "dev";
  try {
    const config = parseEnvironment(environment, mutatedInput(environment, bad.change), TODAY);
    Testing.synth(new MonitoringStack(Testing.app() as App, `monitoring-${environment}`, { config, bundleRoot: BUNDLE_ROOT }));
    return { outcome: "silent", message: "" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof ValidationError)) return { outcome: "trace", message };
    const lines = message.split("\n");
    const shaped = lines[0] === `Invalid configuration for environment "${environment}":` && lines.slice(1).every((line) => line.startsWith("  - "));
    const names = lines.slice(1).some((line) => line.startsWith(`  - ${bad.field}:`) || line.startsWith(`  - ${bad.field},`));
    return { outcome: shaped && names ? "clear" : "flawed", message };
  }
}
