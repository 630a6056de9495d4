/**
 * Takeover by another extension (threats T19, T25, F9, F14) in Chromium and Firefox ESR, written
 * once over the page API (test/support/zone-browser.ts). While we are connected, a second extension
 * (test/support/rival-extension.ts: how it is built, loaded, and gives a setting back differs per
 * browser) points the test's sites at a rogue proxy that answers every request with a 407 in our
 * own realm. Expected: our popup says another extension controls the proxy (Chromium reads
 * `levelOfControl`; Firefox's background sees the proxy each request really used), the rogue proxy
 * never receives our credentials, and once the proxy is given back pages go through our region
 * again and the warning goes. The same for the WebRTC setting: the popup warns while another
 * extension holds it, and stops once ours applies again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLeak } from '../../support/leak-report';
import { startLeakOrigin, type LeakOrigin } from '../../support/oracles/origins';
import { rogueSeesCredentials, startRogueProxy, type RogueProxy } from '../../support/oracles/rogue-proxy';
import { startTestProvider, type TestProvider } from '../../support/provider';
import { launchWithRival, type Rival } from '../../support/rival-extension';
import { BROWSERS, type ZoneBrowser } from '../../support/zone-browser';
import { requirePositive, waitUntil } from './harness';

const TAKEN_OVER = 'Another extension controls the proxy';
const WEBRTC_LOST = 'WebRTC protection could not be turned on';

describe.each(BROWSERS)('%s leak suite: takeover by another extension', (name) => {
  // The browser with its rival extension; the provider, the origin and the rogue proxy they meet.
  let b: ZoneBrowser, rival: Rival;
  let provider: TestProvider, origin: LeakOrigin, rogue: RogueProxy;

  /** The popup, opened afresh and showing the connected state (no warning): its text. */
  const connectedPopupText = async () => {
    await b.ui.open('popup');
    await b.ui.waitForButton('Disconnect');
    return b.ui.text();
  };
  /** Whether the popup, opened afresh until then, comes to show `text` within `ms`. */
  const popupComesToShow = (text: string, ms: number) =>
    waitUntil(async () => {
      await b.ui.open('popup');
      return (await b.ui.text()).includes(text);
    }, ms).then(
      () => true,
      () => false,
    );
  /** Whether the popup comes back to the connected state without `text` within `ms`. */
  const warningGoes = (text: string, ms: number) =>
    waitUntil(async () => !(await connectedPopupText()).includes(text), ms).then(
      () => true,
      () => false,
    );

  beforeAll(async () => {
    [provider, origin, rogue, { b, rival }] = await Promise.all([
      startTestProvider(),
      startLeakOrigin(),
      startRogueProxy(),
      launchWithRival(name),
    ]);
    await b.useAccountService(provider.accountUrl);
    await b.logIn();
    await b.ui.ask('connect', { regionId: 'us-nyc' });
  });

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), origin?.close(), rogue?.close(), rival?.close()]);
  });

  it('another extension takes the proxy: our popup says so, the rogue proxy gets no credentials', async ({ task }) => {
    expect(await b.load(origin.url('http', 'before-takeover.test'))).toBe('127.0.0.2');
    // Positive control: the rogue proxy records a Proxy-Authorization header when it gets one.
    const seen = await rogueSeesCredentials(rogue);
    recordLeak(task, { browser: name, positiveControl: seen });
    requirePositive(seen, 'credentials at the rogue proxy');
    expect(await connectedPopupText()).not.toContain(TAKEN_OVER);

    await rival.takeProxy(rogue.port);
    const t0 = Date.now();
    const outcomes: string[] = [];
    // A second site after the first one's challenges; each site's two loads side by side (a load the
    // browser's own proxy login prompt holds runs to its 5 s timeout).
    for (const host of ['rogue-a.test', 'rogue-b.test']) {
      outcomes.push(
        ...(await Promise.all([b.load(origin.url('http', host), 5_000), b.load(origin.url('https', host), 5_000)])),
      );
    }
    const trafficAtRogue = rogue.requests.length;
    const shown = await popupComesToShow(TAKEN_OVER, 5_000);
    recordLeak(task, {
      browser: name,
      directConnections: rogue.credentials.length + origin.directConnections(t0).length,
      note: `rogue saw ${trafficAtRogue} requests, 0 expected credentials; loads ${outcomes.map((o) => o.slice(0, 12)).join(',')}; warning shown: ${shown}`,
    });
    expect(trafficAtRogue, 'the takeover is real: the traffic reached the rogue proxy').toBeGreaterThan(0);
    expect(rogue.credentials).toEqual([]);
    expect(origin.directConnections(t0)).toEqual([]);
    expect(shown, 'the popup says another extension controls the proxy').toBe(true);
  });

  it('the other extension gives the proxy back (Firefox: is removed): pages go through our region again, the warning goes', async ({
    task,
  }) => {
    recordLeak(task, { browser: name, positiveControl: 'n/a' });
    await rival.giveProxyBack();
    const t0 = Date.now();
    expect(await b.load(origin.url('http', 'after-takeover.test'))).toBe('127.0.0.2');
    recordLeak(task, { browser: name, directConnections: origin.directConnections(t0).length });
    expect(rogue.credentials).toEqual([]);
    expect(await warningGoes(TAKEN_OVER, 5_000), 'the warning goes').toBe(true);
  });

  it('another extension takes the WebRTC setting: our popup says so; given back, ours applies again and the warning goes', async ({
    task,
  }) => {
    expect(await connectedPopupText()).not.toContain(WEBRTC_LOST);
    await rival.takeWebRTC();
    // Positive control: the suite sees the message a user would see when the setting is lost.
    const shown = await popupComesToShow(WEBRTC_LOST, 8_000);
    recordLeak(task, { browser: name, positiveControl: shown, note: 'WebRTC policy held by another extension' });
    requirePositive(shown, 'the warning for a WebRTC setting held by another extension');
    await rival.giveWebRTCBack();
    const gone = await warningGoes(WEBRTC_LOST, 8_000);
    recordLeak(task, { browser: name, directConnections: 0 });
    expect(gone, 'the warning goes once the other extension gives the setting back').toBe(true);
  });
});
