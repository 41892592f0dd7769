import { nextState, breaches, type AlarmState, type Datapoint, type TreatMissingData } from "../../tools/drill/alarm-state";
import { evaluateRule, parseRule } from "../../tools/drill/composite-rule";
import { compileFilterPattern, filterValue } from "../../tools/drill/log-filter";
import { anomalyBand, evaluateExpression, type MathValue } from "../../tools/drill/metric-math";
import { aggregate, MetricSeries } from "../../tools/drill/metric-store";
import { parseScenario } from "../../tools/drill/scenario";
import { runDrill } from "../../tools/drill/simulate";
import { readStackModel, retryMinutes } from "../../tools/drill/stack-model";
import type { StackJson } from "../../tools/common/synthesized-stack";

/** "X" breaching, "0" not breaching, "-" missing; oldest first, as the user guide writes them. */
const points = (text: string): Datapoint[] => text.split(" ").map((c) => (c === "-" ? undefined : c === "X"));

describe("alarm evaluation as the CloudWatch user guide documents it", () => {
  // Source: CloudWatch User Guide, "Configuring how CloudWatch alarms treat missing data", section
  // "How alarm state is evaluated when data is missing": an alarm of 3 evaluation periods and 3
  // datapoints to alarm, an evaluation range of 5, each row a sequence of datapoints (oldest first)
  // and the resulting state per treatment ("retain" = the current state is kept).
  const TABLE: readonly [string, string, string, string, string][] = [
    ["0 - X - X", "OK", "OK", "OK", "OK"],
    ["- - - - 0", "OK", "OK", "OK", "OK"],
    ["- - - - -", "INSUFFICIENT_DATA", "retain", "ALARM", "OK"],
    ["0 X X - X", "ALARM", "ALARM", "ALARM", "ALARM"],
    ["- - X - -", "retain", "retain", "ALARM", "OK"],
  ];
  const TREATMENTS: readonly TreatMissingData[] = ["missing", "ignore", "breaching", "notBreaching"];

  test.each(TABLE)("user guide 'Configuring how CloudWatch alarms treat missing data', table row %s", (sequence, ...expected) => {
    TREATMENTS.forEach((treat, i) => {
      for (const current of ["OK", "ALARM"] as AlarmState[]) {
        const want = expected[i] === "retain" ? current : expected[i];
        expect([treat, current, nextState(points(sequence), 3, 3, treat, current)]).toEqual([treat, current, want]);
      }
    });
  });

  test("user guide 'Evaluating an alarm': threshold 3, 3 of 3 periods: ALARM in periods 3 to 5, OK at 6, one breach at 9 leaves it OK", () => {
    // The guide's figure: values above 3 in periods 3, 4, 5 and 9 (1-based).
    const values = [1, 2, 4, 5, 4, 2, 1, 2, 5, 1];
    let state: AlarmState = "INSUFFICIENT_DATA";
    const states: AlarmState[] = [];
    for (let k = 0; k < values.length; k++) {
      const range = values.slice(Math.max(0, k - 4), k + 1).map((v) => breaches("GreaterThanThreshold", v, 3));
      state = nextState(range, 3, 3, "missing", state);
      states.push(state);
    }
    expect(states).toEqual(["OK", "OK", "OK", "OK", "ALARM", "OK", "OK", "OK", "OK", "OK"]);
  });

  test("user guide 'Evaluating an alarm', M out of N: 3 of 5 breaching datapoints alarm, not necessarily consecutive; 2 of 5 do not", () => {
    expect(nextState(points("X 0 X 0 X"), 5, 3, "missing", "OK")).toBe("ALARM");
    expect(nextState(points("X 0 0 0 X"), 5, 3, "missing", "ALARM")).toBe("OK");
    // The most recent N real datapoints decide when the range holds enough of them.
    expect(nextState(points("X X X 0 0 0 - -"), 3, 3, "breaching", "ALARM")).toBe("OK");
  });

  test("every static comparison operator, and the anomaly band's", () => {
    expect([breaches("GreaterThanThreshold", 5, 5), breaches("GreaterThanOrEqualToThreshold", 5, 5), breaches("LessThanThreshold", 4, 5), breaches("LessThanOrEqualToThreshold", 5, 5)]).toEqual([false, true, true, true]);
    const band = { lower: 10, upper: 20 };
    expect([breaches("GreaterThanUpperThreshold", 21, band), breaches("LessThanLowerThreshold", 9, band), breaches("LessThanLowerOrGreaterThanUpperThreshold", 15, band)]).toEqual([true, true, false]);
    expect(breaches("GreaterThanThreshold", NaN, 1)).toBeUndefined();
    expect(() => breaches("GreaterThanUpperThreshold", 1, 2)).toThrow("needs a threshold band");
  });
});

describe("metric math", () => {
  const series = (...v: number[]) => Float64Array.from(v);
  const run = (expression: string, values: Record<string, MathValue>, length = 3) => evaluateExpression(expression, { length, periodSeconds: 300, values: new Map(Object.entries(values)) });

  test("arithmetic on a missing datapoint gives no datapoint; FILL puts a value there", () => {
    const values = { a: series(1, NaN, 3), b: series(2, 2, NaN) };
    expect(Array.from(run("a + b", values) as Float64Array)).toEqual([3, NaN, NaN]);
    expect(Array.from(run("FILL(a, 0) + FILL(b, 0)", values) as Float64Array)).toEqual([3, 2, 3]);
    expect(Array.from(run("100 * a / b", { a: series(1, 1, 1), b: series(4, 0, 2) }) as Float64Array)).toEqual([25, NaN, 50]);
  });

  test("IF as the project emits it: the low-traffic guard gives 0 below the minimum and the rate above it; no datapoint where the condition has none", () => {
    const values = { errors: series(5, 1, NaN), invocations: series(40, 10, NaN) };
    expect(Array.from(run("IF(invocations >= 20, 100 * errors / invocations, 0)", values) as Float64Array)).toEqual([12.5, 0, NaN]);
    expect(Array.from(run("IF(invocations > 20, errors)", values) as Float64Array)).toEqual([5, NaN, NaN]);
  });

  test("SUM, MAX, MIN, AVG over arrays of series skip missing datapoints; PERIOD, ABS, comparisons and logic", () => {
    const values = { a: series(1, NaN, NaN), b: series(4, 2, NaN) };
    expect(Array.from(run("SUM([a, b])", values) as Float64Array)).toEqual([5, 2, NaN]);
    expect(Array.from(run("MAX([a, b])", values) as Float64Array)).toEqual([4, 2, NaN]);
    expect(Array.from(run("MIN([a, b])", values) as Float64Array)).toEqual([1, 2, NaN]);
    expect(Array.from(run("AVG([a, b])", values) as Float64Array)).toEqual([2.5, 2, NaN]);
    expect(run("PERIOD(a)", values)).toBe(300);
    expect(Array.from(run("ABS(a - b)", values) as Float64Array)).toEqual([3, NaN, NaN]);
    expect(Array.from(run("b > 3 OR b == 2", values) as Float64Array)).toEqual([1, 1, NaN]);
    expect(Array.from(run("b > 3 AND NOT (b == 2)", values) as Float64Array)).toEqual([1, 0, NaN]);
  });

  test("what the drill cannot evaluate is one clear error", () => {
    expect(() => run("SUM(a)", { a: series(1, 2, 3) })).toThrow("over an array of series");
    expect(() => run("SLICE(a, 1)", { a: series(1, 2, 3) })).toThrow("function SLICE is not one the drill evaluates");
    expect(() => run("a +", { a: series(1, 2, 3) })).toThrow('expected more in "a +"');
    expect(() => run("c * 2", { a: series(1, 2, 3) })).toThrow('no metric or expression with id "c"');
  });

  test("anomaly band (the stated approximation): a day's trailing mean and deviation, with a width floor; none before 12 datapoints", () => {
    const steady = new Float64Array(30).fill(100);
    steady[29] = 200;
    const band = anomalyBand(steady, 2, 288);
    expect(band.upper[5]).toBeNaN();
    expect(band.lower[20]).toBeCloseTo(90);
    expect(band.upper[20]).toBeCloseTo(110);
    expect(breaches("GreaterThanUpperThreshold", steady[29]!, { lower: band.lower[29]!, upper: band.upper[29]! })).toBe(true);
  });
});

describe("per-minute statistics aggregated into periods", () => {
  test("Sum, Average, Minimum, Maximum, SampleCount and nearest-rank percentiles over (value, count) samples; no datapoint without samples", () => {
    const s = new MetricSeries(10);
    s.add(0, 100, 98);
    s.add(0, 1000, 2);
    s.add(3, 100, 1);
    const at = (stat: string) => Array.from(aggregate(s, stat, 5, 2));
    expect(at("Sum")).toEqual([100 * 99 + 2000, NaN]);
    expect(at("SampleCount")).toEqual([101, NaN]);
    expect(at("Maximum")[0]).toBe(1000);
    expect(at("Minimum")[0]).toBe(100);
    expect(at("p99")[0]).toBe(1000);
    expect(at("p98")[0]).toBe(100);
    expect(at("Average")[0]).toBeCloseTo((100 * 99 + 2000) / 101);
    expect(() => aggregate(s, "tm99", 5, 2)).toThrow('statistic "tm99"');
  });

  // CloudWatch user guide, "CloudWatch statistics definitions": for percentile ranks and trimmed statistics over
  // absolute values, the lower bound is exclusive and the upper bound inclusive.
  test("trimmed counts over absolute bounds: the samples above the lower bound and at most the upper; 0 in a period with samples outside", () => {
    const s = new MetricSeries(10);
    s.add(0, 100, 98);
    s.add(0, 1000, 2);
    s.add(6, 100, 3);
    const at = (stat: string) => Array.from(aggregate(s, stat, 5, 2));
    expect(at("TC(500:)")).toEqual([2, 0]);
    expect(at("TC(100:)")).toEqual([2, 0]);
    expect(at("TC(:100)")).toEqual([98, 3]);
    expect(at("TC(99:1000)")).toEqual([100, 3]);
    expect(Array.from(aggregate(new MetricSeries(10), "TC(500:)", 5, 2))).toEqual([NaN, NaN]);
    expect(() => aggregate(s, "TC(10%:90%)", 5, 2)).toThrow('statistic "TC(10%:90%)"');
  });
});

describe("composite rules", () => {
  const states: Record<string, "OK" | "ALARM" | "INSUFFICIENT_DATA"> = { a: "ALARM", b: "OK", "c-d": "INSUFFICIENT_DATA" };
  const holds = (rule: string) => evaluateRule(parseRule(rule), (name) => states[name] ?? "INSUFFICIENT_DATA");

  test("ALARM/OK/INSUFFICIENT_DATA of names or ARNs, quoted or not; AND, OR, NOT, parentheses, TRUE, FALSE", () => {
    expect(holds('ALARM("a") AND OK(b)')).toBe(true);
    expect(holds("ALARM(arn:aws:cloudwatch:us-east-1:111122223333:alarm:a) AND NOT ALARM(b)")).toBe(true);
    expect(holds('INSUFFICIENT_DATA("c-d") AND (ALARM(b) OR TRUE)')).toBe(true);
    expect(holds("ALARM(a) AND FALSE OR OK(a)")).toBe(false);
    expect(holds("NOT (ALARM(a) OR ALARM(b))")).toBe(false);
    expect(() => parseRule("ALARM(a) AND")).toThrow('expected more in the rule "ALARM(a) AND"');
    expect(() => parseRule("WARN(a)")).toThrow('unexpected "WARN"');
  });
});

describe("log filter patterns", () => {
  test("JSON patterns of the project's filters, and text patterns such as Task timed out", () => {
    const error = { json: { level: "ERROR", message: "boom" } };
    const report = { json: { type: "platform.report", record: { metrics: { initDurationMs: 300, maxMemoryUsedMB: 80 } } } };
    const timeout = { text: "2026-12-07T04:00:00Z abc Task timed out after 30.00 seconds" };
    expect(compileFilterPattern('{ $.level = "ERROR" }')(error)).toBe(true);
    expect(compileFilterPattern('{ $.level = "ERROR" }')(timeout)).toBe(false);
    expect(compileFilterPattern('{ $.type = "platform.report" && $.record.metrics.initDurationMs > 0 }')(report)).toBe(true);
    expect(compileFilterPattern('{ $.level = "ERR*" || $.type = "x" }')(error)).toBe(true);
    expect(compileFilterPattern('"Task timed out"')(timeout)).toBe(true);
    expect(compileFilterPattern("?ERROR ?timed")(timeout)).toBe(true);
    expect(compileFilterPattern("timed -seconds")(timeout)).toBe(false);
    expect(filterValue("$.record.metrics.maxMemoryUsedMB", report)).toBe(80);
    expect(() => compileFilterPattern("[ip, user]")).toThrow("space-delimited filter patterns are not read");
  });
});

/** A small stack of its own: one alarm under a composite with a maintenance suppressor, its topic to every kind of channel. */
function tinyStack(suppressor = true): StackJson {
  const alarm = (name: string, metric: string, extra: Record<string, unknown> = {}) => ({
    alarm_name: name,
    namespace: "Test",
    metric_name: metric,
    dimensions: {},
    statistic: "Sum",
    period: 60,
    evaluation_periods: 1,
    threshold: 1,
    comparison_operator: "GreaterThanOrEqualToThreshold",
    treat_missing_data: "notBreaching",
    ...extra,
  });
  return {
    resource: {
      aws_cloudwatch_metric_alarm: {
        failing: alarm("failing", "Failures"),
        maintenance: alarm("maintenance", "Maintenance", { statistic: "Minimum", actions_enabled: false }),
        delivery: alarm("delivery-failed", "NumberOfNotificationsFailed", { namespace: "AWS/SNS", dimensions: { TopicName: "${aws_sns_topic.pages.name}" }, alarm_actions: ["${aws_sns_topic.chat.arn}"] }),
      },
      aws_cloudwatch_composite_alarm: {
        health: {
          alarm_name: "health",
          alarm_rule: 'ALARM("failing")',
          alarm_actions: ["${aws_sns_topic.pages.arn}", "arn:aws:lambda:us-east-1:111122223333:function:responder"],
          ok_actions: ["${aws_sns_topic.pages.arn}"],
          ...(suppressor ? { actions_suppressor: { alarm: "${aws_cloudwatch_metric_alarm.maintenance.alarm_name}", wait_period: 120, extension_period: 300 } } : {}),
        },
      },
      aws_sns_topic: { pages: { name: "team-alerts-prod" }, chat: { name: "team-warnings-prod" } },
      aws_sns_topic_subscription: {
        pager: { topic_arn: "${aws_sns_topic.pages.arn}", protocol: "https", endpoint: "https://pager.example.com", redrive_policy: '{"deadLetterTargetArn":"${aws_sqs_queue.pager-dlq.arn}"}' },
        mail: { topic_arn: "${aws_sns_topic.pages.arn}", protocol: "email", endpoint: "oncall@example.com" },
        text: { topic_arn: "arn:aws:sns:us-east-1:111122223333:team-alerts-prod", protocol: "sms", endpoint: "+15550100" },
      },
      aws_chatbot_slack_channel_configuration: { slack: { configuration_name: "warnings-channel", sns_topic_arns: ["${aws_sns_topic.chat.arn}"] } },
      aws_sqs_queue: { "pager-dlq": { name: "pager-dlq" } },
    },
  };
}

const raw = (metric: string, minutes: number, on: readonly [number, number][]) => ({
  namespace: "Test",
  metricName: metric,
  statistic: "Sum",
  values: Array.from({ length: minutes }, (_, m) => (on.some(([from, to]) => from <= m && m < to) ? 1 : null)),
});

describe("a drill over a stack: composites, suppression and actions", () => {
  const drill = (stack: StackJson, scenario: unknown) => runDrill(readStackModel(stack), parseScenario(scenario, "test"));
  const told = (result: ReturnType<typeof drill>) => result.notifications.filter((n) => !n.initial).map((n) => `${n.minute} ${n.state} ${n.tier} ${n.channel} ${n.endpoint}`);

  test("a composite's action waits wait_period for the suppressor, then reaches every subscriber, chat channel and Lambda of its topic", () => {
    const result = drill(tinyStack(), { name: "t", minutes: 30, series: [raw("Failures", 30, [[10, 15]])] });
    // Back to OK only at 17: until the evaluation range (N + 2 = 3 minutes) holds no breaching datapoint, the most recent real one decides.
    expect(result.changes.filter((c) => !c.initial).map((c) => `${c.minute} ${c.alarm} ${c.to}`)).toEqual(["10 failing ALARM", "10 health ALARM", "17 failing OK", "17 health OK"]);
    expect(told(result)).toEqual([
      "12 ALARM critical paging https://pager.example.com",
      "12 ALARM critical email oncall@example.com",
      "12 ALARM critical sms +15550100",
      "12 ALARM none lambda responder",
      "19 OK critical paging https://pager.example.com",
      "19 OK critical email oncall@example.com",
      "19 OK critical sms +15550100",
    ]);
  });

  test("without a suppressor the action runs at the change", () => {
    const result = drill(tinyStack(false), { name: "t", minutes: 30, series: [raw("Failures", 30, [[10, 15]])] });
    expect(told(result)[0]).toBe("10 ALARM critical paging https://pager.example.com");
  });

  test("composite alarm action suppression: nothing while the suppressor is in ALARM; after it, extension_period, then the actions if still in ALARM", () => {
    const result = drill(tinyStack(), { name: "t", minutes: 60, series: [raw("Failures", 60, [[10, 40]]), raw("Maintenance", 60, [[5, 20]])] });
    // The maintenance data ends at minute 20, its alarm leaves ALARM at 22; the extension runs 5 minutes; the composite is still in ALARM at 27.
    expect(told(result)[0]).toBe("27 ALARM critical paging https://pager.example.com");
    const quiet = drill(tinyStack(), { name: "t", minutes: 60, series: [raw("Failures", 60, [[10, 22]]), raw("Maintenance", 60, [[5, 20]])] });
    // The OK that came during the extension is held to its end: the ALARM was never sent, the OK is.
    expect(told(quiet)).toEqual(["27 OK critical paging https://pager.example.com", "27 OK critical email oncall@example.com", "27 OK critical sms +15550100"]);
    expect(quiet.suppressed.map((s) => `${s.minute} ${s.alarm} ${s.state} ${s.by}`)).toEqual(["10 health ALARM maintenance"]);
  });

  test("the suppressor going into ALARM within wait_period suppresses the action; the composite's later OK waits out the extension", () => {
    const result = drill(tinyStack(), { name: "t", minutes: 40, series: [raw("Failures", 40, [[10, 14]]), raw("Maintenance", 40, [[11, 20]])] });
    expect(result.suppressed.map((s) => `${s.minute} ${s.state}`)).toEqual(["10 ALARM"]);
    expect(told(result)).toEqual(["27 OK critical paging https://pager.example.com", "27 OK critical email oncall@example.com", "27 OK critical sms +15550100"]);
  });

  test("a failing pager: SNS retries, then NumberOfNotificationsFailed and the redrive queue; an alarm on it tells the chat channel", () => {
    const result = drill(tinyStack(false), { name: "t", minutes: 40, series: [raw("Failures", 40, [[10, 30]])], incidents: [{ kind: "pagerDeliveryFailure", from: 0, to: 40 }] });
    const lines = told(result);
    expect(lines).toContain("10 ALARM critical paging https://pager.example.com");
    expect(result.notifications.find((n) => n.channel === "paging" && n.state === "ALARM")!.delivered).toBe(false);
    // Default delivery policy: a minute of retries; the failure is counted at 11 and alarms then.
    expect(lines).toContain("11 ALARM warning chat:slack warnings-channel");
  });

  test("SNS's retry time comes from the delivery policy (the project's paging policy: about 25 minutes)", () => {
    const policy = { healthyRetryPolicy: { numRetries: 20, numNoDelayRetries: 2, minDelayTarget: 5, maxDelayTarget: 120, numMinDelayRetries: 3, numMaxDelayRetries: 10, backoffFunction: "exponential" } };
    expect(retryMinutes(JSON.stringify(policy))).toBe(Math.ceil((3 * 5 + 5 * 62.5 + 10 * 120) / 60));
  });
});
