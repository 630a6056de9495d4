/**
 * A switch in front of the account service: a TCP forwarder on a fixed loopback port that can be
 * stopped (connections refused, as when the service is down or the machine is offline) and
 * started again on the same port. The extension is pointed at the gate's URL.
 *
 * `delayMs` slows the service down (threats T18: transition windows): every chunk the client sends
 * reaches the service `delayMs` after it arrived, in order. Delaying chunks rather than only new
 * connections also slows requests on a kept-alive connection, so every call takes that long.
 */
import net from 'node:net';

export interface AccountGate {
  url: string;
  port: number;
  /** Connections forwarded so far. */
  connections: number;
  /** Delay applied to what clients send from now on (0: none). */
  delayMs: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startAccountGate(targetUrl: string): Promise<AccountGate> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const gate: AccountGate = {
    url: '',
    port: 0,
    connections: 0,
    delayMs: 0,
    async start() {
      if (server) return;
      const s = net.createServer((client) => {
        gate.connections++;
        const upstream = net.connect(Number(target.port), target.hostname);
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => undefined);
        }
        // Client to service: each chunk waits until its due time, after the chunks before it.
        let queue = Promise.resolve();
        const forward = (send: () => void) => {
          const due = Date.now() + gate.delayMs;
          queue = queue.then(async () => {
            const wait = due - Date.now();
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            if (!upstream.destroyed) send();
          });
        };
        client.on('data', (chunk) => forward(() => upstream.write(chunk)));
        client.on('end', () => forward(() => upstream.end()));
        upstream.pipe(client);
        client.on('close', () => void queue.then(() => upstream.destroy()));
        upstream.on('close', () => client.destroy());
      });
      await new Promise<void>((r) => s.listen(port, '127.0.0.1', r));
      port = (s.address() as net.AddressInfo).port;
      server = s;
    },
    async stop() {
      const s = server;
      server = null;
      for (const sock of sockets) sock.destroy();
      if (s) await new Promise<void>((r) => s.close(() => r()));
    },
    close: () => gate.stop(),
  };
  await gate.start();
  gate.port = port;
  gate.url = `http://127.0.0.1:${port}`;
  return gate;
}
