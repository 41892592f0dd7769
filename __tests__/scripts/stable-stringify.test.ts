/**
 * scripts/stable-stringify.cjs, which the compiled app uses in place of
 * json-stable-stringify for cdktf's imports, against that package (the copy
 * cdktf installs): the same text for any value, and the same error for a
 * circular one.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../paths";

type Stringify = (value: unknown, options?: { space?: string | number }) => string | undefined;
const ours = require("../../scripts/stable-stringify.cjs") as Stringify;
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
const odd = fc.constantFrom<unknown>(undefined, new Date(0), { toJSON: () => ({ b: 1, a: [undefined] }) }, () => "a function", Symbol("s"), NaN, -0, Infinity);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.jsonValue(),
    odd,
    fc.array(tie("value"), { maxLength: 5 }),
    // Keys that sort differently by code unit than by insertion or as numbers: "10" and "9", "Z" and "a", "é".
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("10", "9", "Z", "a", "\u00e9", "", "__proto__x")), tie("value"), { maxKeys: 6 }),
  ),
}));

describe("stable-stringify.cjs: json-stable-stringify's text, to the byte", () => {
  test("any value, with cdktf's { space: 2 } and with the other spacings", () => {
    fc.assert(
      fc.property(value, fc.constantFrom<{ space?: string | number } | undefined>({ space: 2 }, undefined, {}, { space: 0 }, { space: "\t" }, { space: 1.5 }), (input, options) => {
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
