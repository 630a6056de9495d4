/**
 * Restarts while connected, in Chromium and Firefox ESR: the moment peers leak or show an auth
 * dialog (threats F8, F10). After the background is stopped (Chromium's service worker stopped,
 * Firefox's event page suspended when idle) and after the whole browser restarts on the same
 * profile, the first page loads through the proxy with its challenge answered and no dialog,
 * never directly, and the popup still says Connected. Both browsers register the proxy listeners in
 * the background's first run, so the browser wakes it for the next request (docs/browser-facts.md).
 * How each browser stops its background and restarts: test/support/restarts.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrigin, type Origin } from '../support/origin';
import { startTestProvider, type TestProvider } from '../support/provider';
import { launchRestartable, type Restartable } from '../support/restarts';
import { BROWSERS } from '../support/zone-browser';

const REGION = 'us-nyc';
const PROXY = '127.0.0.2';
type Storage = { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };

/** Evaluated in our page: how many access tokens the memory-only session storage holds. */
async function heldTokens(): Promise<number> {
  const g = globalThis as unknown as { browser?: Storage; chrome: Storage };
  const { tokens } = await (g.browser ?? g.chrome).storage.session.get(null);
  return (tokens as { tokens?: unknown[] } | undefined)?.tokens?.length ?? 0;
}

describe.each(BROWSERS)('%s: restarts while connected', (name) => {
  let provider: TestProvider;
  let origin: Origin;
  let b: Restartable;

  beforeAll(async () => {
    [provider, origin] = await Promise.all([startTestProvider(), startOrigin()]);
    b = await launchRestartable(name, provider.accountUrl, REGION);
  });

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), origin?.close()]);
  });

  /** Every request the origin saw for `host` came through the proxy (and there was one). */
  function allProxied(host: string): void {
    expect(origin.hitsFor(host).length).toBeGreaterThan(0);
    expect(origin.hitsFor(host).every((h) => h.from === PROXY)).toBe(true);
  }

  /** The proxy answered a challenge for `host` with our credentials for the region. */
  const answered = (host: string, since = 0) =>
    provider.events.slice(since).some((e) => e.target.startsWith(host) && e.authorized && e.regionId === REGION);

  /**
   * The very first page after a start, with no popup and no click: through the proxy, or held back
   * (`heldAtStart`) if it beats the background; then the next loads go through the proxy.
   */
  async function firstPagesAfterStart(host: string): Promise<void> {
    const first = await b.visit(origin, host);
    expect(first === PROXY || b.heldAtStart?.test(first) === true, first).toBe(true);
    await expect.poll(() => b.visit(origin, host), { timeout: 10_000 }).toBe(PROXY);
    allProxied(host);
  }

  async function popupConnected(): Promise<void> {
    await b.ui.open('popup');
    await b.ui.statusSays('Connected');
  }

  it('while connected the origin sees visits arrive from the proxy', async () => {
    expect(await b.visit(origin, 'control.test')).toBe(PROXY);
  });

  it('after the background is stopped, the next page still goes through the proxy, its challenge answered', async () => {
    for (let round = 1; round <= 2; round++) {
      await b.stopBackground();
      const host = `after-stop-${round}.test`;
      expect(await b.visit(origin, host)).toBe(PROXY);
      allProxied(host);
      expect(answered(host)).toBe(true);
    }
  });

  it('after a browser restart, pages load through the proxy with no auth dialog, and nothing goes direct', async () => {
    await b.restart();
    const before = provider.events.length;
    await firstPagesAfterStart('after-restart.test');
    expect(answered('after-restart.test', before)).toBe(true);
    await popupConnected();
    // Memory-only tokens died with the browser: the ones used now were fetched again.
    expect(await b.ui.run(heldTokens)).toBeGreaterThan(0);
  });

  it('auto-connect on, VPN switched off: after a restart the first pages go through the proxy or wait, nothing direct', async () => {
    await b.ui.open('options');
    await b.ui.check('Connect when the browser starts', true);
    await b.ui.open('popup');
    await b.ui.click('Disconnect');
    await b.ui.waitForButton('Connect');
    // Positive control: switched off, the oracle sees a page arrive directly.
    expect(await b.visit(origin, 'auto-control.test')).toBe('127.0.0.1');
    await b.restart();
    await firstPagesAfterStart('auto-connect.test');
    await popupConnected();
  });
});
