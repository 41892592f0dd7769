/**
 * The shape every tool's command line shares: `--help`, documented exit
 * codes, and errors as one line on stderr (never a stack trace) with exit 1.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

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
    args = parseArgs({ args: process.argv.slice(2), options: { ...spec.options, help: { type: "boolean", short: "h" } }, allowPositionals: spec.allowPositionals ?? false, strict: true });
  } catch (error) {
    console.error(`${spec.name}: ${error instanceof Error ? error.message : String(error)}\n\n${spec.usage}`);
    process.exit(1);
  }
  if ((args.values as { help?: boolean }).help) {
    console.log(spec.usage);
    process.exit(0);
  }
  main(args as never).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const expected = error instanceof ToolError;
      console.error(`${spec.name}: ${error instanceof Error ? (expected ? error.message : (error.stack ?? error.message)) : String(error)}`);
      process.exit(1);
    },
  );
}
