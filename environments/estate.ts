/**
 * The estate as data: which environments exist, and in which accounts and
 * regions each one deploys. main.ts makes one stack per environment x account
 * x region from it (see `deploymentTargets`), plus, where a monitoring account
 * is named, the stack that gives it a view of all the others.
 *
 * The reference estate below keeps its three environments as they always were:
 * each in the account and region of its own file, stack `monitoring-<name>`,
 * state `<prefix>/<name>/terraform.tfstate`. An environment with `accounts`
 * deploys once per account and region listed there instead.
 */
import * as z from "zod";
import { regionProblem } from "@serverless-monitoring/constructs";
import { dev } from "./dev";
import { production } from "./production";
import { staging } from "./staging";
import { ENVIRONMENT_NAME_PATTERN, ENVIRONMENT_NAME_RULE, type EnvironmentConfig, type EnvironmentInput } from "./schema";
import { ConfigurationError, formatPath, parseEnvironment, type Problem } from "./validate";

const ACCOUNT_RULE = "a 12-digit AWS account id";
const REGION_RULE = "an AWS region such as eu-west-1";
const ROLE_RULE = "an IAM role ARN such as arn:aws:iam::111122223333:role/monitoring-deploy";
const ORGANIZATION_RULE = "an AWS Organizations id such as o-a1b2c3d4e5";
const AWS_ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

const accountId = z.string({ error: ACCOUNT_RULE }).regex(/^\d{12}$/, { error: ACCOUNT_RULE });
const region = z.string({ error: REGION_RULE }).refine((value) => regionProblem(value) === undefined, { error: REGION_RULE });
const roleArn = z.string({ error: ROLE_RULE }).regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,64}$/, { error: ROLE_RULE });

/** One account an environment deploys into, in one or more regions, through a role the deploy assumes there. */
const placementSchema = z
  .strictObject({
    accountId,
    regions: z.array(region, { error: "a list of AWS regions" }).min(1, { error: "at least one AWS region" }),
    /** The role the provider assumes in this account. @default the deploy's own credentials */
    roleArn: roleArn.optional(),
  })
  .superRefine((placement, ctx) => {
    placement.regions.forEach((r, i) => {
      if (placement.regions.indexOf(r) !== i) ctx.addIssue({ code: "custom", path: ["regions", i], input: r, message: "a region not listed already for this account (one stack per account and region)" });
    });
    const roleAccount = placement.roleArn?.split(":")[4];
    if (roleAccount !== undefined && roleAccount !== placement.accountId) {
      ctx.addIssue({ code: "custom", path: ["roleArn"], input: placement.roleArn, message: `a role of account ${placement.accountId}, the account it deploys into (this one is of ${roleAccount})` });
    }
  });

/** The account that sees every other through CloudWatch cross-account observability (OAM). */
const monitoringAccountSchema = z.strictObject({
  accountId,
  /** Where the sink and the estate dashboards live. */
  region,
  /** @default the deploy's own credentials */
  roleArn: roleArn.optional(),
  /** Admit every account of this organisation to the sink, instead of exactly the estate's accounts. @default the listed accounts only */
  organizationId: z.string({ error: ORGANIZATION_RULE }).regex(AWS_ORGANIZATION_ID, { error: ORGANIZATION_RULE }).optional(),
});

const estateSchema = z.strictObject({
  environments: z
    .array(
      z.strictObject({
        /** The environment's own configuration (environments/schema.ts); its region and accountId are the ones used without `accounts`. */
        config: z.custom<EnvironmentInput>((value) => typeof value === "object" && value !== null, { error: "an environment configuration (environments/schema.ts)" }),
        /** Where it deploys: one stack per account and region. @default the config's own region and accountId, one stack `monitoring-<name>` */
        accounts: z.array(placementSchema).min(1, { error: "at least one account" }).optional(),
        /**
         * Prefix every alarm's description with `[account region]`, so a notification read in chat or a pager says
         * where it fired. @default true for an environment with `accounts`, false otherwise (the reference stacks stay byte-identical)
         */
        labelAlarms: z.boolean({ error: "true or false" }).optional(),
        /**
         * Split each of its stacks: a shared stack (topics, key, error table, published in SSM) and one stack per
         * capability (functions without one go to "other"), each cut below `maxResourcesPerStack` (stacks/estate-split.ts).
         * @default one stack per account and region
         */
        split: z
          .strictObject({
            by: z.literal("capability", { error: '"capability"' }),
            maxResourcesPerStack: z.number({ error: "a whole number from 100 to 20000" }).int({ error: "a whole number from 100 to 20000" }).min(100, { error: "a whole number from 100 to 20000" }).max(20_000, { error: "a whole number from 100 to 20000" }).optional(),
          })
          .optional(),
      }),
    )
    .min(1, { error: "at least one environment" }),
  monitoringAccount: monitoringAccountSchema.optional(),
});

export type EstateInput = z.input<typeof estateSchema>;
export type MonitoringAccount = z.infer<typeof monitoringAccountSchema>;

/** Where one stack deploys: an environment in one account and region. */
export interface DeploymentTarget {
  /** The cdktf stack: `monitoring-<env>` for an environment without `accounts`, else `monitoring-<env>-<account>-<region>`. */
  readonly stackId: string;
  /** The environment's name as the estate lists it. */
  readonly environment: string;
  /** @default the deploy's credentials decide (the config's accountId, if any, is still enforced) */
  readonly accountId?: string;
  readonly region: string;
  /** The role the stack's provider assumes. @default none */
  readonly roleArn?: string;
  /**
   * The configuration this stack deploys: the environment's, with this region and account. Its `name` suffixes
   * every resource name: the environment's, or `<env>-<region code>` (`dev-euw1`) where one account holds the environment in
   * several regions (IAM roles and budgets are account-wide, so two regions' names would collide).
   */
  readonly config: EnvironmentConfig;
  /** The state file's path under the key prefix: `<env>` or `<env>/<account>/<region>`. */
  readonly statePath: string;
  /** The region of the environment's state bucket: the environment's own region, shared by all its stacks. */
  readonly stateRegion: string;
  /** `[account region] ` before every alarm description, or undefined. */
  readonly alarmLabel?: string;
  /** Split into a shared stack and shards (stacks/estate-split.ts). @default one stack */
  readonly split?: { readonly by: "capability"; readonly maxResourcesPerStack?: number };
}

export interface Estate {
  readonly targets: readonly DeploymentTarget[];
  readonly monitoringAccount?: MonitoringAccount;
}

/**
 * The project's estate: the reference system's dev, staging and production, each where its own file says.
 * Add environments, accounts and regions here (docs/multi-account.md); main.ts and every tool read it.
 */
export const ESTATE: EstateInput = { environments: [{ config: dev }, { config: staging }, { config: production }] };

/** Validates an estate and lists its stacks, or throws one ConfigurationError naming every bad field. */
export function loadEstate(input: unknown = ESTATE): Estate {
  const parsed = estateSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigurationError(`Invalid estate:\n${parsed.error.issues.map((issue) => `  - ${formatPath(issue.path)}: got ${JSON.stringify(issue.input)}; allowed: ${issue.message}`).join("\n")}`);
  }
  const problems: Problem[] = [];
  const targets = parsed.data.environments.flatMap((entry, index) => {
    const config = parseEnvironment(nameOf(entry.config, index), entry.config);
    if (!ENVIRONMENT_NAME_PATTERN.test(config.name)) problems.push({ path: ["environments", index, "config", "name"], value: config.name, allowed: ENVIRONMENT_NAME_RULE });
    return targetsOf(config, entry.config, entry.accounts, entry.labelAlarms).map((t) => (entry.split ? { ...t, split: entry.split } : t));
  });
  const seen = new Map<string, number>();
  targets.forEach((target, i) => {
    if (seen.has(target.stackId)) problems.push({ path: ["environments"], value: target.environment, allowed: `environments whose stacks differ (stack "${target.stackId}" would be made twice)` });
    seen.set(target.stackId, i);
  });
  const monitoring = parsed.data.monitoringAccount;
  if (monitoring && targets.some((t) => t.accountId === undefined)) {
    const unplaced = targets.find((t) => t.accountId === undefined)!;
    problems.push({ path: ["monitoringAccount"], value: monitoring.accountId, allowed: `a monitoring account only where every environment names its accounts (environment "${unplaced.environment}" has neither accounts nor accountId: the sink admits accounts by id)` });
  }
  if (problems.length > 0) throw new ConfigurationError(`Invalid estate:\n${problems.map((p) => `  - ${formatPath(p.path)}: got ${JSON.stringify(p.value)}; allowed: ${p.allowed}`).join("\n")}`);
  return { targets, ...(monitoring ? { monitoringAccount: monitoring } : {}) };
}

/** The source accounts of an estate, each once, in the order they first appear. */
export function sourceAccounts(estate: Estate): string[] {
  return [...new Set(estate.targets.flatMap((t) => (t.accountId ? [t.accountId] : [])))];
}

/** The one target of `environment` (and of `region` and `account`, where it has several), or an error listing them. */
export function findTarget(estate: Estate, environment: string, region?: string, account?: string): DeploymentTarget {
  const ofEnvironment = estate.targets.filter((t) => t.environment === environment);
  if (ofEnvironment.length === 0) {
    throw new ConfigurationError(`unknown environment "${environment}". Valid environments: ${[...new Set(estate.targets.map((t) => t.environment))].join(", ")}.`);
  }
  const matching = ofEnvironment.filter((t) => (region === undefined || t.region === region) && (account === undefined || t.accountId === account));
  if (matching.length === 1) return matching[0]!;
  const where = ofEnvironment.map((t) => `${t.accountId ?? "(any account)"} ${t.region}`).join(", ");
  if (matching.length === 0) throw new ConfigurationError(`Environment "${environment}" has no stack in ${[account, region].filter(Boolean).join(" ")}. It deploys to: ${where}.`);
  throw new ConfigurationError(`Environment "${environment}" deploys to several accounts or regions (${where}): name one with --region (and --account).`);
}

function nameOf(config: unknown, index: number): string {
  const name = (config as { name?: unknown }).name;
  return typeof name === "string" ? name : `environments[${index}]`;
}

function targetsOf(config: EnvironmentConfig, input: EnvironmentInput, accounts: z.infer<typeof placementSchema>[] | undefined, labelAlarms: boolean | undefined): DeploymentTarget[] {
  const env = config.name;
  if (accounts === undefined) {
    const label = labelAlarms ? alarmLabel(config.accountId, config.region) : undefined;
    return [{ stackId: `monitoring-${env}`, environment: env, ...(config.accountId ? { accountId: config.accountId } : {}), region: config.region, config, statePath: env, stateRegion: config.region, ...(label ? { alarmLabel: label } : {}) }];
  }
  return accounts.flatMap((placement) =>
    placement.regions.map((r): DeploymentTarget => {
      const name = placement.regions.length > 1 ? `${env}-${regionCode(r)}` : env;
      return {
        stackId: `monitoring-${env}-${placement.accountId}-${r}`,
        environment: env,
        accountId: placement.accountId,
        region: r,
        ...(placement.roleArn ? { roleArn: placement.roleArn } : {}),
        // Parsed again in its own account and region: the rules that tie ARNs to the stack's region and account apply to each.
        config: { ...parseEnvironment(env, { ...input, region: r, accountId: placement.accountId }), name },
        statePath: `${env}/${placement.accountId}/${r}`,
        stateRegion: config.region,
        ...(labelAlarms === false ? {} : { alarmLabel: alarmLabel(placement.accountId, r) }),
      };
    }),
  );
}

/**
 * A region in a few characters, for resource names (an X-Ray group name has at most 32):
 * eu-west-1 -> euw1, ap-southeast-2 -> apse2, us-gov-west-1 -> usgovw1.
 */
export function regionCode(region: string): string {
  const parts = region.split("-");
  const compass = (word: string) => word.replace("north", "n").replace("south", "s").replace("east", "e").replace("west", "w").replace("central", "c");
  return [parts[0], ...parts.slice(1, -1).map(compass), parts.at(-1)].join("");
}

/** What every alarm description starts with, so a notification says where it fired. */
function alarmLabel(account: string | undefined, region: string): string {
  return `[${account ?? "this account"} ${region}] `;
}
