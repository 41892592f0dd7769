/** The published packages: package.json's workspaces, in the order they build (each after those it depends on). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths";

export const PACKAGE_FOLDERS: readonly string[] = (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { workspaces: string[] }).workspaces;
