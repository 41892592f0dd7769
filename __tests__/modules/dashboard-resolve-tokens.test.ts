/**
 * resolveTokens, the dashboards' walk over a rendered widget tree, against
 * cdktf's own resolve: for any tree of plain JSON with every kind of token in
 * it, both give the same value, or both fail with the same message.
 */
import { DefaultTokenResolver, Lazy, StringConcat, TerraformStack, Testing, Token, Tokenization, type IResolveContext } from "cdktf";
import fc from "fast-check";
import { resolveTokens } from "../../modules/dashboard/resolve-tokens";

/** Each value made anew, so that every tree has tokens of its own. */
const tokens: Record<string, () => unknown> = {
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

const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("tree"), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...lookalikes)), tie("tree"), { maxKeys: 5 }),
  ),
}));

/** What a resolve gives, or the first line of the message it fails with (the rest is where the token was made). */
function outcome(resolve: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: resolve() };
  } catch (error) {
    return { error: (error as Error).message.split("\n")[0]! };
  }
}

describe("resolveTokens: the same value as cdktf's resolve, visiting fewer values", () => {
  const stack = new TerraformStack(Testing.app(), "resolve-tokens");
  const resolver = new DefaultTokenResolver(new StringConcat());
  /**
   * What `walk` returns inside a resolve in the stack, as a dashboard body's
   * Lazy calls it. Taken as it is: cdktf would resolve whatever a Lazy
   * produces once more, and so hide a token the walk left behind.
   */
  const inResolve = (walk: (context: IResolveContext) => unknown): { result: unknown } => {
    let result: unknown;
    Tokenization.resolve(Lazy.anyValue({ produce: (context) => ((result = walk(context)), null) }), { scope: stack, resolver });
    return { result };
  };

  test("any tree of JSON and tokens", () => {
    let resolved = 0;
    fc.assert(
      fc.property(tree, (value) => {
        const ours = outcome(() => inResolve((context) => resolveTokens(value, context)).result);
        const cdktfs = outcome(() => inResolve((context) => context.resolve(value)).result);
        expect(ours).toStrictEqual(cdktfs);
        if ("value" in cdktfs) resolved += 1;
      }),
      { numRuns: 300 },
    );
    // Most trees resolve; the rest hold a token cdktf refuses where it stands.
    expect(resolved).toBeGreaterThan(150);
  });

  test("each kind of token, alone and in a widget", () => {
    for (const [kind, make] of Object.entries(tokens)) {
      const widget = { type: "metric", properties: { alarms: [make()], title: make(), period: 300 } };
      const ours = outcome(() => inResolve((context) => resolveTokens(widget, context)).result);
      expect({ kind, ...ours }).toStrictEqual({ kind, ...outcome(() => inResolve((context) => context.resolve(widget)).result) });
    }
    expect(inResolve((context) => resolveTokens({ arn: tokens.stringToken!() }, context)).result).toEqual({ arn: "${aws_cloudwatch_metric_alarm.a.arn}" });
  });

  test("plain JSON comes back equal, without undefined values", () => {
    const plain = { widgets: [{ x: 0, y: 1.5, title: "Errors", hidden: undefined, flags: [true, null, undefined] }] };
    expect(inResolve((context) => resolveTokens(plain, context)).result).toStrictEqual({ widgets: [{ x: 0, y: 1.5, title: "Errors", flags: [true, null] }] });
  });
});
