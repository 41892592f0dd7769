/**
 * Configurations generated from the shipped environments (dev, staging,
 * production) with one to three mutated leaves, and what `npm run synth`
 * makes of each: a synthesized stack, or one ConfigurationError naming the
 * field. Shared by the property test (config-property.test.ts) and the e2e
 * suite, which validates a sample with terraform and the real provider.
 */
import { App, Testing } from "cdktf";
import fc from "fast-check";
import { environmentInput, ENVIRONMENT_NAMES, parseEnvironment, type EnvironmentConfig, type EnvironmentName } from "../../environments";
import { ValidationError } from "@serverless-monitoring/constructs";
import { MonitoringStack } from "../../stacks";
import { BUNDLE_ROOT } from "../helpers";

export const TODAY = "2026-11-23";

type Path = readonly (string | number)[];

/** One change to a configuration: set the value at a path (a leaf, or a key added beside the leaves), delete it, or copy an array's first item onto its end. */
export type Mutation = { readonly op: "set"; readonly path: Path; readonly value: unknown } | { readonly op: "delete"; readonly path: Path } | { readonly op: "duplicate"; readonly path: Path };

export interface ConfigurationCase {
  readonly environment: EnvironmentName;
  readonly mutations: readonly Mutation[];
}

const HOSTILE_STRINGS = [
  "",
  " ",
  '${file("x")}',
  '${file("/etc/passwd")}',
  "%{ if true }x%{ endif }",
  "%{ if }",
  "${TfToken[TOKEN.1]}",
  "${TfToken[TOKEN.999999]}",
  "#{TfToken[TOKEN.2]}",
  "&{TfToken[TOKEN.3]}",
  "-1.8881545897087626e+289",
  "String Map Token Value",
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "ünïcödé 😀",
  "\u202eevil",
  "a\u0000b",
  "line\nbreak",
  "x".repeat(300),
  "x".repeat(5000),
  "javascript:alert(1)",
  "http://example.com",
  "https://example.com/runbook",
  "arn:aws:sns:eu-west-1:111122223333:elsewhere",
  "arn:aws:lambda:eu-west-1:111122223333:function:elsewhere",
  "+4915112345678",
  "team@example.com",
  "payment",
  "order",
  "user-service",
  "alerting",
] as const;

const hostileString = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) }, { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) });
const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, 0.5, 1, 59, 61, 100, 101, 1e9, -1e9, Number.NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, -123456789, -(2 ** 961)),
  fc.integer({ min: -10, max: 100_000 }),
  fc.double({ noNaN: false }),
);
const wrongType = fc.constantFrom<unknown>(null, true, false, [], {}, ["x"], { x: 1 }, "1", 1);
const hostileKey = fc.constantFrom("constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "extra", "${TfToken[TOKEN.1]}", "payment", "critical", "errorRatePercent");

/** Mostly a value of the leaf's own type (so many cases reach synth), sometimes any type at all. */
function valueLike(original: unknown): fc.Arbitrary<unknown> {
  const own = typeof original === "string" ? hostileString : typeof original === "number" ? hostileNumber : typeof original === "boolean" ? fc.boolean() : wrongType;
  // Near the original: a number scaled, a string with hostile text around it; often valid, so synth is reached.
  const near =
    typeof original === "number"
      ? fc.constantFrom(original + 1, original * 2, Math.max(0, original - 1), Math.round(original / 2))
      : typeof original === "string"
        ? fc.tuple(fc.constantFrom("", " ", "${x} ", "%{ if } ", "ü ", "constructor "), fc.constantFrom("", " ${file(\"x\")}", " %{ endif }", " 😀", "-2")).map(([before, after]) => `${before}${original}${after}`)
        : fc.constant(original);
  return fc.oneof({ weight: 3, arbitrary: near }, { weight: 3, arbitrary: own }, { weight: 1, arbitrary: fc.oneof(hostileString, hostileNumber, wrongType) });
}

/** Every leaf of a configuration, and every object and array above one. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): { leaves: Path[]; objects: Path[]; arrays: Path[] } {
  const out = { leaves: [] as Path[], objects: [] as Path[], arrays: [] as Path[] };
  const walk = (node: unknown, path: (string | number)[]) => {
    if (node === null || typeof node !== "object") return void out.leaves.push(path);
    (Array.isArray(node) ? out.arrays : out.objects).push(path);
    for (const [key, child] of Object.entries(node)) walk(child, [...path, Array.isArray(node) ? Number(key) : key]);
  };
  walk(value, prefix);
  return out;
}

function mutation(environment: EnvironmentName): fc.Arbitrary<Mutation> {
  const input = environmentInput(environment);
  const { leaves, objects, arrays } = pathsOf(input);
  const setLeaf = fc.constantFrom(...leaves).chain((path) => valueLike(getAt(input, path)).map((value): Mutation => ({ op: "set", path, value })));
  const addKey = fc.tuple(fc.constantFrom(...objects), hostileKey, fc.oneof(hostileString, hostileNumber, wrongType)).map(([path, key, value]): Mutation => ({ op: "set", path: [...path, key], value }));
  const remove = fc.constantFrom(...leaves, ...objects.filter((p) => p.length > 0)).map((path): Mutation => ({ op: "delete", path }));
  const duplicate = fc.constantFrom(...arrays).map((path): Mutation => ({ op: "duplicate", path }));
  return fc.oneof({ weight: 8, arbitrary: setLeaf }, { weight: 2, arbitrary: addKey }, { weight: 1, arbitrary: remove }, { weight: 1, arbitrary: duplicate });
}

export const configurationCase: fc.Arbitrary<ConfigurationCase> = fc
  .constantFrom(...ENVIRONMENT_NAMES)
  .chain((environment) => fc.record({ environment: fc.constant(environment), mutations: fc.array(mutation(environment), { minLength: 1, maxLength: 3 }) }));

/** The environment's input with the case's mutations applied. */
export function inputOf(c: ConfigurationCase): unknown {
  const input = structuredClone(environmentInput(c.environment)) as unknown;
  for (const m of c.mutations) {
    const parent = getAt(input, m.path.slice(0, -1)) as Record<string | number, unknown> | unknown[] | undefined;
    if (parent === null || typeof parent !== "object") continue;
    const key = m.path[m.path.length - 1]!;
    if (m.op === "set") Object.defineProperty(parent, key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else if (m.op === "delete") {
      if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
      else delete (parent as Record<string | number, unknown>)[key];
    } else {
      const array = (parent as Record<string | number, unknown>)[key];
      if (Array.isArray(array) && array.length > 0) array.push(structuredClone(array[0]));
    }
  }
  return input;
}

export type Outcome =
  | { readonly kind: "synthesized"; readonly config: EnvironmentConfig; readonly json: string }
  | { readonly kind: "refused"; readonly message: string }
  /** Anything else: a ValidationError not in the configuration's shape or naming no field the case changed, or another error. */
  | { readonly kind: "wrong"; readonly what: string };

/** What `npm run synth` makes of a case: parse, build the stack, synthesize. */
export function outcomeOf(c: ConfigurationCase): Outcome {
  let config: EnvironmentConfig | undefined;
  try {
    config = parseEnvironment(c.environment, inputOf(c), TODAY);
    const json = Testing.synth(new MonitoringStack(Testing.app() as App, `monitoring-${c.environment}`, { config, bundleRoot: BUNDLE_ROOT }));
    const evaluated = unescapedInterpolations(json);
    if (evaluated.length > 0) return { kind: "wrong", what: `synthesized, with text Terraform would evaluate: ${evaluated.slice(0, 3).join(", ")}` };
    return { kind: "synthesized", config, json };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof ValidationError)) return { kind: "wrong", what: `${error instanceof Error ? error.name : typeof error}${config ? " at synth" : ""}: ${message.slice(0, 400)}` };
    const lines = message.split("\n");
    // Each line names a field, the value and what is allowed. The field may be another than the one changed
    // (a function's capability, when the capability is removed): one field against another is a rule too.
    // A top-level key that is no identifier is named in brackets, e.g. ["${TfToken[TOKEN.1]}"].
    const field = /^ {2}- (?:[A-Za-z_$]|\["(?:[^"\\]|\\.)*"\])(?:[^\s:"]|"(?:[^"\\]|\\.)*")*(, [^\s:]+)*: (got .+; allowed: .+|missing; required: .+|unknown field; allowed fields here: .+)$/;
    const shaped = lines[0] === `Invalid configuration for environment "${c.environment}":` && lines.length > 1 && lines.slice(1).every((line) => field.test(line));
    if (!shaped) return { kind: "wrong", what: `${error.name} not naming a field in the configuration's shape: ${message.slice(0, 400)}` };
    return { kind: "refused", message };
  }
}

/** `${` or `%{` in the JSON that is neither escaped nor one of cdktf's own references. */
export function unescapedInterpolations(json: string): string[] {
  return [...json.matchAll(/(?<!\$)\$\{(?!(aws_|data\.|var\.|local\.|jsonencode\(|TfToken))[^}]*\}|(?<!%)%\{[^}]*\}/g)].map((m) => m[0]);
}

function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A case as a person reads it, for a failure's report. */
export function describeCase(c: ConfigurationCase): string {
  const path = (p: Path) => p.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("");
  return `${c.environment}: ${c.mutations.map((m) => (m.op === "set" ? `${path(m.path)} = ${String(JSON.stringify(m.value) ?? m.value).slice(0, 60)}` : `${m.op} ${path(m.path)}`)).join("; ")}`;
}
