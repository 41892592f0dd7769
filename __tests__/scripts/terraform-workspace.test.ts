/**
 * The Terraform suite's workspace preparation, offline: what it changes in a
 * synthesized stack so the mirror's provider and moto can run it.
 */
import { App } from "cdktf";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../../main";
import { EXCLUDED_FROM_APPLY, IGNORED_AFTER_APPLY } from "../../scripts/terraform-e2e/excluded-from-apply";
import { deterministicZip, prepareWorkspace } from "../../scripts/terraform-e2e/workspace";

describe("prepareWorkspace", () => {
  let root: string;
  let stackDir: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "workspace-"));
    buildApp(new App({ outdir: join(root, "out") }), {}).synth();
    stackDir = join(root, "out", "stacks", "monitoring-dev");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("drops the backend, pins the AWS provider to the mirror's version and replaces archive_file with zips built here", () => {
    const workDir = join(root, "validate");
    const json = prepareWorkspace({ stackDir, workDir, providerVersion: "5.100.0" });
    expect(json.terraform).toEqual({ required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } } });
    expect(Object.keys(json.provider)).toEqual(["aws"]);
    expect(json.data?.archive_file).toBeUndefined();
    const fn = Object.values(json.resource!.aws_lambda_function!)[0]!;
    expect(fn.filename).toMatch(/^builds\/[\w-]+\.zip$/);
    expect(fn.source_code_hash).toBe(createHash("sha256").update(readFileSync(join(workDir, String(fn.filename)))).digest("base64"));
    expect(JSON.stringify(json)).not.toContain("archive_file");
  });

  test("the zips are the same bytes on every build", () => {
    const stack = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as { data: { archive_file: Record<string, { source_dir: string }> } };
    const dir = join(stackDir, Object.values(stack.data.archive_file)[0]!.source_dir);
    expect(Buffer.from(deterministicZip(dir)).equals(Buffer.from(deterministicZip(dir)))).toBe(true);
  });

  test("with an endpoint, the provider uses it with fake credentials for every service", () => {
    const json = prepareWorkspace({ stackDir, workDir: join(root, "plan"), providerVersion: "5.100.0", endpoint: "http://127.0.0.1:1" });
    const provider = json.provider.aws![0]!;
    expect(provider).toMatchObject({ access_key: "test", secret_key: "test", skip_credentials_validation: true, region: "us-east-1" });
    const endpoints = (provider.endpoints as Record<string, string>[])[0]!;
    for (const service of ["cloudwatch", "dynamodb", "iam", "kms", "lambda", "sns", "sqs", "sts", "budgets", "xray"]) expect(endpoints[service]).toBe("http://127.0.0.1:1");
  });

  test("for the apply, excluded types are gone, references to them are literals, and what moto drops is ignored", () => {
    const json = prepareWorkspace({ stackDir, workDir: join(root, "apply"), providerVersion: "5.100.0", endpoint: "http://127.0.0.1:1", excludeFromApply: true });
    const text = JSON.stringify(json);
    for (const type of Object.keys(EXCLUDED_FROM_APPLY)) {
      expect(json.resource![type]).toBeUndefined();
      expect(text).not.toMatch(new RegExp(`\\b${type}\\.`));
    }
    expect(text).toContain("excluded-from-apply/aws_cloudwatch_composite_alarm/");
    for (const fn of Object.values(json.resource!.aws_lambda_function!)) expect(fn.lifecycle).toEqual({ ignore_changes: IGNORED_AFTER_APPLY.aws_lambda_function!.attributes });
  });
});
