/**
 * The UI in the browser's language, in real Chromium: a German browser gets German words, a
 * German <html lang>, German number forms in the popup, and the popup's first paint from the
 * background's snapshot (storage.session `view`) says the same as the live state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { DEMO, startTestProvider, type TestProvider } from '../support/provider';

let provider: TestProvider;
let browser: ChromiumSession;

beforeAll(async () => {
  provider = await startTestProvider();
  browser = await launchChromium({ extraArgs: ['--lang=de', '--accept-lang=de'] });
  // The options page is German too: the provider is set through its German labels.
  const options = await browser.openOptions();
  await options.getByRole('textbox', { name: 'Adresse des Kontodienstes' }).fill(provider.accountUrl);
  await options.getByRole('button', { name: 'Speichern' }).click();
  await options.getByRole('status').getByText('Gespeichert').waitFor();
  expect(await options.evaluate(() => document.documentElement.lang)).toBe('de');
  await options.close();
});

afterAll(async () => {
  await browser?.close();
  await provider?.close();
});

describe('a German browser', () => {
  it('gets the popup in German, with <html lang> and dir set', async () => {
    const popup = await browser.openPopup();
    await popup.getByRole('button', { name: 'Anmelden' }).waitFor();
    expect(await popup.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'de',
      'ltr',
    ]);
    await popup.getByLabel('E-Mail').fill(DEMO.email);
    await popup.getByLabel('Passwort').fill(DEMO.password);
    await popup.getByRole('button', { name: 'Anmelden' }).click();
    await popup.getByRole('button', { name: 'Verbinden' }).waitFor();
    // Counted words through Intl.PluralRules: one match is singular.
    await popup.getByRole('combobox', { name: 'Region' }).fill('jp-tyo');
    await expect.poll(() => popup.locator('#region-matches').textContent()).toBe('1 Region passt');
    await popup.close();
  });

  it('paints a reopened popup from the snapshot the background keeps in storage.session', async () => {
    const popup = await browser.openPopup();
    await popup.getByRole('button', { name: 'Verbinden' }).waitFor();
    const snapshot = await popup.evaluate(async () => {
      const c = (
        globalThis as unknown as {
          chrome: {
            storage: {
              session: {
                get(k: string): Promise<Record<string, { status: string; email: string; bypass: unknown[] }>>;
              };
            };
          };
        }
      ).chrome;
      return (await c.storage.session.get('view')).view;
    });
    expect(snapshot).toMatchObject({ status: 'disconnected', email: DEMO.email, bypass: [] });
    await popup.close();
  });
});
