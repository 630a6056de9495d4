import { describe, expect, it } from 'vitest';
import type { ProxyServer } from '../shared/provider-types';
import { BLOCK_ANSWER, FAILOVER_TIMEOUT, toFirefoxAnswer, usedOurAnswer } from './firefox-proxy-answer';

const servers: ProxyServer[] = [
  { id: 'a', host: 'de1.proxy.test', port: 443, scheme: 'https' },
  { id: 'b', host: '2001:db8::10', port: 1080, scheme: 'socks5' },
  { id: 'c', host: '198.51.100.7', port: 3128, scheme: 'http' },
];
const proxy = (list: ProxyServer[]) => ({ type: 'proxy' as const, regionId: 'de', servers: list });

describe('toFirefoxAnswer', () => {
  it('lists every server for failover and ends in null; SOCKS resolves names at the proxy', () => {
    expect(toFirefoxAnswer(proxy(servers))).toEqual([
      { type: 'https', host: 'de1.proxy.test', port: 443, failoverTimeout: FAILOVER_TIMEOUT },
      { type: 'socks', host: '2001:db8::10', port: 1080, proxyDNS: true, failoverTimeout: FAILOVER_TIMEOUT },
      { type: 'http', host: '198.51.100.7', port: 3128, failoverTimeout: FAILOVER_TIMEOUT },
      null,
    ]);
  });

  it('puts proxyDNS on SOCKS answers only (Firefox rejects it on http, and goes DIRECT)', () => {
    const answer = toFirefoxAnswer(proxy(servers));
    for (const info of answer)
      if (info && info.type !== 'direct') expect('proxyDNS' in info).toBe(info.type === 'socks');
  });

  it('answers direct as a single direct entry', () => {
    expect(toFirefoxAnswer({ type: 'direct' })).toEqual([{ type: 'direct' }]);
  });

  it('blocks with a dead loopback proxy and a terminating null', () => {
    expect(toFirefoxAnswer({ type: 'block' })).toEqual([{ type: 'http', host: '127.0.0.1', port: 9 }, null]);
    expect(BLOCK_ANSWER).toEqual([{ type: 'http', host: '127.0.0.1', port: 9 }, null]);
    expect(Object.isFrozen(BLOCK_ANSWER) && Object.isFrozen(BLOCK_ANSWER[0])).toBe(true);
  });

  it.each([
    ['no servers', []],
    ['unknown scheme', [{ ...servers[0], scheme: 'socks4' }]],
    ['string port', [{ ...servers[0], port: '443' }]],
    ['fractional port', [{ ...servers[0], port: 443.5 }]],
    ['port 0', [{ ...servers[0], port: 0 }]],
    ['host with a space', [{ ...servers[0], host: 'a b' }]],
    ['host smuggling a list', [{ ...servers[0], host: 'a; DIRECT' }]],
    ['one bad server among good ones', [servers[0], { ...servers[1], port: 70000 }]],
  ])('turns a damaged proxy decision (%s) into a block, never direct', (_name, list) => {
    expect(toFirefoxAnswer(proxy(list as ProxyServer[]))).toEqual([{ type: 'http', host: '127.0.0.1', port: 9 }, null]);
  });

  it('returns a fresh block answer each time, so callers cannot damage BLOCK_ANSWER', () => {
    const answer = toFirefoxAnswer({ type: 'block' });
    (answer[0] as { port: number }).port = 1;
    expect(BLOCK_ANSWER[0].port).toBe(9);
  });
});

describe('usedOurAnswer', () => {
  const ours = toFirefoxAnswer(proxy(servers));
  it('accepts any server we named, the second after a failover included', () => {
    expect(usedOurAnswer(ours, { type: 'https', host: 'de1.proxy.test', port: 443 })).toBe(true);
    expect(usedOurAnswer(ours, { type: 'http', host: '198.51.100.7', port: 3128 })).toBe(true);
    expect(usedOurAnswer(ours, { type: 'socks', host: '[2001:DB8::10]', port: 1080 })).toBe(true);
  });

  it('sees another proxy, another port or scheme of our host, and a direct request as not ours', () => {
    expect(usedOurAnswer(ours, { type: 'http', host: '127.0.0.1', port: 8080 })).toBe(false);
    expect(usedOurAnswer(ours, { type: 'https', host: 'de1.proxy.test', port: 444 })).toBe(false);
    expect(usedOurAnswer(ours, { type: 'http', host: 'de1.proxy.test', port: 443 })).toBe(false);
    expect(usedOurAnswer(ours, null)).toBe(false);
    expect(usedOurAnswer(ours, { type: 'direct', host: '', port: 0 })).toBe(false);
  });

  it('for a direct answer, only a request without proxy is ours', () => {
    const direct = toFirefoxAnswer({ type: 'direct' });
    expect(usedOurAnswer(direct, null)).toBe(true);
    expect(usedOurAnswer(direct, { type: 'http', host: '127.0.0.1', port: 8080 })).toBe(false);
  });

  it('a blocked request that used the dead loopback proxy is ours', () => {
    expect(usedOurAnswer(BLOCK_ANSWER, { type: 'http', host: '127.0.0.1', port: 9 })).toBe(true);
  });
});
