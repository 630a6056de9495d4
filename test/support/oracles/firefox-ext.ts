/**
 * Looking inside the extension in Firefox. WebDriver BiDi cannot open moz-extension:// pages nor
 * reach the background, so everything goes through the extension's own tab (opened by the test
 * build): it has the `browser.*` APIs, and `runtime.getBackgroundPage()` hands it the event page's
 * window (same process), where marks and error listeners can be installed.
 */
import type { Page } from 'puppeteer-core';
import { waitFor, type FirefoxSession } from '../firefox';

/** The `browser` namespace as seen from an extension page (only what these helpers call). */
export interface FxExt {
  browser: {
    runtime: { getBackgroundPage(): Promise<Window & Record<string, unknown>>; reload(): void };
    storage: Record<
      'local' | 'session' | 'sync',
      { get(k: null): Promise<Record<string, unknown>>; set(v: object): Promise<void> }
    >;
  };
}

/** Bounded: a tab held by a 407 or a browser prompt may never answer an evaluate. */
export const isExtensionPage = (page: Page) =>
  Promise.race([
    page
      .evaluate(() => location.href)
      .then((href) => href.startsWith('moz-extension://'))
      .catch(() => false),
    new Promise<boolean>((r) => setTimeout(() => r(false), 3_000)),
  ]);

/**
 * Sets (`on`) or reads a mark on the background's global. A mark that is gone means the event page
 * was unloaded and started again in between (suspension or reload).
 */
export function markBackground(ui: Page): Promise<void> {
  return ui.evaluate(async () => {
    const bg = await (globalThis as unknown as FxExt).browser.runtime.getBackgroundPage();
    bg.__zoneMark = true;
  });
}
export function backgroundMarked(ui: Page): Promise<boolean> {
  return ui.evaluate(
    async () => (await (globalThis as unknown as FxExt).browser.runtime.getBackgroundPage()).__zoneMark === true,
  );
}

/**
 * Leaves the extension's tab for about:blank (so no page of ours keeps the event page awake) and
 * returns a function that goes back to it. BiDi's own history traversal never reports the
 * return of a moz-extension page, so the return is awaited by looking at the page.
 */
export async function leaveExtension(ui: Page): Promise<() => Promise<void>> {
  await ui.goto('about:blank');
  return async () => {
    void ui.goBack({ timeout: 2_000 }).catch(() => undefined);
    await waitFor(() =>
      ui
        .evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete')
        .catch(() => false),
    );
    await waitFor(() => ui.evaluate(() => !!document.querySelector('main')).catch(() => false));
  };
}

/**
 * Reloads the extension (runtime.reload: a temporary add-on is unloaded and started again, its
 * storage.local kept, its storage.session emptied) and returns the tab the test build opens for
 * the new instance.
 */
export async function reloadExtension(firefox: FirefoxSession, ui: Page): Promise<Page> {
  const before = new Set(await firefox.browser.pages());
  await ui.evaluate(() => void setTimeout(() => (globalThis as unknown as FxExt).browser.runtime.reload(), 0));
  return waitFor(async () => {
    for (const page of await firefox.browser.pages())
      if (!before.has(page) && (await isExtensionPage(page))) return page;
    return null;
  }, 30_000);
}

/** Sends a request to the background from the extension tab, as the popup does. */
export async function askFx<T = unknown>(ui: Page, name: string, input?: unknown): Promise<T> {
  const answer = await ui.evaluate(
    (name, input) =>
      (
        globalThis as unknown as {
          browser: {
            runtime: {
              sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
            };
          };
        }
      ).browser.runtime.sendMessage({ name, input }),
    name,
    input,
  );
  if (!answer.ok) throw new Error(`${name}: ${answer.error?.message}`);
  return answer.value as T;
}
