/**
 * `npm run maintenance` with bad invocations, spawned as npm runs it: each
 * gives one line on stderr naming what is wrong, and exit 1. Never a stack
 * trace. The AWS cases run against endpoints on 127.0.0.1 that refuse the
 * connection or answer with an error.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startEntry } from "../entries";

interface Invocation {
  readonly name: string;
  readonly args: readonly string[];
  /** Environment variables over the test's (credentials, endpoint). @default none */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** What the one line must say. */
  readonly says: string;
}

/** A local endpoint that answers every request as CloudWatch refusing it. */
let refusing: Server;
let refusingUrl = "";
/** A port with nothing listening: taken, then closed. */
let closedUrl = "";

beforeAll(async () => {
  refusing = createServer((_request, response) => {
    response.writeHead(400, { "content-type": "text/xml" });
    response.end('<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterValue</Code><Message>The value for parameter Timestamp is invalid.</Message></Error><RequestId>1</RequestId></ErrorResponse>');
  });
  await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
  refusingUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  await new Promise<void>((resolve) => refusing.close(() => resolve()));
});

const CREDENTIALS = { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" };
const NO_CREDENTIALS = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, HOME: "/nonexistent", AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" };
const DURATION = "allowed: a duration from 1m to 2h";

const INVOCATIONS = (): readonly Invocation[] => [
  { name: "an unknown flag", args: ["--bogus"], says: "Unknown option '--bogus'" },
  { name: "an unknown short flag", args: ["-x"], says: "Unknown option '-x'" },
  { name: "--env without its value", args: ["--env"], says: "Option '--env <value>' argument missing" },
  { name: "--for without its value", args: ["--env", "dev", "--for"], says: "Option '--for <value>' argument missing" },
  { name: "no arguments", args: [], says: "--env is required" },
  { name: "an empty --env", args: ["--env=", "--end"], says: "--env is required" },
  { name: "an unknown environment", args: ["--env", "qa", "--end"], says: 'unknown environment "qa". Valid environments: dev, staging, production.' },
  { name: "an environment in capitals", args: ["--env", "DEV", "--end"], says: 'unknown environment "DEV"' },
  { name: "an environment named __proto__", args: ["--env", "__proto__", "--end"], says: 'unknown environment "__proto__"' },
  { name: "an environment named constructor", args: ["--env", "constructor", "--end"], says: 'unknown environment "constructor"' },
  { name: "neither --for nor --end", args: ["--env", "production"], says: "give either --for <duration> or --end" },
  { name: "both --for and --end", args: ["--env", "production", "--for", "2h", "--end"], says: "give either --for <duration> or --end" },
  { name: "a window over two hours", args: ["--env", "dev", "--for", "3h"], says: `--for is "3h"; ${DURATION}` },
  { name: "negative minutes", args: ["--env", "dev", "--for", "-5m"], says: "Option '--for' argument is ambiguous" },
  { name: "negative minutes, with =", args: ["--env", "dev", "--for=-5m"], says: `--for is "-5m"; ${DURATION}` },
  { name: "zero minutes", args: ["--env", "dev", "--for", "0m"], says: `--for is "0m"; ${DURATION}` },
  { name: "a duration that is no number", args: ["--env", "dev", "--for", "abc"], says: `--for is "abc"; ${DURATION}` },
  { name: "a fractional duration", args: ["--env", "dev", "--for", "1.5h"], says: `--for is "1.5h"; ${DURATION}` },
  { name: "a duration beyond any integer", args: ["--env", "dev", "--for", "99999999999999999999m"], says: `--for is "99999999999999999999m"; ${DURATION}` },
  { name: "a positional argument", args: ["--env", "dev", "--end", "extra"], says: "Unexpected argument 'extra'" },
  { name: "a value for --end", args: ["--env", "dev", "--end=yes"], says: "Option '--end' does not take an argument" },
  { name: "--for given twice", args: ["--env", "dev", "--for", "1h", "--for", "2h"], says: "Option '--for' is given more than once" },
  { name: "no credentials", args: ["--env", "dev", "--end"], env: { ...NO_CREDENTIALS, AWS_ENDPOINT_URL: closedUrl }, says: "no AWS credentials found" },
  { name: "an endpoint that is no URL", args: ["--env", "dev", "--for", "30m"], env: { ...CREDENTIALS, AWS_ENDPOINT_URL: "not-a-url" }, says: 'AWS_ENDPOINT_URL is "not-a-url"; allowed: an http or https URL' },
  { name: "an endpoint of another scheme", args: ["--env", "dev", "--for", "30m"], env: { ...CREDENTIALS, AWS_ENDPOINT_URL: "ftp://127.0.0.1/" }, says: 'AWS_ENDPOINT_URL is "ftp://127.0.0.1/"' },
  { name: "an endpoint where nothing listens", args: ["--env", "dev", "--for", "30m"], env: { ...CREDENTIALS, AWS_ENDPOINT_URL: closedUrl }, says: `cannot reach CloudWatch at ${closedUrl} (ECONNREFUSED)` },
  { name: "an endpoint that refuses the data points", args: ["--env", "dev", "--end"], env: { ...CREDENTIALS, AWS_ENDPOINT_URL: refusingUrl }, says: `CloudWatch at ${refusingUrl} refused the maintenance data points` },
];

function run(invocation: Invocation): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", AWS_ENDPOINT_URL: undefined, ...invocation.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = startEntry("tools/maintenance/cli.ts", invocation.args, { env });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}

test("27 bad invocations: one line naming what is wrong, exit 1, no stack trace", async () => {
  const invocations = INVOCATIONS();
  const results: { invocation: Invocation; status: number | null; stdout: string; stderr: string }[] = [];
  // Four at a time: each is a node process.
  for (let i = 0; i < invocations.length; i += 4) {
    const batch = invocations.slice(i, i + 4);
    results.push(...(await Promise.all(batch.map(async (invocation) => ({ invocation, ...(await run(invocation)) })))));
  }
  const wrong = results.flatMap(({ invocation, status, stdout, stderr }) => {
    const lines = stderr.split("\n").filter((line) => line !== "");
    const ok = status === 1 && stdout === "" && lines.length === 1 && lines[0]!.startsWith("maintenance: ") && lines[0]!.includes(invocation.says) && !/\n\s+at /.test(stderr);
    return ok ? [] : [`${invocation.name} (${invocation.args.join(" ")}): exit ${status}, stderr ${JSON.stringify(stderr)}`];
  });
  expect(wrong).toEqual([]);
  expect(results).toHaveLength(27);
}, 300_000);
