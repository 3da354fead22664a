import { connect, createServer, type AddressInfo, type Socket } from "node:net";

export interface TcpRelay {
  /** The relay's address, in place of the target's: `http://127.0.0.1:<port>`. */
  url: string;
  /** As a crashed service or a broken network: open connections drop, new ones are dropped at once. */
  cut(): void;
  /** Connections reach the target again. */
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay to a real service (`target`: its URL), for tests of what callers
 * do when it stops answering: nothing is mocked, the bytes are the service's.
 */
export async function startTcpRelay(target: string): Promise<TcpRelay> {
  const upstream = new URL(target);
  const open = new Set<Socket>();
  let cut = false;
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const service = connect(Number(upstream.port), upstream.hostname);
    for (const socket of [client, service]) {
      open.add(socket);
      socket.on("error", () => undefined).on("close", () => open.delete(socket));
    }
    client.pipe(service).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut() {
      cut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      cut = false;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
