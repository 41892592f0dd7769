/**
 * resolveTokens, the dashboards' walk over a rendered widget tree, against
 * cdktf's own resolve: for any tree of plain JSON with every kind of token in
 * it, both give the same value, or both fail with the same message.
 */
import { DefaultTokenResolver, Lazy, StringConcat, TerraformStack, Testing, Tokenization, type IResolveContext } from "cdktf";
import fc from "fast-check";
import { resolveTokens } from "../../modules/dashboard/resolve-tokens";
import { outcome, tokens, tree } from "../token-trees";

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
