import { join } from "node:path";
import { changedAttributes, classify, summarisePlan, type Plan } from "../../tools/plan-summary/plan-summary";
import { runEntry } from "../entries";

const fixture = (name: string): Plan => require(`./fixtures/${name}`);
const ROOT = join(__dirname, "..", "..");

describe("plan-summary on Terraform's JSON plan format", () => {
  test("format 1.2: a delete+create pair is a replace; no-op and data reads are not changes", () => {
    const changes = classify(fixture("plan-1.2.json"));
    expect(changes.map((c) => [c.type, c.kind])).toEqual([
      ["aws_cloudwatch_metric_alarm", "update"],
      ["aws_dynamodb_table", "replace"],
      ["aws_cloudwatch_log_group", "delete"],
      ["aws_sns_topic_subscription", "create"],
    ]);
  });

  test("a real plan of our dev stack (terraform 1.11, AWS provider from the mirror, against moto): every resource counted as a create", () => {
    // Regenerate with UPDATE_PLAN_FIXTURE=1 npm run test:e2e.
    const plan = fixture("plan-real-dev.json") as Plan & { resource_changes: { mode: string; type: string }[] };
    const managed = plan.resource_changes.filter((c) => c.mode === "managed");
    const markdown = summarisePlan(plan, "monitoring-dev");
    expect(markdown).toContain(`**${managed.length} to create, 0 to update, 0 to replace, 0 to delete**`);
    expect(markdown).toContain(`| \`aws_cloudwatch_metric_alarm\` | ${managed.filter((c) => c.type === "aws_cloudwatch_metric_alarm").length} |`);
    expect(markdown).not.toContain("archive_file");
  });

  test("format 0.1: create-before-destroy ([create, delete]) is a replace too", () => {
    expect(classify(fixture("plan-0.1.json")).map((c) => c.kind)).toEqual(["replace", "update", "update"]);
  });

  test("counts by type and the totals line", () => {
    const markdown = summarisePlan(fixture("plan-1.2.json"), "monitoring-dev");
    expect(markdown).toContain("### monitoring-dev");
    expect(markdown).toContain("**1 to create, 1 to update, 1 to replace, 1 to delete**");
    expect(markdown).toContain("| `aws_dynamodb_table` |  |  | 1 |  |");
    expect(markdown).toContain("| `aws_cloudwatch_metric_alarm` |  | 1 |  |  |");
    expect(markdown).not.toContain("aws_lambda_function");
    expect(markdown).not.toContain("aws_caller_identity");
  });

  test("warns about stateful replacements and deletions, and alarm behaviour changes", () => {
    const markdown = summarisePlan(fixture("plan-1.2.json"));
    expect(markdown).toContain("> [!WARNING]");
    expect(markdown).toContain("**Replaces stateful `aws_dynamodb_table.error-table_Table_06E21BC7`**: its items are lost.");
    expect(markdown).toContain("**Deletes stateful `aws_cloudwatch_log_group.old-function_LogGroup_55AA`**: its logs are lost.");
    expect(markdown).toContain("changes when it fires or whom it tells: `threshold` 5 → 10.");
    const old = summarisePlan(fixture("plan-0.1.json"));
    expect(old).toContain("**Replaces stateful `aws_kms_key.alerting_Key_11`**");
    expect(old).toContain('`alarm_actions[0]` arn:aws:sns:us-east-1:1:old → arn:aws:sns:us-east-1:1:new, `alarm_rule` ALARM("a") → ALARM("a") OR ALARM("b")');
  });

  test("lists each update's changed attributes with old and new values", () => {
    const markdown = summarisePlan(fixture("plan-1.2.json"));
    expect(markdown).toContain("#### `aws_cloudwatch_metric_alarm.user-service-alarms_error-rate-warning_1A2B3C4D` (update)");
    expect(markdown).toContain("| `threshold` | `5` | `10` |");
    expect(markdown).toContain("| `tags.Team` | `platform` | `payments` |");
    expect(markdown).toContain("#### `aws_dynamodb_table.error-table_Table_06E21BC7` (replace: replace_because_cannot_update)");
    expect(markdown).toContain("| `arn` | `arn:aws:dynamodb:us-east-1:111122223333:table/error-logs-dev` | `(known after apply)` |");
  });

  test("sensitive values are never printed", () => {
    const attrs = changedAttributes({ actions: ["update"], before: { password: "old-secret" }, after: { password: "new-secret" }, after_sensitive: { password: true } });
    expect(attrs).toEqual([{ path: "password", before: "(sensitive)", after: "(sensitive)" }]);
  });

  test("an empty plan says there is nothing to change", () => {
    expect(summarisePlan({ format_version: "1.2", resource_changes: [] })).toContain("**No changes.**");
  });

  test("the command: exit 0 with Markdown; exit 1 with one line for a file that is not a plan", () => {
    const run = (...args: string[]) => runEntry("tools/plan-summary/cli.ts", args);
    const ok = run(join(__dirname, "fixtures/plan-1.2.json"), "--title", "monitoring-dev");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("### monitoring-dev");
    const bad = run(join(ROOT, "package.json"));
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^plan-summary: .*package\.json: not a Terraform plan in JSON/);
    expect(bad.stderr).not.toContain("    at ");
    expect(run("--help").stdout).toContain("Exit codes:");
  });
});
