/**
 * Captive portal (threats F17, T20), in Chromium and Firefox ESR. A hotel Wi-Fi that wants a
 * sign-in page makes the region's servers unreachable: traffic stays blocked (never an automatic
 * direct, which an attacker could trigger by faking a portal); the popup offers a pause, the user
 * takes it, pages load direct during it, and protection comes back when the user resumes or when
 * the pause ends by the clock alone: in Chromium even with the service worker stopped (the end
 * time is in the PAC script itself), in Firefox proxy.onRequest checks it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLeak } from '../../support/leak-report';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { BROWSERS, isBlocked, launchZoneBrowser, type ZoneBrowser } from '../../support/zone-browser';
import { requireDirectBypass, sleep } from './harness';

const REGION = 'us-nyc';
const BYPASSED = 'bank.test';

describe.each(BROWSERS)('%s leak suite: captive portal', (name) => {
  let provider: TestProvider;
  let origin: LeakOrigin;
  let b: ZoneBrowser;
  const servers = () => provider.regions.find((r) => r.id === REGION)!.servers;

  beforeAll(async () => {
    [provider, origin] = await Promise.all([startTestProvider(), startLeakOrigin()]);
    b = await launchZoneBrowser(name);
    await b.useAccountService(provider.accountUrl);
    await b.logIn();
    await b.ui.ask('addBypass', { pattern: BYPASSED });
    await b.connect(REGION);
  });

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), origin?.close()]);
  });

  it('captive portal: blocked while the servers are unreachable, direct only during the pause the user took, protected after it', async ({
    task,
  }) => {
    await requireDirectBypass(task, b, origin, BYPASSED);

    for (const s of servers()) await provider.stopServer(s.id);
    let leaked = 0;
    const notes: string[] = [];
    try {
      // The portal: servers unreachable. Blocked, and the popup says why and offers the pause.
      let t = Date.now();
      const before = await b.load(origin.url('http', 'portal.test'), 8_000);
      leaked += origin.directConnections(t).length;
      expect(isBlocked(before), before).toBe(true);
      await b.ui.statusSays('Reconnecting');
      await b.ui.click('Pause protection for 5 minutes');
      await b.ui.statusSays('without the VPN until');

      // The user's pause: direct, as chosen.
      const during = await b.load(origin.url('http', 'signin.portal.test'));
      notes.push(`during pause: ${during}`);
      expect(during).toBe('127.0.0.1');

      // Resume: protected again at once.
      await b.ui.click('Resume protection now');
      await b.ui.statusSays('Reconnecting');
      t = Date.now();
      const resumed = await b.load(origin.url('http', 'after-resume.portal.test'), 8_000);
      leaked += origin.directConnections(t).length;
      expect(isBlocked(resumed), resumed).toBe(true);

      // A short pause that ends while nothing of the extension runs (Chromium: worker stopped).
      await b.ui.ask('pause', { seconds: 5 });
      expect(await b.load(origin.url('http', 'short.portal.test'))).toBe('127.0.0.1');
      await b.stopBackground?.();
      await sleep(5_500);
      t = Date.now();
      const late = await b.load(origin.url('http', 'late.portal.test'), 8_000);
      leaked += origin.directConnections(t).length;
      notes.push(`after the pause ended: ${late.slice(0, 40)}`);
      expect(isBlocked(late), late).toBe(true);
    } finally {
      for (const s of servers()) await provider.startServer(s.id);
    }
    recordLeak(task, { browser: name, directConnections: leaked, note: notes.join('; ') });
    expect(leaked).toBe(0);
    // The servers are back: through the proxy again, nothing left paused.
    expect(await b.load(origin.url('http', 'back.portal.test'))).toBe('127.0.0.2');
  });
});
