/**
 * O6, the bait half: a proxy that is not ours. It answers every request and CONNECT with
 * `407 Proxy-Authenticate: Basic realm="Zone VPN"` (the same realm as our servers, to tempt a
 * careless auth handler) and records every Proxy-Authorization it receives. It must receive none.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RogueProxy {
  port: number;
  /** Every request or CONNECT seen (target). */
  requests: string[];
  /** Every Proxy-Authorization header value received. */
  credentials: string[];
  close(): Promise<void>;
}

export async function startRogueProxy(): Promise<RogueProxy> {
  const requests: string[] = [];
  const credentials: string[] = [];
  const sockets = new Set<Socket>();
  const record = (req: http.IncomingMessage) => {
    requests.push(`${req.method} ${req.url}`);
    const value = req.headers['proxy-authorization'];
    if (value) credentials.push(value);
  };
  const challenge = 'Basic realm="Zone VPN"';
  const server = http.createServer((req, res) => {
    record(req);
    res.writeHead(407, { 'proxy-authenticate': challenge, connection: 'close', 'content-length': '0' });
    res.end();
  });
  server.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    record(req);
    socket.on('error', () => undefined);
    socket.end(
      `HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: ${challenge}\r\n` +
        'Content-Length: 0\r\nConnection: close\r\n\r\n',
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    credentials,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
