/**
 * O6, the bait half: a proxy that is not ours. It answers every request and CONNECT with
 * `407 Proxy-Authenticate: Basic realm="Zone VPN"` (the same realm as our servers, to tempt a
 * careless auth handler) and records every Proxy-Authorization it receives. It must receive none.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { listen } from '../../../server/listen';

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
  const { port, close } = await listen(server);
  return {
    port,
    requests,
    credentials,
    close,
  };
}

/**
 * The positive control of the rogue proxy: a request that carries a Proxy-Authorization header must
 * be recorded. Clears what the control left, so the scenario starts from nothing.
 */
export async function rogueSeesCredentials(rogue: RogueProxy): Promise<boolean> {
  await new Promise<void>((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port: rogue.port,
      path: 'http://control.test/',
      headers: { 'proxy-authorization': 'Basic Y29udHJvbA==' },
    });
    req.on('response', (r) => (r.resume(), resolve()));
    req.on('error', () => resolve());
    req.end();
  });
  const seen = rogue.credentials.length === 1;
  rogue.credentials.length = 0;
  rogue.requests.length = 0;
  return seen;
}
