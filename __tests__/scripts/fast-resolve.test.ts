/**
 * fast-resolve.ts against cdktf's own Tokenization.resolve: for any tree of
 * JSON with tokens and anything else cdktf meets in it, both give the same
 * value, or fail with the same message, path included. And the hook does
 * what it is for: plain JSON never reaches cdktf's resolve.
 */
import { App, DefaultTokenResolver, Lazy, StringConcat, TerraformStack, Testing, Tokenization, type ResolveOptions } from "cdktf";
import * as cdktfResolve from "cdktf/lib/tokens/private/resolve";
import fc from "fast-check";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EstateMonitoring } from "../../examples/monitor-an-estate";
import { CheckoutMonitoring } from "../../examples/monitor-existing-functions";
import { installFastResolve, withFastResolve } from "../../modules/synth-speed/fast-resolve";
import { buildApp } from "../../main";
import { outcome, tokens, tree } from "../token-trees";

/** What a Tokenization.resolve of a tree may meet besides JSON and tokens: cdktf keeps, walks or refuses each, at a path. */
const oddities: Record<string, () => unknown> = {
  date: () => new Date(0),
  classInstance: () => new (class Point {
    readonly x = 1;
    readonly label = "point";
  })(),
  nullPrototype: () => Object.assign(Object.create(null) as object, { a: 1, b: [true] }),
  fn: () => () => "not data",
  symbol: () => Symbol("s"),
  bigint: () => 10n,
  // Text that cdktf's number-token pattern matches, each way it can.
  numberPatterns: () => "a|e+ 9e| x.e1 -e- +e.",
  // A number token in text, spelled with no digit before its exponent: cdktf finds it all the same.
  numberTokenSpelledOddly: () => `${oddlySpelled(Lazy.numberValue({ produce: () => 42 }))} s`,
  cycle: () => {
    const node: Record<string, unknown> = { name: "loop" };
    node["self"] = node;
    return node;
  },
  deep: () => Array.from({ length: 210 }).reduce<unknown>((inner) => ({ next: inner }), "bottom"),
};

/** -1.8881545897087626e+289 as -18881545897087626.e+273: the same double. */
function oddlySpelled(n: number): string {
  const [, sign, whole, fraction, exponent] = /^(-?)(\d)\.(\d+)e\+(\d+)$/.exec(String(n))!;
  const spelled = `${sign}${whole}${fraction}.e+${Number(exponent) - fraction!.length}`;
  expect(parseFloat(spelled)).toBe(n);
  return spelled;
}

const anything: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    tree,
    fc.constantFrom(...Object.keys(oddities)).map((kind) => oddities[kind]!()),
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie("node"), { maxKeys: 4 }),
  ),
})).node;

/** Tokenization.resolve of a value in `stack`, as a stack calls it: the value, or the first line of the error (which names the path). */
const resolveIn = (stack: TerraformStack, value: unknown, preparing: boolean) =>
  outcome(() => Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()), preparing } as ResolveOptions));

describe("fast-resolve: cdktf's Tokenization.resolve, with plain JSON walked without it", () => {
  const stack = new TerraformStack(Testing.app(), "fast-resolve");

  test("any tree: the same value, or the same error at the same path, preparing or not", () => {
    let errors = 0;
    fc.assert(
      fc.property(anything, fc.boolean(), (value, preparing) => {
        const cdktfs = resolveIn(stack, value, preparing);
        const ours = withFastResolve(() => resolveIn(stack, value, preparing));
        expect(ours).toStrictEqual(cdktfs);
        if ("error" in cdktfs) errors += 1;
      }),
      { numRuns: 400 },
    );
    // Both kinds of outcome were compared.
    expect(errors).toBeGreaterThan(20);
    expect(errors).toBeLessThan(380);
  });

  test("the errors that name a path name the same one", () => {
    const cases: Record<string, unknown> = {
      function: { a: [{ b: () => 1 }] },
      construct: { resources: [stack] },
      circular: oddities.cycle!(),
      tooDeep: { wrapped: oddities.deep!() },
      mapKey: { outer: { [Lazy.stringValue({ produce: () => 7 as unknown as string })]: "value" } },
    };
    for (const [name, value] of Object.entries(cases)) {
      const cdktfs = resolveIn(stack, value, false);
      expect({ name, error: "error" in cdktfs }).toEqual({ name, error: true });
      expect({ name, ...withFastResolve(() => resolveIn(stack, value, false)) }).toStrictEqual({ name, ...cdktfs });
    }
    expect(resolveIn(stack, { a: [{ b: () => 1 }] }, false)).toEqual({ error: expect.stringContaining("at '/a/0/b'") });
  });

  test("a number token in text, however it is spelled, resolves as cdktf resolves it", () => {
    const value = { text: oddities.numberTokenSpelledOddly!() };
    expect(resolveIn(stack, value, false)).toEqual({ value: { text: "42 s" } });
    expect(withFastResolve(() => resolveIn(stack, value, false))).toEqual({ value: { text: "42 s" } });
  });

  test("hands cdktf only the values that may hold a token, each with its path", () => {
    const calls = jest.spyOn(cdktfResolve, "resolve");
    try {
      const plain = { resource: { aws_sqs_queue: { dlq: { name: "orders-dlq-dev", tags: { team: "platform" }, delay_seconds: 0, fifo: false, list: [1, "two", null] } } } };
      withFastResolve(() => resolveIn(stack, plain, false));
      expect(calls).not.toHaveBeenCalled();
      const withToken = { resource: { aws_sqs_queue: { dlq: { name: "orders-dlq-dev", arn: tokens.stringToken!() } } } };
      expect(withFastResolve(() => resolveIn(stack, withToken, false))).toEqual({ value: { resource: { aws_sqs_queue: { dlq: { name: "orders-dlq-dev", arn: "${aws_cloudwatch_metric_alarm.a.arn}" } } } } });
      expect(calls).toHaveBeenCalledTimes(1);
      expect(calls.mock.calls[0]![1]).toEqual(expect.objectContaining({ prefix: ["resource", "aws_sqs_queue", "dlq", "arn"], preparing: false }));
    } finally {
      calls.mockRestore();
    }
  });

  test("takes itself out after the work, and when the work throws", () => {
    const original = Tokenization.resolve;
    expect(withFastResolve(() => Tokenization.resolve !== original)).toBe(true);
    expect(Tokenization.resolve).toBe(original);
    expect(() =>
      withFastResolve(() => {
        throw new Error("synth failed");
      }),
    ).toThrow("synth failed");
    expect(Tokenization.resolve).toBe(original);
    const uninstall = installFastResolve();
    uninstall();
    expect(Tokenization.resolve).toBe(original);
  });

  test("the app's four stacks and the examples synthesize to the same bytes with it as with cdktf's own resolve", () => {
    const synthInto = (fast: boolean): Map<string, string> => {
      const outdir = mkdtempSync(join(tmpdir(), "fast-resolve-"));
      try {
        const app = buildApp(new App({ outdir }), {});
        new EstateMonitoring(app, "example-estate");
        new CheckoutMonitoring(app, "example-checkout");
        if (fast) withFastResolve(() => app.synth());
        else app.synth();
        const files = readdirSync(outdir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith(".json"));
        return new Map(files.map((entry) => [join(entry.parentPath, entry.name).slice(outdir.length), readFileSync(join(entry.parentPath, entry.name), "utf8")]));
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    };
    const [cdktfs, ours] = [synthInto(false), synthInto(true)];
    expect([...ours.keys()].sort()).toEqual([...cdktfs.keys()].sort());
    expect([...cdktfs.keys()].filter((file) => file.endsWith("cdk.tf.json"))).toHaveLength(6);
    for (const [file, text] of cdktfs) expect({ file, same: ours.get(file) === text }).toEqual({ file, same: true });
  });
});
