/**
 * What the drift check reads from CloudWatch. The SDK implementation pages
 * through DescribeAlarms and ListDashboards; the shared client (../common/aws-clients)
 * retries throttling and honours AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_CLOUDWATCH.
 */
import {
  CloudWatchClient,
  GetDashboardCommand,
  paginateDescribeAlarms,
  paginateListDashboards,
  type CompositeAlarm,
  type MetricAlarm,
} from "@aws-sdk/client-cloudwatch";
import { cloudWatchClient } from "../common/aws-clients";

export interface LiveAlarms {
  readonly metricAlarms: MetricAlarm[];
  readonly compositeAlarms: CompositeAlarm[];
}

export interface CloudWatchReader {
  alarmsWithPrefix(prefix: string): Promise<LiveAlarms>;
  dashboardNamesWithPrefix(prefix: string): Promise<string[]>;
  /** The dashboard's body, or undefined when it does not exist. */
  dashboardBody(name: string): Promise<string | undefined>;
}

/** Pages are bounded: a runaway NextToken loop ends with an error instead of hanging a scheduled job. */
const MAX_PAGES = 1000;

export class SdkCloudWatchReader implements CloudWatchReader {
  constructor(private readonly client: CloudWatchClient = cloudWatchClient()) {}

  async alarmsWithPrefix(prefix: string): Promise<LiveAlarms> {
    const result: LiveAlarms = { metricAlarms: [], compositeAlarms: [] };
    let pages = 0;
    for await (const page of paginateDescribeAlarms({ client: this.client, pageSize: 100 }, { AlarmNamePrefix: prefix, AlarmTypes: ["MetricAlarm", "CompositeAlarm"] })) {
      if (++pages > MAX_PAGES) throw new Error(`DescribeAlarms returned more than ${MAX_PAGES} pages for prefix "${prefix}"`);
      result.metricAlarms.push(...(page.MetricAlarms ?? []));
      result.compositeAlarms.push(...(page.CompositeAlarms ?? []));
    }
    return result;
  }

  async dashboardNamesWithPrefix(prefix: string): Promise<string[]> {
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListDashboards({ client: this.client }, { DashboardNamePrefix: prefix })) {
      if (++pages > MAX_PAGES) throw new Error(`ListDashboards returned more than ${MAX_PAGES} pages for prefix "${prefix}"`);
      names.push(...(page.DashboardEntries ?? []).map((d) => String(d.DashboardName)));
    }
    return names;
  }

  async dashboardBody(name: string): Promise<string | undefined> {
    try {
      return (await this.client.send(new GetDashboardCommand({ DashboardName: name }))).DashboardBody;
    } catch (error) {
      if (error instanceof Error && (error.name === "ResourceNotFound" || error.name === "ResourceNotFoundException" || error.name === "DashboardNotFoundError")) return undefined;
      throw error;
    }
  }
}
