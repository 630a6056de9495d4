/**
 * Issue 16's new-user journey in Firefox ESR (the steps: test/support/site-flows.ts). The popup
 * is the extension's tab (test/support/firefox.ts); axe and the pictures run in Chromium.
 */
import type { Page } from 'puppeteer-core';
import { byButton, byLabel, launchFirefox, openExtensionPage, textOf, waitFor } from '../support/firefox';
import { connect, submitLogin, useAccountService, visit } from '../support/firefox-flows';
import { describeSiteJourney, type SitePage } from '../support/site-flows';

function sitePage(page: Page): SitePage {
  return {
    goto: async (url) => void (await page.goto(url)),
    url: () => page.url(),
    async fill(label, value) {
      await (await byLabel(page, label)).type(value);
    },
    async submit(name) {
      const button = await byButton(page, name);
      await Promise.all([page.waitForNavigation(), button.click()]);
    },
    text: () => textOf(page, 'main'),
    userAgent: () => page.evaluate(() => navigator.userAgent),
  };
}

describeSiteJourney('Firefox', async (accountUrl) => {
  const firefox = await launchFirefox();
  const ui = firefox.extensionPage;
  await useAccountService(ui, accountUrl);
  await openExtensionPage(ui, 'popup/popup.html');
  const host = new URL(accountUrl).hostname;
  const bidi = (firefox.browser as unknown as { connection: { send(m: string, p: object): Promise<unknown> } })
    .connection;
  return {
    popupLinks: () =>
      ui.evaluate(() =>
        [...document.querySelectorAll<HTMLAnchorElement>('form.login a')].map((a) => ({
          text: a.textContent ?? '',
          href: a.href,
        })),
      ),
    async openFromPopup(text) {
      const link = await waitFor(async () => {
        const handle = await ui.evaluateHandle(
          (t) => [...document.querySelectorAll('form.login a')].find((a) => a.textContent === t) ?? null,
          text,
        );
        return handle.asElement();
      });
      const href = await ui.evaluate((a) => (a as HTMLAnchorElement).href, link);
      await (link as unknown as { click(): Promise<void> }).click();
      // The tab the link opened exists in BiDi's tree at the link's address, but puppeteer-core
      // gives no Page for a tab an extension page opened: the proof is the tree, and the journey
      // goes on in a tab of its own at the same address.
      const context = await waitFor(async () => {
        const { result } = (await bidi.send('browsingContext.getTree', {})) as {
          result: { contexts: Array<{ context: string; url: string }> };
        };
        return result.contexts.find((c) => c.url === href)?.context;
      });
      await bidi.send('browsingContext.close', { context });
      const page = await firefox.browser.newPage();
      await page.goto(href);
      return sitePage(page);
    },
    cookies: async () =>
      (await firefox.browser.cookies()).map(({ name, value, domain, path, httpOnly, secure, sameSite }) => ({
        name,
        value,
        domain,
        path,
        httpOnly: httpOnly === true,
        secure,
        sameSite: sameSite ?? 'None',
      })),
    plantCookie: (_url, name, value) =>
      firefox.browser.setCookie({ name, value, domain: host, path: '/', httpOnly: false, sameSite: 'Lax' }),
    async removeCookie(_url, name) {
      const cookies = await firefox.browser.cookies();
      await firefox.browser.deleteCookie(...cookies.filter((c) => c.name === name && c.domain === host));
    },
    popupLogIn: (email, password) => submitLogin(ui, { email, password }),
    popupLoggedIn: async () => void (await byButton(ui, 'Connect')),
    popupAlert: () => waitFor(() => textOf(ui, '[role=alert]')),
    connect: (regionId) => connect(ui, regionId),
    visit: (origin, site) => visit(firefox, origin, site),
    async disconnectAndLogOut() {
      await (await byButton(ui, 'Disconnect')).click();
      await byButton(ui, 'Connect');
      await openExtensionPage(ui, 'options/options.html');
      await (await byButton(ui, 'Log out')).click();
      await waitFor(async () => (await textOf(ui, 'main')).includes('Not logged in'));
      await openExtensionPage(ui, 'popup/popup.html');
    },
    close: () => firefox.close(),
  };
});
