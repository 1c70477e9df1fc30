import { createServer, connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy in front of the database server that a test can cut and restore. Cut, it drops
 * every connection, and then either stops listening (connection refused, as when PostgreSQL
 * stops) or, with "hang up", accepts each new connection and closes it at once (as a connection
 * pooler or load balancer does whose database is down).
 */
export async function startProxy(targetHost: string, targetPort: number) {
  const sockets = new Set<Socket>();
  let hangUp = false;
  const server = createServer((client) => {
    if (hangUp) {
      client.on("error", () => client.destroy());
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    async cut(how: "refuse" | "hang up" = "refuse") {
      hangUp = how === "hang up";
      const closed = hangUp ? Promise.resolve() : new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    restore: () => {
      hangUp = false;
      return server.listening ? Promise.resolve() : listen(port);
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
