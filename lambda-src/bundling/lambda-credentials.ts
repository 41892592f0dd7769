/**
 * The credential sources a Lambda function has, in the shape of the SDK's
 * `defaultProvider`: the bundler puts this in place of
 * `@aws-sdk/credential-provider-node` (scripts/build-lambda.ts).
 *
 * Lambda hands a function its role's credentials in environment variables,
 * or (SnapStart) through the container credentials endpoint. The SDK's full
 * default chain adds SSO, shared INI files, credential processes, web
 * identity and instance metadata: about 85 KB of clients per bundle that
 * never run in Lambda. Jest and the tools keep the full chain.
 */
import { fromEnv } from "@aws-sdk/credential-provider-env";
import { fromHttp } from "@aws-sdk/credential-provider-http";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

type Init = Parameters<typeof fromEnv>[0] & Parameters<typeof fromHttp>[0];

/** Refreshed five minutes before they expire, as the SDK's own chain does. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

export function defaultProvider(init: Init = {}): AwsCredentialIdentityProvider {
  let cached: Promise<AwsCredentialIdentity> | undefined;
  const resolve = async (): Promise<AwsCredentialIdentity> => {
    try {
      return await fromEnv(init)();
    } catch {
      return fromHttp(init)();
    }
  };
  return async () => {
    const current = cached ? await cached.catch(() => undefined) : undefined;
    const fresh = current && !(current.expiration && current.expiration.getTime() - Date.now() < REFRESH_BEFORE_EXPIRY_MS);
    if (fresh) return current;
    cached = resolve();
    return cached;
  };
}
