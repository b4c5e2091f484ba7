/**
 * A TCP proxy a test can switch off and on, standing between a server process and PostgreSQL or
 * Redis: `down()` cuts every open connection and refuses new ones, as a server that crashed or a
 * network that failed would; `up()` lets connections through again.
 */
import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Connections refused while down. */
  readonly refused: number;
  up(): void;
  down(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(
  target: { host: string; port: number },
  initiallyUp = true,
): Promise<TcpProxy> {
  let isUp = initiallyUp;
  let refused = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    if (!isUp) {
      refused++;
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on('error', close);
      s.on('close', close);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    get refused() {
      return refused;
    },
    up: () => {
      isUp = true;
    },
    down: () => {
      isUp = false;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    close: async () => {
      isUp = false;
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
