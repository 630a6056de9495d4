/**
 * A switch in front of the account service: a TCP forwarder on a fixed loopback port that can be
 * stopped (connections refused, as when the service is down or the machine is offline) and
 * started again on the same port. The extension is pointed at the gate's URL.
 */
import net from 'node:net';

export interface AccountGate {
  url: string;
  port: number;
  /** Connections forwarded so far. */
  connections: number;
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
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
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
