/**
 * Private windows, in Chromium and Firefox ESR (threats F13, T14). An extension's proxy setting
 * reaches private windows only when the user allowed the extension there; until then the popup must
 * say that private windows are not protected. The oracle shows why that warning matters: while
 * connected, a private page goes direct. Once the user allows the extension there, the same private
 * pages go through the proxy. How each browser opens a private page and takes the user's "Allow":
 * test/support/private-windows.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLeak } from '../../support/leak-report';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { launchPrivateWindows, type PrivateWindows } from '../../support/private-windows';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { BROWSERS } from '../../support/zone-browser';
import { requirePositive } from './harness';

const REGION = 'us-nyc';
const PROXY = '127.0.0.2';

describe.each(BROWSERS)('%s leak suite: private windows', (name) => {
  /** The first scenario's control: private pages went direct before the user allowed the extension. */
  let privateDirectSeen = false;
  let provider: TestProvider;
  let origin: LeakOrigin;
  let pw: PrivateWindows;

  beforeAll(async () => {
    [provider, origin] = await Promise.all([startTestProvider(), startLeakOrigin()]);
    pw = await launchPrivateWindows(name, { accountUrl: provider.accountUrl, regionId: REGION, origin });
  });

  afterAll(() => Promise.all([pw?.close(), provider?.close(), origin?.close()]));

  it('private windows, extension not allowed there: the popup warns, and private pages indeed go direct', async ({
    task,
  }) => {
    const warning = await pw.privateNote();
    // Regular windows are protected.
    const regular = await pw.regular(origin.url('http', 'regular.private.test'));
    const direct = await pw.visit('before-allow.private.test');
    privateDirectSeen = direct === '127.0.0.1';
    recordLeak(task, {
      browser: name,
      positiveControl: privateDirectSeen,
      directConnections: 0,
      note: `not allowed: private ${direct}, regular ${regular}; warning shown: ${warning !== ''}`,
    });
    requirePositive(privateDirectSeen, 'a direct private-window load while the extension is not allowed there');
    expect(regular).toBe(PROXY);
    expect(warning).toContain('Private windows are not protected');
  });

  it('private windows, extension allowed there by the user: the same private pages go through the proxy', async ({
    task,
  }) => {
    requirePositive(privateDirectSeen, 'a direct private-window load before the user allowed it (first scenario)');
    await pw.allow();
    const t0 = Date.now();
    const before = provider.events.length;
    const outcomes = [
      await pw.visit('allowed.private.test'),
      await pw.visit('tls.private.test', 'https'),
      await pw.visit('again.private.test'),
    ];
    const direct = origin.directConnections(t0).length;
    recordLeak(task, {
      browser: name,
      // The control of the scenario before: the same private pages without the permission went direct.
      positiveControl: privateDirectSeen,
      directConnections: direct,
      note: `allowed: private ${outcomes.join(',')}`,
    });
    expect(direct).toBe(0);
    expect(outcomes).toEqual([PROXY, PROXY, PROXY]);
    // Their proxy challenges were answered by us (private requests reach our auth handler).
    const events = provider.events.slice(before).filter((e) => e.target.includes('private.test'));
    expect(events.some((e) => e.authorized)).toBe(true);
  });
});
