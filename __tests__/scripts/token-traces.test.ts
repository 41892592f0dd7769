import { Lazy } from "cdktf";
import { installCheapTokenTraces, TOKEN_TRACE_FRAMES, withCheapTokenTraces } from "../../token-traces";
import { removeTokenTraceHooks } from "../setup";

/** A call `depth` frames down, so a trace has more frames than the token limit. */
function deep<T>(depth: number, work: () => T): T {
  return depth === 0 ? work() : deep(depth - 1, work);
}

describe("cheap token traces (token-traces.ts)", () => {
  // Without the hooks every test file gets from setup.ts, so each test sees only its own.
  beforeAll(() => removeTokenTraceHooks());
  afterAll(() => installCheapTokenTraces());

  test("without the hooks a token's trace is longer: the limit is theirs", () => {
    expect(deep(30, () => Lazy.anyValue({ produce: () => "x" })).creationStack.length).toBeGreaterThan(TOKEN_TRACE_FRAMES);
  });

  test("a token made inside keeps at most TOKEN_TRACE_FRAMES frames, among them the line that made it", () => {
    const token = withCheapTokenTraces(() => deep(30, () => Lazy.anyValue({ produce: () => "x" })));
    expect(token.creationStack.length).toBeGreaterThan(0);
    expect(token.creationStack.length).toBeLessThanOrEqual(TOKEN_TRACE_FRAMES);
    expect(token.creationStack.join("\n")).toContain("token-traces.test.ts");
  });

  test("an error thrown inside keeps its whole trace and its message", () => {
    let thrown: Error | undefined;
    withCheapTokenTraces(() => {
      try {
        deep(30, () => {
          throw new Error("a real mistake");
        });
      } catch (error) {
        thrown = error as Error;
      }
    });
    const lines = thrown!.stack!.split("\n");
    expect(lines[0]).toBe("Error: a real mistake");
    expect(lines.filter((line) => line.includes("deep")).length).toBeGreaterThan(TOKEN_TRACE_FRAMES);
  });

  test("the hooks come out afterwards, even when the work throws", () => {
    const before = [Error.captureStackTrace, Error.prepareStackTrace];
    expect(() =>
      withCheapTokenTraces(() => {
        throw new Error("fails");
      }),
    ).toThrow("fails");
    expect([Error.captureStackTrace, Error.prepareStackTrace]).toEqual(before);
  });
});
