/**
 * Turns a synthesized stack into a Terraform working directory that runs
 * offline against the provider mirror and, optionally, a local AWS API:
 *
 * - the AWS provider is pinned to the mirror's version (the project binds
 *   6.x; the mirror may hold another major);
 * - `archive_file` (no archive provider in the mirror) is replaced by zips
 *   built here, deterministically, and their paths and hashes written in;
 * - the remote backend is dropped, so state stays in the directory;
 * - with an endpoint, the provider talks to it with fake credentials;
 * - with `excludeFromApply`, the resource types in excluded-from-apply.ts are
 *   removed, every reference to them replaced by a placeholder literal, and
 *   the attributes moto does not store are ignored after the apply.
 */
import { zipSync } from "fflate";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { EXCLUDED_FROM_APPLY, IGNORED_AFTER_APPLY } from "./excluded-from-apply";

export type TerraformJson = {
  terraform: { backend?: unknown; required_providers: Record<string, unknown> };
  provider: Record<string, Record<string, unknown>[]>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  [key: string]: unknown;
};

export interface WorkspaceOptions {
  /** The synthesized stack directory (`cdktf.out/stacks/<stack>`), holding cdk.tf.json and assets/. */
  readonly stackDir: string;
  /** Where to write the working directory; created. May be `stackDir` itself, to rewrite a stack in place. */
  readonly workDir: string;
  /** The AWS provider version the mirror holds, e.g. `5.100.0`. */
  readonly providerVersion: string;
  /** A local AWS-compatible endpoint; the provider uses it with fake credentials. @default real AWS */
  readonly endpoint?: string;
  /** Remove the resource types moto cannot apply. @default false */
  readonly excludeFromApply?: boolean;
}

/** Every service endpoint the provider may call for our stacks. */
const ENDPOINT_SERVICES = ["apigateway", "apigatewayv2", "budgets", "ce", "cloudwatch", "cloudwatchlogs", "cognitoidp", "dynamodb", "iam", "kms", "lambda", "resourcegroupstaggingapi", "s3", "secretsmanager", "sns", "sqs", "ssm", "sts", "synthetics", "xray"];

/** 1980-01-01, the earliest time a zip entry can hold: the same bytes on every machine, every day. */
const ZIP_EPOCH = new Date(1980, 0, 1, 0, 0, 0);

export function prepareWorkspace(options: WorkspaceOptions): TerraformJson {
  const stack = JSON.parse(readFileSync(join(options.stackDir, "cdk.tf.json"), "utf8")) as TerraformJson;
  mkdirSync(options.workDir, { recursive: true });
  const assets = join(options.stackDir, "assets");
  if (existsSync(assets) && resolve(options.stackDir) !== resolve(options.workDir)) cpSync(assets, join(options.workDir, "assets"), { recursive: true });

  let json = replaceArchives(stack, options.workDir);
  delete json.terraform.backend;
  json.terraform.required_providers = { aws: { source: "hashicorp/aws", version: options.providerVersion } };
  if (options.endpoint) json.provider.aws = (json.provider.aws ?? [{}]).map((p) => ({ ...p, ...localEndpointSettings(options.endpoint!) }));
  if (options.excludeFromApply) json = withoutExcludedResources(json);
  writeFileSync(join(options.workDir, "cdk.tf.json"), `${JSON.stringify(json, null, 2)}\n`);
  return json;
}

function localEndpointSettings(endpoint: string): Record<string, unknown> {
  return {
    access_key: "test",
    secret_key: "test",
    skip_credentials_validation: true,
    skip_metadata_api_check: "true",
    s3_use_path_style: true,
    endpoints: [Object.fromEntries(ENDPOINT_SERVICES.map((service) => [service, endpoint]))],
  };
}

/** Builds each archive_file's zip and writes its path and hash where the data source's attributes were read. */
function replaceArchives(stack: TerraformJson, workDir: string): TerraformJson {
  const archives = stack.data?.archive_file ?? {};
  let text = JSON.stringify({ ...stack, data: withoutKey(stack.data ?? {}, "archive_file"), provider: withoutKey(stack.provider, "archive") });
  for (const [name, archive] of Object.entries(archives)) {
    const outputPath = `builds/${name}.zip`;
    const zip = deterministicZip(join(workDir, String(archive.source_dir)));
    mkdirSync(join(workDir, "builds"), { recursive: true });
    writeFileSync(join(workDir, outputPath), zip);
    const hash = createHash("sha256").update(zip).digest("base64");
    // output_md5: the canaries' code key is named by it (modules/monitoring/synthetics).
    const md5 = createHash("md5").update(zip).digest("hex");
    text = text.split(`\${data.archive_file.${name}.output_path}`).join(outputPath).split(`\${data.archive_file.${name}.output_base64sha256}`).join(hash).split(`\${data.archive_file.${name}.output_md5}`).join(md5);
  }
  const json = JSON.parse(text) as TerraformJson;
  if (json.data && Object.keys(json.data).length === 0) delete json.data;
  return json;
}

/** A zip of a directory: entries sorted, fixed time, mode 0644, so its hash depends on the content alone. */
export function deterministicZip(directory: string): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date; attrs: number; os: number }]> = {};
  for (const file of listFiles(directory)) {
    entries[relative(directory, file).split(sep).join("/")] = [readFileSync(file), { mtime: ZIP_EPOCH, attrs: 0o100644 << 16, os: 3 }];
  }
  return zipSync(entries, { level: 9 });
}

function listFiles(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const path = join(directory, name);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}

/**
 * Drops excluded resource types. A reference to one (`${type.name.attr}` or
 * `type.name.attr` inside a larger expression) becomes a literal naming what
 * it stood for, and depends_on entries naming one are removed.
 */
export function withoutExcludedResources(json: TerraformJson): TerraformJson {
  const types = Object.keys(EXCLUDED_FROM_APPLY);
  const resource = Object.fromEntries(Object.entries(json.resource ?? {}).filter(([type]) => !types.includes(type)));
  const alternatives = types.join("|");
  const whole = new RegExp(`\\$\\{(${alternatives})\\.([\\w-]+)\\.([\\w.]+)\\}`, "g");
  const inner = new RegExp(`\\b(${alternatives})\\.([\\w-]+)\\.([\\w.]+)`, "g");
  const rewrite = (value: unknown): unknown => {
    if (typeof value === "string") {
      return value.replace(whole, (_m, type: string, name: string, attr: string) => placeholder(type, name, attr)).replace(inner, (_m, type: string, name: string, attr: string) => JSON.stringify(placeholder(type, name, attr)));
    }
    if (Array.isArray(value)) return value.filter((item) => !(typeof item === "string" && types.some((t) => item.startsWith(`${t}.`)))).map(rewrite);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
    return value;
  };
  for (const [type, { attributes }] of Object.entries(IGNORED_AFTER_APPLY)) {
    for (const block of Object.values(resource[type] ?? {})) block.lifecycle = { ...(block.lifecycle as object), ignore_changes: attributes };
  }
  return rewrite({ ...json, resource }) as TerraformJson;
}

function placeholder(type: string, name: string, attr: string): string {
  // Slashes, not dots, so the literal is not itself read as a reference.
  return `excluded-from-apply/${type}/${name}/${attr}`;
}

function withoutKey<T extends Record<string, unknown>>(record: T, key: string): T {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
