/**
 * "What sites see" (docs/api.md `GET /v1/connection-check`): the source address of the connection
 * that carried the request and, when the provider knows it, that address's country. Reached through
 * one of our proxies, that is the proxy's upstream address: what every site sees.
 *
 * The extension never proxies its account service (src/background/proxy-mode.ts), so the check it
 * uses is this same route on a listener of its own, under a name the extension does proxy, over
 * HTTPS: Firefox upgrades an extension's plain-http requests to names (docs/browser-facts.md), and
 * an answer about the user's address is worth protecting on its way back anyway.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { TlsMaterial } from '../proxy/proxy-server.ts';
import { installExtensionCors } from './cors.ts';

/** Egress address -> ISO 3166 country code, as the provider's GeoIP data or config says. */
export type EgressCountries = Readonly<Record<string, string>>;

export interface ConnectionCheckAnswer {
  ip: string;
  country: string | null;
}

export function connectionCheckRoute(app: FastifyInstance, countries: EgressCountries): void {
  app.get('/v1/connection-check', async (request): Promise<ConnectionCheckAnswer> => {
    // request.ip honours trustProxy: behind the fleet's balancer it is the client's address.
    const ip = request.ip.startsWith('::ffff:') ? request.ip.slice(7) : request.ip;
    return { ip, country: Object.hasOwn(countries, ip) ? countries[ip]! : null };
  });
}

export interface ConnectionCheckListener {
  /** https://<name>:<port>/v1/connection-check, the URL announced in GET /v1/regions. */
  url: string;
  close(): Promise<void>;
}

export async function startConnectionCheck(options: {
  host: string;
  port: number;
  /** The name clients reach it by (it must not be the account service's host). */
  name: string;
  tls: TlsMaterial;
  countries: EgressCountries;
  trustProxy?: readonly string[];
}): Promise<ConnectionCheckListener> {
  const trusted = options.trustProxy ?? [];
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    https: { key: options.tls.key, cert: options.tls.cert },
    trustProxy: trusted.length > 0 ? [...trusted] : false,
  });
  installExtensionCors(app);
  connectionCheckRoute(app, options.countries);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const name = options.name.includes(':') ? `[${options.name}]` : options.name;
  return { url: `https://${name}:${port}/v1/connection-check`, close: () => app.close() };
}
