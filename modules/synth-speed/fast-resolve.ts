/**
 * cdktf's resolve, with the plain JSON around the tokens walked without it.
 *
 * A synth resolves every value of every stack three times: a preparing pass,
 * each element's document, then the merged document. cdktf's resolve makes a
 * context (three closures) and the text of the path for every value it
 * passes, and tests every string, object keys included, against three
 * regular expressions. A 500-function estate holds 267,000 values a pass,
 * and few of them hold a token.
 *
 * While the hook is in, `Tokenization.resolve`, through which a stack
 * resolves all three passes, walks plain JSON itself (resolvePlainJson, in
 * modules/common/tokens.ts, as the dashboards do) and hands cdktf's resolve
 * every value that may hold a token, or that is anything but plain JSON,
 * with the path it stands at. So what a token resolves to, and every error
 * (with the path it names), stays cdktf's. __tests__/scripts/fast-resolve.test.ts holds the two equal for
 * any tree of JSON and tokens, and the app's synth byte-identical.
 *
 * Part of the package, opt-in: runApp's `fastSynth` puts it in around the
 * synth, and the reference app (main.ts), its benchmark and the CDK Terrain
 * check use it as a consumer does.
 */
import { Tokenization, type ResolveOptions } from "cdktf";
// The function Tokenization.resolve calls, which takes the path a value stands at (its error messages name it).
import { resolve as resolveAtPath } from "cdktf/lib/tokens/private/resolve";
import { resolvePlainJson } from "../common/tokens";

/** Runs `work` (a synth) with the hook in. */
export function withFastResolve<T>(work: () => T): T {
  const uninstall = installFastResolve();
  try {
    return work();
  } finally {
    uninstall();
  }
}

/** Puts the hook in until the returned function is called. */
export function installFastResolve(): () => void {
  const original = Object.getOwnPropertyDescriptor(Tokenization, "resolve")!;
  Tokenization.resolve = (obj: unknown, options: ResolveOptions): unknown =>
    // What cdktf's resolve gives for a handed-over value at its path, called as Tokenization.resolve calls it.
    resolvePlainJson(obj, (value, path) => resolveAtPath(value, { scope: options.scope, resolver: options.resolver, preparing: options.preparing ?? false, prefix: [...path] }));
  return () => Object.defineProperty(Tokenization, "resolve", original);
}
