/**
 * A tiny origin for the dev walk and tests: every path answers a small HTML page naming the
 * address the connection came from (also in the `X-Zone-Remote-Address` header). With the
 * provider started with an upstream local address such as 127.0.0.2, a page saying 127.0.0.2
 * was reached through a Zone VPN proxy and one saying 127.0.0.1 was reached directly.
 */
import http from 'node:http';
import { listen } from './listen.ts';

export interface DemoSiteOptions {
  /** 0 picks a free port. */
  port: number;
  /** Listening address; default 127.0.0.1. */
  host?: string;
  /** The proxies' upstream source address, to label the verdict; default 127.0.0.2. */
  proxyAddress?: string;
}

export interface RunningDemoSite {
  url: string;
  port: number;
  close(): Promise<void>;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(remote: string, proxyAddress: string, host: string): string {
  const verdict =
    remote === proxyAddress
      ? `reached through a Zone VPN proxy (${proxyAddress})`
      : `reached directly, not through the proxy at ${proxyAddress}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Zone VPN demo site</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem">
<h1>Zone VPN demo site</h1>
<p>This request to <code>${escapeHtml(host)}</code> came from <code id="remote-address">${escapeHtml(remote)}</code>:
<strong id="verdict">${escapeHtml(verdict)}</strong>.</p>
</body></html>
`;
}

export async function startDemoSite(options: DemoSiteOptions): Promise<RunningDemoSite> {
  const proxyAddress = options.proxyAddress ?? '127.0.0.2';
  const server = http.createServer((request, response) => {
    const address = request.socket.remoteAddress ?? '';
    const remote = address.startsWith('::ffff:') ? address.slice(7) : address;
    const body = page(remote, proxyAddress, request.headers.host ?? '');
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      'x-zone-remote-address': remote,
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  const { address, close } = await listen(server, options.port, options.host);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    close,
  };
}
