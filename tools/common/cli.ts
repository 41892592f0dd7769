/**
 * The shape every tool's command line shares: `--help`, documented exit
 * codes, and errors as one line on stderr (never a stack trace) with exit 1.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ValidationError } from "@serverless-monitoring/constructs";

/** An expected failure with a message for the user: printed without a stack trace. */
export class ToolError extends Error {}

export interface ToolSpec<O extends NonNullable<ParseArgsConfig["options"]>> {
  readonly name: string;
  readonly usage: string;
  readonly options: O;
  readonly allowPositionals?: boolean;
}

export function runTool<O extends NonNullable<ParseArgsConfig["options"]>>(
  spec: ToolSpec<O>,
  main: (args: ReturnType<typeof parseArgs<{ options: O; allowPositionals: boolean; strict: true }>>) => Promise<number>,
): void {
  let args;
  try {
    args = parseArgs({ args: process.argv.slice(2), options: { ...spec.options, help: { type: "boolean", short: "h" } }, allowPositionals: spec.allowPositionals ?? false, strict: true, tokens: true });
    requireOnce(args.tokens, spec.options);
  } catch (error) {
    console.error(`${spec.name}: ${oneLine(error instanceof Error ? error.message : String(error))} (run with --help for usage)`);
    process.exit(1);
  }
  if ((args.values as { help?: boolean }).help) {
    console.log(spec.usage);
    process.exit(0);
  }
  main(args as never).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // A mistake in the configuration the tool loads is the user's to fix, like the tool's own errors.
      const expected = error instanceof ToolError || error instanceof ValidationError;
      console.error(`${spec.name}: ${error instanceof Error ? (expected ? error.message : (error.stack ?? error.message)) : String(error)}`);
      process.exit(1);
    },
  );
}

/** An option given twice would silently keep the last value: say so instead. */
function requireOnce(tokens: readonly { kind: string; name?: string }[] | undefined, options: NonNullable<ParseArgsConfig["options"]>): void {
  const seen = new Set<string>();
  for (const token of tokens ?? []) {
    if (token.kind !== "option" || token.name === undefined || options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new Error(`Option '--${token.name}' is given more than once`);
    seen.add(token.name);
  }
}

/** Node's messages for some parse errors run over several lines. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, " ");
}
