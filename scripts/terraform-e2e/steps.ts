/**
 * What every file of the Terraform suite starts from: whether terraform, the
 * provider mirror and moto are here (each step that needs them otherwise
 * reports itself skipped with the reason), the mirror, and the step and
 * result checks the files share.
 */
import { missingMoto } from "./moto-server";
import { findProviderMirror, missingTerraform, type ProviderMirror } from "./terraform";

const mirrorOrMissing = findProviderMirror();

/** Why terraform steps cannot run here (no terraform, or no provider mirror), or undefined. */
export const terraformBlocker: string | undefined = missingTerraform() ?? ("missing" in mirrorOrMissing ? mirrorOrMissing.missing : undefined);

/** An AWS-compatible endpoint of the user's (LocalStack, ...) instead of the moto server the suite starts. */
export const externalEndpoint: string | undefined = process.env.AWS_ENDPOINT_URL;

/** Why steps against a local AWS API cannot run here, or undefined; `acceptExternal`: a user's own endpoint will do. */
export function motoBlocker(acceptExternal = false): string | undefined {
  return terraformBlocker ?? (acceptExternal && externalEndpoint ? undefined : missingMoto());
}

/** The provider mirror, where there is one. */
export const mirror: ProviderMirror | undefined = "missing" in mirrorOrMissing ? undefined : (mirrorOrMissing as ProviderMirror);

/** A test that runs where its precondition holds and otherwise reports itself skipped with the reason. */
export function step(blocker: string | undefined, name: string, body: () => Promise<void>, timeoutMs: number): void {
  (blocker ? test.skip : test)(blocker ? `${name} (skipped: ${blocker})` : name, body, timeoutMs);
}

/** Fails with the command's last output when it did not exit 0. */
export function expectSuccess(result: { status: number; stdout: string; stderr: string }, what: string): void {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
}
