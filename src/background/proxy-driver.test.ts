import { describe, expect, it } from 'vitest';
import type { PacProxyPort } from '../platform/ports';
import { pacDriver } from './proxy-driver';

describe('the PAC driver (Chromium)', () => {
  it('off with auto-connect pending asks the adapter to keep the start-up gate; plain off does not', async () => {
    const calls: unknown[][] = [];
    const port: PacProxyPort = {
      form: 'pac',
      apply: async (...args) => void calls.push(args),
      control: async () => 'ours',
      onControlChange: () => undefined,
    };
    const driver = pacDriver(port);
    await driver.apply({ kind: 'off', holdNextStart: ['accounts.zone.test'] });
    await driver.apply({ kind: 'off' });
    expect(calls).toEqual([
      [null, ['accounts.zone.test']],
      [null, null],
    ]);
  });
});
