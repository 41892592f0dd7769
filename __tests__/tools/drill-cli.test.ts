import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runEntry } from "../entries";

/** A platform team's stack of its own: one alarm on a custom metric, its topic to an email address. */
const STACK = {
  resource: {
    aws_cloudwatch_metric_alarm: {
      queue: {
        alarm_name: "orders-backlog",
        namespace: "Team/Orders",
        metric_name: "Backlog",
        dimensions: { Queue: "orders" },
        statistic: "Maximum",
        period: 60,
        evaluation_periods: 3,
        datapoints_to_alarm: 2,
        threshold: 100,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "missing",
        alarm_actions: ["${aws_sns_topic.ops.arn}"],
      },
    },
    aws_sns_topic: { ops: { name: "team-warnings-prod" } },
    aws_sns_topic_subscription: { mail: { topic_arn: "${aws_sns_topic.ops.arn}", protocol: "email", endpoint: "ops@example.com" } },
  },
};

describe("npm run drill", () => {
  const dir = mkdtempSync(join(tmpdir(), "drill-cli-"));
  const stackDir = join(dir, "stacks", "team");
  mkdirSync(stackDir, { recursive: true });
  writeFileSync(join(stackDir, "cdk.tf.json"), JSON.stringify(STACK));
  const scenario = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };
  const backlog = (within: number) => ({
    name: "backlog grows",
    minutes: 20,
    series: [{ namespace: "Team/Orders", metricName: "Backlog", dimensions: { Queue: "orders" }, statistic: "Maximum", values: [10, 20, null, 150, 180, 200, 50, null, null, 10] }],
    expect: { notify: [{ tiers: ["warning"], withinMinutes: within, after: 0 }] },
  });
  const run = (...args: string[]) => runEntry("tools/drill/cli.ts", args);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("one scenario on any stack: the timeline, who was told when, and the verdict; exit 2 when an expectation fails", () => {
    const ok = run("--stack", stackDir, "--scenario", scenario("ok.json", backlog(10)));
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toContain("min     4  alarm     orders-backlog: OK -> ALARM");
    expect(ok.stdout).toContain("min     4  notify    warning ALARM via team-warnings-prod email ops@example.com: orders-backlog");
    expect(ok.stdout).toContain("ok   warning told within 10 min: warning told after 4 min (orders-backlog)");
    expect(ok.status).toBe(0);
    const late = run("--stack", join(stackDir, "cdk.tf.json"), "--scenario", scenario("late.json", backlog(2)));
    expect(late.stdout).toContain("FAIL warning told within 2 min");
    expect(late.status).toBe(2);
  });

  test("--json prints the timeline as JSON", () => {
    const result = run("--stack", stackDir, "--scenario", scenario("ok.json", backlog(10)), "--json");
    const timeline = JSON.parse(result.stdout) as { notifications: { minute: number; tier: string; channel: string; endpoint: string; initial: boolean }[]; verdict: { passed: boolean } };
    expect(timeline.notifications.filter((n) => !n.initial).map((n) => [n.minute, n.tier, n.channel, n.endpoint])).toEqual([[4, "warning", "email", "ops@example.com"]]);
    expect(timeline.verdict.passed).toBe(true);
  });

  test("bad flags and bad input: one line naming what is wrong, exit 1, never a stack trace", () => {
    const cases: [string[], string][] = [
      [["--nope"], "drill: Unknown option '--nope'"],
      [["--stack", stackDir], "drill: --stack and --scenario go together."],
      [["--stack", join(dir, "missing"), "--scenario", "x.json"], `drill: no synthesized stack at ${join(dir, "missing")}`],
      [["--stack", stackDir, "--scenario", join(dir, "none.json")], `drill: no scenario file at ${join(dir, "none.json")}.`],
      [["--stack", stackDir, "--scenario", scenario("broken.json", "{")], "is not JSON"],
      [["--stack", stackDir, "--scenario", scenario("invalid.json", { name: "x", minutes: -1 })], 'field "minutes" (value -1)'],
      [["--stack", stackDir, "--scenario", scenario("ok.json", backlog(10)), "--table"], "drill: --table tabulates the suite; it does not go with --scenario."],
      [["--json", "--table"], "drill: give --json or --table, not both."],
      [["--env", "prod"], 'drill: unknown environment "prod". Valid environments: dev, staging, production.'],
      [["--env", "dev", "--synth-dir", join(dir, "empty")], "Run `npm run synth` first"],
    ];
    for (const [args, message] of cases) {
      const result = run(...args);
      expect([args.join(" "), result.status]).toEqual([args.join(" "), 1]);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  test("--help documents the flags, the exit codes and what the generator assumes", () => {
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--scenario");
    expect(help.stdout).toContain("2  an expectation failed");
    expect(help.stdout).toContain("publish nothing in a minute without traffic");
  });
});
