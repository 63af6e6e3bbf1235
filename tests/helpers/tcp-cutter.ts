import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay on loopback between a client and a server, whose connections the test can cut
 * (both sides reset at once, as when a network drops) or freeze (nothing gets through and
 * nothing is reset, as behind a NAT mapping that died), without touching either end.
 */
export interface TcpCutter {
  port: number;
  /** Connections relayed so far (a reconnect shows up as one more). */
  connections(): number;
  /** Resets every open connection; new ones are relayed as before. */
  cut(): void;
  /** From now on every byte, on open and new connections, is dropped silently … */
  freeze(): void;
  /** … until this (what was dropped stays lost). */
  thaw(): void;
  close(): Promise<void>;
}

export async function startTcpCutter(targetPort: number): Promise<TcpCutter> {
  const open = new Set<Socket>();
  let count = 0;
  let frozen = false;
  const server = createServer((client) => {
    count++;
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (b: Buffer) => {
      if (!frozen) upstream.write(b);
    });
    upstream.on('data', (b: Buffer) => {
      if (!frozen) client.write(b);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    cut() {
      for (const s of open) s.resetAndDestroy();
      open.clear();
    },
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const s of open) s.destroy();
        server.close(() => ok());
      }),
  };
}
