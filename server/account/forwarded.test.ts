/**
 * X-Forwarded-For counts only from configured load balancers: from anyone else a spoofed header
 * must not give an attacker a fresh per-address login limit.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';
import { api, startTestProvider, testConfig } from '../test-support.ts';

async function statusesWith(trustProxy: string[] | undefined, forwardedFor: (i: number) => string): Promise<number[]> {
  const config = testConfig();
  if (trustProxy) config.accountService.trustProxy = trustProxy;
  const provider = await startTestProvider({ config, loginRateLimit: { max: 2, windowMs: 60_000 } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await api(provider.accountUrl, 'POST', '/v1/sessions', {
        body: { email: `user${i}@zone.test`, password: 'wrong' },
        headers: { 'x-forwarded-for': forwardedFor(i) },
      });
      statuses.push(answer.status);
    }
    return statuses;
  } finally {
    await provider.dispose();
  }
}

describe('client address behind a load balancer', () => {
  const spoofed = (i: number) => `203.0.113.${i + 1}`;

  it('ignores X-Forwarded-For by default: one address, one limit', async () => {
    expect(await statusesWith(undefined, spoofed)).toEqual([401, 401, 429]);
  });

  it('ignores X-Forwarded-For from an address that is not a configured balancer', async () => {
    expect(await statusesWith(['10.0.0.0/8', '192.0.2.7'], spoofed)).toEqual([401, 401, 429]);
  });

  it('takes the client address from a trusted balancer: each client its own limit', async () => {
    expect(await statusesWith(['127.0.0.1'], spoofed)).toEqual([401, 401, 401]);
    expect(await statusesWith(['127.0.0.0/8'], () => '203.0.113.9')).toEqual([401, 401, 429]);
  });

  it('takes the address the balancer saw, not one the client put in front of it', async () => {
    // The client sends "X-Forwarded-For: <made up>", the balancer appends the real peer.
    expect(await statusesWith(['127.0.0.1'], (i) => `198.51.100.${i}, 203.0.113.9`)).toEqual([401, 401, 429]);
  });

  it('refuses a config entry that is not an address or range', () => {
    const config = testConfig();
    for (const entry of ['lb.example', '10.0.0.0/33', '10.0.0.1/8/8', '::1/129']) {
      const bad = { ...config, accountService: { ...config.accountService, trustProxy: [entry] } };
      expect(() => parseConfig(bad), entry).toThrow(/trustProxy entries are IP addresses or CIDR ranges/);
    }
    const good = {
      ...config,
      accountService: { ...config.accountService, trustProxy: ['10.0.0.0/8', '::1', 'fd00::/8'] },
    };
    expect(parseConfig(good).accountService.trustProxy).toEqual(['10.0.0.0/8', '::1', 'fd00::/8']);
  });
});
