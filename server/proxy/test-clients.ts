/**
 * Test clients for the proxies: a recording origin and raw proxy clients (absolute-URI GET and
 * CONNECT, over TCP or TLS).
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { listen } from '../listen.ts';

export interface RecordedRequest {
  remoteAddress: string;
  headers: http.IncomingHttpHeaders;
}

/** An origin that records each request's source address and headers, and answers 200 "hello". */
export async function startRecordingOrigin(): Promise<{
  port: number;
  seen: RecordedRequest[];
  close(): Promise<void>;
}> {
  const seen: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    seen.push({ remoteAddress: request.socket.remoteAddress ?? '', headers: request.headers });
    response.end('hello');
  });
  const { port, close } = await listen(server);
  return {
    port,
    seen,
    close,
  };
}

export interface ProxyTarget {
  host: string;
  port: number;
  tls?: boolean;
}

function basic(auth: { username: string; password: string } | undefined): Record<string, string> {
  if (!auth) return {};
  return { 'proxy-authorization': `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
}

/** GET an absolute http:// URL through an http proxy. */
export function proxyGet(
  proxy: ProxyTarget,
  url: string,
  auth?: { username: string; password: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: proxy.host,
        port: proxy.port,
        method: 'GET',
        path: url,
        agent: false,
        headers: { host: new URL(url).host, ...basic(auth) },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/**
 * CONNECT through the proxy; on 200 sends a plain HTTP GET through the tunnel and returns the
 * origin's answer text too.
 */
export function proxyConnect(
  proxy: ProxyTarget,
  target: string,
  auth?: { username: string; password: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; tunnelled?: string }> {
  return new Promise((resolve, reject) => {
    const options = {
      host: proxy.host,
      port: proxy.port,
      method: 'CONNECT',
      path: target,
      agent: false,
      headers: basic(auth),
    };
    const request = proxy.tls ? https.request({ ...options, rejectUnauthorized: false }) : http.request(options);
    request.on('connect', (response: http.IncomingMessage, socket: Socket) => {
      const status = response.statusCode ?? 0;
      if (status !== 200) {
        socket.destroy();
        resolve({ status, headers: response.headers });
        return;
      }
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve({ status, headers: response.headers, tunnelled: text }));
      socket.on('error', reject);
      socket.write(`GET / HTTP/1.1\r\nHost: ${target}\r\nConnection: close\r\n\r\n`);
    });
    request.on('error', reject);
    request.end();
  });
}
