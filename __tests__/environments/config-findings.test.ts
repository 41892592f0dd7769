/**
 * The configuration findings of issue 31, each with its exact message:
 * token markers, names every object has, duplicate endpoints, the business
 * overrides, AWS's length limits, runbook URLs and regions. The library's
 * Alerting construct refuses the same with its InvalidPropsError.
 */
import { Testing } from "cdktf";
import { Alerting, InvalidPropsError, tokenMarkerIn } from "@serverless-monitoring/constructs";
import { capabilityNameMaxLength, ConfigurationError, parseEnvironment } from "../../environments";
import { mutatedInput, resources, synthMonitoringStack, variantOf } from "../helpers";

const TODAY = "2026-11-23";

function messageFor(input: unknown): string {
  try {
    parseEnvironment("dev", input, TODAY);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be rejected");
}

const problem = (line: string) => `Invalid configuration for environment "dev":\n  - ${line}`;

describe("cdktf's token markers are refused in every string", () => {
  test.each([
    ["${TfToken[TOKEN.1]}", "${TfToken["],
    ["${TfToken[TOKEN.999999]}", "${TfToken["],
    ["#{TfToken[TOKEN.2]}", "#{TfToken["],
    ["&{TfToken[TOKEN.2]}", "&{TfToken["],
    ["String Map Token Value", "String Map Token Value"],
    ["-1.8881545897087626e+289", "-1.8881545897087626e+289"],
  ])("a description holding %s", (marker, found) => {
    expect(messageFor(mutatedInput("dev", (i) => (i.functions[0].description = `Users ${marker}`)))).toBe(
      problem(`functions[0].description: got ${JSON.stringify(`Users ${marker}`)}; allowed: text without cdktf's token markers (it holds ${JSON.stringify(found)}, which cdktf would resolve as a reference)`),
    );
  });

  test("in any field, keys included, and in each one reported once", () => {
    const message = messageFor(
      mutatedInput("dev", (i) => {
        i.capabilities = { ...i.capabilities, payment: "pay ${TfToken[TOKEN.3]}" };
        i.alerting.critical.paging = { secretsManagerSecret: "x${TfToken[TOKEN.1]}" };
        i.tags = { ...i.tags, ["${TfToken[TOKEN.4]}"]: "x" };
      }),
    );
    expect(message.split("\n").slice(1).map((line) => line.slice(0, line.indexOf(":")))).toEqual(["  - capabilities.payment", "  - alerting.critical.paging.secretsManagerSecret", '  - tags["${TfToken[TOKEN.4]}"]']);
  });

  test("numbers and text that only look like numbers are left alone", () => {
    for (const text of ["2e5 requests", "version 1.2.3", "e-mail", "TfToken without braces"]) expect(tokenMarkerIn(text)).toBeUndefined();
    expect(parseEnvironment("dev", mutatedInput("dev", (i) => (i.functions[0].description = "Handles 2e5 requests a day")), TODAY).functions[0]!.description).toBe("Handles 2e5 requests a day");
  });
});

describe("names every JavaScript object has are refused", () => {
  test("capability constructor on a function, which `in` found on Object.prototype", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.functions[2].capability = "constructor")))).toBe(
      problem('functions[2].capability: got "constructor"; allowed: lowercase letters, digits and hyphens, starting with a letter, other than a member every JavaScript object has (constructor)'),
    );
  });

  test.each(["constructor", "__proto__", "toString", "hasOwnProperty"])("a capability, tier or alarm kind named %s", (name) => {
    const own = (value: unknown) => JSON.parse(`{${JSON.stringify(name)}: ${JSON.stringify(value)}}`) as Record<string, unknown>;
    const allowed = "allowed: a name other than a member every JavaScript object has (__proto__, constructor, toString, hasOwnProperty...)";
    expect(messageFor(mutatedInput("dev", (i) => (i.capabilities = { ...i.capabilities, ...own("a title") })))).toBe(problem(`capabilities.${name}: got "a title"; ${allowed}`));
    expect(messageFor(mutatedInput("dev", (i) => (i.alerting = { ...i.alerting, ...own({ emails: [] }) })))).toBe(problem(`alerting.${name}: got {"emails":[]}; ${allowed}`));
    expect(messageFor(mutatedInput("dev", (i) => (i.functions[0].alarms = own(false))))).toBe(problem(`functions[0].alarms.${name}: got false; ${allowed}`));
  });

  test("a function whose capability is configured still joins its composite", () => {
    const { json } = synthMonitoringStack(variantOf("dev", () => undefined));
    const names = resources(json, "aws_cloudwatch_composite_alarm").map((a) => a.alarm_name);
    expect(names).toEqual(expect.arrayContaining(["payment-health-dev", "order-health-dev"]));
  });
});

describe("duplicate emails and SMS numbers", () => {
  test("a duplicate SMS number is named, with its tier", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.alerting.critical.sms = ["+4915112345678", "+15555550100", "+4915112345678"])))).toBe(
      problem('alerting.critical.sms[2]: got "+4915112345678"; allowed: a number not already in alerting.critical.sms'),
    );
  });

  test("Alerting refuses them with InvalidPropsError, not constructs' duplicate id", () => {
    const alerting = (channels: object) => () => Testing.synthScope((scope) => void new Alerting(scope, "alerting", { environment: "dev", accountId: "111122223333", channels }));
    expect(alerting({ critical: { sms: ["+4915112345678", "+4915112345678"] } })).toThrow(
      new InvalidPropsError("Alerting", "channels.critical.sms[1]", "+4915112345678", "a number not already in channels.critical.sms (it is [0])"),
    );
    expect(alerting({ warning: { emails: ["Team@example.com", "team@example.com"] } })).toThrow(
      new InvalidPropsError("Alerting", "channels.warning.emails[1]", "team@example.com", "an address not already in channels.warning.emails (it is [0])"),
    );
  });
});

describe("the businessAlarms override reaches the function that emits the metric", () => {
  const threshold = (json: ReturnType<typeof synthMonitoringStack>["json"], name: string) => resources(json, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === name);

  test("paymentFailureRatePercent and orderCompletionRatePercent, each on its emitter", () => {
    const { json } = synthMonitoringStack(
      variantOf("dev", (i) => {
        i.businessAlarms = { paymentFailureRatePercent: { business: { threshold: 3, evaluationPeriods: 2 } }, orderCompletionRatePercent: { business: { threshold: 90, evaluationPeriods: 3 } } };
      }),
    );
    expect(threshold(json, "payment-handler-dev-payment-failure-rate-business")).toMatchObject({ threshold: 3, evaluation_periods: 2 });
    expect(threshold(json, "order-processor-dev-order-completion-rate-business")).toMatchObject({ threshold: 90, evaluation_periods: 3 });
  });

  test("an override no function emits is refused", () => {
    expect(
      messageFor(
        mutatedInput("dev", (i) => {
          delete i.functions[2].businessMetrics;
          i.businessAlarms = { paymentFailureRatePercent: { business: { threshold: 3, evaluationPeriods: 2 } } };
        }),
      ),
    ).toBe(problem('businessAlarms.paymentFailureRatePercent: got {"business":{"threshold":3,"evaluationPeriods":2,"periodSeconds":60}}; allowed: no override: no function emits payments metrics (set businessMetrics: "payments" on the function that does)'));
  });
});

describe("names and descriptions within AWS's limits", () => {
  test("a 300-character capability name: its alarm names and construct id would not fit", () => {
    const name = "a".repeat(300);
    expect(
      messageFor(
        mutatedInput("dev", (i) => {
          i.capabilities = { ...i.capabilities, [name]: "long" };
          i.functions[2].capability = name;
        }),
      ),
    ).toBe(problem(`capabilities: got "${"a".repeat(76)}...; allowed: capability names of at most 185 characters, so that "<name>-health-dev" and "<name>-dev-slo-ticket-short" fit CloudWatch's 255-character alarm names and "capability-<name>-slo" the 200-character construct ids; this one has 300`));
  });

  test("the longest capability name that fits is accepted", () => {
    // The construct id capability-<name>-slo binds first: 200 characters.
    const name = "a".repeat(capabilityNameMaxLength("dev"));
    expect(name.length).toBe(200 - "capability--slo".length);
    const config = variantOf("dev", (i) => {
      i.capabilities = { ...i.capabilities, [name]: "long" };
      i.functions[2].capability = name;
    });
    const names = resources(synthMonitoringStack(config).json, "aws_cloudwatch_metric_alarm").map((a) => a.alarm_name as string).filter((n) => n.startsWith("aaa"));
    expect(names).toContain(`${name}-dev-slo-ticket-short`);
    expect(Math.max(...names.map((n) => n.length))).toBeLessThanOrEqual(255);
  });

  test("a 2,000-character runbook URL", () => {
    const url = `https://example.com/${"r".repeat(1980)}`;
    expect(messageFor(mutatedInput("dev", (i) => (i.runbookUrl = url)))).toBe(
      problem(
        `runbookUrl: got "${url.slice(0, 76)}...; allowed: an https URL such as https://github.com/acme/monitoring/blob/main/docs/runbooks.md, of at most 500 characters (it has 2000): every alarm description links it, and the longest would have up to 2524 characters, over CloudWatch's 1024`,
      ),
    );
  });
});

describe("runbook URLs are https, and every alarm links them", () => {
  test.each(["javascript:alert(1)", "http://example.com/README.md", "file:///etc/passwd", "README.md", "https://"])("%s is refused", (url) => {
    expect(messageFor(mutatedInput("dev", (i) => (i.runbookUrl = url)))).toBe(
      problem(`runbookUrl: got ${JSON.stringify(url)}; allowed: an https URL such as https://github.com/acme/monitoring/blob/main/docs/runbooks.md`),
    );
  });

  test("every metric and composite alarm of dev links <runbookUrl>#runbook-<section>", () => {
    const url = "https://github.com/acme/monitoring/blob/main/README.md";
    const { json } = synthMonitoringStack(variantOf("dev", (i) => (i.runbookUrl = url)));
    const alarms = [...resources(json, "aws_cloudwatch_metric_alarm"), ...resources(json, "aws_cloudwatch_composite_alarm")];
    const linked = alarms.filter((a) => new RegExp(`Runbook: ${url}#runbook-[a-z-]+`).test(a.alarm_description as string));
    expect(linked).toHaveLength(alarms.length);
    expect(alarms.length).toBeGreaterThan(80);
  });
});

describe("runbook Lambda and existing topics in the stack's region", () => {
  test("a eu-west-1 Lambda or topic for a us-east-1 stack names both regions", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.alerting.critical.lambdaActionArn = "arn:aws:lambda:eu-west-1:111122223333:function:restart")))).toBe(
      problem('alerting.critical.lambdaActionArn: got "arn:aws:lambda:eu-west-1:111122223333:function:restart"; allowed: an ARN in us-east-1, the stack\'s region (this one is in eu-west-1): CloudWatch alarms in us-east-1 cannot act on a function in eu-west-1'),
    );
    expect(messageFor(mutatedInput("dev", (i) => (i.alerting.warning.existingTopicArn = "arn:aws:sns:eu-west-1:111122223333:team-alerts")))).toBe(
      problem('alerting.warning.existingTopicArn: got "arn:aws:sns:eu-west-1:111122223333:team-alerts"; allowed: an ARN in us-east-1, the stack\'s region (this one is in eu-west-1): CloudWatch alarms in us-east-1 cannot act on a topic in eu-west-1'),
    );
  });

  test("a Lambda action of another account than the stack's, or an ARN of another partition", () => {
    expect(
      messageFor(
        mutatedInput("dev", (i) => {
          i.accountId = "111122223333";
          i.alerting.critical.lambdaActionArn = "arn:aws:lambda:us-east-1:444455556666:function:restart";
        }),
      ),
    ).toBe(
      problem('alerting.critical.lambdaActionArn: got "arn:aws:lambda:us-east-1:444455556666:function:restart"; allowed: a function of account 111122223333, the stack\'s accountId (this one is of 444455556666): CloudWatch alarms invoke Lambda actions of their own account only'),
    );
    expect(messageFor(mutatedInput("dev", (i) => (i.alerting.business.existingTopicArn = "arn:aws-cn:sns:us-east-1:111122223333:team")))).toBe(
      problem('alerting.business.existingTopicArn: got "arn:aws-cn:sns:us-east-1:111122223333:team"; allowed: an ARN of partition aws, the partition of us-east-1 (this one is of aws-cn)'),
    );
    const alerting = () => Testing.synthScope((scope) => void new Alerting(scope, "alerting", { environment: "dev", accountId: "111122223333", channels: { critical: { lambdaActionArn: "arn:aws:lambda:us-east-1:444455556666:function:restart" } } }));
    expect(alerting).toThrow("Alerting: channels.critical.lambdaActionArn is \"arn:aws:lambda:us-east-1:444455556666:function:restart\"; allowed: a function of account 111122223333, the alarms' account (this one is of 444455556666)");
  });

  test("in the stack's region they are accepted", () => {
    const config = variantOf("dev", (i) => (i.alerting.critical.lambdaActionArn = "arn:aws:lambda:us-east-1:111122223333:function:restart"));
    expect(config.alerting.critical.lambdaActionArn).toBe("arn:aws:lambda:us-east-1:111122223333:function:restart");
  });

  test("Alerting, given a region, refuses ARNs of another", () => {
    const alerting = (channels: object) => () => Testing.synthScope((scope) => void new Alerting(scope, "alerting", { environment: "dev", accountId: "111122223333", region: "us-east-1", channels }));
    expect(alerting({ business: { existingTopicArn: "arn:aws:sns:eu-west-1:111122223333:team" } })).toThrow(
      new InvalidPropsError(
        "Alerting",
        "channels.business.existingTopicArn",
        "arn:aws:sns:eu-west-1:111122223333:team",
        "an ARN in us-east-1, the alarms' region (this one is in eu-west-1): CloudWatch alarms act only on topics and functions in their own region",
      ),
    );
    expect(alerting({ critical: { lambdaActionArn: "arn:aws:lambda:eu-west-1:111122223333:function:restart" } })).toThrow("Alerting: channels.critical.lambdaActionArn is");
    expect(alerting({ critical: { lambdaActionArn: "arn:aws:lambda:us-east-1:111122223333:function:restart" } })).not.toThrow();
  });
});

describe("the library's composite and maintenance alarms keep to CloudWatch's limits", () => {
  test("a HealthAlarm name over 255 characters, or a runbook URL no description can hold, is InvalidPropsError", async () => {
    const { HealthAlarm, MaintenanceWindowAlarm, createAlarm, metric } = await import("@serverless-monitoring/constructs");
    // A real alarm of the stack: a composite over an alarm that does not exist is refused before any limit is checked.
    const health = (props: { alarmName: string; runbookUrl?: string }) => () =>
      Testing.synthScope((scope) => {
        const member = createAlarm(scope, "a", { alarmName: "a", description: "a", severity: "critical", metric: metric("AWS/Lambda", "Errors", { FunctionName: "f" }, "Sum", "Errors"), comparison: "GreaterThanThreshold", threshold: { threshold: 1, evaluationPeriods: 1 }, actions: [], segment: "s", kind: "k" });
        new HealthAlarm(scope, "health", { ...props, topicArn: "arn:aws:sns:us-east-1:111122223333:t", alarms: [member] });
      });
    expect(health({ alarmName: "h".repeat(256) })).toThrow(`HealthAlarm "${"h".repeat(256)}": alarmName is`);
    expect(health({ alarmName: "health", runbookUrl: `https://example.com/${"r".repeat(1100)}` })).toThrow('HealthAlarm "health": title, runbookUrl and dashboardUrl is');
    const maintenance = (runbookUrl: string) => () => Testing.synthScope((scope) => void new MaintenanceWindowAlarm(scope, "maintenance", { environment: "dev", runbookUrl }));
    expect(maintenance(`https://example.com/${"r".repeat(1000)}`)).toThrow("MaintenanceWindowAlarm: runbookUrl is");
    expect(maintenance("https://example.com/README.md#runbook-composite-alarms")).not.toThrow();
  });
});

describe("Alerting refuses tiers and channel fields it does not know", () => {
  const alerting = (channels: object) => () => Testing.synthScope((scope) => void new Alerting(scope, "alerting", { environment: "dev", accountId: "111122223333", channels }));

  test("a tier named constructor, own or not, and a misspelt channel", () => {
    expect(alerting(JSON.parse('{"constructor": {"emails": ["a@example.com"]}}') as object)).toThrow(
      new InvalidPropsError("Alerting", "channels.constructor", { emails: ["a@example.com"] }, "a tier: critical, warning, business"),
    );
    expect(alerting({ critical: { emial: ["a@example.com"] } })).toThrow(
      new InvalidPropsError("Alerting", "channels.critical", "emial", "the keys emails, existingTopicArn, lambdaActionArn, noChannel, paging, sameAs, slack, sms, teams (did you mean emails?)", "has an unknown key"),
    );
  });
});

describe("the facade's thresholds by a caller's key use own properties only", () => {
  test("a kind or tier named constructor in defaults or thresholds is InvalidPropsError", async () => {
    const { ServerlessMonitoring } = await import("@serverless-monitoring/constructs");
    const topics = { critical: "arn:aws:sns:us-east-1:111122223333:a", warning: "arn:aws:sns:us-east-1:111122223333:w", business: "arn:aws:sns:us-east-1:111122223333:b" };
    const table = (defaults: object, thresholds: object) => () =>
      Testing.synthScope((scope) => {
        const monitoring = new ServerlessMonitoring(scope, "monitoring", { environment: "dev", region: "us-east-1", topics, dashboardName: "d", defaults: { table: defaults } });
        monitoring.monitorTable({ tableName: "orders" }, { thresholds });
      });
    const own = (key: string, value: unknown) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}}`) as object;
    expect(table(own("constructor", { warning: { threshold: 1, evaluationPeriods: 1 } }), {})).toThrow(/defaults\.table has an unknown key "constructor"; allowed: the keys /);
    expect(table({}, { writeThrottles: own("constructor", { threshold: 1, evaluationPeriods: 1 }) })).toThrow(/thresholds\.writeThrottles\.constructor is .*; allowed: a tier: critical, warning, business/);
    expect(table({}, own("__proto__", { warning: { threshold: 1, evaluationPeriods: 1 } }))).toThrow(/thresholds has an unknown key "__proto__"; allowed: the keys /);
  });
});
