import { runTool, ToolError } from "../common/cli";
import { EXAMPLES } from "./catalog";
import { synthesizeExample } from "./synthesize";

const USAGE = `Usage: npm run example -- <name> [--out cdktf.out]

Synthesizes an example of examples/ into its own folder,
<out>/examples/<name>/stacks/<stack>/cdk.tf.json, ready for
\`terraform -chdir=<that folder> init && terraform validate\`, \`npm run drill -- --stack <that folder>\`
or \`npm run preview -- --stack <that folder>\`.

Examples:
${Object.entries(EXAMPLES)
  .map(([name, e]) => `  ${name.padEnd(28)} ${e.about}`)
  .join("\n")}`;

runTool({ name: "example", usage: USAGE, options: { out: { type: "string" } }, allowPositionals: true }, async ({ positionals, values }) => {
  if (positionals.length !== 1) throw new ToolError(`name one example (got ${positionals.length}). Examples: ${Object.keys(EXAMPLES).join(", ")}.`);
  const { outdir, stacks } = synthesizeExample(positionals[0]!, values.out);
  for (const [stack, resources] of Object.entries(stacks)) console.log(`${stack}: ${resources} resources in ${outdir}/stacks/${stack}/cdk.tf.json`);
  return 0;
});
