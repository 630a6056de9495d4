/**
 * A tiny reverse proxy in front of the account service that counts what the extension asks:
 * the extension is pointed at it (options page), so every account-service round trip shows here.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface CountingFront {
  url: string;
  requests: { method: string; path: string; at: number }[];
  /** Requests since `mark` (an index into requests), as "METHOD /path". */
  since(mark: number): string[];
  close(): Promise<void>;
}

export async function startCountingFront(target: string): Promise<CountingFront> {
  const upstream = new URL(target);
  const requests: CountingFront['requests'] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '?', path: req.url ?? '/', at: performance.now() });
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    since: (mark) => requests.slice(mark).map((r) => `${r.method} ${r.path.split('?')[0]}`),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
