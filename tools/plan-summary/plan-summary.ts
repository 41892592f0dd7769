/**
 * Summarises `terraform show -json <planfile>` output as Markdown for a pull
 * request: counts by resource type, what each update changes, and warnings
 * for what reviewers must not miss.
 *
 * Works on every format_version Terraform has produced (0.1 through 1.x):
 * they share `resource_changes[].change.actions/before/after/after_unknown`.
 */

export type ChangeKind = "create" | "update" | "replace" | "delete";
export const CHANGE_KINDS: readonly ChangeKind[] = ["create", "update", "replace", "delete"];

interface ResourceChange {
  readonly address: string;
  readonly mode?: "managed" | "data";
  readonly type: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: unknown;
    readonly after?: unknown;
    readonly after_unknown?: unknown;
    readonly before_sensitive?: unknown;
    readonly after_sensitive?: unknown;
  };
  readonly action_reason?: string;
}

export interface Plan {
  readonly format_version?: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly ResourceChange[];
}

/** Resources whose replacement or deletion loses data or locks you out of it. */
export const STATEFUL_TYPES: Readonly<Record<string, string>> = {
  aws_dynamodb_table: "its items are lost",
  aws_kms_key: "data encrypted with it becomes unreadable once the key is deleted",
  aws_s3_bucket: "its objects (and any Terraform state in it) are lost",
  aws_cloudwatch_log_group: "its logs are lost",
  aws_sqs_queue: "messages waiting in it (failed events in a DLQ) are lost",
};

const ALARM_TYPES = new Set(["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"]);
/** Changing these changes when an alarm fires or who hears it. */
const ALARM_BEHAVIOUR_FIELDS = /^(threshold|comparison_operator|evaluation_periods|datapoints_to_alarm|treat_missing_data|alarm_actions|ok_actions|insufficient_data_actions|actions_enabled|alarm_rule|metric_query|period|statistic|extended_statistic|metric_name|namespace|dimensions)(\b|\.|\[)/;

export interface AttributeChange {
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

export interface ClassifiedChange {
  readonly address: string;
  readonly type: string;
  readonly kind: ChangeKind;
  readonly reason?: string;
  readonly attributes: readonly AttributeChange[];
}

export function classify(plan: Plan): ClassifiedChange[] {
  if (!plan || typeof plan !== "object" || (!("resource_changes" in plan) && !("format_version" in plan))) {
    throw new Error("not a Terraform plan in JSON: expected the output of `terraform show -json <planfile>` (with format_version and resource_changes)");
  }
  return (plan.resource_changes ?? []).flatMap((rc): ClassifiedChange[] => {
    if (rc.mode === "data") return [];
    const kind = kindOf(rc.change.actions);
    if (!kind) return [];
    return [
      {
        address: rc.address,
        type: rc.type,
        kind,
        ...(rc.action_reason ? { reason: rc.action_reason } : {}),
        attributes: kind === "update" || kind === "replace" ? changedAttributes(rc.change) : [],
      },
    ];
  });
}

/** A delete+create pair (either order) is a replace; no-op and read are not changes. */
function kindOf(actions: readonly string[]): ChangeKind | undefined {
  const has = (a: string) => actions.includes(a);
  if (has("delete") && has("create")) return "replace";
  if (has("create")) return "create";
  if (has("delete")) return "delete";
  if (has("update")) return "update";
  return undefined;
}

export function changedAttributes(change: ResourceChange["change"]): AttributeChange[] {
  const out: AttributeChange[] = [];
  const walk = (path: string, before: unknown, after: unknown, unknown: unknown, sensitive: unknown) => {
    if (unknown === true) {
      out.push({ path, before: show(before), after: "(known after apply)" });
      return;
    }
    if (sensitive === true) {
      if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, before: "(sensitive)", after: "(sensitive)" });
      return;
    }
    if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
      const keys = Array.isArray(before)
        ? Array.from({ length: Math.max(before.length, (after as unknown[]).length) }, (_, i) => i)
        : [...new Set([...Object.keys(before), ...Object.keys(after as object)])].sort();
      for (const key of keys) {
        const child = Array.isArray(before) ? `${path}[${key}]` : path ? `${path}.${key}` : String(key);
        walk(child, at(before, key), at(after, key), at(unknown, key), at(sensitive, key));
      }
      return;
    }
    if (JSON.stringify(before) !== JSON.stringify(after) || (isContainer(unknown) && JSON.stringify(unknown).includes("true"))) {
      out.push({ path, before: show(before), after: show(after) });
    }
  };
  walk("", change.before ?? null, change.after ?? null, change.after_unknown ?? false, change.after_sensitive ?? change.before_sensitive ?? false);
  return out;
}

export function summarisePlan(plan: Plan, title = "Terraform plan"): string {
  const changes = classify(plan);
  const totals = Object.fromEntries(CHANGE_KINDS.map((k) => [k, changes.filter((c) => c.kind === k).length])) as Record<ChangeKind, number>;
  const lines = [`### ${title}`, ""];
  if (changes.length === 0) {
    lines.push("**No changes.** The infrastructure matches the configuration.");
    return lines.join("\n") + "\n";
  }
  lines.push(`**${totals.create} to create, ${totals.update} to update, ${totals.replace} to replace, ${totals.delete} to delete**`, "");

  const warnings = warningsFor(changes);
  if (warnings.length > 0) lines.push("> [!WARNING]", ...warnings.map((w) => `> - ${w}`), "");

  lines.push("| resource type | create | update | replace | delete |", "|---|---:|---:|---:|---:|");
  const types = [...new Set(changes.map((c) => c.type))].sort();
  for (const type of types) {
    const count = (k: ChangeKind) => changes.filter((c) => c.type === type && c.kind === k).length || "";
    lines.push(`| \`${type}\` | ${count("create")} | ${count("update")} | ${count("replace")} | ${count("delete")} |`);
  }

  const detailed = changes.filter((c) => c.attributes.length > 0);
  if (detailed.length > 0) {
    lines.push("", `<details><summary>Changed attributes (${detailed.length} resources)</summary>`, "");
    for (const change of detailed) {
      lines.push(`#### \`${change.address}\` (${change.kind}${change.reason ? `: ${change.reason}` : ""})`, "", "| attribute | before | after |", "|---|---|---|");
      for (const a of change.attributes) lines.push(`| \`${a.path}\` | ${cell(a.before)} | ${cell(a.after)} |`);
      lines.push("");
    }
    lines.push("</details>");
  }
  return lines.join("\n") + "\n";
}

function warningsFor(changes: readonly ClassifiedChange[]): string[] {
  const warnings: string[] = [];
  for (const c of changes) {
    const consequence = STATEFUL_TYPES[c.type];
    if (consequence && (c.kind === "replace" || c.kind === "delete")) {
      warnings.push(`**${c.kind === "replace" ? "Replaces" : "Deletes"} stateful \`${c.address}\`**: ${consequence}.`);
    }
    if (ALARM_TYPES.has(c.type)) {
      if (c.kind === "delete") warnings.push(`Deletes alarm \`${c.address}\`: nobody is alerted for what it watched.`);
      const behaviour = c.attributes.filter((a) => ALARM_BEHAVIOUR_FIELDS.test(a.path));
      if (behaviour.length > 0) {
        warnings.push(`Alarm \`${c.address}\` changes when it fires or whom it tells: ${behaviour.map((a) => `\`${a.path}\` ${short(a.before)} → ${short(a.after)}`).join(", ")}.`);
      }
    }
  }
  return warnings;
}

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => v !== null && typeof v === "object";
const at = (v: unknown, key: string | number): unknown => (isContainer(v) ? (v as Record<string | number, unknown>)[key] : v === true ? true : undefined);
const show = (v: unknown): string => (v === undefined || v === null ? "(null)" : typeof v === "string" ? v : JSON.stringify(v));
const short = (s: string): string => (s.length > 40 ? `${s.slice(0, 37)}...` : s);
const cell = (s: string): string => {
  const text = s.length > 120 ? `${s.slice(0, 117)}...` : s;
  return `\`${text.replace(/\|/g, "\\|").replace(/`/g, "'").replace(/\n/g, " ")}\``;
};
