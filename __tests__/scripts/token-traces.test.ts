import { Lazy, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { installCheapTokenTraces, TOKEN_TRACE_FRAMES, withCheapTokenTraces, withTokenTracesOnFailure } from "../../modules/synth-speed/token-traces";
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

  test("with 0 frames a token has no trace at all", () => {
    expect(withCheapTokenTraces(() => deep(30, () => Lazy.anyValue({ produce: () => "x" })), 0).creationStack).toEqual([]);
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

  describe("withTokenTracesOnFailure: a synth without token traces, run again with them only when it fails", () => {
    /** A synth whose output holds a token that cannot be resolved: cdktf's message then names where the token was made. */
    const failingSynth = () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, "traces");
      new TerraformOutput(stack, "broken", {
        value: Lazy.stringValue({
          produce: () => {
            throw new Error("no value to give");
          },
        }),
      });
      app.synth();
    };
    const message = (work: () => void): string => {
      try {
        work();
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error("the work did not fail");
    };

    test("a synth that succeeds runs once, without traces, and gives its value", () => {
      const traces: string[][] = [];
      expect(withTokenTracesOnFailure(() => (traces.push(Lazy.anyValue({ produce: () => 1 }).creationStack), "done"))).toBe("done");
      expect(traces).toEqual([[]]);
    });

    test("a synth that fails is run again, and its error names the line that made the token", () => {
      // Without traces, cdktf can say what failed, not where the token came from.
      expect(message(() => withCheapTokenTraces(failingSynth, 0))).not.toContain("Object creation stack");
      const text = message(() => withTokenTracesOnFailure(failingSynth));
      expect(text).toContain("no value to give");
      expect(text).toContain("Object creation stack");
      expect(text).toContain("token-traces.test.ts");
    });

    test("an error that traces cannot help with is thrown after one run", () => {
      let runs = 0;
      const mistake = new Error("MONITORING_STATE_REGION: got \"Frankfurt\"");
      expect(() =>
        withTokenTracesOnFailure(
          () => {
            runs += 1;
            throw mistake;
          },
          (error) => error === mistake,
        ),
      ).toThrow(mistake);
      expect(runs).toBe(1);
    });

    test("should the second run succeed, the first run's error is thrown", () => {
      let runs = 0;
      expect(() =>
        withTokenTracesOnFailure(() => {
          runs += 1;
          if (runs === 1) throw new Error("first run failed");
        }),
      ).toThrow("first run failed");
      expect(runs).toBe(2);
    });
  });
});
