/**
 * The known props: the table generated from the types is current, every entry
 * it lists checks its props, and the walk refuses unknown keys and nulls while
 * leaving records keyed by the user's names (and what is not a plain object) alone.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { Alerting, MonitoredFunction, ServerlessMonitoring, ValidationError } from "@serverless-monitoring/constructs";
import { requireKnownProps } from "../../modules/common/known-props";
import { KNOWN_ENTRIES } from "../../modules/common/known-props.generated";
import { GENERATED, generateKnownProps } from "../../scripts/known-props";
import { PROJECT_ROOT } from "../../paths";

const TOPICS = { critical: "arn:aws:sns:eu-west-1:111122223333:critical", warning: "arn:aws:sns:eu-west-1:111122223333:warning", business: "arn:aws:sns:eu-west-1:111122223333:business" };
const facade = (scope: Parameters<Parameters<typeof Testing.synthScope>[0]>[0]) => new ServerlessMonitoring(scope, "m", { environment: "prod", region: "eu-west-1", topics: TOPICS, dashboardName: "estate", withoutBuiltInDefaults: true });
const errorOf = (run: () => void): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error("accepted");
};

describe("known props", () => {
  test("the committed table is the one the types give (npm run api:update regenerates it)", () => {
    expect(readFileSync(GENERATED, "utf8")).toBe(generateKnownProps());
  }, 60_000);

  test("every entry of the table checks its props (read from the sources)", () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === "dist" ? [] : sources(join(dir, e.name))) : e.name.endsWith(".ts") ? [readFileSync(join(dir, e.name), "utf8")] : []));
    const text = sources(join(PROJECT_ROOT, "modules")).join("\n");
    const unchecked = Object.entries(KNOWN_ENTRIES).filter(([entry, params]) => !new RegExp(`requireKnownProps\\([^;]*"${entry.replace(".", "\\.")}", \\{ ${Object.keys(params).join(", ")} \\}\\)`).test(text));
    expect(unchecked.map(([entry]) => entry)).toEqual([]);
  });

  test("an unknown key, nested or not, is named with the keys allowed and the nearest one", () => {
    expect(errorOf(() => Testing.synthScope((s) => facade(s).monitorFunction({ functionName: "orders" }, { thresholds: { errorCount: { critical: { threshhold: 5, evaluationPeriods: 1 } } } } as never)))).toBe(
      'ServerlessMonitoring.monitorFunction: options.thresholds.errorCount.critical has an unknown key "threshhold"; allowed: the keys datapointsToAlarm, evaluationPeriods, periodSeconds, threshold (did you mean threshold?).',
    );
    expect(errorOf(() => requireKnownProps("X", "ServerlessMonitoring.monitorQueue", { queue: { queueName: "jobs", zzz: 1 } }))).toBe('X: queue has an unknown key "zzz"; allowed: the keys deadLetterQueue, queueName.');
    // Object.prototype's names are unknown keys too, not props of every shape.
    expect(errorOf(() => requireKnownProps("X", "ServerlessMonitoring.monitorQueue", { queue: JSON.parse('{"queueName": "jobs", "constructor": 1}') as object }))).toMatch(/^X: queue has an unknown key "constructor"/);
  });

  test("null where the type has no null: omit it, or give what the type allows", () => {
    expect(errorOf(() => requireKnownProps("X", "MonitoredFunction", { props: { functionName: "f", memoryMiB: null } }))).toBe("X: memoryMiB is null; allowed: omit it, or give number.");
    expect(errorOf(() => requireKnownProps("X", "Alerting", { props: { channels: { critical: { slack: null } } } }))).toMatch(/^X: channels\.critical\.slack is null; allowed: omit it, or give SlackChannel\.$/);
    // A required prop cannot be omitted: null gets what its type allows.
    expect(errorOf(() => requireKnownProps("X", "ServerlessMonitoring.monitorQueue", { queue: { queueName: null } }))).toBe("X: queue.queueName is null; allowed: string.");
    // unknown takes null (a canary's body is any JSON).
    expect(() => requireKnownProps("X", "SyntheticsCanaries", { props: { canaries: [{ kind: "http", name: "c", url: "https://x.example", body: null }] } })).not.toThrow();
  });

  test("records keyed by the user's names and by tier keep their keys; their values are walked", () => {
    expect(() => requireKnownProps("X", "MonitoredFunction", { props: { functionName: "f", environmentVariables: { ANY_NAME: "x" } } })).not.toThrow();
    expect(() => requireKnownProps("X", "ServerlessMonitoring", { props: { topics: { critcal: TOPICS.critical } } })).not.toThrow(); // the tier check's own message names it
    expect(errorOf(() => requireKnownProps("X", "ServerlessMonitoring", { props: { topics: { critical: { topicArn: TOPICS.critical, onAlarms: [] } } } }))).toMatch(/topics\.critical has an unknown key "onAlarms".*did you mean onAlarm/);
  });

  test("constructs and other class instances are not walked: a MonitoredFunction is a function to monitor", () => {
    expect(() =>
      Testing.synthScope((s) => {
        const fn = MonitoredFunction.fromFunctionName("orders");
        facade(s).monitorFunction(fn);
        new Alerting(s, "a", { environment: "prod", accountId: "111122223333", region: "eu-west-1", channels: { critical: { emails: ["a@acme.example"] }, warning: { sameAs: "critical" }, business: { noChannel: true } } });
      }),
    ).not.toThrow();
  });
});
