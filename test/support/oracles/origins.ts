/**
 * O1 (source address) for HTTP, HTTPS, WS and WSS, plus the 401-Basic half of O6.
 *
 * One plain and one TLS listener (self-signed certificate made with openssl for `*.test`; Chromium
 * needs `--ignore-certificate-errors`, Firefox `acceptInsecureCerts`). Every TCP connection is
 * recorded when it is accepted, before any byte is read: test proxies connect upstream from
 * 127.0.0.2, so an accepted connection from 127.0.0.1 reached the origin directly (a leak), even
 * if it never sent a request (a preconnect) or never finished the TLS handshake. WebSocket
 * upgrades are answered with a minimal RFC 6455 handshake and one text frame carrying the source
 * address (node has no `ws` here). `/auth` answers 401 Basic and records any `Authorization` it
 * receives (`/auth?open` records without the challenge); `/page/NAME` serves HTML registered with `setPage`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { listen } from '../../../server/listen';

export type Scheme = 'http' | 'https';

export interface Connection {
  scheme: Scheme;
  from: string;
  /** TLS only: the SNI name, once the handshake got that far. */
  sni?: string;
  at: number;
}

export interface Hit {
  scheme: Scheme;
  kind: 'http' | 'ws';
  host: string;
  path: string;
  from: string;
  authorization?: string;
  at: number;
}

export interface LeakOrigin {
  httpPort: number;
  httpsPort: number;
  connections: Connection[];
  hits: Hit[];
  /** Authorization headers received on /auth (the 401-Basic oracle). */
  authorizations: string[];
  url(scheme: 'http' | 'https' | 'ws' | 'wss', host: string, path?: string): string;
  setPage(name: string, html: string): void;
  hitsFor(host: string): Hit[];
  /** Hits for `host` that arrived straight from the browser (127.0.0.1), not via a proxy. */
  directHits(host: string): Hit[];
  /** Accepted TCP connections from 127.0.0.1 since `since` (a leak even without a request). */
  directConnections(since?: number, scheme?: Scheme): Connection[];
  close(): Promise<void>;
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zone-leak-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=leak.test',
        '-addext',
        'subjectAltName=DNS:*.test,DNS:leak.test',
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const addressOf = (socket: { remoteAddress?: string }) => (socket.remoteAddress ?? '').replace(/^::ffff:/, '');

export async function startLeakOrigin(): Promise<LeakOrigin> {
  const connections: Connection[] = [];
  const hits: Hit[] = [];
  const authorizations: string[] = [];
  const pages = new Map<string, string>();

  const handler = (scheme: Scheme) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    const from = addressOf(req.socket);
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = req.url ?? '/';
    const authorization = req.headers.authorization;
    hits.push({ scheme, kind: 'http', host, path, from, at: Date.now(), ...(authorization ? { authorization } : {}) });
    const headers = { 'cache-control': 'no-store', connection: 'close', 'access-control-allow-origin': '*' };
    if (req.method === 'OPTIONS') {
      // CORS preflight of a cross-origin request that carries a header (the 401 positive control).
      res.writeHead(204, {
        ...headers,
        'access-control-allow-headers': 'authorization',
        'access-control-allow-methods': 'GET',
      });
      return void res.end();
    }
    if (path.startsWith('/auth')) {
      if (authorization) authorizations.push(authorization);
      // `/auth?open` records without challenging (the oracle's own positive control).
      if (path.includes('open')) return void res.writeHead(200, headers).end('recorded');
      res.writeHead(401, { ...headers, 'www-authenticate': 'Basic realm="Zone VPN"', 'content-type': 'text/plain' });
      res.end('credentials please');
      return;
    }
    const page = path.startsWith('/page/') ? pages.get(path.slice('/page/'.length).split('?')[0]!) : undefined;
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    res.end(page ?? `<!doctype html><title>${host}</title><p id="from">${from}</p>`);
  };

  const upgrade = (scheme: Scheme) => (req: http.IncomingMessage, socket: Duplex) => {
    const from = addressOf(req.socket);
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    hits.push({ scheme, kind: 'ws', host, path: req.url ?? '/', from, at: Date.now() });
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') return void socket.destroy();
    const accept = createHash('sha1')
      .update(key + WS_GUID)
      .digest('base64');
    const payload = Buffer.from(from);
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    // One unmasked text frame (payload < 126 bytes), then the socket stays open until close().
    socket.write(Buffer.concat([Buffer.from([0x81, payload.length]), payload]));
    socket.on('error', () => undefined);
  };

  const track = (scheme: Scheme) => (socket: Socket) => {
    connections.push({ scheme, from: addressOf(socket), at: Date.now() });
    socket.on('error', () => undefined);
  };

  const plain = http.createServer(handler('http'));
  const tls = https.createServer(selfSignedCert(), handler('https'));
  plain.on('connection', track('http'));
  tls.on('connection', track('https'));
  tls.on('secureConnection', (socket) => {
    const servername = (socket as unknown as { servername?: string }).servername;
    const record = [...connections]
      .reverse()
      .find((c) => c.scheme === 'https' && c.from === addressOf(socket) && c.sni === undefined);
    if (record && servername) record.sni = servername;
  });
  tls.on('tlsClientError', () => undefined);
  plain.on('upgrade', upgrade('http'));
  tls.on('upgrade', upgrade('https'));
  const [plainListening, tlsListening] = await Promise.all([listen(plain), listen(tls)]);
  const httpPort = plainListening.port;
  const httpsPort = tlsListening.port;
  return {
    httpPort,
    httpsPort,
    connections,
    hits,
    authorizations,
    url: (scheme, host, path = '/') =>
      `${scheme}://${host}:${scheme === 'http' || scheme === 'ws' ? httpPort : httpsPort}${path}`,
    setPage: (name, html) => void pages.set(name, html),
    hitsFor: (host) => hits.filter((h) => h.host === host),
    directHits: (host) => hits.filter((h) => h.host === host && h.from === '127.0.0.1'),
    directConnections: (since = 0, scheme) =>
      connections.filter((c) => c.at >= since && c.from === '127.0.0.1' && (!scheme || c.scheme === scheme)),
    close: async () => {
      await Promise.all([plainListening.close(), tlsListening.close()]);
    },
  };
}
