/**
 * CloudWatch metric math over aligned datapoints ("Using metric math",
 * CloudWatch user guide), evaluated for a whole series at once.
 *
 * Missing data: a series holds NaN where it has no datapoint. Arithmetic and
 * comparisons between series give no datapoint where an input has none;
 * FILL(x, v) puts v there; IF(c, a, b) gives no datapoint where c has none,
 * else a's or b's datapoint (none if that one is missing). SUM/MAX/MIN/AVG of
 * an array of series work per timestamp over the series that have a
 * datapoint (none when no series has one). Comparisons and AND/OR/NOT give 1
 * or 0. PERIOD(x) is the period in seconds.
 *
 * ANOMALY_DETECTION_BAND(m, s) is approximated (CloudWatch's model is not
 * public): at each datapoint, the mean and standard deviation of m's
 * datapoints over the preceding day (at least 12 of them), the band
 * mean ± s × max(sd, 5 % of |mean|, 1). The floor stands for the width
 * CloudWatch's trained model keeps on a steady series.
 */
export type MathValue = number | Float64Array | Band | readonly Float64Array[];
export interface Band {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

type Node =
  | { readonly t: "num"; readonly v: number }
  | { readonly t: "id"; readonly name: string }
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "list"; readonly items: readonly Node[] }
  | { readonly t: "call"; readonly fn: string; readonly args: readonly Node[] }
  | { readonly t: "unary"; readonly op: string; readonly arg: Node }
  | { readonly t: "binary"; readonly op: string; readonly left: Node; readonly right: Node };

/** An expression the drill cannot evaluate: names the expression and what is wrong. */
export class MathError extends Error {}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|("(?:[^"\\]|\\.)*")|(==|!=|<=|>=|&&|\|\||[-+*/^(),<>![\]]))/y;

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let index = 0;
  while (index < expression.length) {
    if (/^\s*$/.test(expression.slice(index))) break;
    TOKEN.lastIndex = index;
    const match = TOKEN.exec(expression);
    if (!match) throw new MathError(`cannot read "${expression.slice(index)}" in "${expression}"`);
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
    index = TOKEN.lastIndex;
  }
  return tokens;
}

/** Precedence, loosest first: OR, AND, comparison, + -, * /, ^. */
const LEVELS: readonly (readonly string[])[] = [["OR", "||"], ["AND", "&&"], ["==", "!=", "<", ">", "<=", ">="], ["+", "-"], ["*", "/"], ["^"]];

export function parseExpression(expression: string): Node {
  const tokens = tokenize(expression);
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected)) throw new MathError(`expected ${expected ?? "more"} in "${expression}"`);
    return token;
  };
  const level = (n: number): Node => {
    if (n === LEVELS.length) return unary();
    let left = level(n + 1);
    while (peek() !== undefined && LEVELS[n]!.includes(peek()!.toUpperCase())) {
      const op = take().toUpperCase();
      left = { t: "binary", op: op === "||" ? "OR" : op === "&&" ? "AND" : op, left, right: level(n + 1) };
    }
    return left;
  };
  const unary = (): Node => {
    const token = peek();
    if (token === "-" || token === "!" || token?.toUpperCase() === "NOT") {
      take();
      return { t: "unary", op: token === "-" ? "-" : "NOT", arg: unary() };
    }
    return primary();
  };
  const primary = (): Node => {
    const token = take();
    if (token === "(") {
      const inner = level(0);
      take(")");
      return inner;
    }
    if (token === "[") {
      const items: Node[] = [];
      while (peek() !== "]") {
        items.push(level(0));
        if (peek() === ",") take();
      }
      take("]");
      return { t: "list", items };
    }
    if (/^\d/.test(token)) return { t: "num", v: Number(token) };
    if (token.startsWith('"')) return { t: "str", v: JSON.parse(token) as string };
    if (peek() === "(") {
      take("(");
      const args: Node[] = [];
      while (peek() !== ")") {
        args.push(level(0));
        if (peek() === ",") take();
      }
      take(")");
      return { t: "call", fn: token.toUpperCase(), args };
    }
    return { t: "id", name: token };
  };
  const node = level(0);
  if (at !== tokens.length) throw new MathError(`unexpected "${tokens[at]}" in "${expression}"`);
  return node;
}

/** The ids an expression reads (to order a metric_query's evaluation). */
export function referencedIds(expression: string): string[] {
  const ids: string[] = [];
  const walk = (node: Node): void => {
    if (node.t === "id") ids.push(node.name);
    else if (node.t === "list") node.items.forEach(walk);
    else if (node.t === "call") node.args.forEach(walk);
    else if (node.t === "unary") walk(node.arg);
    else if (node.t === "binary") {
      walk(node.left);
      walk(node.right);
    }
  };
  walk(parseExpression(expression));
  return ids;
}

export interface MathContext {
  readonly length: number;
  readonly periodSeconds: number;
  /** Datapoints per day at this period: the anomaly band's history. */
  readonly values: ReadonlyMap<string, MathValue>;
}

const isSeries = (v: MathValue): v is Float64Array => v instanceof Float64Array;
const isBand = (v: MathValue): v is Band => typeof v === "object" && !isSeries(v) && !Array.isArray(v);

function series(v: MathValue, length: number, expression: string): Float64Array {
  if (typeof v === "number") return new Float64Array(length).fill(v);
  if (isSeries(v)) return v;
  throw new MathError(`"${expression}": a band or an array where one series is needed`);
}

function pointwise(a: MathValue, b: MathValue, length: number, expression: string, f: (x: number, y: number) => number): MathValue {
  if (typeof a === "number" && typeof b === "number") return f(a, b);
  const x = series(a, length, expression);
  const y = series(b, length, expression);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    out[i] = Number.isNaN(xi) || Number.isNaN(yi) ? NaN : f(xi, yi);
  }
  return out;
}

const BINARY: Record<string, (x: number, y: number) => number> = {
  "+": (x, y) => x + y,
  "-": (x, y) => x - y,
  "*": (x, y) => x * y,
  // CloudWatch drops a datapoint divided by zero.
  "/": (x, y) => (y === 0 ? NaN : x / y),
  "^": (x, y) => x ** y,
  "==": (x, y) => Number(x === y),
  "!=": (x, y) => Number(x !== y),
  "<": (x, y) => Number(x < y),
  ">": (x, y) => Number(x > y),
  "<=": (x, y) => Number(x <= y),
  ">=": (x, y) => Number(x >= y),
  AND: (x, y) => Number(x !== 0 && y !== 0),
  OR: (x, y) => Number(x !== 0 || y !== 0),
};

function across(values: readonly Float64Array[], length: number, reduce: (present: number[]) => number): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const present: number[] = [];
    for (const v of values) if (!Number.isNaN(v[i]!)) present.push(v[i]!);
    out[i] = present.length === 0 ? NaN : reduce(present);
  }
  return out;
}

const REDUCERS: Record<string, (present: number[]) => number> = {
  SUM: (p) => p.reduce((a, b) => a + b, 0),
  MAX: (p) => Math.max(...p),
  MIN: (p) => Math.min(...p),
  AVG: (p) => p.reduce((a, b) => a + b, 0) / p.length,
};

const UNARY_FUNCTIONS: Record<string, (x: number) => number> = { ABS: Math.abs, CEIL: Math.ceil, FLOOR: Math.floor, SQRT: Math.sqrt, LOG: Math.log, LOG10: Math.log10, EXP: Math.exp };

/** The anomaly band approximation described at the top of this file. */
export function anomalyBand(observed: Float64Array, deviations: number, pointsPerDay: number): Band {
  const lower = new Float64Array(observed.length).fill(NaN);
  const upper = new Float64Array(observed.length).fill(NaN);
  for (let i = 0; i < observed.length; i++) {
    let n = 0;
    let sum = 0;
    let squares = 0;
    for (let j = Math.max(0, i - pointsPerDay); j < i; j++) {
      const v = observed[j]!;
      if (Number.isNaN(v)) continue;
      n++;
      sum += v;
      squares += v * v;
    }
    if (n < 12) continue;
    const mean = sum / n;
    const sd = Math.sqrt(Math.max(0, squares / n - mean * mean));
    const width = deviations * Math.max(sd, 0.05 * Math.abs(mean), 1);
    lower[i] = mean - width;
    upper[i] = mean + width;
  }
  return { lower, upper };
}

export function evaluateExpression(expression: string, context: MathContext): MathValue {
  const { length } = context;
  const evaluate = (node: Node): MathValue => {
    switch (node.t) {
      case "num":
        return node.v;
      case "str":
        throw new MathError(`"${expression}": a string where a value is needed`);
      case "id": {
        const value = context.values.get(node.name);
        if (value === undefined) throw new MathError(`"${expression}": no metric or expression with id "${node.name}"`);
        return value;
      }
      case "list":
        return node.items.map((item) => series(evaluate(item), length, expression));
      case "unary": {
        const arg = evaluate(node.arg);
        return node.op === "-" ? pointwise(0, arg, length, expression, (_, y) => -y) : pointwise(0, arg, length, expression, (_, y) => Number(y === 0));
      }
      case "binary":
        return pointwise(evaluate(node.left), evaluate(node.right), length, expression, BINARY[node.op]!);
      case "call":
        return call(node.fn, node.args);
    }
  };
  const call = (fn: string, args: readonly Node[]): MathValue => {
    const arity = (n: number) => {
      if (args.length !== n) throw new MathError(`"${expression}": ${fn} takes ${n} argument(s), got ${args.length}`);
    };
    if (fn === "IF") {
      if (args.length !== 2 && args.length !== 3) throw new MathError(`"${expression}": IF takes 2 or 3 arguments`);
      const condition = series(evaluate(args[0]!), length, expression);
      const whenTrue = series(evaluate(args[1]!), length, expression);
      const whenFalse = args[2] ? series(evaluate(args[2]), length, expression) : new Float64Array(length).fill(NaN);
      const out = new Float64Array(length);
      for (let i = 0; i < length; i++) out[i] = Number.isNaN(condition[i]!) ? NaN : condition[i] !== 0 ? whenTrue[i]! : whenFalse[i]!;
      return out;
    }
    if (fn === "FILL") {
      arity(2);
      const value = series(evaluate(args[0]!), length, expression);
      const filler = evaluate(args[1]!);
      if (typeof filler !== "number") throw new MathError(`"${expression}": the drill evaluates FILL with a number only`);
      return value.map((v) => (Number.isNaN(v) ? filler : v));
    }
    if (fn === "PERIOD") {
      arity(1);
      return context.periodSeconds;
    }
    if (fn in REDUCERS) {
      arity(1);
      const arg = evaluate(args[0]!);
      if (!Array.isArray(arg)) throw new MathError(`"${expression}": the drill evaluates ${fn} over an array of series ([a, b]) only, not over one series' time range`);
      return across(arg as Float64Array[], length, REDUCERS[fn]!);
    }
    if (fn in UNARY_FUNCTIONS) {
      arity(1);
      return pointwise(0, evaluate(args[0]!), length, expression, (_, y) => UNARY_FUNCTIONS[fn]!(y));
    }
    if (fn === "DIFF" || fn === "RATE") {
      arity(1);
      const x = series(evaluate(args[0]!), length, expression);
      const out = new Float64Array(length).fill(NaN);
      for (let i = 1; i < length; i++) out[i] = (x[i]! - x[i - 1]!) / (fn === "RATE" ? context.periodSeconds : 1);
      return out;
    }
    if (fn === "ANOMALY_DETECTION_BAND") {
      if (args.length < 1 || args.length > 2) throw new MathError(`"${expression}": ANOMALY_DETECTION_BAND takes 1 or 2 arguments`);
      const observed = series(evaluate(args[0]!), length, expression);
      const deviations = args[1] ? evaluate(args[1]) : 2;
      if (typeof deviations !== "number") throw new MathError(`"${expression}": the band's width must be a number`);
      return anomalyBand(observed, deviations, Math.round(86400 / context.periodSeconds));
    }
    throw new MathError(`"${expression}": function ${fn} is not one the drill evaluates`);
  };
  return evaluate(parseExpression(expression));
}

export { isBand, isSeries };
