/**
 * What the cdktf CLI (the devDependency behind `npx cdktf synth`, `list`,
 * `diff` and `deploy`) loads from this project's node_modules on every
 * command. Its bundle requires @cdktf/hcl2cdk when it starts, which requires
 * jsii-rosetta, which requires TypeScript and jsii/common, which requires
 * TypeScript too. package.json's overrides give both the project's one
 * TypeScript, so the CLI reads and compiles 9 MB once, not twice (see the
 * README's Speed section for what that saves).
 */
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../paths";
import { resolveAsCdktfCli } from "../cdktf-cli";

/** The file `require(request)` loads from `fromFile`, found as Node finds it (symbolic links resolved, as Node's module cache keys are). */
const resolvedFrom = (fromFile: string, request: string): string => realpathSync(createRequire(fromFile).resolve(request));

describe("the cdktf CLI's dependencies", () => {
  const hcl2cdk = realpathSync(resolveAsCdktfCli("@cdktf/hcl2cdk"));
  const rosetta = resolvedFrom(hcl2cdk, "jsii-rosetta");
  const jsiiCommon = resolvedFrom(rosetta, "jsii/common");

  test("jsii-rosetta and jsii load one TypeScript, the project's, so the CLI compiles it once per command", () => {
    const projectTypescript = resolvedFrom(join(PROJECT_ROOT, "package.json"), "typescript");
    expect({ rosetta: resolvedFrom(rosetta, "typescript"), jsii: resolvedFrom(jsiiCommon, "typescript") }).toEqual({ rosetta: projectTypescript, jsii: projectTypescript });
  });
});
