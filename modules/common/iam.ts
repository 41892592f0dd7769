/**
 * IAM policy documents as plain data. Rendered with JSON.stringify (cdktf
 * resolves the tokens inside), so tests can parse every policy in the
 * synthesized JSON and check it for wildcards.
 */
export interface PolicyStatement {
  /** The statement id, unique in its policy. */
  readonly sid: string;
  /** Whether the statement allows or denies. @default "Allow" */
  readonly effect?: "Allow" | "Deny";
  /** The IAM actions allowed. */
  readonly actions: readonly string[];
  /** The resource ARNs the actions are allowed on. */
  readonly resources: readonly string[];
  /** Only for resource policies (key, topic, bucket). @default none: an identity policy */
  readonly principals?: { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[] } | "*";
  /** IAM conditions, in the policy language's shape. @default none */
  readonly conditions?: Record<string, Record<string, string | readonly string[]>>;
}

/** Something that can be granted permissions, such as a function's role. */
export interface IGrantable {
  /** Adds the statement to the grantee's own policy. */
  addToPrincipalPolicy(statement: PolicyStatement): void;
}

/** The IAM policy JSON of the statements, keys in a fixed order so synth stays byte-identical. */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      Sid: s.sid,
      Effect: s.effect ?? "Allow",
      ...(s.principals ? { Principal: s.principals } : {}),
      Action: s.actions.length === 1 ? s.actions[0] : s.actions,
      Resource: s.resources.length === 1 ? s.resources[0] : s.resources,
      ...(s.conditions ? { Condition: s.conditions } : {}),
    })),
  });
}

/** A role's trust policy that lets the AWS service (e.g. `lambda.amazonaws.com`) assume it. */
export function assumeRolePolicy(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}
