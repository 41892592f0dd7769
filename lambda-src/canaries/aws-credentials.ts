/**
 * The canary's credentials, fetched at run time and never stored: the JWT
 * route's canary user from an SSM SecureString parameter (signed in through
 * Cognito for a fresh ID token each run), and SigV4 signing of the WebSocket
 * connect request with the canary role's own credentials. Nothing secret is
 * in the canary's code, its configuration, or the Terraform JSON.
 */
import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import type { JwtCredentials } from "./check";
import type { CanaryCredentials } from "./run";

/** SHA-256 for the signer, from node:crypto (the SDK's own hash package is not a dependency here). */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Uint8Array => (typeof data === "string" ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data));

/** The user's sign-in, as the team puts it: `aws ssm put-parameter --type SecureString --value '{"username":...,"password":...}'`. */
async function signInOf(ssm: SSMClient, parameterName: string): Promise<{ username: string; password: string }> {
  const { Parameter } = await ssm.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true }));
  let value: { username?: unknown; password?: unknown };
  try {
    value = JSON.parse(Parameter?.Value ?? "") as typeof value;
  } catch {
    throw new Error(`parameter ${parameterName} is not JSON {"username": ..., "password": ...}`);
  }
  if (typeof value.username !== "string" || typeof value.password !== "string") throw new Error(`parameter ${parameterName} lacks a string username and password`);
  return { username: value.username, password: value.password };
}

export function awsCredentials(env: NodeJS.ProcessEnv = process.env): CanaryCredentials {
  const region = env.AWS_REGION;
  return {
    async bearerToken(credentials: JwtCredentials): Promise<string> {
      const { username, password } = await signInOf(new SSMClient({ region }), credentials.parameterName);
      const result = await new CognitoIdentityProviderClient({ region }).send(
        new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: credentials.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
      );
      const token = result.AuthenticationResult?.IdToken;
      if (!token) throw new Error(`no ID token for the canary user (challenge ${result.ChallengeName ?? "none"}): give it a permanent password`);
      return token;
    },
    async signWebSocketUrl(url: string): Promise<string> {
      const accessKeyId = env.AWS_ACCESS_KEY_ID;
      const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
      if (!region || !accessKeyId || !secretAccessKey) throw new Error("AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set: the canary role's credentials are missing");
      const parsed = new URL(url);
      const signer = new SignatureV4({ service: "execute-api", region, sha256: Sha256, credentials: { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } });
      const signed = await signer.presign(
        { method: "GET", protocol: parsed.protocol, hostname: parsed.hostname, ...(parsed.port ? { port: Number(parsed.port) } : {}), path: parsed.pathname, query: Object.fromEntries(parsed.searchParams), headers: { host: parsed.host } },
        { expiresIn: 60 },
      );
      const query = new URLSearchParams(signed.query as Record<string, string>).toString();
      return `${parsed.protocol}//${parsed.host}${parsed.pathname}?${query}`;
    },
  };
}
