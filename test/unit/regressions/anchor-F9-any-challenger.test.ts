// F9 (Windscribe authRequiredHandler.ts:14 checks only statusCode 407: no isProxy, no challenger):
// access tokens go only to a proxy challenge from one of our servers (host AND port).
import { describe, expect, it } from 'vitest';
import { connected, HTTPS_PROVIDER } from '../../support/controller-harness';

const ours = { isProxy: true, host: 'de1.proxy.test', port: 3128 };

describe('anchor F9: credentials only to our proxies', () => {
  const cases = [
    { name: 'a 401 from a web origin', c: { ...ours, isProxy: false } },
    { name: 'a rogue proxy', c: { isProxy: true, host: 'rogue.test', port: 3128 } },
    { name: 'our host on another port', c: { ...ours, port: 8080 } },
    { name: 'a look-alike host', c: { ...ours, host: 'de1.proxy.test.evil.test' } },
    { name: 'a host that contains ours', c: { ...ours, host: 'xde1.proxy.test' } },
    { name: 'an empty challenger', c: { isProxy: true, host: '', port: 0 } },
  ];
  for (const { name, c } of cases) {
    it(`${name} gets nothing`, async () => {
      const t = await connected(HTTPS_PROVIDER);
      expect(await t.challenge({ requestId: `r-${name}`, ...c })).toBe('ignore');
    });
  }
  it('our own server gets the credentials', async () => {
    const t = await connected(HTTPS_PROVIDER);
    expect(await t.challenge({ requestId: 'ok', ...ours })).toMatchObject({
      username: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });
  it('after Disconnect only our server still gets credentials (a request routed to it before the click)', async () => {
    const t = await connected(HTTPS_PROVIDER);
    await t.h.disconnect(undefined);
    for (const { name, c } of cases) expect(await t.challenge({ requestId: `a-${name}`, ...c })).toBe('ignore');
    expect(await t.challenge({ requestId: 'after', ...ours })).toMatchObject({
      username: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });
});
