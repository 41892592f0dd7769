/**
 * Many accounts and regions from one program (environments/estate.ts, main.ts):
 * two environments x two accounts x two regions plus the monitoring account,
 * synthesized as `cdktf synth` does; the reference estate's stacks unchanged.
 */
import "../cdktf-matchers";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { OamLink } from "@cdktf/provider-aws/lib/oam-link";
import { OamSink } from "@cdktf/provider-aws/lib/oam-sink";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Testing, type TerraformStack } from "cdktf";
import { buildApp } from "../../main";
import { ConfigurationError, ENVIRONMENT_NAMES, findTarget, loadEstate, ESTATE } from "../../environments";
import { SINK_ARN_PARAMETER, ESTATE_AWS_NAMESPACES } from "../../stacks";
import { synthEnvironment, type TerraformJson } from "../helpers";
import { LIVE_ACCOUNTS, MONITORING_ACCOUNT, QA_ACCOUNTS, REGIONS, TWO_ACCOUNT_ESTATE } from "./support/two-account-estate";

const app = buildApp(Testing.app(), {}, TWO_ACCOUNT_ESTATE);
const synthOf = (id: string) => Testing.synth(app.node.findChild(id) as TerraformStack);
const jsonOf = (id: string) => JSON.parse(synthOf(id)) as TerraformJson;
const SOURCE_STACKS = [
  ...QA_ACCOUNTS.flatMap((a) => REGIONS.map((r) => ({ id: `monitoring-qa-${a}-${r}`, env: "qa", account: a, region: r }))),
  ...LIVE_ACCOUNTS.flatMap((a) => REGIONS.map((r) => ({ id: `monitoring-live-${a}-${r}`, env: "live", account: a, region: r }))),
];

describe("an estate of two environments x two accounts x two regions and a monitoring account", () => {
  test("one stack per environment x account x region, the monitoring account's, and the state bootstrap", () => {
    expect(app.node.children.map((c) => c.node.id).sort()).toEqual([...SOURCE_STACKS.map((s) => s.id), "monitoring-account", "state-bootstrap"].sort());
  });

  describe.each(SOURCE_STACKS)("$id", ({ id, env, account, region }) => {
    const json = jsonOf(id);
    test("its own state file, in the environment's bucket region", () => {
      expect(json.terraform.backend.s3).toMatchObject({ key: `serverless-monitoring/${env}/${account}/${region}/terraform.tfstate`, region: "eu-west-1" });
    });
    test("a provider in its region that assumes the account's role and refuses any other account", () => {
      expect(json.provider.aws![0]).toMatchObject({ region, allowed_account_ids: [account], assume_role: [{ role_arn: `arn:aws:iam::${account}:role/monitoring-deploy` }] });
    });
    test("resource names carry the region, since the account holds the environment in two regions", () => {
      expect(Object.values(json.resource.aws_lambda_function!).map((f) => f.function_name)).toContain(`user-service-${env}-${region === "us-east-1" ? "use1" : "euw1"}`);
    });
    test("every alarm's description starts with its account and region", () => {
      const alarms = [...Object.values(json.resource.aws_cloudwatch_metric_alarm!), ...Object.values(json.resource.aws_cloudwatch_composite_alarm!)];
      expect(alarms.length).toBeGreaterThan(20);
      expect(alarms.filter((a) => !String(a.alarm_description).startsWith(`[${account} ${region}] `))).toEqual([]);
    });
    test("an OAM link to the sink whose ARN the monitoring account wrote here, sharing metrics, logs and traces of the estate", () => {
      const synth = synthOf(id);
      expect(synth).toHaveDataSourceWithProperties({ tfResourceType: "aws_ssm_parameter" } as never, { name: SINK_ARN_PARAMETER });
      const [link] = Object.values(json.resource.aws_oam_link!);
      expect(link!.sink_identifier).toMatch(/^\$\{data\.aws_ssm_parameter\.observability-link_sink-arn_[0-9A-F]{8}\.value\}$/);
      expect(synth).toHaveResourceWithProperties(OamLink, { resource_types: ["AWS::CloudWatch::Metric", "AWS::Logs::LogGroup", "AWS::XRay::Trace"] });
      const config = link!.link_configuration as { log_group_configuration: { filter: string }; metric_configuration: { filter: string } };
      const groups = Object.values(json.resource.aws_cloudwatch_log_group!).map((g) => String(g.name)).filter((n) => n.startsWith("/aws/lambda/"));
      expect(config.log_group_configuration.filter).toMatch(/^LogGroupName IN \('[^']+'(, '[^']+')*\)$/);
      expect(config.log_group_configuration.filter.match(/'[^']+'/g)!.map((g) => g.slice(1, -1)).sort()).toEqual(groups.sort());
      // Every namespace an alarm of the stack reads is shared.
      const namespaces = new Set(JSON.stringify(json.resource.aws_cloudwatch_metric_alarm).match(/"namespace":"[^"]+"/g)!.map((m) => m.slice(13, -1)));
      for (const ns of namespaces) expect(ESTATE_AWS_NAMESPACES.includes(ns as never) || ns.startsWith("ServerlessMonitoring")).toBe(true);
      expect(config.metric_configuration.filter).toContain("'AWS/Lambda'");
    });
  });

  describe("monitoring-account", () => {
    const json = jsonOf("monitoring-account");
    const synth = synthOf("monitoring-account");
    const sources = [...QA_ACCOUNTS, ...LIVE_ACCOUNTS];

    test("one sink per region of the estate, each with a policy admitting exactly the listed accounts", () => {
      expect(Object.keys(json.resource.aws_oam_sink!)).toHaveLength(REGIONS.length);
      expect(synth).toHaveResourceWithProperties(OamSink, { name: "serverless-monitoring-estate" });
      for (const policy of Object.values(json.resource.aws_oam_sink_policy!)) {
        const document = JSON.parse(String(policy.policy)) as { Statement: { Principal: { AWS: string[] }; Action: string[]; Condition: Record<string, Record<string, string[]>> }[] };
        expect(document.Statement).toHaveLength(1);
        expect([...document.Statement[0]!.Principal.AWS].sort()).toEqual([...sources].sort());
        expect(document.Statement[0]!.Action).toEqual(["oam:CreateLink", "oam:UpdateLink"]);
        expect(document.Statement[0]!.Condition["ForAllValues:StringEquals"]!["oam:ResourceTypes"]).toEqual(["AWS::CloudWatch::Metric", "AWS::Logs::LogGroup", "AWS::XRay::Trace"]);
      }
    });

    test("each source account and region gets the sink ARN of its region in SSM, through a provider assuming its role", () => {
      const params = Object.entries(json.resource.aws_ssm_parameter!);
      expect(params).toHaveLength(sources.length * REGIONS.length);
      expect(synth).toHaveResourceWithProperties(SsmParameter, { name: SINK_ARN_PARAMETER, type: "String" });
      for (const [, p] of params) {
        const alias = String(p.provider).replace("aws.", "");
        const provider = json.provider.aws!.find((x) => x.alias === alias)!;
        const [, account, region] = /^source-(\d{12})-(.+)$/.exec(alias)!;
        expect(provider).toMatchObject({ region, allowed_account_ids: [account], assume_role: [{ role_arn: `arn:aws:iam::${account}:role/monitoring-deploy` }] });
        const sinkOfRegion = Object.entries(json.resource.aws_oam_sink!).find(([id]) => id.startsWith(`sink-${region}`))![0];
        expect(p.value).toBe(`\${aws_oam_sink.${sinkOfRegion}.arn}`);
      }
    });

    test("the estate dashboard shows every account and region; the health view lists each stack's system health", () => {
      expect(synth).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: "serverless-monitoring-estate" });
      const body = (name: string) => JSON.parse(String(Object.values(json.resource.aws_cloudwatch_dashboard!).find((d) => d.dashboard_name === name)!.dashboard_body)) as { widgets: { type: string; properties: { metrics?: unknown[][]; alarms?: string[] } }[] };
      const shown = new Set(body("serverless-monitoring-estate").widgets.flatMap((w) => (w.properties.metrics ?? []).map((m) => { const o = m[4] as { accountId: string; region: string }; return `${o.accountId} ${o.region}`; })));
      expect([...shown].sort()).toEqual(sources.flatMap((a) => REGIONS.map((r) => `${a} ${r}`)).sort());
      const alarms = body("serverless-monitoring-estate-health").widgets.find((w) => w.type === "alarm")!.properties.alarms!;
      expect(alarms).toContain(`arn:aws:cloudwatch:us-east-1:${LIVE_ACCOUNTS[1]}:alarm:system-health-live-use1`);
      expect(alarms).toHaveLength(SOURCE_STACKS.length);
    });

    test("no alarm lives in the monitoring account: alarms stay with their metrics", () => {
      expect(json.resource.aws_cloudwatch_metric_alarm).toBeUndefined();
      expect(json.resource.aws_cloudwatch_composite_alarm).toBeUndefined();
      expect(json.provider.aws![0]).toMatchObject({ region: "eu-west-1", allowed_account_ids: [MONITORING_ACCOUNT] });
    });
  });

  test("with an organisation, the sink admits every account of it and no list", () => {
    const org = buildApp(Testing.app(), {}, { ...TWO_ACCOUNT_ESTATE, monitoringAccount: { ...TWO_ACCOUNT_ESTATE.monitoringAccount!, organizationId: "o-a1b2c3d4e5" } });
    const json = JSON.parse(Testing.synth(org.node.findChild("monitoring-account") as TerraformStack)) as TerraformJson;
    const statement = (JSON.parse(String(Object.values(json.resource.aws_oam_sink_policy!)[0]!.policy)) as { Statement: { Principal: unknown; Condition: Record<string, Record<string, string>> }[] }).Statement[0]!;
    expect(statement.Principal).toBe("*");
    expect(statement.Condition.StringEquals).toEqual({ "aws:PrincipalOrgID": "o-a1b2c3d4e5" });
  });
});

describe("the reference estate", () => {
  const app = buildApp(Testing.app(), {});
  test.each(ENVIRONMENT_NAMES)("monitoring-%s synthesizes byte-identical to the stack the snapshots hold", (env) => {
    expect(Testing.synth(app.node.findChild(`monitoring-${env}`) as TerraformStack)).toBe(synthEnvironment(env).synth);
  });
  test("no monitoring account, no other stack", () => {
    expect(app.node.children.map((c) => c.node.id)).toEqual(["monitoring-dev", "monitoring-staging", "monitoring-production", "state-bootstrap"]);
  });
});

describe("estate errors and lookups", () => {
  const estate = loadEstate(TWO_ACCOUNT_ESTATE);
  test("a tool finds a stack by environment and region, and asks for the region where there are several", () => {
    expect(findTarget(estate, "qa", "us-east-1", QA_ACCOUNTS[1]).stackId).toBe(`monitoring-qa-${QA_ACCOUNTS[1]}-us-east-1`);
    expect(() => findTarget(estate, "qa", "us-east-1")).toThrow(/deploys to several accounts or regions .*name one with --region \(and --account\)/);
    expect(() => findTarget(estate, "nope")).toThrow(new ConfigurationError('unknown environment "nope". Valid environments: qa, live.'));
    expect(findTarget(loadEstate(ESTATE), "dev").stackId).toBe("monitoring-dev");
  });
  test("a role of another account is refused, naming the field", () => {
    const bad = structuredClone(TWO_ACCOUNT_ESTATE) as { environments: { accounts: { roleArn: string }[] }[] };
    bad.environments[0]!.accounts[0]!.roleArn = "arn:aws:iam::555555555555:role/x";
    expect(() => loadEstate(bad)).toThrow(/environments\[0\]\.accounts\[0\]\.roleArn: got "arn:aws:iam::555555555555:role\/x"; allowed: a role of account 111111111111/);
  });
  test("a region listed twice, and a bad account id, are refused", () => {
    const bad = structuredClone(TWO_ACCOUNT_ESTATE) as { environments: { accounts: { accountId: string; regions: string[] }[] }[] };
    bad.environments[0]!.accounts[0]!.regions = ["eu-west-1", "eu-west-1"];
    bad.environments[1]!.accounts[0]!.accountId = "12345";
    expect(() => loadEstate(bad)).toThrow(/regions\[1\]: got "eu-west-1"; allowed: a region not listed already[\s\S]*accountId: got "12345"; allowed: a 12-digit AWS account id/);
  });
});
