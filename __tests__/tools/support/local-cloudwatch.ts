/**
 * A stand-in for CloudWatch on a loopback port (a test double of the service,
 * since no CloudWatch implementation runs here): it speaks the AWS JSON 1.0
 * protocol the SDK uses for DescribeAlarms, ListDashboards and GetDashboard,
 * with prefix filtering and paging, serving a given state.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { deployedState } from "./cloudwatch-state";

type State = ReturnType<typeof deployedState>;
// Small, so every prefix spans several pages and paging is exercised.
const PAGE_SIZE = 4;

export interface LocalCloudWatch {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startLocalCloudWatch(state: State): Promise<LocalCloudWatch> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<string, string | undefined>;
    const reply = (status: number, payload: unknown, errorCode?: string) => {
      res.writeHead(status, { "content-type": "application/x-amz-json-1.0", ...(errorCode ? { "x-amzn-query-error": `${errorCode};Sender` } : {}) });
      res.end(JSON.stringify(payload));
    };
    const page = <T>(items: T[]) => {
      const start = Number(body.NextToken ?? 0);
      const next = start + PAGE_SIZE < items.length ? String(start + PAGE_SIZE) : undefined;
      return { items: items.slice(start, start + PAGE_SIZE), next };
    };
    switch (String(req.headers["x-amz-target"]).split(".").pop()) {
      case "DescribeAlarms": {
        const prefix = body.AlarmNamePrefix ?? "";
        const all = [...state.metricAlarms.map((a) => ({ a, kind: "m" })), ...state.compositeAlarms.map((a) => ({ a, kind: "c" }))].filter((x) => x.a.AlarmName!.startsWith(prefix));
        const { items, next } = page(all);
        return reply(200, { MetricAlarms: items.filter((x) => x.kind === "m").map((x) => x.a), CompositeAlarms: items.filter((x) => x.kind === "c").map((x) => x.a), ...(next ? { NextToken: next } : {}) });
      }
      case "ListDashboards": {
        const { items, next } = page([...state.dashboards.keys()].filter((n) => n.startsWith(body.DashboardNamePrefix ?? "")));
        return reply(200, { DashboardEntries: items.map((DashboardName) => ({ DashboardName })), ...(next ? { NextToken: next } : {}) });
      }
      case "GetDashboard": {
        const dashboard = state.dashboards.get(String(body.DashboardName));
        if (dashboard === undefined) return reply(404, { __type: "ResourceNotFound", message: "Dashboard does not exist" }, "ResourceNotFound");
        return reply(200, { DashboardName: body.DashboardName, DashboardBody: dashboard });
      }
      default:
        return reply(400, { __type: "InvalidAction", message: "not served by this stand-in" }, "InvalidAction");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
