/**
 * The walking skeleton, as a user does it, in Chromium and Firefox ESR: point the extension at the
 * provider, log in through the popup, pick a region, connect, browse; then disconnect. Proof comes
 * from both ends: the region's proxy saw the request with a valid access token, and the origin saw
 * it arrive from the proxy's address (127.0.0.2), never directly (127.0.0.1). Chromium routes with
 * a PAC script, Firefox with proxy.onRequest; both answer the proxy's 407 from
 * webRequest.onAuthRequired. One region (us-nyc) is served by TLS proxies (scheme `https`: the hop
 * to the proxy is encrypted, credentials and CONNECT host names are not in the clear), with the
 * provider's test certificate, which Chromium trusts by its key and Firefox by accepting any
 * (test/support/zone-browser.ts `trustSpki`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrigin, type Origin } from '../support/origin';
import { DEMO, startTestProvider, type TestProvider } from '../support/provider';
import { BROWSERS, launchZoneBrowser, type ZoneBrowser } from '../support/zone-browser';

type Setting = { get(details: object): Promise<{ value: unknown; levelOfControl: string }> };
type Privacy = { privacy: { network: Record<string, Setting> } };

/** Evaluated in our page: a browser privacy setting as the browser reports it. */
async function privacySetting(name: string): Promise<{ value: unknown; levelOfControl: string }> {
  const g = globalThis as unknown as { browser?: Privacy; chrome: Privacy };
  const { value, levelOfControl } = await (g.browser ?? g.chrome).privacy.network[name]!.get({});
  return { value, levelOfControl };
}

describe.each(BROWSERS)('%s: log in, connect, browse through the region, disconnect', (name) => {
  let provider: TestProvider;
  let origin: Origin;
  let b: ZoneBrowser;
  const visit = (host: string) => b.load(`http://${host}:${origin.port}/`, 15_000);

  beforeAll(async () => {
    // The connection check ("What do sites see?") runs on its own TLS listener; the proxies' egress
    // address stands for Japan here, as a provider's GeoIP would say.
    [provider, origin] = await Promise.all([
      startTestProvider({ egressCountries: { '127.0.0.2': 'JP' }, httpsRegion: 'us-nyc' }),
      startOrigin(),
    ]);
    b = await launchZoneBrowser(name, { leak: false, trustSpki: provider.tls!.spkiSha256 });
    await b.useAccountService(provider.accountUrl);
  });

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), origin?.close()]);
  });

  it('a wrong password is refused with a clear message', async () => {
    await b.ui.open('popup');
    await b.ui.fill('Email', DEMO.email);
    await b.ui.fill('Password', 'not the password');
    await b.ui.click('Log in');
    await expect.poll(async () => (await b.ui.texts('[role=alert]')).join(' ')).toContain('Wrong email or password');
  });

  it('logging in shows the regions and a Connect button', async () => {
    await b.logIn();
    const names = await b.ui.texts('[role=listbox] [role=option]');
    expect(names.join('|')).toMatch(/Germany.*Frankfurt/);
    expect(names).toHaveLength(provider.regions.length);
  });

  it('connecting to Japan sends a site through a Japanese server with a valid access token', async () => {
    await b.connect('jp-tyo');
    await b.ui.statusSays('Connected');
    expect(await visit('site-a.test')).toBe('127.0.0.2');
    const seen = provider.eventsFor('site-a.test');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.regionId === 'jp-tyo')).toBe(true);
    expect(seen.some((e) => e.authorized)).toBe(true);
    expect(origin.hitsFor('site-a.test').every((hit) => hit.from === '127.0.0.2')).toBe(true);
  });

  it('the proxy sees an anonymous token, and the options page shows the provider key it is signed with', async () => {
    const names = new Set(
      provider
        .eventsFor('site-a.test')
        .filter((e) => e.authorized)
        .map((e) => e.username),
    );
    expect([...names]).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/)]); // a token's hash, one token
    await b.ui.open('options');
    await expect.poll(() => b.ui.text()).toContain(provider.issuer.fingerprint);
    await b.ui.open('popup');
  });

  it('"What do sites see?" shows the proxy\'s address and country, asked through the Japanese proxy', async () => {
    await b.ui.click('What do sites see?');
    // Asked directly, the check would have seen the browser's own address, 127.0.0.1.
    await b.ui.statusSays('Sites see 127.0.0.2 · Japan');
    const asked = provider.eventsFor('check.zone.test');
    expect(asked.some((e) => e.authorized && e.regionId === 'jp-tyo' && e.kind === 'connect')).toBe(true);
  });

  it('the region list keeps Japan under "Recently used"; a favourite is pinned and kept; both can be cleared', async () => {
    /** Evaluated in the popup: each group of the region listbox with the places it lists. */
    const groups = () =>
      b.ui.run(() =>
        [...document.querySelectorAll('#region-list [role=group]')].map(
          (g) =>
            `${g.querySelector('.group-title')?.textContent}: ${[...g.querySelectorAll('[role=option] .place')]
              .map((p) => p.textContent)
              .join(', ')}`,
        ),
      );
    /** The star of the chosen region (a toggle button: aria-pressed). */
    const star = () =>
      b.ui.run(() => document.querySelector<HTMLButtonElement>('.picker-actions button[aria-pressed]')!.click());
    await expect.poll(groups).toContain('Recently used: Japan · Tokyo');
    await star();
    await expect.poll(groups).toContain('Favourites: Japan · Tokyo');
    await b.ui.open('popup'); // kept across opens (stored locally)
    await expect.poll(groups).toContain('Favourites: Japan · Tokyo');
    await b.ui.click('Clear recently used');
    await expect.poll(async () => (await groups()).join(' | ')).not.toContain('Recently used');
    await star();
    await expect.poll(async () => (await groups()).join(' | ')).not.toContain('Favourites');
  });

  it("says when the browser's clock does not fit the region, and fakes nothing", async () => {
    const zone = await b.ui.run(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await expect.poll(() => b.ui.text()).toContain(`Sites can see your clock says ${zone} while you appear in Japan.`);
    // The page's own clock is the browser's: the extension changes nothing sites read.
    const tab = await b.openTab(`http://site-a.test:${origin.port}/`);
    expect(await tab.run(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(zone);
    await tab.close();
  });

  it('"Site not working?" sends the tab\'s site through another region in one click, and Undo takes it back', async () => {
    const host = 'www.site-d.test';
    const page = `http://${host}:${origin.port}/`;
    const regionsOf = (events: { regionId: string | null }[]) => [...new Set(events.map((e) => e.regionId))];
    const tab = await b.openTab(page);
    await b.ui.open('popup', `?tab=${await b.tabId(page)}`);
    // A disclosure (<summary>), not a button: opened as a click does, once the site card is there.
    const openHelp = () => {
      const summary = [...document.querySelectorAll('summary')].find((s) => s.textContent === 'Site not working?');
      summary?.click();
      return summary !== undefined;
    };
    await expect.poll(() => b.ui.run(openHelp)).toBe(true);
    await b.ui.click('Send it through Germany · Frankfurt');
    await b.ui.statusSays('site-d.test now goes through Germany · Frankfurt.');
    await tab.close(); // its later requests (a favicon) would blur the counts below

    const before = provider.eventsFor(host).length;
    expect(await visit(host)).toBe('127.0.0.2');
    expect(regionsOf(provider.eventsFor(host).slice(before))).toEqual(['de-fra']);

    await b.ui.click('Undo');
    await expect.poll(() => b.ui.text()).toContain('Site not working?');
    const undone = provider.eventsFor(host).length;
    expect(await visit(host)).toBe('127.0.0.2');
    expect(regionsOf(provider.eventsFor(host).slice(undone))).toEqual(['jp-tyo']);
    await b.ui.open('popup');
  });

  it('the options page has a Containers section in Firefox only (Chromium has no containers)', async () => {
    await b.ui.open('options');
    const { containers } = await b.ui.ask<{ containers: unknown[] | null }>('containers');
    expect(containers === null).toBe(name === 'chromium');
    // Firefox turns container tabs on for an add-on with `contextualIdentities` (docs/browser-facts.md).
    if (name === 'firefox') await expect.poll(() => b.ui.texts('h2'), { timeout: 5_000 }).toContain('Containers');
    else expect(await b.ui.texts('h2')).not.toContain('Containers');
    await b.ui.open('popup');
  });

  it('switching region uses another token: the proxies cannot link the two', async () => {
    const japan = provider.eventsFor('site-a.test').find((e) => e.authorized)!.username;
    await b.ui.chooseRegion('de-fra'); // while connected: switches at once
    // The status names the new region while it connects, then says Connected: wait for both.
    await expect
      .poll(async () => (await b.ui.texts('.status[role=status]')).join(' '), { timeout: 15_000 })
      .toMatch(/^(?=.*Germany)(?=.*Connected)/s);
    expect(await visit('site-c.test')).toBe('127.0.0.2');
    const germany = provider.eventsFor('site-c.test').filter((e) => e.authorized);
    expect(germany.length).toBeGreaterThan(0);
    expect(germany.every((e) => e.regionId === 'de-fra' && e.username !== japan)).toBe(true);
  });

  it('a region of TLS proxies: a site loads through it with its challenge answered', async () => {
    expect(provider.regions.find((r) => r.id === 'us-nyc')!.servers.every((s) => s.scheme === 'https')).toBe(true);
    await b.ui.chooseRegion('us-nyc');
    await expect
      .poll(async () => (await b.ui.texts('.status[role=status]')).join(' '), { timeout: 15_000 })
      .toMatch(/^(?=.*United States)(?=.*Connected)/s);
    expect(await visit('tls-hop.test')).toBe('127.0.0.2');
    expect(provider.eventsFor('tls-hop.test').some((e) => e.authorized && e.regionId === 'us-nyc')).toBe(true);
    expect(origin.hitsFor('tls-hop.test').every((h) => h.from === '127.0.0.2')).toBe(true);
  });

  it('while connected, WebRTC may not use non-proxied UDP and network prediction is off', async () => {
    expect(await b.ui.run(privacySetting, 'webRTCIPHandlingPolicy')).toEqual({
      value: 'disable_non_proxied_udp',
      levelOfControl: 'controlled_by_this_extension',
    });
    expect(await b.ui.run(privacySetting, 'networkPredictionEnabled')).toEqual({
      value: false,
      levelOfControl: 'controlled_by_this_extension',
    });
  });

  it('after Disconnect the next request goes direct', async () => {
    await b.ui.click('Disconnect');
    await b.ui.waitForButton('Connect');
    const proxiedBefore = provider.eventsFor('site-b.test').length;
    expect(await visit('site-b.test')).toBe('127.0.0.1');
    expect(provider.eventsFor('site-b.test').length).toBe(proxiedBefore);
  });

  it('after Disconnect the WebRTC policy and network prediction are given back', async () => {
    expect(await b.ui.run(privacySetting, 'webRTCIPHandlingPolicy')).toMatchObject({
      levelOfControl: 'controllable_by_this_extension',
    });
    expect(await b.ui.run(privacySetting, 'networkPredictionEnabled')).toMatchObject({
      levelOfControl: 'controllable_by_this_extension',
    });
  });
});
