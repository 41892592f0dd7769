/**
 * Configuration as a careless or hostile user writes it: every mistake is one
 * ValidationError with exact words, never a stack trace from constructs or
 * cdktf, and nothing a user writes is evaluated by Terraform.
 */
import { App, Testing } from "cdktf";
import fc from "fast-check";
import { ConfigurationError, environmentInput, parseEnvironment, type EnvironmentInput } from "../../environments";
import { buildApp } from "../../main";
import { ValidationError } from "@serverless-monitoring/constructs";
import { s3BucketNameProblem } from "../../modules/common/aws-rules";
import { terraformLiteral } from "../../modules/common/terraform-strings";
import { capabilityObjectiveId, MonitoringStack, readStateOverrides, requireOneRegionPerBucket, STACK_CONSTRUCT_IDS } from "../../stacks";
import { BUNDLE_ROOT, mutatedInput, type Mutable } from "../helpers";

const TODAY = "2026-11-23";

function messageFor(input: unknown, today = TODAY): string {
  try {
    parseEnvironment("dev", input, today);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be rejected");
}

const problem = (line: string) => `Invalid configuration for environment "dev":\n${line}`;

describe("AWS's rules, checked at synth", () => {
  test.each([
    ["adjacent dots", "my..bucket", "with no two adjacent dots"],
    ["an IP address", "192.168.10.12", "not formatted as an IP address"],
    ["a reserved prefix", "xn--bucket", 'not starting with the reserved prefix "xn--"'],
    ["a reserved suffix", "state-s3alias", 'not ending with the reserved suffix "-s3alias"'],
    ["uppercase", "State-Bucket", "starting and ending with a letter or digit"],
  ])("an S3 bucket name with %s is refused", (_what, bucket, rule) => {
    expect(messageFor(mutatedInput("dev", (i) => (i.state.bucket = bucket)))).toContain(`  - state.bucket: got "${bucket}"; allowed: an S3 bucket name`);
    expect(s3BucketNameProblem(bucket)).toContain(rule);
  });

  test("MONITORING_STATE_BUCKET is held to the same rules", () => {
    expect(() => readStateOverrides({ MONITORING_STATE_BUCKET: "a..b" })).toThrow(
      'MONITORING_STATE_BUCKET: got "a..b"; allowed: an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit, with no two adjacent dots.',
    );
  });

  test.each(["eu-west-9", "us-east-7", "mars-north-1"])("region %s is not one of the partition's regions", (region) => {
    expect(messageFor(mutatedInput("dev", (i) => (i.region = region)))).toBe(problem(`  - region: got "${region}"; allowed: an AWS region such as eu-west-1`));
    expect(() => readStateOverrides({ MONITORING_STATE_REGION: region })).toThrow(`MONITORING_STATE_REGION: got "${region}"; allowed: an AWS region such as eu-west-1.`);
  });

  test("nodejs24.x is accepted; nodejs20.x is refused once AWS blocks creating functions on it, saying until when updates work", () => {
    expect(parseEnvironment("dev", mutatedInput("dev", (i) => (i.functions[0].runtime = "nodejs24.x")), TODAY).functions[0]!.runtime).toBe("nodejs24.x");
    expect(messageFor(mutatedInput("dev", (i) => (i.functions[0].runtime = "nodejs20.x")), "2026-06-15")).toBe(
      problem('  - functions[0].runtime: got "nodejs20.x"; allowed: nodejs22.x or nodejs24.x: Lambda blocks creating functions on nodejs20.x since 2026-06-01; existing functions may still be updated until 2026-07-01'),
    );
    expect(messageFor(mutatedInput("dev", (i) => (i.functions[0].runtime = "nodejs20.x")), TODAY)).toContain("updates are blocked too since 2026-07-01");
    expect(parseEnvironment("dev", mutatedInput("dev", (i) => (i.functions[0].runtime = "nodejs20.x")), "2026-03-01").functions[0]!.runtime).toBe("nodejs20.x");
  });

  test("tag values: AWS's characters only (so no ${ or %{ ever reaches a tag)", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.tags.Team = "${timestamp()}")))).toBe(
      problem('  - tags.Team: got "${timestamp()}"; allowed: a tag value of at most 256 letters, digits, spaces and _ . : / = + - @'),
    );
    expect(messageFor(mutatedInput("dev", (i) => (i.tags.CostCenter = "x".repeat(257))))).toContain("  - tags.CostCenter: got");
  });

  test("alarm periods: valid for CloudWatch and not shorter than the metric's publishing interval", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.alarms.dlqMessagesVisible.critical.periodSeconds = 60)))).toBe(
      problem("  - alarms.dlqMessagesVisible.critical.periodSeconds: got 60; allowed: a multiple of 60 from 300 to 86400 seconds (the metric is published every 300 s)"),
    );
    expect(messageFor(mutatedInput("dev", (i) => (i.alarms.throttles.warning.periodSeconds = 10)))).toBe(
      problem("  - alarms.throttles.warning.periodSeconds: got 10; allowed: a multiple of 60 from 60 to 86400 seconds (the metric is published every 60 s)"),
    );
  });

  test("a threshold that could never change state is refused", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.alarms.throttles.warning.threshold = 0)))).toBe(
      problem("  - alarms.throttles.warning.threshold: got 0; allowed: a number above 0: this alarm fires at or above its threshold, so at 0 it would never leave ALARM"),
    );
  });

  test("budgets: two decimal places at most, daily and per-service limits within the monthly one", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.budgets.monthlyLimitUsd = 50.125)))).toBe(
      problem("  - budgets.monthlyLimitUsd: got 50.125; allowed: an amount in USD greater than 0, with at most two decimal places"),
    );
    expect(messageFor(mutatedInput("dev", (i) => (i.budgets.dailyLimitUsd = 130)))).toBe(problem("  - budgets.dailyLimitUsd: got 130; allowed: at most monthlyLimitUsd (125)"));
    expect(messageFor(mutatedInput("dev", (i) => (i.budgets.perServiceMonthlyLimitUsd.lambda = 126)))).toBe(
      problem("  - budgets.perServiceMonthlyLimitUsd.lambda: got 126; allowed: at most monthlyLimitUsd (125)"),
    );
  });

  test("an API alarm's period is checked like any other", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.apis = { alarms: { http: { p99LatencyMs: { warning: { threshold: 900, evaluationPeriods: 3, periodSeconds: 30 } } } } })))).toBe(
      problem("  - apis.alarms.http.p99LatencyMs.warning.periodSeconds: got 30; allowed: a multiple of 60 from 60 to 86400 seconds (the metric is published every 60 s)"),
    );
  });

  test("two functions serving the WebSocket API, or one HTTP route twice", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.functions[0].webSocket = true)))).toBe(
      problem("  - functions[3].webSocket: got true; allowed: false: functions[0] already serves the WebSocket API, and one function serves it"),
    );
    expect(messageFor(mutatedInput("dev", (i) => (i.functions[1].httpRoute = "POST /users")))).toBe(
      problem('  - functions[1].httpRoute: got "POST /users"; allowed: a route not already served by functions[0]'),
    );
  });

  test("simulated latency must stay below the function's timeout", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.functions[0].simulatedLatencyMs = 30_000)))).toBe(
      problem("  - functions[0].simulatedLatencyMs: got 30000; allowed: less than the timeout (30000 ms)"),
    );
  });
});

describe("messages stay exact", () => {
  test("NaN and Infinity print as themselves", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.functions[0].memoryMiB = Number.NaN)))).toBe(problem("  - functions[0].memoryMiB: got NaN; allowed: an integer from 128 to 10240 MiB"));
    expect(messageFor(mutatedInput("dev", (i) => (i.budgets.monthlyLimitUsd = Infinity)))).toBe(
      problem("  - budgets.monthlyLimitUsd: got Infinity; allowed: an amount in USD greater than 0, with at most two decimal places"),
    );
  });

  test("a bad period is one line, not one per failed check", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.alarms.throttles.warning.periodSeconds = 90.5)))).toBe(
      problem("  - alarms.throttles.warning.periodSeconds: got 90.5; allowed: 10, 30 or a multiple of 60 up to 86400 seconds"),
    );
  });

  test("zod's own wording never reaches the user", () => {
    const message = messageFor(mutatedInput("dev", (i) => (i.features = { pointInTimeRecovery: "yes", deletionProtection: 1, anomalyDetection: null })));
    expect(message).not.toMatch(/Invalid input|expected .*, received/);
    expect(message).toContain('  - features.pointInTimeRecovery: got "yes"; allowed: true or false');
  });

  test("a duplicate alert email is named, with its tier", () => {
    expect(messageFor(mutatedInput("dev", (i) => i.alerting.warning.emails.push("Platform-Dev@example.com")))).toBe(
      problem('  - alerting.warning.emails[1]: got "Platform-Dev@example.com"; allowed: an address not already in alerting.warning.emails'),
    );
  });
});

describe("inputs that used to crash synth with a trace are one ValidationError", () => {
  const synth = (change: (input: Mutable<EnvironmentInput>) => void) => {
    const config = parseEnvironment("dev", mutatedInput("dev", change), TODAY);
    return () => new MonitoringStack(Testing.app() as App, "monitoring-dev", { config, bundleRoot: BUNDLE_ROOT });
  };

  test.each(["alerting", "dashboard", "budgets", "error-table", "system-health"])("a function named %s (one of the stack's own construct ids)", (name) => {
    expect(synth((i) => (i.functions[1].name = name))).toThrow(
      `Invalid configuration for environment "dev":\n  - functions[1].name: got "${name}"; allowed: a name whose construct id "${name}" is not already the stack's own "${name}"`,
    );
  });

  test("the list of the stack's own ids is the stack's children that a function name could take", () => {
    const config = parseEnvironment("dev", mutatedInput("dev", () => undefined), TODAY);
    // With the optional OAM link (a stack of a multi-account estate), so every id the stack can have is among its children.
    const stack = new MonitoringStack(Testing.app() as App, "monitoring-dev", { config, bundleRoot: BUNDLE_ROOT, observabilityLink: true });
    const functionIds = new Set([...config.functions.flatMap((fn) => [fn.name, `${fn.name}-alarms`, `${fn.name}-business-alarms`]), ...Object.keys(config.capabilities).map(capabilityObjectiveId)]);
    // Output ids are PascalCase: no function name (lowercase) can take one. The facade's id,
    // "Default", is left out of Terraform addresses, so its children's ids count as the stack's.
    const children = stack.node.children.flatMap((c) => (c.node.id === "Default" ? c.node.children : [c]));
    const takeable = children.map((c) => c.node.id).filter((id) => !functionIds.has(id) && /^[a-z][a-z0-9-]*$/.test(id));
    expect([...takeable].sort()).toEqual([...STACK_CONSTRUCT_IDS].sort());
  });

  test("a function named canaries where the canaries are switched on (their construct id); allowed where they are off", () => {
    expect(synth((i) => ((i.functions[1].name = "canaries"), (i.canaries = { enabled: true })))).toThrow(
      'functions[1].name: got "canaries"; allowed: a name whose construct id "canaries" is not already the stack\'s own "canaries" (canaries.enabled)',
    );
    expect(synth((i) => (i.functions[1].name = "canaries"))).not.toThrow(/construct id "canaries"/);
  });

  test("a function named backend (the S3 backend's construct id)", () => {
    expect(synth((i) => (i.functions[1].name = "backend"))).toThrow('functions[1].name: got "backend"; allowed: a name whose construct id "backend" is not already the stack\'s own "backend"');
  });

  test("two functions whose derived ids collide (x and x-alarms)", () => {
    expect(synth((i) => (i.functions[1].name = "user-service-alarms"))).toThrow(
      'functions[1].name: got "user-service-alarms"; allowed: a name whose construct id "user-service-alarms" is not already function "user-service"\'s',
    );
  });

  test("a function named constructor (a member of every JavaScript object, so constructs would refuse it) is refused with the configuration", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.functions[4].name = "constructor")))).toBe(
      problem('  - functions[4].name: got "constructor"; allowed: lowercase letters, digits and hyphens, starting with a letter, other than a member every JavaScript object has (constructor)'),
    );
  });

  test("a function with no source folder or bundle", () => {
    expect(synth((i) => (i.functions[0].name = "no-such-function"))).toThrow(
      new ConfigurationError(
        'Invalid configuration for environment "dev":\n  - functions[0].name: got "no-such-function"; allowed: a function with handler code in lambda-src/no-such-function/index.ts, built by `npm run build:lambda` (`npm run synth` runs it)',
      ),
    );
  });

  test("a function whose X-Ray sampling rule name would be the health-check rule's", () => {
    expect(messageFor(mutatedInput("dev", (i) => (i.functions[0].name = "health-checks")))).toContain(
      '  - functions[0].name: got "health-checks"; allowed: a name other than "health-checks": its X-Ray sampling rule "health-checks-dev" would be the health-check rule\'s',
    );
  });

  test("an environment file whose name is another environment's", () => {
    const { loadEnvironment } = jest.requireActual<typeof import("../../environments")>("../../environments");
    const ENVIRONMENTS = jest.requireActual<typeof import("../../environments/dev")>("../../environments/dev");
    const original = ENVIRONMENTS.dev.name;
    (ENVIRONMENTS.dev as Mutable<EnvironmentInput>).name = "staging";
    try {
      expect(() => loadEnvironment("dev")).toThrow(new ConfigurationError('Invalid configuration for environment "dev":\n  - name: got "staging"; allowed: "dev" (the environment this file configures)'));
    } finally {
      (ENVIRONMENTS.dev as Mutable<EnvironmentInput>).name = original;
    }
  });

  test("an environment moved to another region than the state bucket it shares", () => {
    const location = (region: string) => ({ bucket: "shared-state", keyPrefix: "p", region });
    expect(() => requireOneRegionPerBucket([{ name: "dev", location: location("us-east-1") }, { name: "staging", location: location("eu-west-1") }])).toThrow(
      new ConfigurationError(
        'Invalid configuration for environment "staging":\n  - region: got "eu-west-1"; allowed: "us-east-1", the region of state bucket "shared-state" that environment "dev" shares (set state.bucket to another bucket, or MONITORING_STATE_REGION)',
      ),
    );
  });

  test("main.ts's buildApp stops on it before any stack is made", () => {
    expect(() => buildApp(Testing.app() as App, { MONITORING_STATE_BUCKET: "a..b" })).toThrow(ValidationError);
  });
});

describe("nothing a user writes is evaluated by Terraform", () => {
  const HOSTILE = ['${file("/etc/passwd")}', "${timestamp()}", "%{ if true }x%{ endif }", "$${already escaped}"];

  test("terraformLiteral escapes ${ and %{, and leaves cdktf's own tokens alone", () => {
    expect(terraformLiteral('a ${file("x")} b %{ if } c')).toBe('a $${file("x")} b %%{ if } c');
    expect(terraformLiteral("${TfToken[TOKEN.12]} and ${x}")).toBe("${TfToken[TOKEN.12]} and $${x}");
  });

  /** Every free-text string field of the schema, and where it reaches the JSON. */
  const FREE_TEXT_FIELDS: readonly [string, (i: Mutable<EnvironmentInput>, value: string) => void][] = [["functions[0].description", (i, v) => (i.functions[0].description = v)]];

  test.each(FREE_TEXT_FIELDS.flatMap(([field, set]) => HOSTILE.map((value) => [field, value, set] as const)))("%s = %s reaches the JSON as literal text", (_field, value, set) => {
    const config = parseEnvironment("dev", mutatedInput("dev", (i) => set(i, value)), TODAY);
    const synth = Testing.synth(new MonitoringStack(Testing.app() as App, "monitoring-dev", { config, bundleRoot: BUNDLE_ROOT }));
    expect(synth).toContain(JSON.stringify(terraformLiteral(value)).slice(1, -1));
    expect(unescapedInterpolations(synth)).toEqual([]);
  });

  test("every other string field of the schema refuses ${ and %{ outright", () => {
    const fields: [string, (i: Mutable<EnvironmentInput>) => void][] = [
      ["region", (i) => (i.region = "${var.region}")],
      ["accountId", (i) => (i.accountId = "${data.x}")],
      ["state.bucket", (i) => (i.state.bucket = "${x}")],
      ["state.keyPrefix", (i) => (i.state.keyPrefix = "%{x}")],
      ["alerting.critical.emails[0]", (i) => (i.alerting.critical.emails[0] = "${x}@example.com")],
      ["functions[0].name", (i) => (i.functions[0].name = "${x}")],
      ["functions[0].runtime", (i) => (i.functions[0].runtime = "${x}")],
      ["functions[0].samplingTier", (i) => (i.functions[0].samplingTier = "${x}")],
      ["tags.Team", (i) => (i.tags.Team = "${x}")],
      ["tags.CostCenter", (i) => (i.tags.CostCenter = "%{x}")],
      ["tags.Application", (i) => (i.tags.Application = "${x}")],
    ];
    for (const [field, change] of fields) expect(messageFor(mutatedInput("dev", change))).toContain(`  - ${field}: got`);
  });
});

/** `${` or `%{` in the JSON that is neither escaped nor one of cdktf's own references to a resource, data source or function. */
function unescapedInterpolations(json: string): string[] {
  return [...json.matchAll(/(?<!\$)\$\{(?!(aws_|data\.|var\.|local\.|jsonencode\(|TfToken))[^}]*\}|(?<!%)%\{[^}]*\}/g)].map((m) => m[0]);
}

describe("property: configuration mutations synthesize escaped JSON or fail with the one error type", () => {
  const base = environmentInput("dev");
  const hostileString = fc.oneof(fc.string(), fc.constantFrom('${file("/etc/passwd")}', "%{ if x }", "${", "%{", "constructor", "__proto__", "alerting", "a..b", ""));
  const anyValue = fc.oneof(hostileString, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(hostileString, { maxLength: 3 }));
  /** Mostly a value of the leaf's own type (so many mutations reach synth), sometimes anything at all. */
  const valueLike = (original: unknown) =>
    fc.oneof(
      { weight: 4, arbitrary: typeof original === "string" ? hostileString : typeof original === "number" ? fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.double()) : fc.boolean() },
      { weight: 1, arbitrary: anyValue },
    );
  /** Paths into the dev configuration: every leaf the file sets. */
  const paths = leafPaths(base);

  test("mutate one leaf at a time", () => {
    let runs = 0;
    let accepted = 0;
    const started = Date.now();
    fc.assert(
      fc.property(fc.constantFrom(...paths).chain((path) => fc.tuple(fc.constant(path), valueLike(getAt(base, path)))), ([path, value]) => {
        runs += 1;
        const input = structuredClone(base) as Record<string, unknown>;
        setAt(input, path, value);
        let config;
        try {
          config = parseEnvironment("dev", input, TODAY);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          expect((error as Error).message).toMatch(/^Invalid configuration for environment "dev":\n {2}- /);
          return;
        }
        try {
          const synth = Testing.synth(new MonitoringStack(Testing.app() as App, "monitoring-dev", { config, bundleRoot: BUNDLE_ROOT }));
          JSON.parse(synth);
          expect(unescapedInterpolations(synth)).toEqual([]);
          accepted += 1;
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
        }
      }),
      { numRuns: 150, seed: 20261123 },
    );
    console.info(`configuration mutations: ${runs} cases (${accepted} synthesized) in ${Date.now() - started} ms`);
    expect(runs).toBeGreaterThanOrEqual(150);
  }, 120_000);
});

function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...prefix, Array.isArray(value) ? Number(key) : key]));
}

function getAt(root: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

function setAt(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}
