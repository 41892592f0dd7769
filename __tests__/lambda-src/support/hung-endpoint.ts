/** A real TCP server on loopback that accepts connections and never replies: a hung endpoint. */
import { createServer, type Socket } from "node:net";

export interface HungEndpoint {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startHungEndpoint(): Promise<HungEndpoint> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
