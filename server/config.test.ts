import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from './config.ts';
import { resolveStatic } from './proxy/hosts.ts';
import { testConfig } from './test-support.ts';

describe('provider config', () => {
  it('default.json: 3 regions x 2 http servers on 127.0.0.1:18101-18106', async () => {
    const config = await loadConfig(fileURLToPath(new URL('./config/default.json', import.meta.url)));
    expect(config.accountService).toEqual({ host: '127.0.0.1', port: 18100 });
    expect(config.regions.map((r) => [r.id, r.name, r.country, r.city])).toEqual([
      ['de-fra', 'Germany', 'DE', 'Frankfurt'],
      ['us-nyc', 'United States', 'US', 'New York'],
      ['jp-tyo', 'Japan', 'JP', 'Tokyo'],
    ]);
    const servers = config.regions.flatMap((r) => r.servers);
    expect(servers.map((s) => s.port)).toEqual([18101, 18102, 18103, 18104, 18105, 18106]);
    expect(servers.every((s) => s.host === '127.0.0.1' && s.scheme === 'http')).toBe(true);
    expect(config.hosts).toEqual({ '*.test': '127.0.0.1' });
  });

  it('hosts is optional and port 0 may repeat', () => {
    const { hosts, ...rest } = testConfig();
    expect(hosts).toBeDefined();
    expect(parseConfig(rest).hosts).toEqual({});
  });

  it('rejects bad configs with every problem named', () => {
    const config = testConfig();
    const bad = {
      ...config,
      accountService: { host: '127.0.0.1', port: 70000 },
      regions: [...config.regions, { ...config.regions[0], country: 'de' }],
      hosts: { '*.test': 'not-an-ip' },
    };
    expect(() => parseConfig(bad)).toThrow(/accountService\.port[\s\S]*country[\s\S]*IP address[\s\S]*unique/);
    const clash = structuredClone(config);
    clash.regions[0]!.servers[0]!.port = 18101;
    clash.regions[1]!.servers[0]!.port = 18101;
    expect(() => parseConfig(clash)).toThrow(/host:port/);
  });
});

describe('static hosts map', () => {
  const hosts = { '*.test': '127.0.0.1', 'exact.example': '127.0.0.9', '*.deep.test': '127.0.0.3' };
  it('matches exact names, then the longest wildcard suffix, at label boundaries', () => {
    expect(resolveStatic(hosts, 'exact.example')).toBe('127.0.0.9');
    expect(resolveStatic(hosts, 'EXACT.example.')).toBe('127.0.0.9');
    expect(resolveStatic(hosts, 'sub.exact.example')).toBeUndefined();
    expect(resolveStatic(hosts, 'a.test')).toBe('127.0.0.1');
    expect(resolveStatic(hosts, 'a.b.deep.test')).toBe('127.0.0.3');
    expect(resolveStatic(hosts, 'test')).toBeUndefined();
    expect(resolveStatic(hosts, 'attest')).toBeUndefined();
    expect(resolveStatic(hosts, 'example.com')).toBeUndefined();
  });
});
