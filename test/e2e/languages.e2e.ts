/**
 * The UI in the browser's language, in Chromium and Firefox ESR: a German browser gets German
 * words, a German <html lang>, German number forms in the popup, and the popup's first paint from
 * the background's snapshot (storage.session `view`) says the same as the live state. Firefox
 * shows an extension in German only with its German language pack (Debian's firefox-esr-l10n-de,
 * which `npm test` installs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestProvider, type TestProvider } from '../support/provider';
import { BROWSERS, launchZoneBrowser, type ZoneBrowser } from '../support/zone-browser';

type Session = { storage: { session: { get(key: string): Promise<Record<string, unknown>> } } };

describe.each(BROWSERS)('a German %s', (name) => {
  let provider: TestProvider;
  let b: ZoneBrowser;

  beforeAll(async () => {
    provider = await startTestProvider();
    b = await launchZoneBrowser(name, { locale: 'de' });
    // The options page is German too: the provider is set through its German labels.
    await b.ui.open('options');
    await b.ui.fill('Adresse des Kontodienstes', provider.accountUrl);
    await b.ui.click('Speichern');
    await b.ui.statusSays('Gespeichert');
    expect(await b.ui.run(() => document.documentElement.lang)).toBe('de');
  });

  afterAll(async () => {
    await b?.close();
    await provider?.close();
  });

  it('gets the popup in German, with <html lang> and dir set', async () => {
    await b.ui.open('popup');
    await b.ui.waitForButton('Anmelden');
    expect(await b.ui.run(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['de', 'ltr']);
    await b.ui.fill('E-Mail', DEMO.email);
    await b.ui.fill('Passwort', DEMO.password);
    await b.ui.click('Anmelden');
    await b.ui.waitForButton('Verbinden');
    // Counted words through Intl.PluralRules: one match is singular.
    await b.ui.fill('Region', 'jp-tyo');
    await expect
      .poll(() => b.ui.run(() => document.querySelector('#region-matches')?.textContent))
      .toBe('1 Region passt');
  });

  it('paints a reopened popup from the snapshot the background keeps in storage.session', async () => {
    await b.ui.open('popup');
    await b.ui.waitForButton('Verbinden');
    const snapshot = await b.ui.run(async () => {
      const g = globalThis as unknown as { browser?: Session; chrome: Session };
      return (await (g.browser ?? g.chrome).storage.session.get('view')).view;
    });
    expect(snapshot).toMatchObject({ status: 'disconnected', email: DEMO.email, bypass: [] });
  });
});
