/**
 * Redaction on every path: card numbers, credentials and secret values fed
 * through every field of every handler's input (directly, and in API Gateway
 * proxy and WebSocket events) never appear in a response or a log line:
 * answers, client-error echoes, the WARN line of a client error, and the
 * ERROR line that carries a whole record when the error table is down.
 */
import fc from "fast-check";
import type { Context } from "aws-lambda";
import { captureOutput } from "./support/captured-output";
import { functionEnvironment, resetEnvironment } from "./support/environment";
import { fakeLambdaContext } from "./support/lambda-context";

type Handler = (event: unknown, context: Context) => Promise<unknown>;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

const HANDLERS = ["user-service", "order-processor", "payment-handler", "notification-sender", "data-aggregator"] as const;
type HandlerName = (typeof HANDLERS)[number];
/** data-aggregator has no route: it is invoked directly only. */
const TRANSPORTS: Record<HandlerName, readonly Transport[]> = {
  "user-service": ["direct", "http"],
  "order-processor": ["direct", "http"],
  "payment-handler": ["direct", "http"],
  "notification-sender": ["direct", "http", "websocket"],
  "data-aggregator": ["direct"],
};
type Transport = "direct" | "http" | "websocket";

const sample = (name: HandlerName): Json => JSON.parse(JSON.stringify(require(`../../lambda-src/${name}/sample-event.json`))) as Json;

/** The sample events, with a push recipient for notification-sender: its pushToken is a secret-named field the handler echoes. */
function baseEvent(name: HandlerName): Json {
  const event = sample(name) as { [key: string]: Json };
  if (name === "notification-sender") {
    event.channels = ["email", "sms", "push"];
    (event.recipients as { [key: string]: Json }[])[0]!.pushToken = "device-token-0123456789";
  }
  return event;
}

/** Every place in a value: each leaf (to replace) and each object (to add a key to). */
function placesIn(value: Json, path: Path = []): { readonly path: Path; readonly kind: "leaf" | "object" }[] {
  if (value === null || typeof value !== "object") return [{ path, kind: "leaf" }];
  const children = Array.isArray(value) ? value.map((child, i) => placesIn(child, [...path, i])) : Object.entries(value).map(([key, child]) => placesIn(child, [...path, key]));
  return [...(Array.isArray(value) ? [] : [{ path, kind: "object" as const }]), ...children.flat()];
}

function withAt(value: Json, path: Path, change: (at: Json) => Json): Json {
  if (path.length === 0) return change(value);
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, Json>;
  copy[head!] = withAt(copy[head!]!, rest, change);
  return copy as Json;
}

/** A Luhn-valid number of 13 to 19 digits, written plain, in groups of four with spaces, or with dashes. */
const cardNumber = fc
  .tuple(fc.integer({ min: 13, max: 19 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 }), fc.constantFrom("", " ", "-"), fc.integer({ min: 1, max: 9 }))
  .map(([length, digits, separator, first]) => {
    const body = [first, ...digits.slice(0, length - 2)];
    const checkDigit = luhnCheckDigit(body);
    const plain = [...body, checkDigit].join("");
    return { text: plain.replace(/(\d{4})(?=\d)/g, `$1${separator}`), needles: [plain] };
  });

function luhnCheckDigit(body: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body[body.length - 1 - i]!;
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

const chars = (alphabet: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Secrets recognisable wherever they stand. */
const recognisable = fc.oneof(
  cardNumber,
  // AWS secret access keys: 40 characters of base64 with upper case, lower case and a digit.
  chars(BASE64, 37, 37).map((s) => `Aa1${s}`).chain((s) => fc.shuffledSubarray([...s], { minLength: 40, maxLength: 40 }).map((c) => c.join(""))).map((s) => ({ text: s, needles: [s] })),
  chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 16).map((s) => ({ text: `AKIA${s}`, needles: [`AKIA${s}`] })),
  chars(`${BASE64URL}.~`, 16, 48).map((token) => ({ text: `Bearer ${token}`, needles: [token] })),
  fc.tuple(chars(BASE64URL, 8, 30), chars(BASE64URL, 8, 60), chars(BASE64URL, 16, 43)).map(([h, p, s]) => ({ text: `eyJ${h}.eyJ${p}.${s}`, needles: [`eyJ${h}.eyJ${p}`, s] })),
  chars(`${BASE64URL}!#%*`, 10, 24).map((password) => ({ text: `postgres://app:${password}@db.internal:5432/orders`, needles: [password] })),
);
/** A password: nothing to recognise it by but the name of its field. Printable, quotes and backslashes included. */
const password = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&*+-=?@^_~\"\\'<>/ ".split("")), minLength: 12, maxLength: 32 }).filter((p) => p.trim().length >= 12);
const SECRET_KEYS = ["password", "clientSecret", "apiKey", "accessToken", "authorization", "x-api-key", "refresh_token", "db_password"];

interface Case {
  readonly handler: HandlerName;
  readonly transport: Transport;
  readonly event: unknown;
  readonly needles: readonly string[];
}

/** One case: a handler, a transport, a place in its input, and a secret put there. */
const caseArbitrary: fc.Arbitrary<Case> = fc.constantFrom(...HANDLERS).chain((handler) => {
  const base = baseEvent(handler);
  const places = placesIn(base);
  const leaves = places.filter((p) => p.kind === "leaf").map((p) => p.path);
  const objects = places.filter((p) => p.kind === "object").map((p) => p.path);
  const placed = fc.oneof(
    // A recognisable secret as the value of any field, alone or in words.
    fc.tuple(fc.constantFrom(...leaves), recognisable, fc.constantFrom(["", ""], ["ref ", ""], ["", " on file"], ["x:", ";y"])).map(([path, secret, [before, after]]) => ({
      event: withAt(base, path, () => `${before}${secret.text}${after}`),
      needles: secret.needles,
    })),
    // A recognisable secret as a key (strict schemas name unknown keys in their answer).
    fc.tuple(fc.constantFrom(...objects), recognisable).map(([path, secret]) => ({ event: withAt(base, path, (at) => ({ ...(at as object), [secret.text]: 1 })), needles: secret.needles })),
    // A password under a secret-named key, added to any object.
    fc.tuple(fc.constantFrom(...objects), fc.constantFrom(...SECRET_KEYS), password).map(([path, key, secret]) => ({ event: withAt(base, path, (at) => ({ ...(at as object), [key]: secret })), needles: [secret] })),
    // A password as the value of any field whose name says it is a secret (pushToken, cvv), and echoed if the handler echoes it.
    ...(leaves.some((p) => isSecretNamed(p)) ? [fc.tuple(fc.constantFrom(...leaves.filter(isSecretNamed)), password).map(([path, secret]) => ({ event: withAt(base, path, () => secret), needles: [secret] }))] : []),
  );
  return fc.tuple(fc.constantFrom(...TRANSPORTS[handler]), placed, chars(BASE64URL, 16, 40)).map(([transport, { event, needles }, headerToken]) => ({ handler, transport, ...wrapped(transport, event, needles, headerToken) }));
});

function isSecretNamed(path: Path): boolean {
  const key = String(path[path.length - 1]);
  return /token|secret|password|cvv|apikey/i.test(key);
}

/** The input as the transport delivers it; an HTTP request also carries a bearer token in its header. */
function wrapped(transport: Transport, body: Json, needles: readonly string[], token: string): { readonly event: unknown; readonly needles: readonly string[] } {
  if (transport === "direct") return { event: body, needles };
  if (transport === "websocket") {
    return { event: { requestContext: { connectionId: "c1", eventType: "MESSAGE", routeKey: "$default", stage: "live" }, isBase64Encoded: false, body: JSON.stringify(body) }, needles };
  }
  return {
    event: {
      version: "2.0",
      routeKey: "POST /x",
      rawPath: "/x",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      requestContext: { http: { method: "POST", path: "/x" }, requestId: "r1", stage: "$default" },
      body: JSON.stringify(body),
      isBase64Encoded: false,
    },
    needles: [...needles, token],
  };
}

/** A needle as written in text, and as JSON writes it inside a string. */
const forms = (needle: string) => [...new Set([needle, JSON.stringify(needle).slice(1, -1)])];

function loadHandlers(): Record<HandlerName, Handler> {
  const loaded = {} as Record<HandlerName, Handler>;
  for (const name of HANDLERS) {
    jest.isolateModules(() => {
      loaded[name] = (require(`../../lambda-src/${name}`) as { handler: Handler }).handler;
    });
  }
  return loaded;
}

describe("property: no secret in any response or log line, whatever field of whatever handler it comes in", () => {
  afterEach(() => resetEnvironment());

  // Served: answers and client errors. Failing with the table down: every invocation fails and its whole record, event included, goes to the ERROR line.
  for (const [mode, simulationRate, runs] of [
    ["served", "0", 700],
    ["failing with the error table down", "1", 300],
  ] as const) {
    test(`${mode}`, async () => {
      functionEnvironment({ endpoint: "http://127.0.0.1:9", simulationRate });
      process.env.AWS_MAX_ATTEMPTS = "1";
      const handlers = loadHandlers();
      let cases = 0;
      const outcomes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(caseArbitrary, async ({ handler, event, needles }) => {
          cases += 1;
          const output = captureOutput();
          let response: unknown;
          try {
            response = await handlers[handler](event, fakeLambdaContext(`${handler}-test`)).catch((error: unknown) => ({ thrown: String(error) }));
          } finally {
            output.restore();
          }
          const seen = `${JSON.stringify(response)}\n${output.text()}`;
          const outcome = outcomeOf(response);
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          for (const needle of needles) for (const form of forms(needle)) expect({ needle: form, found: seen.includes(form) }).toEqual({ needle: form, found: false });
        }),
        { numRuns: runs, seed: 20261207 },
      );
      // The figures for the closing note: how many cases, and that both answers and client errors were among them.
      console.info(`redaction property (${mode}): ${cases} cases; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`);
      expect(cases).toBe(runs);
      if (simulationRate === "0") expect([...outcomes.keys()]).toEqual(expect.arrayContaining(["answered", "client error"]));
    }, 300_000);
  }
});

function outcomeOf(response: unknown): string {
  const r = response as { thrown?: string; ok?: boolean; statusCode?: number; body?: string } | undefined;
  if (r?.thrown) return "thrown";
  const ok = r?.statusCode !== undefined ? (r.body ? (JSON.parse(r.body) as { ok?: boolean }).ok : true) : r?.ok;
  return ok ? "answered" : "client error";
}

describe("issue 31's finding: POST /orders with a card number as taxRegion", () => {
  afterEach(() => resetEnvironment());

  test("GIVEN taxRegion 4111 1111 1111 1111 WHEN posted THEN the 400 body and the WARN line name the field, not the number", async () => {
    functionEnvironment({ serviceName: "order-processor-test" });
    const handler = loadHandlers()["order-processor"];
    const order = { ...(sample("order-processor") as object), taxRegion: "4111 1111 1111 1111" };
    const output = captureOutput();
    let response: { statusCode: number; body: string };
    try {
      response = (await handler(
        { version: "2.0", routeKey: "POST /orders", requestContext: { http: { method: "POST", path: "/orders" } }, body: JSON.stringify(order), isBase64Encoded: false },
        fakeLambdaContext("order-processor-test"),
      )) as typeof response;
    } finally {
      output.restore();
    }
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error.issues).toEqual(['taxRegion: unknown region "[REDACTED]"; known: US-CA, US-NY, US-TX, US-OR, DE, FR, GB, NL']);
    const warn = output.lines().find((l) => l.level === "WARN")!;
    expect(warn).toMatchObject({ status: "client_error", issues: ['taxRegion: unknown region "[REDACTED]"; known: US-CA, US-NY, US-TX, US-OR, DE, FR, GB, NL'] });
    expect(`${response.body}${output.text()}`).not.toMatch(/4111/);
  });

  test("GIVEN a push token WHEN a notification is planned THEN the answer says a push goes out, without the token", async () => {
    functionEnvironment({ serviceName: "notification-sender-test" });
    const output = captureOutput();
    let result: { ok: boolean; data: { deliveries: { channel: string; address: string }[] } };
    try {
      result = (await loadHandlers()["notification-sender"](baseEvent("notification-sender"), fakeLambdaContext("notification-sender-test"))) as typeof result;
    } finally {
      output.restore();
    }
    expect(result.data.deliveries.find((d) => d.channel === "push")).toEqual({ channel: "push", userId: "u1", address: "[REDACTED]" });
    expect(JSON.stringify(result)).not.toContain("device-token-0123456789");
  });
});

describe("redactText: what is recognised in free text, and what is left alone", () => {
  const { redactText, secretValuesIn } = jest.requireActual<typeof import("@serverless-monitoring/lambda-runtime")>("@serverless-monitoring/lambda-runtime");

  test.each([
    ["card 4111 1111 1111 1111 on file", "card [REDACTED] on file"],
    ["4111-1111-1111-1111", "[REDACTED]"],
    ["ref4111111111111111", "ref[REDACTED]"],
    ["ref 2026 4111 1111 1111 1111", "ref 2026 [REDACTED]"],
    ["key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY end", "key [REDACTED] end"],
    ["id AKIAIOSFODNN7EXAMPLE", "id [REDACTED]"],
    ["Authorization: Bearer abc.def-ghi", "Authorization: Bearer [REDACTED]"],
    ["jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature-1", "jwt [REDACTED]"],
    ["postgres://app:hunter2hunter2@db:5432/x", "postgres://app:[REDACTED]@db:5432/x"],
    ["?user=a&password=hunter2&x=1", "?user=a&password=[REDACTED]&x=1"],
  ])("%s -> %s", (text, redacted) => {
    expect(redactText(text)).toBe(redacted);
  });

  test.each([
    "order 1234 5678 9012 3456 (fails Luhn)",
    "2026-11-22T10:00:00.000Z",
    "1-6742f0a1-5b3c4d2e1f0a9b8c7d6e5f4a",
    "f47ac10b-58cc-4372-a567-0e02b2c3d479",
    "usr_0123456789abcdef",
    "sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709",
    "+44 20 7946 0958",
    "taxRegion: must be one of US-CA, DE",
    "/var/task/node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js:123:45",
  ])("kept: %s", (text) => {
    expect(redactText(text)).toBe(text);
  });

  test("the event's own secrets: values under secret-named keys, inside JSON bodies too, and the words of a credential; short ones not", () => {
    const event = { headers: { authorization: "Bearer tok_abcdefgh12" }, body: JSON.stringify({ user: { password: "correct horse", pin: "1234" } }), cvv: "123" };
    expect(secretValuesIn(event).sort()).toEqual(["Bearer tok_abcdefgh12", "correct horse", "tok_abcdefgh12"].sort());
  });
});
