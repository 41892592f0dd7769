/**
 * Trees of JSON with every kind of cdktf token in them, for the property
 * tests that hold a walk that skips cdktf's resolve for plain values equal to
 * cdktf's resolve (the dashboards' resolveTokens, the app's fast resolve).
 */
import { Lazy, Token } from "cdktf";
import fc from "fast-check";

/** Each value made anew, so that every tree has tokens of its own. */
export const tokens: Record<string, () => unknown> = {
  stringToken: () => Lazy.stringValue({ produce: () => "${aws_cloudwatch_metric_alarm.a.arn}" }),
  stringInText: () => `arn: ${Lazy.stringValue({ produce: () => "${aws_sns_topic.t.arn}" })} (alarm)`,
  numberToken: () => Lazy.numberValue({ produce: () => 300 }),
  numberInText: () => `period ${Lazy.numberValue({ produce: () => 60 })} s`,
  listToken: () => Lazy.listValue({ produce: () => ["a", "b"] }),
  numberList: () => Token.asNumberList(Lazy.anyValue({ produce: () => [1, 2] })),
  resolvable: () => Lazy.anyValue({ produce: () => ({ nested: [1, "two"] }) }),
  plainResolvable: () => ({ resolve: () => "from a plain object" }),
  stringMap: () => Token.asStringMap(Lazy.anyValue({ produce: () => ({ k: "v" }) })),
  // In a scalar place, cdktf refuses a list token: both walks must say so.
  listTokenAsText: () => Lazy.listValue({ produce: () => ["x"] })[0],
  numberListItem: () => Token.asNumberList(Lazy.anyValue({ produce: () => [3] }))[0],
  // A map token's markers, alone: cdktf refuses them too.
  stringMapMarker: () => Token.STRING_MAP_TOKEN_VALUE,
  anyMapMarker: () => Token.ANY_MAP_TOKEN_VALUE,
  numberMapMarker: () => Token.NUMBER_MAP_TOKEN_VALUE,
};

/** Strings that look a little like tokens and are not: cdktf's number regex matches the first three. */
const lookalikes = ["1e5", "re-e-order", "-1.5e+3", "${var.literal}", "TfToken", "%{ if x }"];

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.constantFrom(...lookalikes),
  fc.double({ noNaN: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom(...Object.keys(tokens)).map((kind) => tokens[kind]!()),
);

export const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("tree"), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...lookalikes)), tie("tree"), { maxKeys: 5 }),
  ),
}));

/** What a resolve gives, or the first line of the message it fails with (the rest is where the token was made). */
export function outcome(resolve: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: resolve() };
  } catch (error) {
    return { error: (error as Error).message.split("\n")[0]! };
  }
}
