/**
 * One headless Chromium with a snapshot of the extension, the real reference provider behind a
 * counting front, a test origin, and a popup already logged in with the demo account (the flows of
 * test/support, as the end-to-end tests do them).
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from '../../test/support/chromium';
import { logIn, useAccountService } from '../../test/support/chromium-flows';
import { startOrigin, type Origin } from '../../test/support/origin';
import { startTestProvider, type TestProvider } from '../../test/support/provider';
import { startCountingFront, type CountingFront } from './counting-front';

export interface BenchSession {
  browser: ChromiumSession;
  provider: TestProvider;
  origin: Origin;
  front: CountingFront;
  /** A logged-in popup showing the Connect button. */
  popup: Page;
  /** A CDP session on a page of the browser (ServiceWorker domain). */
  cdp: CDPSession;
  url(path: string): string;
  /** Closes Chromium only (the provider stays up for the proxy measure). */
  closeBrowser(): Promise<void>;
  close(): Promise<void>;
}

export async function startBenchSession(extensionDir: string): Promise<BenchSession> {
  const [provider, origin] = await Promise.all([startTestProvider(), startOrigin()]);
  const front = await startCountingFront(provider.accountUrl);
  const browser = await launchChromium({ extensionDir });
  await useAccountService(browser, front.url);
  const popup = await browser.openPopup();
  await logIn(popup);
  await popup.getByRole('button', { name: 'Connect' }).waitFor();
  const cdp = await browser.context.newCDPSession(popup);
  let browserClosed = false;
  return {
    browser,
    provider,
    origin,
    front,
    popup,
    cdp,
    url: (path) => `chrome-extension://${browser.extensionId}/${path}`,
    closeBrowser: async () => {
      if (!browserClosed) await browser.close();
      browserClosed = true;
    },
    close: async () => {
      if (!browserClosed) await browser.close();
      browserClosed = true;
      await Promise.all([provider.close(), origin.close(), front.close()]);
    },
  };
}
