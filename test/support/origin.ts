/**
 * A test origin: answers every request and records where each connection came from. The leak
 * oracle: test proxies connect upstream from 127.0.0.2, so a hit from 127.0.0.1 reached the origin
 * directly, around the proxy.
 */
import http from 'node:http';
import { listen } from '../../server/listen';

export interface OriginHit {
  host: string;
  path: string;
  from: string;
}

export interface Origin {
  port: number;
  hits: OriginHit[];
  /** Hits for one host name (any port), e.g. 'site-a.test'. */
  hitsFor(host: string): OriginHit[];
  close(): Promise<void>;
}

export async function startOrigin(): Promise<Origin> {
  const hits: OriginHit[] = [];
  const server = http.createServer((req, res) => {
    const from = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    hits.push({ host, path: req.url ?? '/', from });
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'close',
    });
    res.end(`<!doctype html><title>${host}</title><p id="from">${from}</p>`);
  });
  const { port, close } = await listen(server);
  return {
    port,
    hits,
    hitsFor: (host) => hits.filter((h) => h.host === host),
    close,
  };
}
