/**
 * The region lists the unit tests give the extension, in one place. Values tests depend on: the
 * loopback ports (18101, 18102, 18105) the controller tests challenge from, and the https
 * `*.proxy.test:3128` servers the anchor regressions name.
 */
import type { ProxyServer, Region } from '../../src/shared/provider-types';
import type { RegionView } from '../../src/shared/view-state';

/** Germany with two loopback http proxies (http is accepted for this machine only). */
export const DE_FRA: Region = {
  id: 'de-fra',
  name: 'Germany',
  country: 'DE',
  city: 'Frankfurt',
  servers: [
    { id: 'de1', host: '127.0.0.1', port: 18101, scheme: 'http' },
    { id: 'de2', host: '127.0.0.1', port: 18102, scheme: 'http' },
  ],
};

/** Japan with one loopback proxy. */
export const JP_TYO: Region = {
  id: 'jp-tyo',
  name: 'Japan',
  country: 'JP',
  city: 'Tokyo',
  servers: [{ id: 'jp1', host: '127.0.0.1', port: 18105, scheme: 'http' }],
};

/** The controller tests' provider: nothing listens on these ports, the tests only route to them. */
export const LOOPBACK_REGIONS: Region[] = [DE_FRA, JP_TYO];

/** Germany with its first server only. */
export const DE_FRA_ONE_SERVER: Region = { ...DE_FRA, servers: DE_FRA.servers.slice(0, 1) };

/** Germany as a real provider lists it (https proxies): the anchor regressions. */
export const PROXY_TEST_REGIONS: Region[] = [
  regionWith(['de1', 'de2'].map((id) => ({ id, host: `${id}.proxy.test`, port: 3128, scheme: 'https' }))),
];

/** `region` served by one https `<serverId>.proxy.test:3128` (tests that name servers by host). */
export function onProxyTest(region: Region, serverId: string): Region {
  return { ...region, servers: [{ id: serverId, host: `${serverId}.proxy.test`, port: 3128, scheme: 'https' }] };
}

/** A region the provider lists without a server. */
export const EMPTY_REGION: Region = {
  id: 'nl-ams',
  name: 'Netherlands',
  country: 'NL',
  city: 'Amsterdam',
  servers: [],
};

/** Germany served by `servers`: a one-off list for a case. */
export function regionWith(servers: ProxyServer[]): Region {
  return { ...DE_FRA, servers };
}

/**
 * The popup's region list in component tests and screenshots: the reference provider's three
 * regions (server/config/default.json) and five more, so the region search shows.
 */
export const REGION_VIEWS: RegionView[] = [
  { id: 'de-fra', name: 'Germany', country: 'DE', city: 'Frankfurt' },
  { id: 'nl-ams', name: 'Netherlands', country: 'NL', city: 'Amsterdam' },
  { id: 'us-nyc', name: 'United States', country: 'US', city: 'New York' },
  { id: 'jp-tyo', name: 'Japan', country: 'JP', city: 'Tokyo' },
  { id: 'gb-lon', name: 'United Kingdom', country: 'GB', city: 'London' },
  { id: 'ca-tor', name: 'Canada', country: 'CA', city: 'Toronto' },
  { id: 'se-sto', name: 'Sweden', country: 'SE', city: 'Stockholm' },
  { id: 'ch-zrh', name: 'Switzerland', country: 'CH', city: 'Zürich' },
];

/**
 * Server lists by region id for the routing core's own tests (the PAC text and the fuzz cases):
 * every proxy scheme, an IPv6 literal, a one-server region and an empty one.
 */
export const SERVERS_BY_REGION: Record<string, ProxyServer[]> = {
  de: [
    { id: 'de-1', host: 'de1.proxy.test', port: 443, scheme: 'https' },
    { id: 'de-2', host: '2001:db8::10', port: 1080, scheme: 'socks5' },
    { id: 'de-3', host: '198.51.100.7', port: 3128, scheme: 'http' },
  ],
  jp: [{ id: 'jp-1', host: 'jp.proxy.test', port: 8080, scheme: 'http' }],
  empty: [],
};
