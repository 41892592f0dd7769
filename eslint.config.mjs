// @ts-check
import tseslint from "typescript-eslint";

const PROVIDER_ROOTS = [
  { name: "@cdktf/provider-aws", message: "Import from @cdktf/provider-aws/lib/<resource>: the package root loads 2,000+ modules and slows synth 5-9x." },
  { name: "@cdktf/provider-archive", message: "Import from @cdktf/provider-archive/lib/<resource>." },
];
/**
 * The `z` export of zod's entries ("zod", "zod/mini", "zod/v4"...) is one
 * object holding the whole entry, classic zod's 64 locales with it: the
 * compiled app carried 565 KB more and started slower. (A path rule would
 * reject `import * as z` as well, which holds `z` among its names.)
 */
const ZOD_Z_EXPORT = {
  selector: "ImportDeclaration[source.value=/^zod(\\/|$)/] > ImportSpecifier[imported.name='z']",
  message: 'Write `import * as z from "zod"` (or "zod/mini"): esbuild then keeps only the parts of zod the code uses.',
};

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "**/dist/", "cdktf.out/", "coverage/", ".bench/", ".tmp/", "scripts/cdktn/", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-restricted-imports": ["error", { paths: PROVIDER_ROOTS }],
      "no-restricted-syntax": ["error", ZOD_Z_EXPORT],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // Imports flow main.ts -> stacks/ -> modules/; modules get values through props.
    files: ["modules/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: PROVIDER_ROOTS,
          patterns: [
            { group: ["**/environments", "**/environments/**"], message: "modules/ get values through props, never from environments/." },
            { group: ["**/stacks", "**/stacks/**"], message: "modules/ may not import stacks/." },
          ],
        },
      ],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "modules/ get values through props, never from process.env." }],
    },
  },
  {
    // Handler code never imports infrastructure; the contract file is the one shared piece.
    files: ["lambda-src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [...PROVIDER_ROOTS, { name: "zod", message: "Use zod/mini in Lambda code: classic zod adds ~400 KB to every bundle." }],
          patterns: [
            { group: ["cdktf", "constructs", "@cdktf/*"], message: "lambda-src/ never imports infrastructure." },
            { group: ["**/modules", "**/modules/**", "**/stacks/**", "**/environments/**"], message: "lambda-src/ never imports infrastructure." },
          ],
        },
      ],
    },
  },
  {
    // CommonJS files that run before anything is compiled (modules/synth-speed/run-compiled.cjs) load modules with require().
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Tests build deliberately malformed input (any) and load handlers in fresh module registries (require in jest.isolateModules).
    files: ["__tests__/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-require-imports": "off",
    },
  },
);
