/**
 * Who may call the reference HTTP API: a Cognito user pool per environment
 * and one app client, whose tokens the API's JWT authorizer accepts.
 *
 * Why JWT with Cognito and not IAM for the HTTP routes: the callers of
 * POST /users, /orders and /payments are people and front ends, not AWS
 * principals. A bearer token from a user pool is what such callers can get
 * (a sign-in, `aws cognito-idp initiate-auth`), API Gateway checks it before
 * the function runs, at no cost per request, and revoking a user is one call.
 * IAM would make every caller hold AWS credentials and sign with SigV4.
 *
 * Cost: Cognito's free tier (10,000 monthly active users a month on the Lite
 * and Essentials tiers, new pools' default) covers the reference system's
 * callers, and a JWT authorizer has no charge of its own; tools/cost prices
 * CloudWatch only, so neither appears there.
 */
import { CognitoUserPool } from "@cdktf/provider-aws/lib/cognito-user-pool";
import { CognitoUserPoolClient } from "@cdktf/provider-aws/lib/cognito-user-pool-client";
import { Construct } from "constructs";

export interface ApiUserPoolProps {
  readonly environment: string;
  /** The environment's features.deletionProtection: a protected pool cannot be deleted, by Terraform or by hand, until it is turned off. */
  readonly deletionProtection: boolean;
}

/** Token lifetimes: an hour for the tokens the API reads, a month for the refresh token. */
export const TOKEN_VALIDITY = { accessTokenMinutes: 60, idTokenMinutes: 60, refreshTokenDays: 30 } as const;

export class ApiUserPool extends Construct {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The tokens' `iss` claim: `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: ApiUserPoolProps) {
    super(scope, id);
    const pool = new CognitoUserPool(this, "UserPool", {
      name: `serverless-monitoring-api-users-${props.environment}`,
      deletionProtection: props.deletionProtection ? "ACTIVE" : "INACTIVE",
      // Callers are created by the team (admin-create-user), never by self sign-up on a public endpoint.
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      passwordPolicy: {
        minimumLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: true,
        temporaryPasswordValidityDays: 3,
      },
      // Optional, with an authenticator app: machine and CLI callers sign in with a password alone,
      // people can add a second factor. Required MFA would shut out scripted callers; SMS costs per message.
      mfaConfiguration: "OPTIONAL",
      softwareTokenMfaConfiguration: { enabled: true },
      // No email is configured for the pool: a forgotten password is reset by an administrator.
      accountRecoverySetting: { recoveryMechanism: [{ name: "admin_only", priority: 1 }] },
    });
    const client = new CognitoUserPoolClient(this, "Client", {
      name: `serverless-monitoring-api-${props.environment}`,
      userPoolId: pool.id,
      // A public client (no secret): the CLI and front ends cannot keep one.
      generateSecret: false,
      // USER_PASSWORD_AUTH for `aws cognito-idp initiate-auth`; SRP for front ends; refresh for both.
      explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      preventUserExistenceErrors: "ENABLED",
      enableTokenRevocation: true,
      accessTokenValidity: TOKEN_VALIDITY.accessTokenMinutes,
      idTokenValidity: TOKEN_VALIDITY.idTokenMinutes,
      refreshTokenValidity: TOKEN_VALIDITY.refreshTokenDays,
      tokenValidityUnits: [{ accessToken: "minutes", idToken: "minutes", refreshToken: "days" }],
    });
    this.userPoolId = pool.id;
    this.clientId = client.id;
    this.issuer = `https://${pool.endpoint}`;
  }
}
