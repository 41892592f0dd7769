/**
 * CloudWatch Logs filter patterns ("Filter pattern syntax for metric
 * filters"), enough to decide which of the generator's log lines a metric
 * filter counts: JSON patterns `{ $.a.b = "x" && $.n > 0 }` (=, !=, <, >,
 * <=, >=, `*` wildcards in strings, IS TRUE/FALSE/NULL, NOT EXISTS, && || and
 * parentheses) and text patterns (terms all present, "quoted phrases", ?term
 * for any-of, -term to exclude). Space-delimited `[...]` patterns are not
 * read: the drill says so rather than guess.
 */
export type LogEvent = { readonly json: Record<string, unknown> } | { readonly text: string };

export class FilterPatternError extends Error {}

type Condition = (event: Record<string, unknown>) => boolean;

function lookup(event: Record<string, unknown>, path: string): unknown {
  let value: unknown = event;
  for (const part of path.replace(/^\$\.?/, "").split(".")) {
    if (part === "") continue;
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

const TOKEN = /\s*(\(|\)|&&|\|\||"(?:[^"\\]|\\.)*"|!=|<=|>=|=|<|>|[^\s()&|=!<>"]+)/y;

function parseJsonPattern(body: string, pattern: string): Condition {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(body))) tokens.push(match[1]!);
  let at = 0;
  const fail = (): never => {
    throw new FilterPatternError(`cannot read the filter pattern ${pattern}`);
  };
  const or = (): Condition => {
    const parts = [and()];
    while (tokens[at] === "||") {
      at++;
      parts.push(and());
    }
    return (e) => parts.some((p) => p(e));
  };
  const and = (): Condition => {
    const parts = [term()];
    while (tokens[at] === "&&") {
      at++;
      parts.push(term());
    }
    return (e) => parts.every((p) => p(e));
  };
  const term = (): Condition => {
    if (tokens[at] === "(") {
      at++;
      const inner = or();
      if (tokens[at++] !== ")") fail();
      return inner;
    }
    const path = tokens[at++] ?? fail();
    if (!path.startsWith("$")) fail();
    const op = tokens[at++] ?? fail();
    if (op.toUpperCase() === "IS") {
      const what = (tokens[at++] ?? fail()).toUpperCase();
      return (e) => (what === "NULL" ? lookup(e, path) === null : lookup(e, path) === (what === "TRUE"));
    }
    if (op.toUpperCase() === "NOT" && tokens[at]?.toUpperCase() === "EXISTS") {
      at++;
      return (e) => lookup(e, path) === undefined;
    }
    const raw = tokens[at++] ?? fail();
    if (raw.startsWith('"') || !/^-?\d/.test(raw)) {
      const text = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
      const regex = wildcard(text);
      if (op !== "=" && op !== "!=") fail();
      return (e) => {
        const value = lookup(e, path);
        const matches = value !== undefined && value !== null && typeof value !== "object" && regex.test(String(value));
        return op === "=" ? matches : !matches;
      };
    }
    const number = Number(raw);
    return (e) => {
      const value = lookup(e, path);
      if (typeof value !== "number") return false;
      switch (op) {
        case "=":
          return value === number;
        case "!=":
          return value !== number;
        case "<":
          return value < number;
        case ">":
          return value > number;
        case "<=":
          return value <= number;
        case ">=":
          return value >= number;
      }
      return fail();
    };
  };
  const condition = or();
  if (at !== tokens.length) fail();
  return condition;
}

function parseTextPattern(pattern: string): (text: string) => boolean {
  const terms = pattern.match(/[?-]?"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  for (const term of terms) {
    const prefix = term[0] === "?" || term[0] === "-" ? term[0] : "";
    const body = term.slice(prefix.length);
    const text = body.startsWith('"') ? (JSON.parse(body) as string) : body;
    (prefix === "?" ? any : prefix === "-" ? none : all).push(text);
  }
  return (line) => all.every((t) => line.includes(t)) && (any.length === 0 || any.some((t) => line.includes(t))) && none.every((t) => !line.includes(t));
}

/** A compiled filter pattern: whether an event matches. */
export function compileFilterPattern(pattern: string): (event: LogEvent) => boolean {
  const trimmed = pattern.trim();
  if (trimmed.startsWith("[")) throw new FilterPatternError(`space-delimited filter patterns are not read by the drill: ${pattern}`);
  if (trimmed.startsWith("{")) {
    if (!trimmed.endsWith("}")) throw new FilterPatternError(`cannot read the filter pattern ${pattern}`);
    const condition = parseJsonPattern(trimmed.slice(1, -1), pattern);
    return (event) => "json" in event && condition(event.json);
  }
  const text = parseTextPattern(trimmed);
  return (event) => text("text" in event ? event.text : JSON.stringify(event.json));
}

/** The value a metric filter publishes for a matching event: a number, or `$.field` of a JSON event (no value when the field is not a number). */
export function filterValue(value: string, event: LogEvent): number | undefined {
  if (value.startsWith("$")) {
    const field = "json" in event ? lookup(event.json, value) : undefined;
    return typeof field === "number" ? field : undefined;
  }
  return Number(value);
}
