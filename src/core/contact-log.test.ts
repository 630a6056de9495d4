import { describe, expect, it } from 'vitest';
import { createContactLog } from './contact-log';

describe('hosts the extension contacted', () => {
  it('counts requests per host, with the time of the last, sorted by host', () => {
    let clock = 1_000;
    const log = createContactLog(() => clock);
    expect(log.since).toBe(1_000);
    expect(log.list()).toEqual([]);
    log.note('https://account.zone.test/v1/sessions');
    clock = 2_000;
    log.note('https://account.zone.test/v1/regions');
    log.note('http://127.0.0.1:18100/v1/regions');
    expect(log.list()).toEqual([
      { host: '127.0.0.1:18100', requests: 1, lastAt: 2_000 },
      { host: 'account.zone.test', requests: 2, lastAt: 2_000 },
    ]);
  });

  it('keeps the host only: no path, no query, nothing that could name an account', () => {
    const log = createContactLog(() => 0);
    log.note('https://account.zone.test/v1/account?email=a@b.test');
    expect(JSON.stringify(log.list())).not.toContain('a@b.test');
    expect(JSON.stringify(log.list())).not.toContain('/v1');
  });

  it('ignores what is not a URL', () => {
    const log = createContactLog(() => 0);
    log.note('not a url');
    expect(log.list()).toEqual([]);
  });
});
