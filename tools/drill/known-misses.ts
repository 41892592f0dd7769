/**
 * The suite's known misses (scenarios/known-misses.json): expectations the
 * defaults do not meet yet, each with its reason. The suite passes when its
 * misses are exactly these: a new miss is a regression, and a miss that has
 * gone must leave the list, so the list never hides a change.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { PROJECT_ROOT } from "../../paths";
import { ToolError } from "../common/cli";

const KNOWN_MISSES_PATH = join(PROJECT_ROOT, "tools", "drill", "scenarios", "known-misses.json");

const knownMissesSchema = z.strictObject({
  about: z.string(),
  misses: z.array(z.strictObject({ check: z.string().min(1), why: z.string().min(1) })),
});

/** A failed check's key: `<scenario>: <expectation>`, without the observed outcome (which moves with every tuning). */
export function missKey(failure: string): string {
  const [scenario, check = ""] = splitOnce(failure, ": ");
  return `${scenario}: ${splitOnce(check, ": ")[0]}`;
}

/** The known misses by key, with their reasons. */
export function readKnownMisses(path = KNOWN_MISSES_PATH): ReadonlyMap<string, string> {
  const parsed = knownMissesSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new ToolError(`${path}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return new Map(parsed.data.misses.map((m) => [m.check, m.why]));
}

export interface MissComparison {
  /** Failed checks the list does not hold: regressions. */
  readonly unexpected: readonly string[];
  /** Listed misses of the environments run that no longer fail: remove them from the list. */
  readonly nowMet: readonly string[];
  /** Failed checks the list holds. */
  readonly known: readonly string[];
}

/** The suite's failures against the list, for the environments that ran (keys start with `<environment>/`). */
export function compareWithKnownMisses(failures: readonly string[], known: ReadonlyMap<string, string>, environments: readonly string[]): MissComparison {
  const failed = new Set(failures.map(missKey));
  const ran = (key: string) => environments.some((env) => key.startsWith(`${env}/`));
  return {
    unexpected: failures.filter((f) => !known.has(missKey(f))),
    nowMet: [...known.keys()].filter((key) => ran(key) && !failed.has(key)),
    known: failures.filter((f) => known.has(missKey(f))),
  };
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + separator.length)];
}
