import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "../helpers";

/** Lints `code` as if it were the file at `path` in the project, with the project's own config (the real ESLint CLI). */
async function ruleIdsFor(path: string, code: string): Promise<string[]> {
  const result = spawnSync(join(PROJECT_ROOT, "node_modules", ".bin", "eslint"), ["--stdin", "--stdin-filename", path, "--format", "json"], { cwd: PROJECT_ROOT, input: code, encoding: "utf8" });
  const [file] = JSON.parse(result.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return file!.messages.map((m) => `${m.ruleId}: ${m.message.split(":")[0]}`);
}

describe("lint rules that keep the architecture", () => {
  test.each([
    ["a provider class from the package root", "stacks/x.ts", 'import { LambdaFunction } from "@cdktf/provider-aws";\nexport const f = LambdaFunction;\n', "'@cdktf/provider-aws' import is restricted from being used"],
    ["modules/ reading environments/", "modules/x.ts", 'import { dev } from "../environments/dev";\nexport const d = dev;\n', "'../environments/dev' import is restricted from being used by a pattern"],
    ["modules/ reading process.env", "modules/x.ts", "export const region = process.env.AWS_REGION;\n", "'process.env' is restricted from being used"],
    ["lambda-src/ importing cdktf", "lambda-src/x.ts", 'import { App } from "cdktf";\nexport const a = App;\n', "'cdktf' import is restricted from being used by a pattern"],
    ["lambda-src/ importing classic zod", "lambda-src/x.ts", 'import { z } from "zod";\nexport const s = z.string();\n', "'zod' import is restricted from being used"],
  ])("%s is rejected", async (_label, path, code, message) => {
    expect((await ruleIdsFor(path, code)).join("\n")).toContain(message);
  });

  test("the same imports from their allowed places pass", async () => {
    expect(await ruleIdsFor("stacks/x.ts", 'import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";\nexport const f = LambdaFunction;\n')).toEqual([]);
    expect(await ruleIdsFor("lambda-src/x.ts", 'import * as z from "zod/mini";\nexport const s = z.string();\n')).toEqual([]);
  });
});
