import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { summariseOutput, summariseStack } from "../../scripts/synth-summary";
import { runEntry } from "../entries";
import { synthEnvironment } from "../helpers";

describe("the app (scripts/app.ts, as cdktf.json runs it)", () => {
  test("a configuration mistake is one line on stderr and exit 1, not a stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "app-"));
    try {
      const result = runEntry("scripts/app.ts", [], {
        env: { ...process.env, CDKTF_OUTDIR: dir, MONITORING_STATE_REGION: "Frankfurt" },
      });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe('MONITORING_STATE_REGION: got "Frankfurt"; allowed: an AWS region such as eu-west-1.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("run by the cdktf CLI, a configuration mistake goes to the CLI as one error annotation, without a stack trace, and nothing to stderr (the CLI prints stderr twice)", () => {
    const dir = mkdtempSync(join(tmpdir(), "app-"));
    try {
      const result = runEntry("scripts/app.ts", [], {
        env: { ...process.env, CDKTF_OUTDIR: dir, CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true", MONITORING_STATE_REGION: "Frankfurt" },
      });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
      const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { stacks: Record<string, { annotations: unknown[] }> };
      expect(Object.values(manifest.stacks).flatMap((stack) => stack.annotations)).toEqual([
        { constructPath: "invalid-configuration", level: "@cdktf/error", message: 'MONITORING_STATE_REGION: got "Frankfurt"; allowed: an AWS region such as eu-west-1.' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("writes the four stacks and the summary counts them, with no terraform binary on the PATH (synth is offline)", () => {
    const dir = mkdtempSync(join(tmpdir(), "app-"));
    // Leave out every PATH entry holding a terraform binary: synth must not need one (cdktf's moveFromId would).
    const path = (process.env.PATH ?? "").split(delimiter).filter((entry) => !existsSync(join(entry, "terraform"))).join(delimiter);
    try {
      const result = runEntry("scripts/app.ts", [], { env: { ...process.env, CDKTF_OUTDIR: dir, PATH: path } });
      expect(result.status).toBe(0);
      const summary = summariseOutput(dir);
      expect(summary.split("\n").filter((l) => !l.startsWith(" "))).toEqual([
        "monitoring-dev: 284 resources, 175 alarms, state s3://serverless-monitoring-terraform-state/serverless-monitoring/dev/terraform.tfstate",
        "",
        "monitoring-production: 378 resources, 247 alarms, state s3://serverless-monitoring-terraform-state/serverless-monitoring/production/terraform.tfstate",
        "",
        "monitoring-staging: 311 resources, 183 alarms, state s3://serverless-monitoring-terraform-state/serverless-monitoring/staging/terraform.tfstate",
        "",
        "state-bootstrap: 10 resources, 0 alarms, state local: ../../../terraform.state-bootstrap.tfstate",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the summary lists resources by type", () => {
    const text = summariseStack("monitoring-dev", synthEnvironment("dev").json);
    expect(text).toMatch(/\n {2}aws_cloudwatch_metric_alarm +147\n/);
    expect(text).toMatch(/\n {2}aws_lambda_function +5\n/);
  });

  test("no synth output says what to run", () => {
    expect(() => summariseOutput("/nonexistent")).toThrow("No synth output at /nonexistent/manifest.json. Run `npm run synth`.");
  });
});
