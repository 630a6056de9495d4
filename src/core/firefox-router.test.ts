// The routing function Firefox calls per request, containers included (issue 17): precedence
// (rules, then the container, then the VPN), invalid ids, and the states that must still block.
import { describe, expect, it } from 'vitest';
import type { ProxyServer } from '../shared/provider-types';
import { parseBypassEntry, type Rule } from './bypass-rules';
import { firefoxRouter } from './firefox-router';
import { compileRouting, RoutingInputError, type RoutingInput } from './routing';
import { blockingInput } from '../../test/unit/routing-fixtures';

const server = (host: string, port: number): ProxyServer => ({ id: host, host, port, scheme: 'https' });
const REGIONS = { de: [server('de.proxy.test', 443)], jp: [server('jp.proxy.test', 443)], us: [] };
const rule = (pattern: string): Rule => {
  const parsed = parseBypassEntry(pattern);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.rule;
};

function router(input: Partial<RoutingInput> = {}) {
  const table = compileRouting({
    entries: [],
    mode: 'exclude',
    bypassLocal: true,
    defaultRegionId: 'de',
    regions: REGIONS,
    alwaysDirect: ['account.test'],
    ...input,
  });
  return firefoxRouter({ kind: 'route', table, directHosts: ['account.test'] });
}
/** Where a request leaves: the first proxy's host, 'direct' or 'blocked' (the dead loopback proxy). */
function via(route: ReturnType<typeof router>, url: string, cookieStoreId?: string): string {
  const first = route({ url, ...(cookieStoreId ? { cookieStoreId } : {}) })[0];
  if (!first || first.type === 'direct') return 'direct';
  return first.host === '127.0.0.1' && first.port === 9 ? 'blocked' : first.host;
}

const A = 'firefox-container-1';
const B = 'firefox-container-2';

describe('firefoxRouter: containers', () => {
  it('without a container choice every tab leaves through the VPN (the control)', () => {
    const route = router();
    expect(via(route, 'https://site.test/', A)).toBe('de.proxy.test');
    expect(via(route, 'https://site.test/', 'firefox-default')).toBe('de.proxy.test');
    expect(via(route, 'https://site.test/')).toBe('de.proxy.test');
  });

  it('a container with a region leaves through it, one set to direct goes direct, the others follow the VPN', () => {
    const route = router({ containers: { [A]: { regionId: 'jp' }, [B]: 'direct' } });
    expect(via(route, 'https://site.test/', A)).toBe('jp.proxy.test');
    expect(via(route, 'https://site.test/', B)).toBe('direct');
    expect(via(route, 'https://site.test/', 'firefox-container-3')).toBe('de.proxy.test');
    expect(via(route, 'https://site.test/', 'firefox-default')).toBe('de.proxy.test');
    expect(via(route, 'https://site.test/')).toBe('de.proxy.test');
    // Answers stay well formed: a proxied list ends in null.
    expect(route({ url: 'https://site.test/', cookieStoreId: A }).at(-1)).toBeNull();
  });

  it('a bypass rule, a rule naming a region (even the VPN’s), the account service and the local network win over the container', () => {
    const entries = [
      { rule: rule('bank.test') },
      { rule: rule('news.test'), regionId: 'de' },
      { rule: rule('anime.test'), regionId: 'jp' },
    ];
    const route = router({ entries, containers: { [A]: { regionId: 'jp' }, [B]: 'direct' } });
    expect(via(route, 'https://bank.test/', A)).toBe('direct');
    expect(via(route, 'https://news.test/', A)).toBe('de.proxy.test');
    expect(via(route, 'https://news.test/', B)).toBe('de.proxy.test');
    expect(via(route, 'https://anime.test/', B)).toBe('jp.proxy.test');
    expect(via(route, 'https://account.test/', A)).toBe('direct');
    expect(via(route, 'http://192.168.1.1/', A)).toBe('direct');
  });

  it('include mode: listed sites take the container’s way, unlisted ones stay direct', () => {
    const route = router({
      mode: 'include',
      entries: [{ rule: rule('listed.test') }],
      containers: { [A]: { regionId: 'jp' } },
    });
    expect(via(route, 'https://listed.test/', A)).toBe('jp.proxy.test');
    expect(via(route, 'https://listed.test/')).toBe('de.proxy.test');
    expect(via(route, 'https://other.test/', A)).toBe('direct');
  });

  it('a container region with no servers or not offered blocks, never direct', () => {
    const route = router({ containers: { [A]: { regionId: 'us' }, [B]: { regionId: 'gone' } } });
    expect(via(route, 'https://site.test/', A)).toBe('blocked');
    expect(via(route, 'https://site.test/', B)).toBe('blocked');
  });

  it('blocked states still block every container; a pause and a disconnected VPN go direct', () => {
    const blocking = firefoxRouter({
      kind: 'route',
      table: compileRouting(blockingInput(['account.test'])),
      directHosts: [],
    });
    expect(via(blocking, 'https://site.test/', A)).toBe('blocked');
    // The VPN's region vanished: its traffic blocks, and so does a container's that would follow it.
    const gone = router({ defaultRegionId: 'gone', containers: { [A]: { regionId: 'jp' } } });
    expect(via(gone, 'https://site.test/', B)).toBe('blocked');
    const paused = router({ containers: { [A]: { regionId: 'jp' } }, pausedUntil: Date.now() + 60_000 });
    expect(via(paused, 'https://site.test/', A)).toBe('direct');
    const off = firefoxRouter({ kind: 'off' });
    expect(via(off, 'https://site.test/', A)).toBe('direct');
  });

  it('refuses container ids that are not Firefox containers, and invalid choices', () => {
    for (const id of ['__proto__', 'firefox-default', 'firefox-private', 'container-1', '']) {
      expect(() => router({ containers: { [id]: 'direct' } })).toThrow(RoutingInputError);
    }
    expect(() => router({ containers: { [A]: { regionId: 42 } as never } })).toThrow(RoutingInputError);
  });

  it('a table without containers is what it was before (the PAC data does not change)', () => {
    const input: RoutingInput = {
      entries: [],
      mode: 'exclude',
      bypassLocal: false,
      defaultRegionId: 'de',
      regions: REGIONS,
      alwaysDirect: [],
    };
    expect(compileRouting({ ...input, containers: {} })).toEqual(compileRouting(input));
  });

  it('an internal error (an unreadable URL) throws, for the caller to answer the block answer', () => {
    expect(() => router()({ url: 'not a url' })).toThrow();
  });
});
