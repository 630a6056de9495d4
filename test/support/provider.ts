/** The real reference provider on free loopback ports, with its proxy events kept in memory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import defaultConfig from '../../server/config/default.json';
import { startProvider, type ProviderConfig, type ProxyEvent, type RunningProvider } from '../../server/provider';

export const DEMO = { email: 'demo@zone.test', password: 'correct horse battery staple' };

export interface TestProvider extends RunningProvider {
  events: ProxyEvent[];
  /** Proxy events for one target host (any port). */
  eventsFor(host: string): ProxyEvent[];
}

/**
 * `httpsRegion`: the servers of that region become TLS proxies (scheme https) with a self-signed
 * certificate made at start; Chromium must then trust its SPKI (`provider.tls.spkiSha256`).
 */
export async function startTestProvider(
  options: { tokenEpochSeconds?: number; httpsRegion?: string } = {},
): Promise<TestProvider> {
  const dir = mkdtempSync(join(tmpdir(), 'zone-provider-'));
  const config: ProviderConfig = structuredClone(defaultConfig) as ProviderConfig;
  config.accountService.port = 0;
  for (const region of config.regions) {
    for (const server of region.servers) {
      server.port = 0;
    }
  }
  const { httpsRegion, ...rest } = options;
  for (const server of config.regions.find((r) => r.id === httpsRegion)?.servers ?? []) server.scheme = 'https';
  const events: ProxyEvent[] = [];
  const provider = await startProvider({
    config,
    database: join(dir, 'provider.sqlite'),
    demoAccount: DEMO,
    upstreamLocalAddress: '127.0.0.2',
    onProxyEvent: (event) => events.push(event),
    ...rest,
  });
  return {
    ...provider,
    events,
    eventsFor: (host) => events.filter((e) => e.target.replace(/:\d+$/, '') === host),
    close: async () => {
      await provider.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
