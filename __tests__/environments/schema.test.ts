import { ConfigurationError, loadAllEnvironments, loadEnvironment, parseEnvironment } from "../../environments";
import { mutatedInput } from "../helpers";

function messageFor(input: unknown): string {
  try {
    parseEnvironment("dev", input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be rejected");
}

describe("environment configurations", () => {
  test("dev, staging and production are valid and carry the documented defaults", () => {
    const [dev, staging, production] = loadAllEnvironments();
    expect([dev!.name, staging!.name, production!.name]).toEqual(["dev", "staging", "production"]);
    const userService = dev!.functions.find((f) => f.name === "user-service")!;
    expect(userService).toMatchObject({ memoryMiB: 256, timeoutSeconds: 30, runtime: "nodejs22.x", errorSimulationPercent: 7 });
    // Dev warns at twice its simulated 7 % error rate, over three minutes: the simulation is not an incident.
    expect(dev!.alarms.errorRatePercent.warning).toEqual({ threshold: 15, evaluationPeriods: 3, periodSeconds: 60 });
    expect(dev!.objectives.function).toEqual({ targetPercent: 99.9, periodDays: 30 });
    expect(production!.objectives.function).toEqual({ targetPercent: 99.9, periodDays: 30 });
    expect(dev!.alarms.averageDurationMs.warning).toEqual({ threshold: 500, evaluationPeriods: 15, datapointsToAlarm: 3, periodSeconds: 60 });
    expect(dev!.alarms.throttles.warning).toEqual({ threshold: 5, evaluationPeriods: 1, periodSeconds: 60 });
    expect(staging!.functions.every((f) => f.errorSimulationPercent === (f.name === "data-aggregator" ? 0 : 7))).toBe(true);
    expect(production!.functions.every((f) => f.errorSimulationPercent === 0)).toBe(true);
  });

  test("production is stricter: longer retention, deletion protection, critical tiers", () => {
    const dev = loadEnvironment("dev");
    const production = loadEnvironment("production");
    expect(Math.min(...production.functions.map((f) => f.logRetentionDays))).toBeGreaterThan(Math.max(...dev.functions.map((f) => f.logRetentionDays)));
    expect(production.features.deletionProtection).toBe(true);
    expect(dev.features.deletionProtection).toBe(false);
    const criticalKinds = (alarms: typeof dev.alarms) => Object.values(alarms).filter((tiers) => tiers !== false && tiers.critical !== undefined).length;
    expect(criticalKinds(production.alarms)).toBeGreaterThan(criticalKinds(dev.alarms));
  });
});

describe("bad input fails with one message naming the environment, field, value and what is allowed", () => {
  test("unknown environment name lists the valid ones", () => {
    expect(() => loadEnvironment("qa")).toThrow(new ConfigurationError('Unknown environment "qa". Valid environments: dev, staging, production.'));
  });

  test.each([
    [
      "missing field",
      (i: any) => delete i.region,
      "  - region: missing; required: an AWS region such as eu-west-1",
    ],
    [
      "a tier nobody hears (its alarms would reach no one; before, the stack's path check refused it at synth)",
      (i: any) => (i.alerting.business = { emails: [] }),
      `  - alerting.business: got {"emails":[],"sms":[]}; allowed: at least one of emails, sms, paging, slack, teams or existingTopicArn: the business tier's alarms would reach nobody`,
    ],
    [
      "an unprintable route is quoted where another message lists the routes",
      (i: any) => {
        i.functions[1].httpRoute = "line\nbreak";
        i.apis = { routes: { "POST /orders": {} } };
      },
      `  - functions[1].httpRoute: got "line\\nbreak"; allowed: a route key such as POST /users: a method, one space, a path of letters, digits and / { } _ + . -\n  - apis.routes["POST /orders"]: got "POST /orders"; allowed: a route a function serves: POST /users, "line\\nbreak", POST /payments, $connect, $disconnect, $default`,
    ],
    [
      "misspelt extra field",
      (i: any) => (i.regoin = "eu-west-1"),
      "  - regoin: unknown field; allowed fields here: name, region, accountId, state, alerting, functions, alarms, budgets, tags, xraySamplingPercent, errorRecordRetentionDays, capabilities, businessAlarms, runbookUrl, minimumInvocations, minimumFailures, objectives, lambdaAccountConcurrencyLimit, apis, canaries, features",
    ],
    [
      "misspelt nested field",
      (i: any) => (i.functions[0].memorySize = 512),
      "  - functions[0].memorySize: unknown field; allowed fields here: name, description, runtime, memoryMiB, timeoutSeconds, reservedConcurrency, logRetentionDays, errorSimulationPercent, simulatedLatencyMs, samplingTier, tracing, alarms, httpRoute, capability, businessMetrics, objective, latencyObjective, webSocket",
    ],
    [
      "memory below 128",
      (i: any) => (i.functions[0].memoryMiB = 64),
      "  - functions[0].memoryMiB: got 64; allowed: an integer from 128 to 10240 MiB",
    ],
    [
      "memory above 10240",
      (i: any) => (i.functions[1].memoryMiB = 10241),
      "  - functions[1].memoryMiB: got 10241; allowed: an integer from 128 to 10240 MiB",
    ],
    [
      "timeout above 900",
      (i: any) => (i.functions[0].timeoutSeconds = 901),
      "  - functions[0].timeoutSeconds: got 901; allowed: an integer from 1 to 900 seconds",
    ],
    [
      "timeout of 0",
      (i: any) => (i.functions[0].timeoutSeconds = 0),
      "  - functions[0].timeoutSeconds: got 0; allowed: an integer from 1 to 900 seconds",
    ],
    [
      "percentage above 100",
      (i: any) => (i.alarms.errorRatePercent.warning.threshold = 150),
      "  - alarms.errorRatePercent.warning.threshold: got 150; allowed: a percentage from 0 to 100",
    ],
    [
      "negative simulation percentage",
      (i: any) => (i.functions[2].errorSimulationPercent = -1),
      "  - functions[2].errorSimulationPercent: got -1; allowed: a percentage from 0 to 100",
    ],
    [
      "period not a multiple of 60",
      (i: any) => (i.alarms.throttles.warning.periodSeconds = 90),
      "  - alarms.throttles.warning.periodSeconds: got 90; allowed: 10, 30 or a multiple of 60 up to 86400 seconds",
    ],
    [
      "malformed email",
      (i: any) => (i.alerting.critical.emails = ["oncall-at-example.com"]),
      '  - alerting.critical.emails[0]: got "oncall-at-example.com"; allowed: an email address such as team@example.com',
    ],
    [
      "name with characters AWS rejects",
      (i: any) => (i.functions[0].name = "User_Service"),
      '  - functions[0].name: got "User_Service"; allowed: lowercase letters, digits and hyphens, starting with a letter',
    ],
    [
      "name too long for AWS once suffixed",
      (i: any) => (i.functions[0].name = "customer-notification-preference-sync"),
      '  - functions[0].name: got "customer-notification-preference-sync"; allowed: a name short enough that "customer-notification-preference-sync-dev" has at most 32 characters (the X-Ray sampling rule name limit)',
    ],
    [
      "alarm evaluating more than one day",
      (i: any) => (i.alarms.p99DurationMs.warning = { threshold: 2000, evaluationPeriods: 30, periodSeconds: 3600 }),
      "  - alarms.p99DurationMs.warning.evaluationPeriods: got 30; allowed: at most 24 periods of 3600 s: periodSeconds x evaluationPeriods may be at most 86400 s (one day), here 108000 s",
    ],
    [
      "log retention CloudWatch does not offer",
      (i: any) => (i.functions[0].logRetentionDays = 10),
      "  - functions[0].logRetentionDays: got 10; allowed: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
    ],
    [
      "account id of the wrong length",
      (i: any) => (i.accountId = "12345"),
      '  - accountId: got "12345"; allowed: a 12-digit AWS account id',
    ],
    [
      "state bucket with uppercase letters",
      (i: any) => (i.state.bucket = "My_State"),
      '  - state.bucket: got "My_State"; allowed: an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit',
    ],
    [
      "deprecated runtime",
      (i: any) => (i.functions[0].runtime = "nodejs18.x"),
      '  - functions[0].runtime: got "nodejs18.x"; allowed: nodejs22.x or nodejs24.x (older runtimes are deprecated)',
    ],
  ])("%s", (_case, change, expectedLine) => {
    expect(messageFor(mutatedInput("dev", change))).toBe(`Invalid configuration for environment "dev":\n${expectedLine}`);
  });

  test("several problems are reported together in one message", () => {
    const message = messageFor(
      mutatedInput("dev", (i) => {
        i.functions[0].memoryMiB = 64;
        i.functions[0].timeoutSeconds = 1000;
      }),
    );
    expect(message.split("\n")).toEqual([
      'Invalid configuration for environment "dev":',
      "  - functions[0].memoryMiB: got 64; allowed: an integer from 128 to 10240 MiB",
      "  - functions[0].timeoutSeconds: got 1000; allowed: an integer from 1 to 900 seconds",
    ]);
  });

  test.each([
    ["below the range", 90],
    ["above the range", 99.999],
  ])("an objective %s is rejected with the range burn-rate alarms work in", (_, target) => {
    const rule = "a percentage from 95 to 99.99 (burn-rate alarms cannot work outside: below, a 14.4x burn needs more failures than calls; above, one failure in a quiet hour is a fast burn)";
    expect(messageFor(mutatedInput("dev", (i) => (i.objectives = { function: { targetPercent: target }, route: { targetPercent: 99.9 }, capability: { targetPercent: 99.9 } })))).toBe(
      `Invalid configuration for environment "dev":\n  - objectives.function.targetPercent: got ${target}; allowed: ${rule}`,
    );
    expect(messageFor(mutatedInput("dev", (i) => (i.functions[0].objective = { targetPercent: target })))).toBe(`Invalid configuration for environment "dev":\n  - functions[0].objective.targetPercent: got ${target}; allowed: ${rule}`);
  });

  test("duplicate function names are rejected", () => {
    const message = messageFor(mutatedInput("dev", (i) => (i.functions[1].name = i.functions[0].name)));
    expect(message).toContain('  - functions[1].name: got "user-service"; allowed: a name not used by another function');
  });
});
