import { spawnSync } from "node:child_process";
import { PROJECT_ROOT } from "../../paths";

/** The forbidden package root, assembled so this file itself never imports (or looks like it imports) from it. */
const PROVIDER_ROOT = ["@cdktf", "provider-aws"].join("/");

const CASES = {
  providerRoot: ["stacks/x.ts", `import { LambdaFunction } from "${PROVIDER_ROOT}";\nexport const f = LambdaFunction;\n`],
  modulesReadEnvironments: ["modules/x.ts", 'import { dev } from "../environments/dev";\nexport const d = dev;\n'],
  modulesReadProcessEnv: ["modules/x.ts", "export const region = process.env.AWS_REGION;\n"],
  lambdaImportsCdktf: ["lambda-src/x.ts", 'import { App } from "cdktf";\nexport const a = App;\n'],
  lambdaImportsClassicZod: ["lambda-src/x.ts", 'import { z } from "zod";\nexport const s = z.string();\n'],
  providerSubmodule: ["stacks/x.ts", 'import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";\nexport const f = LambdaFunction;\n'],
  lambdaImportsZodMini: ["lambda-src/x.ts", 'import * as z from "zod/mini";\nexport const s = z.string();\n'],
  synthImportsZodNamespaceExport: ["environments/x.ts", 'import { z } from "zod";\nexport const s = z.string();\n'],
  synthImportsZodAsNamespace: ["environments/x.ts", 'import * as z from "zod";\nexport const s = z.string();\n'],
  importsZodMiniNamespaceExport: ["modules/x.ts", 'import { z } from "zod/mini";\nexport const s = z.string();\n'],
  importsNotZodPackage: ["environments/x.ts", 'import { z } from "zodiac";\nexport const s = z;\n'],
} as const;

/**
 * Lints each case's code as if it were the file at its path, with the
 * project's own config, in one ESLint process (its Node API loads the config
 * with a dynamic import, which jest's module system does not run).
 */
function lintCases(): Record<keyof typeof CASES, string[]> {
  const script = `
    import { ESLint } from "eslint";
    const cases = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = {};
    for (const [name, [path, code]] of Object.entries(cases)) {
      const [result] = await eslint.lintText(code, { filePath: path });
      out[name] = result.messages.map((m) => m.ruleId + ": " + m.message.split(":")[0]);
    }
    process.stdout.write(JSON.stringify(out));`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(CASES)], { cwd: PROJECT_ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

describe("lint rules that keep the architecture", () => {
  const results = lintCases();

  test.each([
    ["a provider class from the package root", "providerRoot", "'@cdktf/provider-aws' import is restricted from being used"],
    ["modules/ reading environments/", "modulesReadEnvironments", "'../environments/dev' import is restricted from being used by a pattern"],
    ["modules/ reading process.env", "modulesReadProcessEnv", "'process.env' is restricted from being used"],
    ["lambda-src/ importing cdktf", "lambdaImportsCdktf", "'cdktf' import is restricted from being used by a pattern"],
    ["lambda-src/ importing classic zod", "lambdaImportsClassicZod", "'zod' import is restricted from being used"],
    ["synth code importing zod's z export", "synthImportsZodNamespaceExport", "Write `import * as z from \"zod\"`"],
    ["importing zod/mini's z export", "importsZodMiniNamespaceExport", "Write `import * as z from \"zod\"`"],
  ] as const)("%s is rejected", (_label, name, message) => {
    expect(results[name].join("\n")).toContain(message);
  });

  test("the same imports from their allowed places pass", () => {
    expect(results.providerSubmodule).toEqual([]);
    expect(results.lambdaImportsZodMini).toEqual([]);
    expect(results.synthImportsZodAsNamespace).toEqual([]);
    expect(results.importsNotZodPackage).toEqual([]);
  });
});
