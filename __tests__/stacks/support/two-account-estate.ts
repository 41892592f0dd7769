/** The estate the multi-account tests synthesize: two environments x two accounts x two regions, and a monitoring account. */
import { environmentInput, type EstateInput } from "../../../environments";

export const MONITORING_ACCOUNT = "999999999999";
export const QA_ACCOUNTS = ["111111111111", "222222222222"] as const;
export const LIVE_ACCOUNTS = ["333333333333", "444444444444"] as const;
export const REGIONS = ["eu-west-1", "us-east-1"] as const;

const role = (account: string) => `arn:aws:iam::${account}:role/monitoring-deploy`;

export const TWO_ACCOUNT_ESTATE: EstateInput = {
  environments: [
    { config: { ...environmentInput("dev"), name: "qa", region: "eu-west-1" }, accounts: QA_ACCOUNTS.map((accountId) => ({ accountId, regions: [...REGIONS], roleArn: role(accountId) })) },
    { config: { ...environmentInput("production"), name: "live", region: "eu-west-1" }, accounts: LIVE_ACCOUNTS.map((accountId) => ({ accountId, regions: [...REGIONS], roleArn: role(accountId) })) },
  ],
  monitoringAccount: { accountId: MONITORING_ACCOUNT, region: "eu-west-1", roleArn: role(MONITORING_ACCOUNT) },
};
