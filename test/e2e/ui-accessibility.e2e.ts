/**
 * Every popup state and the options page in real Chromium and Firefox ESR: axe-core finds no
 * violations in light or dark, and each is photographed for the README (Chromium's to docs/images,
 * Firefox's to docs/images/firefox). States a user reaches easily are driven for real (extension +
 * reference provider); connecting, reconnecting, another extension holding the proxy and the rarer
 * login errors render the real Popup with the fake client on a page built only for this test
 * (test/fixtures/popup-harness.tsx), opened in a normal tab.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHarness } from '../fixtures/serve-harness';
import { DEMO, startTestProvider, type TestProvider } from '../support/provider';
import { BROWSERS, launchZoneBrowser, type ZoneBrowser } from '../support/zone-browser';

/** A loopback port nobody listens on: the account service "is down". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The account service's port in the options pictures (a free one if it is taken). */
const PICTURE_PORT = 47_831;

describe.each(BROWSERS)('%s: accessibility of every popup state and the options page', (name) => {
  let provider: TestProvider;
  let harness: Awaited<ReturnType<typeof serveHarness>>;
  let b: ZoneBrowser;
  const alerts = async () => (await b.ui.texts('[role=alert]')).join(' ');

  /** Logs in through the popup's form, as typed (the answer is not waited for). */
  async function submitLogin(password: string) {
    await b.ui.fill('Email', DEMO.email);
    await b.ui.fill('Password', password);
    await b.ui.click('Log in');
  }

  beforeAll(async () => {
    [provider, harness] = await Promise.all([startTestProvider({ accountPort: PICTURE_PORT }), serveHarness()]);
    b = await launchZoneBrowser(name, { leak: false, audit: true });
    await b.useAccountService(provider.accountUrl);
  });

  afterAll(async () => {
    await b?.close();
    await Promise.all([provider?.close(), harness?.close()]);
  });

  describe('popup states rendered from fixtures (real Popup, fake client)', () => {
    it.each([
      ['connecting', 'popup-connecting'],
      ['reconnecting', 'popup-reconnecting'],
      ['otherExtension', 'popup-other-extension'],
      ['rateLimited', 'popup-too-many-attempts'],
      ['serviceUnreachable', 'popup-service-unreachable'],
      ['sessionExpired', 'popup-session-expired'],
    ])('%s has no accessibility violations', async (state, image) => {
      const tab = await b.openTab(`${harness.url}?state=${state}&site=www.example.test`);
      try {
        expect(await tab.audit(image)).toEqual([]);
      } finally {
        await tab.close();
      }
    });
  });

  describe('popup states of the real extension', () => {
    it('logged out', async () => {
      await b.ui.open('popup');
      expect(await b.ui.audit('popup-logged-out')).toEqual([]);
    });

    it('wrong password', async () => {
      await submitLogin('not the password');
      await expect.poll(alerts).toContain('Wrong email or password');
      expect(await b.ui.audit('popup-wrong-password')).toEqual([]);
    });

    it('disconnected', async () => {
      await submitLogin(DEMO.password);
      await b.ui.waitForButton('Connect');
      expect(await b.ui.audit('popup-disconnected')).toEqual([]);
    });

    it('connected (the README picture)', async () => {
      await b.connect('jp-tyo');
      await b.ui.statusSays('Connected');
      expect(await b.ui.audit('popup-connected')).toEqual([]);
    });

    it('error: the account service cannot be reached at login', async () => {
      await b.ui.click('Disconnect');
      await b.ui.waitForButton('Connect');
      // Another service: the session is dropped locally first (its token goes to no other service).
      await b.useAccountService(`http://127.0.0.1:${await closedPort()}`);
      await b.ui.open('popup');
      await submitLogin(DEMO.password);
      await expect.poll(alerts, { timeout: 20_000 }).toContain('cannot be reached');
      expect(await b.ui.audit('popup-error')).toEqual([]);
      await b.useAccountService(provider.accountUrl);
      await b.ui.open('popup');
      await submitLogin(DEMO.password);
      await b.ui.waitForButton('Connect', 20_000);
    });
  });

  describe('options page', () => {
    const patterns = () => b.ui.texts('.entries .pattern');

    it('with a bypass list, an import preview and the account panel', async () => {
      await b.ui.open('options');
      for (const entry of ['bank.test', '*.corp.test']) {
        await b.ui.fill('Site or address', entry);
        await b.ui.click('Add');
        await expect.poll(patterns).toContain(entry);
      }
      await b.ui.fill('Entries to import', 'shop.test de-fra\n"bad"\nbank.test\n');
      await b.ui.waitForText('Line 2');
      await b.ui.waitForText('Valid until');
      expect(await b.ui.audit('options')).toEqual([]);
      // The import goes through the background (importBypass): merged, the refused line left out.
      await b.ui.click('Import 1 entry');
      await b.ui.waitForText('Imported 1 entry.');
      await expect.poll(patterns).toContain('shop.test');
      expect(await patterns()).toHaveLength(3);
    });

    it('the privacy panel: stored keys with sizes, never a value, and the hosts contacted', async () => {
      await b.ui.open('options');
      await b.ui.click('Show what is stored and contacted');
      await expect.poll(() => b.ui.texts('table[aria-labelledby=stored-title] tbody code')).toContain('session');
      const text = (await b.ui.texts('.privacy')).join(' ');
      expect(text).not.toContain('Bearer');
      expect(text).toContain(new URL(provider.accountUrl).host);
      expect(await b.ui.audit('options-privacy')).toEqual([]);
    });
  });
});
