/** The real reference provider on free loopback ports, with its proxy events kept in memory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import defaultConfig from '../../server/config/default.json';
import {
  startProvider,
  type ProviderConfig,
  type ProviderOptions,
  type ProxyEvent,
  type RunningProvider,
} from '../../server/provider';

export const DEMO = { email: 'demo@zone.test', password: 'correct horse battery staple' };

export interface TestProvider extends RunningProvider {
  /** The provider's SQLite file (the site's e2e tests audit it). */
  database: string;
  events: ProxyEvent[];
  /** Proxy events for one target host (any port), from the event at index `since` on. */
  eventsFor(host: string, since?: number): ProxyEvent[];
}

/**
 * `httpsRegion`: the servers of that region become TLS proxies (scheme https) with a self-signed
 * certificate made at start; Chromium must then trust its SPKI (`provider.tls.spkiSha256`).
 * `mail`: the relay for the site's mails, e.g. the sink of server/mail/sink.ts.
 * `egressCountries`: runs the HTTPS connection check as https://check.zone.test:<port> (self-signed,
 * trusted like the TLS proxies) with this egress address -> country map.
 */
export async function startTestProvider(
  options: {
    tokenEpochSeconds?: number;
    httpsRegion?: string;
    egressCountries?: Record<string, string>;
    /**
     * The account service's port, for pictures that show its URL (docs/images stay the same from
     * run to run); a port already in use falls back to a free one.
     */
    accountPort?: number;
  } & Pick<ProviderOptions, 'mail' | 'rateLimitKey' | 'passwordCost'> = {},
): Promise<TestProvider> {
  const dir = mkdtempSync(join(tmpdir(), 'zone-provider-'));
  const config: ProviderConfig = structuredClone(defaultConfig) as ProviderConfig;
  config.accountService.port = 0;
  for (const region of config.regions) {
    for (const server of region.servers) {
      server.port = 0;
    }
  }
  const { httpsRegion, egressCountries, accountPort = 0, ...rest } = options;
  config.accountService.port = accountPort;
  if (egressCountries) {
    config.connectionCheck = { host: '127.0.0.1', port: 0, name: 'check.zone.test', countries: egressCountries };
  }
  for (const server of config.regions.find((r) => r.id === httpsRegion)?.servers ?? []) server.scheme = 'https';
  const events: ProxyEvent[] = [];
  const database = join(dir, 'provider.sqlite');
  const start = () =>
    startProvider({
      config,
      database,
      demoAccount: DEMO,
      upstreamLocalAddress: '127.0.0.2',
      onProxyEvent: (event) => events.push(event),
      ...rest,
    });
  const provider = await start().catch((error: unknown) => {
    if ((error as { code?: string }).code !== 'EADDRINUSE' || accountPort === 0) throw error;
    config.accountService.port = 0;
    return start();
  });
  return {
    ...provider,
    database,
    events,
    eventsFor: (host, since = 0) => events.slice(since).filter((e) => e.target.replace(/:\d+$/, '') === host),
    close: async () => {
      await provider.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
