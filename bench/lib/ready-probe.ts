/**
 * Installed in every extension page before its own scripts (context.addInitScript): notes, on the
 * page's own clock (0 = navigation start), when a Connect, Disconnect or Log in button first
 * exists in the DOM. A MutationObserver runs right after the change, before the next paint.
 */
import type { BrowserContext, Page } from 'playwright-core';

declare global {
  interface Window {
    __ready?: { at: number; label: string };
    __storage?: { start: number; end: number };
  }
}

export const READY_LABELS = ['Connect', 'Disconnect', 'Log in'];

/** Plain text, not a function: tsx would add helpers (`__name`) that do not exist in the page. */
const PROBE = `(() => {
  if (location.protocol !== 'chrome-extension:') return;
  var labels = ${JSON.stringify(READY_LABELS)};
  function check() {
    var buttons = document.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) {
      var label = (buttons[i].textContent || '').trim();
      if (labels.indexOf(label) >= 0) {
        window.__ready = { at: performance.now(), label: label };
        return true;
      }
    }
    return false;
  }
  var observer = new MutationObserver(function () {
    if (check()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  // When the page asked storage.session for the snapshot, and when the answer came (the breakdown).
  var area = typeof chrome !== 'undefined' && chrome.storage && chrome.storage.session;
  if (area) {
    var get = area.get.bind(area);
    area.get = function () {
      var start = performance.now();
      var answer = get.apply(null, arguments);
      answer.then(function () {
        if (!window.__storage) window.__storage = { start: start, end: performance.now() };
      });
      return answer;
    };
  }
})();`;

export async function installReadyProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: PROBE });
}

export interface PageTiming {
  ready: number;
  label: string;
  fcp: number;
  load: number;
  /** The HTML parsed (navigation timing's domInteractive); module scripts run after it. */
  htmlParsed: number;
  /** storage.session read: asked and answered (NaN when the page reads none). */
  storageAsked: number;
  storageAnswered: number;
}

/** Opens url in a new tab, waits for the ready button, first contentful paint and load; closes it. */
export async function timePageOpen(context: BrowserContext, url: string): Promise<PageTiming> {
  const page: Page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__ready !== undefined, undefined, { timeout: 10_000 });
    await page
      .waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, {
        timeout: 2_000,
      })
      .catch(() => undefined);
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        ready: window.__ready!.at,
        label: window.__ready!.label,
        fcp: fcp ? fcp.startTime : Number.NaN,
        load: nav ? nav.loadEventEnd : Number.NaN,
        htmlParsed: nav ? nav.domInteractive : Number.NaN,
        storageAsked: window.__storage?.start ?? Number.NaN,
        storageAnswered: window.__storage?.end ?? Number.NaN,
      };
    });
  } finally {
    await page.close();
  }
}
