/**
 * The API review of the three packages (`npm run check:api`; `npm run api:update`
 * with --update):
 *
 * 1. builds them and runs API Extractor on each: the committed report
 *    (`<package>/api-report/*.api.md`) must equal the API as built, so every
 *    change of the public API shows in a pull request;
 * 2. checks the doc comments: every property of an exported type documented,
 *    every optional one with its `@default`;
 * 3. renders the API reference (docs/api) with API Documenter from the same
 *    model; it must equal the committed one.
 *
 * With --update the reports and docs/api are rewritten instead of compared.
 */
import { ApiDocumentedItem, ApiItemKind, ApiModel, ApiPropertyItem, type ApiItem } from "@microsoft/api-extractor-model";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "../paths";
import { PACKAGE_FOLDERS } from "./workspaces";

const DOCS = join(PROJECT_ROOT, "docs", "api");
const update = process.argv.includes("--update");

const problems: string[] = [];

execFileSync("npm", ["run", "--silent", "build:packages"], { cwd: PROJECT_ROOT, stdio: "inherit" });

const models = mkdtempSync(join(tmpdir(), "api-model-"));
try {
  for (const folder of PACKAGE_FOLDERS) {
    const config = ExtractorConfig.loadFileAndPrepare(join(PROJECT_ROOT, folder, "api-extractor.json"));
    const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
    if (!result.succeeded) problems.push(`${folder}: API Extractor reported ${result.errorCount} errors (above)${result.apiReportChanged ? "; the API report differs from the API: run npm run api:update and commit the report" : ""}`);
    cpSync(config.apiJsonFilePath, join(models, relative(join(PROJECT_ROOT, folder, "dist", "api-model"), config.apiJsonFilePath)));
  }

  const model = new ApiModel();
  for (const file of readdirSync(models).sort()) model.loadPackage(join(models, file));
  problems.push(...undocumentedProps(model));

  const rendered = mkdtempSync(join(tmpdir(), "api-docs-"));
  try {
    execFileSync(join(PROJECT_ROOT, "node_modules", ".bin", "api-documenter"), ["markdown", "--input-folder", models, "--output-folder", rendered], { stdio: "ignore" });
    if (update) {
      rmSync(DOCS, { recursive: true, force: true });
      cpSync(rendered, DOCS, { recursive: true });
    } else {
      const stale = differingFiles(rendered, DOCS);
      if (stale.length > 0) problems.push(`docs/api is not the API reference of the packages as built (${stale.slice(0, 5).join(", ")}${stale.length > 5 ? ", ..." : ""}): run npm run api:update and commit it`);
    }
  } finally {
    rmSync(rendered, { recursive: true, force: true });
  }
} finally {
  rmSync(models, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`API review failed:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(update ? "API reports and docs/api updated." : "API reports and docs/api match the packages; every prop is documented.");

/** Properties of exported types without a summary, and optional ones without `@default`. */
function undocumentedProps(model: ApiModel): string[] {
  const found: string[] = [];
  const visit = (item: ApiItem): void => {
    if (item instanceof ApiPropertyItem && item.kind === ApiItemKind.PropertySignature) {
      const name = item.getScopedNameWithinPackage();
      const docs = item instanceof ApiDocumentedItem ? item.tsdocComment : undefined;
      const summary = docs ? docs.summarySection.nodes.length > 0 && renderPlain(docs.summarySection).trim() !== "" : false;
      const hasDefault = docs?.customBlocks.some((block) => block.blockTag.tagName === "@default") ?? false;
      const optional = item.isOptional;
      if (!summary && !(optional && hasDefault)) found.push(`${item.getAssociatedPackage()?.name} ${name}: no doc comment`);
      else if (optional && !hasDefault) found.push(`${item.getAssociatedPackage()?.name} ${name}: optional without @default`);
    }
    for (const member of item.members) visit(member);
  };
  visit(model);
  return found;
}

function renderPlain(node: { getChildNodes(): readonly unknown[] }): string {
  return node
    .getChildNodes()
    .map((child) => {
      const c = child as { kind: string; text?: string; code?: string; getChildNodes(): readonly unknown[] };
      return c.text ?? c.code ?? renderPlain(c);
    })
    .join("");
}

function differingFiles(actual: string, committed: string): string[] {
  const list = (dir: string): string[] => {
    try {
      return readdirSync(dir).sort();
    } catch {
      return [];
    }
  };
  const names = [...new Set([...list(actual), ...list(committed)])].sort();
  return names.filter((name) => {
    try {
      return readFileSync(join(actual, name), "utf8") !== readFileSync(join(committed, name), "utf8");
    } catch {
      return true;
    }
  });
}
