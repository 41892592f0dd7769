/**
 * modules/synth-speed/stable-stringify.cjs, which the compiled app uses in place of
 * json-stable-stringify for cdktf's imports, against that package (the copy
 * cdktf installs): the same text for any value, and the same error for a
 * circular one.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../paths";
import { synthEnvironment } from "../helpers";

type Stringify = (value: unknown, options?: { space?: string | number }) => string | undefined;
const ours = require("../../modules/synth-speed/stable-stringify.cjs") as Stringify;
const cdktfDirectory = join(PROJECT_ROOT, "node_modules", "cdktf");
const packages = require(require.resolve("json-stable-stringify", { paths: [cdktfDirectory] })) as Stringify;

/** What a stringify gives, or the message it fails with. */
function outcome(stringify: Stringify, value: unknown, options?: { space?: string | number }): { text: string | undefined } | { error: string } {
  try {
    return { text: stringify(value, options) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Besides JSON: what cdktf's documents could hold, and what the package treats in its own way. */
/** The package calls toJSON without the key, JSON.stringify with it: a toJSON that reads its key tells the two apart. */
const toJson = (key?: string) => (key === undefined ? { b: 1, a: [undefined] } : `toJSON("${key}")`);
const functionWithToJson = Object.assign(() => "a function", { toJSON: toJson });
const arrayWithToJson = Object.assign([1, 2], { toJSON: toJson });
/** Text that looks like the markers of the JSON.stringify path ("\u0001" and a number) must not be taken for one. */
const markerLike = fc.constantFrom("\u00010", "a\u00011", '"\u00010"');
const odd = fc.oneof(fc.constantFrom<unknown>(undefined, new Date(0), { toJSON: toJson }, () => "a function", functionWithToJson, arrayWithToJson, Symbol("s"), NaN, -0, Infinity, BigInt(1), new Number(3), Object.create(null)), markerLike);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.jsonValue(),
    odd,
    fc.array(tie("value"), { maxLength: 5 }),
    // Keys that sort differently by code unit than by insertion or as numbers: "10" and "9", "Z" and "a", "é".
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("10", "9", "0", "Z", "a", "\u00e9", "", "__proto__", "__proto__x"), markerLike), tie("value"), { maxKeys: 6 }),
  ),
}));

describe("stable-stringify.cjs: json-stable-stringify's text, to the byte", () => {
  test("any value, with cdktf's { space: 2 } and with the other spacings", () => {
    fc.assert(
      fc.property(value, fc.constantFrom<{ space?: string | number } | undefined>({ space: 2 }, undefined, {}, { space: 0 }, { space: "\t" }, { space: 1.5 }, { space: 12 }), (input, options) => {
        expect(outcome(ours, input, options)).toStrictEqual(outcome(packages, input, options));
      }),
      { numRuns: 500 },
    );
  });

  test("the package's quirks: empty containers on two lines, undefined items as null, undefined values left out", () => {
    const input = { b: {}, a: [], c: [1, undefined, () => 1], d: undefined, "10": 1, "9": 2 };
    const expected = '{\n  "10": 1,\n  "9": 2,\n  "a": [\n  ],\n  "b": {\n  },\n  "c": [\n    1,\n    null,\n    null\n  ]\n}';
    expect(packages(input, { space: 2 })).toBe(expected);
    expect(ours(input, { space: 2 })).toBe(expected);
  });

  test("an object reached twice, at two depths, is written at each depth (empty containers' closing lines included)", () => {
    const shared = { empty: {}, none: [] };
    const input = { a: shared, b: { c: { d: shared } }, e: [shared, [[]]] };
    expect(ours(input, { space: 2 })).toBe(packages(input, { space: 2 }));
  });

  test("each value the engine's JSON.stringify would write differently is written as the package writes it", () => {
    const inputs: Record<string, unknown> = {
      "a function with toJSON, as a value": { a: functionWithToJson, b: {} },
      "a function with toJSON, as an item": [functionWithToJson, []],
      "an array with toJSON": { a: arrayWithToJson, b: {} },
      "an object with toJSON": { a: { toJSON: toJson }, b: [] },
      "a string like a marker, beside an empty object": { a: {}, b: "\u00010" },
      "a key like a marker, beside an empty array": { a: [], "\u00010": 1 },
      "a __proto__ key": JSON.parse('{ "__proto__": { "x": 1 }, "a": {} }') as unknown,
      "keys that are array indexes": { "10": {}, "9": [], a: 1 },
      "an indent longer than 10": { a: { b: [] } },
    };
    for (const [name, input] of Object.entries(inputs)) {
      const options = name.startsWith("an indent") ? { space: 12 } : { space: 2 };
      expect({ name, text: ours(input, options) }).toEqual({ name, text: packages(input, options) });
    }
  });

  test("a synthesized stack's document is written by the engine's JSON.stringify, in one call", () => {
    const document = synthEnvironment("dev").json;
    const stringify = jest.spyOn(JSON, "stringify");
    try {
      const text = ours(document, { space: 2 });
      expect(stringify.mock.calls.filter(([, replacer]) => typeof replacer === "function")).toHaveLength(1);
      expect(stringify).toHaveBeenCalledTimes(1);
      expect(text).toBe(packages(document, { space: 2 }));
      // Its empty containers (an alarm's dimensions) took the marker's way.
      expect(text).toMatch(/"dimensions": \{\n {8}\}/);
    } finally {
      stringify.mockRestore();
    }
  });

  test("a circular object fails as in the package", () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop["self"] = { inner: loop };
    expect(outcome(ours, loop, { space: 2 })).toStrictEqual(outcome(packages, loop, { space: 2 }));
    expect(outcome(ours, loop, { space: 2 })).toEqual({ error: "Converting circular structure to JSON" });
  });

  test("an option cdktf does not pass is refused by name, not ignored", () => {
    expect(() => ours({}, { space: 2, cycles: true } as never)).toThrow('stable-stringify.cjs: got the option "cycles"; allowed: space (the only one cdktf 0.21 passes)');
    expect(() => ours({}, (() => 0) as never)).toThrow("got a comparison function");
  });

  test("cdktf passes only { space: 2 }, at each place it stringifies", () => {
    const lines = ["lib/synthesize/synthesizer.js", "lib/manifest.js", "lib/testing/index.js"].flatMap((file) =>
      readFileSync(join(cdktfDirectory, file), "utf8")
        .split("\n")
        .filter((line) => /(?<![.\w])stringify\(/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(line).toMatch(/(?<![.\w])stringify\(.*, \{ space: 2 \}\)/);
  });
});
