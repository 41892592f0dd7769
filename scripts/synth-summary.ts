/**
 * Prints a short summary of each synthesized stack: resources by type, alarm
 * count and state location. Run after synth (`npm run synth` does both).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface StackJson {
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly terraform?: { readonly backend?: Record<string, { readonly bucket?: string; readonly key?: string; readonly path?: string }> };
}

export function summariseStack(name: string, stack: StackJson): string {
  const counts = Object.entries(stack.resource ?? {})
    .map(([type, resources]) => [type, Object.keys(resources).length] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  const alarms = counts.filter(([type]) => type === "aws_cloudwatch_metric_alarm" || type === "aws_cloudwatch_composite_alarm").reduce((sum, [, n]) => sum + n, 0);
  const [backendType, backend] = Object.entries(stack.terraform?.backend ?? {})[0] ?? ["local", {}];
  const state = backendType === "s3" ? `s3://${backend.bucket}/${backend.key}` : `${backendType}: ${backend.path ?? "terraform.tfstate"}`;
  const width = Math.max(...counts.map(([type]) => type.length), 10);
  return [
    `${name}: ${total} resources, ${alarms} alarms, state ${state}`,
    ...counts.map(([type, n]) => `  ${type.padEnd(width)}  ${n}`),
  ].join("\n");
}

export function summariseOutput(outdir: string): string {
  const manifestPath = join(outdir, "manifest.json");
  if (!existsSync(manifestPath)) throw new Error(`No synth output at ${manifestPath}. Run \`npm run synth\`.`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return Object.entries(manifest.stacks)
    .map(([name, info]) => summariseStack(name, JSON.parse(readFileSync(join(outdir, info.synthesizedStackPath), "utf8")) as StackJson))
    .join("\n\n");
}

if (require.main === module) {
  try {
    console.log(summariseOutput(process.argv[2] ?? "cdktf.out"));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
