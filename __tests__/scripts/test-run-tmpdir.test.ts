/** The test run's own temporary directory (__tests__/global-setup.ts), where cdktf's Testing.app() leaves its output directories, and its removal. */
import { Testing } from "cdktf";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import globalTeardown from "../global-teardown";
import { RUN_TMPDIR_VARIABLE } from "../run-tmpdir";

describe("the test run's temporary directory", () => {
  test("is the temporary directory of this worker, and cdktf's Testing.app() writes inside it", () => {
    const runDir = process.env[RUN_TMPDIR_VARIABLE];
    expect(runDir).toMatch(/serverless-monitoring-tests-/);
    expect(tmpdir()).toBe(runDir);
    expect(dirname(Testing.app().outdir)).toBe(runDir);
  });

  test("the teardown removes it, and removes links in it without following them", () => {
    const outside = mkdtempSync(join(tmpdir(), "outside-"));
    const runDir = mkdtempSync(join(tmpdir(), "run-"));
    const original = process.env[RUN_TMPDIR_VARIABLE];
    try {
      writeFileSync(join(outside, "provider"), "kept");
      mkdirSync(join(runDir, "cdktf.outdir.x", ".terraform"), { recursive: true });
      symlinkSync(outside, join(runDir, "cdktf.outdir.x", ".terraform", "mirror"));
      process.env[RUN_TMPDIR_VARIABLE] = runDir;
      globalTeardown();
      expect(existsSync(runDir)).toBe(false);
      expect(existsSync(join(outside, "provider"))).toBe(true);
    } finally {
      if (original === undefined) delete process.env[RUN_TMPDIR_VARIABLE];
      else process.env[RUN_TMPDIR_VARIABLE] = original;
      rmSync(outside, { recursive: true, force: true });
      rmSync(runDir, { recursive: true, force: true });
    }
  });
});
