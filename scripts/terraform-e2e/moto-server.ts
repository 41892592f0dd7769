/**
 * moto's server (a local AWS API) on a free loopback port, started and
 * stopped by the suite. Readiness is polled, bounded in count and time.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface MotoServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export function missingMoto(): string | undefined {
  const result = spawnSync("moto_server", ["--help"], { encoding: "utf8", timeout: 30_000 });
  return result.status === 0 ? undefined : "no moto_server on PATH (pip install 'moto[server]')";
}

/** A port the OS says is free on 127.0.0.1 now. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startMotoServer(options: { readonly readyTimeoutMs?: number } = {}): Promise<MotoServer> {
  const port = await freeLoopbackPort();
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString("utf8")).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (let attempt = 0; attempt < 300 && Date.now() < deadline; attempt++) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}: ${log}`);
    if (await answers(`${endpoint}/moto-api/`)) return { endpoint, stop: () => stop(child) };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop(child);
  throw new Error(`moto_server did not answer on ${endpoint} within ${options.readyTimeoutMs ?? 30_000} ms: ${log}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
