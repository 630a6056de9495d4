/**
 * Issue 16's new-user journey in Chromium (the steps: test/support/site-flows.ts), with axe-core on
 * every site page in light and dark and the site's pictures for docs/images and the README.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/axe';
import { axePage, launchChromium } from '../support/chromium';
import { connect, logIn, useAccountService, visit } from '../support/chromium-flows';
import { ROOT } from '../support/paths';
import { describeSiteJourney, type SitePage } from '../support/site-flows';

const IMAGES = `${ROOT}docs/images`;

function sitePage(page: Page): SitePage & { page: Page } {
  return {
    page,
    goto: async (url) => void (await page.goto(url)),
    url: () => page.url(),
    fill: (label, value) => page.getByLabel(label, { exact: true }).fill(value),
    async submit(name) {
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
    },
    text: () => page.locator('main').innerText(),
    userAgent: () => page.evaluate(() => navigator.userAgent),
  };
}

describeSiteJourney('Chromium', async (accountUrl) => {
  const browser = await launchChromium();
  await useAccountService(browser, accountUrl);
  const popup = await browser.openPopup();
  const pages = new Map<SitePage, Page>();
  return {
    popupLinks: () =>
      popup
        .locator('form.login a')
        .evaluateAll((links) => links.map((a) => ({ text: a.textContent ?? '', href: (a as HTMLAnchorElement).href }))),
    async openFromPopup(text) {
      const [page] = await Promise.all([
        browser.context.waitForEvent('page'),
        popup.getByRole('link', { name: text }).click(),
      ]);
      await page.waitForLoadState();
      const site = sitePage(page);
      pages.set(site, page);
      return site;
    },
    cookies: async () =>
      (await browser.context.cookies()).map(({ name, value, domain, path, httpOnly, secure, sameSite }) => ({
        name,
        value,
        domain,
        path,
        httpOnly,
        secure,
        sameSite,
      })),
    plantCookie: (url, name, value) =>
      browser.context.addCookies([{ name, value, url, httpOnly: false, sameSite: 'Lax' }]),
    removeCookie: (url, name) => browser.context.clearCookies({ name, domain: new URL(url).hostname }),
    popupLogIn: (email, password) => logIn(popup, password, email),
    popupLoggedIn: () => popup.getByRole('button', { name: 'Connect' }).waitFor(),
    async popupAlert() {
      await popup.getByRole('alert').waitFor();
      return (await popup.getByRole('alert').textContent()) ?? '';
    },
    connect: (regionId) => connect(popup, regionId),
    visit: (origin, host) => visit(browser, origin, host),
    async disconnectAndLogOut() {
      await popup.getByRole('button', { name: 'Disconnect' }).click();
      await popup.getByRole('button', { name: 'Connect' }).waitFor();
      const options = await browser.openOptions();
      await options.getByRole('button', { name: 'Log out' }).click();
      await options.getByText('Not logged in').waitFor();
      await options.close();
      await popup.getByRole('button', { name: 'Log in' }).waitFor();
    },
    async accessibility(site, picture) {
      const page = pages.get(site)!;
      await page.locator('main').waitFor();
      if (picture) mkdirSync(IMAGES, { recursive: true });
      return axeViolations(axePage(page), async (scheme) => {
        if (picture)
          await page.screenshot({
            path: `${IMAGES}/${picture}${scheme === 'dark' ? '-dark' : ''}.png`,
            fullPage: true,
          });
      });
    },
    close: () => browser.close(),
  };
});
