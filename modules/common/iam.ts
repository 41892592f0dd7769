/**
 * IAM policy documents as plain data. Rendered with JSON.stringify (cdktf
 * resolves the tokens inside), so tests can parse every policy in the
 * synthesized JSON and check it for wildcards.
 */
export interface PolicyStatement {
  readonly sid: string;
  /** @default "Allow" */
  readonly effect?: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** Only for resource policies (key, topic, bucket). */
  readonly principals?: { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[] } | "*";
  readonly conditions?: Record<string, Record<string, string | readonly string[]>>;
}

/** Something that can be granted permissions, such as a function's role. */
export interface IGrantable {
  addToPrincipalPolicy(statement: PolicyStatement): void;
}

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

export function assumeRolePolicy(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}
