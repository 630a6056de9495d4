/**
 * O6 and T49: a loopback proxy that misbehaves in one chosen way, and records every request line
 * and every Proxy-Authorization it receives (the credential oracle: it must receive none).
 *
 * - `badGateway`: 502 to every CONNECT and every plain proxied request.
 * - `digest` / `ntlm`: 407 with `Proxy-Authenticate: Digest …` / `NTLM` (our servers speak only Basic).
 * - `closeMidStream`: accepts, then closes in the middle of the answer (a plain request gets its
 *   headers and part of the body; a CONNECT gets its 200, then the tunnel closes at the first byte).
 * - `untrustedTls`: a TLS proxy with a fresh self-signed certificate the browser does not trust;
 *   behind the handshake it challenges with 407 Basic (our realm, to tempt a careless client).
 *
 * The challenges go only to the test's own `*.test` hosts: the browser's background services (seen:
 * Firefox's remote settings) get a 502, as a 407 to them can end in a browser-level login prompt
 * that the extension never sees and that blocks the test driver.
 *
 * It never connects anywhere, so any connection a test origin sees while this proxy is in use went
 * around it. A tiny HTTP/1.1 reader on the raw socket handles several requests per connection (a
 * client may answer a 407 on the same connection, as NTLM must). Keys live in memory only.
 */
import net, { type Socket } from 'node:net';
import tls from 'node:tls';
import { listen } from '../../../server/listen';
import { selfSignedCertificate } from '../../../server/proxy/tls';

export type HostileMode = 'badGateway' | 'digest' | 'ntlm' | 'closeMidStream' | 'untrustedTls';

export interface HostileProxy {
  mode: HostileMode;
  scheme: 'http' | 'https';
  port: number;
  /** TCP connections accepted: the browser did try this proxy. */
  connections(): number;
  /** TLS handshakes the client broke off (untrustedTls: the certificate was refused). */
  tlsRefusals(): number;
  /** `METHOD target` of every request read (after the TLS handshake for untrustedTls). */
  requests: string[];
  /** Every Proxy-Authorization value received. */
  credentials: string[];
  close(): Promise<void>;
}

const CHALLENGE: Partial<Record<HostileMode, string>> = {
  digest: 'Digest realm="Zone VPN", qop="auth", algorithm=MD5, nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093"',
  ntlm: 'NTLM',
  untrustedTls: 'Basic realm="Zone VPN"',
};

export async function startHostileProxy(mode: HostileMode): Promise<HostileProxy> {
  const requests: string[] = [];
  const credentials: string[] = [];
  let accepted = 0;
  let refusals = 0;

  const serve = (socket: Socket) => {
    socket.on('error', () => undefined);
    let buffer = '';
    let tunnel = false;
    socket.on('data', (chunk: Buffer) => {
      // closeMidStream: the first byte through the tunnel (TLS hello, WebSocket upgrade) ends it.
      if (tunnel) return void socket.destroy();
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
        const [line = '', ...headers] = buffer.slice(0, end).split('\r\n');
        buffer = buffer.slice(end + 4);
        const [method = '', target = ''] = line.split(' ');
        requests.push(`${method} ${target}`);
        for (const h of headers) {
          const colon = h.indexOf(':');
          if (h.slice(0, colon).trim().toLowerCase() === 'proxy-authorization')
            credentials.push(h.slice(colon + 1).trim());
        }
        tunnel = answer(socket, method, target);
        if (tunnel || socket.destroyed || !socket.writable) return;
      }
    });
  };

  /** Writes this mode's answer; true when the socket is now a (doomed) tunnel. */
  function answer(socket: Socket, method: string, target: string): boolean {
    const challenge = CHALLENGE[mode];
    const testHost = /\.test(:\d+)?(\/|$)/.test(target.replace(/^\w+:\/\//, ''));
    if (challenge && testHost) {
      socket.write(
        'HTTP/1.1 407 Proxy Authentication Required\r\n' +
          `Proxy-Authenticate: ${challenge}\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n`,
      );
      return false;
    }
    if (mode === 'badGateway' || challenge) {
      socket.end(
        'HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\n502',
      );
      return false;
    }
    // closeMidStream
    if (method === 'CONNECT') {
      socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
      return true;
    }
    socket.write(
      'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<!doctype html><title>cut</title><p id="from">',
    );
    setTimeout(() => socket.destroy(), 50);
    return false;
  }

  let server: net.Server;
  if (mode === 'untrustedTls') {
    const { key, cert } = await selfSignedCertificate(['127.0.0.1']);
    server = tls.createServer({ key, cert }, serve);
    server.on('tlsClientError', () => void refusals++);
  } else {
    server = net.createServer(serve);
  }
  server.on('connection', (socket: Socket) => {
    accepted += 1;
    socket.on('error', () => undefined);
  });
  const { port, close } = await listen(server);
  return {
    mode,
    scheme: mode === 'untrustedTls' ? 'https' : 'http',
    port,
    connections: () => accepted,
    tlsRefusals: () => refusals,
    requests,
    credentials,
    close,
  };
}

/**
 * The credential oracle's own positive control: a client that does send a Proxy-Authorization
 * (Node, trusting any certificate) must show up in `credentials`.
 */
export async function oracleSeesCredentials(proxy: HostileProxy): Promise<boolean> {
  const before = proxy.credentials.length;
  const socket: Socket =
    proxy.scheme === 'https'
      ? tls.connect({ host: '127.0.0.1', port: proxy.port, rejectUnauthorized: false })
      : net.connect(proxy.port, '127.0.0.1');
  await new Promise<void>((resolve) => {
    socket.once(proxy.scheme === 'https' ? 'secureConnect' : 'connect', () =>
      socket.write(
        'CONNECT probe.test:443 HTTP/1.1\r\nHost: probe.test:443\r\nProxy-Authorization: Basic cHJvYmU6cHJvYmU=\r\n\r\n',
      ),
    );
    socket.once('data', () => resolve());
    socket.once('error', () => resolve());
    socket.once('close', () => resolve());
  });
  socket.destroy();
  return proxy.credentials.length > before;
}
