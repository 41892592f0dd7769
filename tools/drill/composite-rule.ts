/**
 * A composite alarm's rule (CloudWatch user guide, "Create a composite
 * alarm"): ALARM(x), OK(x), INSUFFICIENT_DATA(x) where x is an alarm name or
 * ARN, quoted or not; TRUE, FALSE; AND, OR, NOT; parentheses.
 */
import type { AlarmState } from "./alarm-state";

export type Rule =
  | { readonly t: "state"; readonly state: AlarmState; readonly alarm: string }
  | { readonly t: "const"; readonly value: boolean }
  | { readonly t: "not"; readonly arg: Rule }
  | { readonly t: "and" | "or"; readonly args: readonly Rule[] };

export class RuleError extends Error {}

const TOKEN = /\s*(\(|\)|"(?:[^"\\]|\\.)*"|[^\s()"]+)/y;

/** An ARN in a rule names the alarm after `alarm:`. */
const alarmName = (text: string) => text.replace(/^arn:[^:]+:cloudwatch:[^:]*:[^:]*:alarm:/, "");

export function parseRule(rule: string): Rule {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(rule))) tokens.push(match[1]!);
  if (tokens.join("").length !== rule.replace(/\s/g, "").length) throw new RuleError(`cannot read the rule "${rule}"`);
  let at = 0;
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected)) throw new RuleError(`expected ${expected ?? "more"} in the rule "${rule}"`);
    return token;
  };
  const or = (): Rule => {
    const args = [and()];
    while (tokens[at]?.toUpperCase() === "OR") {
      take();
      args.push(and());
    }
    return args.length === 1 ? args[0]! : { t: "or", args };
  };
  const and = (): Rule => {
    const args = [not()];
    while (tokens[at]?.toUpperCase() === "AND") {
      take();
      args.push(not());
    }
    return args.length === 1 ? args[0]! : { t: "and", args };
  };
  const not = (): Rule => {
    if (tokens[at]?.toUpperCase() === "NOT") {
      take();
      return { t: "not", arg: not() };
    }
    return primary();
  };
  const primary = (): Rule => {
    const token = take();
    if (token === "(") {
      const inner = or();
      take(")");
      return inner;
    }
    const upper = token.toUpperCase();
    if (upper === "TRUE" || upper === "FALSE") return { t: "const", value: upper === "TRUE" };
    if (upper === "ALARM" || upper === "OK" || upper === "INSUFFICIENT_DATA") {
      take("(");
      const name = take();
      take(")");
      return { t: "state", state: upper, alarm: alarmName(name.startsWith('"') ? (JSON.parse(name) as string) : name) };
    }
    throw new RuleError(`unexpected "${token}" in the rule "${rule}"`);
  };
  const result = or();
  if (at !== tokens.length) throw new RuleError(`unexpected "${tokens[at]}" in the rule "${rule}"`);
  return result;
}

/** The alarms a rule reads. */
export function ruleAlarms(rule: Rule): string[] {
  if (rule.t === "state") return [rule.alarm];
  if (rule.t === "const") return [];
  if (rule.t === "not") return ruleAlarms(rule.arg);
  return rule.args.flatMap(ruleAlarms);
}

export function evaluateRule(rule: Rule, stateOf: (alarm: string) => AlarmState): boolean {
  switch (rule.t) {
    case "state":
      return stateOf(rule.alarm) === rule.state;
    case "const":
      return rule.value;
    case "not":
      return !evaluateRule(rule.arg, stateOf);
    case "and":
      return rule.args.every((r) => evaluateRule(r, stateOf));
    case "or":
      return rule.args.some((r) => evaluateRule(r, stateOf));
  }
}
