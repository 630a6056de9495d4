import { describe, expect, it } from 'vitest';
import { createTakeoverWatch, MAX_TRACKED } from './firefox-takeover';
import type { FirefoxAnswer } from '../shared/firefox-proxy';

const OURS: FirefoxAnswer = [{ type: 'https', host: 'de1.proxy.test', port: 443 }, null];
const ROGUE = { type: 'http', host: '127.0.0.1', port: 8899 };

describe('createTakeoverWatch', () => {
  it('judges each remembered answer once, against the proxy the request used', () => {
    const watch = createTakeoverWatch();
    watch.remember('1', OURS);
    expect(watch.check({ requestId: '1', proxyInfo: { type: 'https', host: 'DE1.proxy.test', port: 443 } })).toBe(
      false,
    );
    expect(watch.takenOver()).toBe(false);
    watch.remember('2', OURS);
    expect(watch.check({ requestId: '2', proxyInfo: ROGUE })).toBe(true);
    expect(watch.takenOver()).toBe(true);
    expect(watch.check({ requestId: '2', proxyInfo: ROGUE })).toBe(false); // already judged
  });

  it('reports only changes of the verdict, and none for cached answers or unknown requests', () => {
    const watch = createTakeoverWatch();
    watch.remember('1', OURS);
    expect(watch.check({ requestId: '1', proxyInfo: null, fromCache: true })).toBe(false);
    expect(watch.check({ requestId: 'never', proxyInfo: ROGUE })).toBe(false);
    watch.remember('2', OURS);
    watch.remember('3', OURS);
    expect(watch.check({ requestId: '2', proxyInfo: null })).toBe(true); // direct where we named a proxy
    expect(watch.check({ requestId: '3', proxyInfo: ROGUE })).toBe(false); // still taken over
    watch.remember('4', [{ type: 'direct' }]);
    expect(watch.check({ requestId: '4', proxyInfo: null })).toBe(true); // ours again
  });

  it(`keeps at most ${MAX_TRACKED} answers, dropping the oldest`, () => {
    const watch = createTakeoverWatch();
    for (let i = 0; i <= MAX_TRACKED; i++) watch.remember(String(i), OURS);
    expect(watch.check({ requestId: '0', proxyInfo: ROGUE })).toBe(false);
    expect(watch.check({ requestId: String(MAX_TRACKED), proxyInfo: ROGUE })).toBe(true);
  });
});
