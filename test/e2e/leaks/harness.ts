/** Shared steps of the leak scenarios (not a test file: no `.e2e.ts`). */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ChromiumSession } from '../../support/chromium';
import { recordLeak } from '../../support/leak-report';
import type { ExtGlobal } from '../../support/oracles/ext-chrome';
import type { LeakOrigin } from '../../support/oracles/origins';
import type { ZoneBrowser } from '../../support/zone-browser';

/** The positive-control rule: a scenario whose oracle cannot see the leak proves nothing. */
export function requirePositive(seen: boolean, what: string): void {
  if (!seen) throw new Error(`oracle blind: the positive control did not see ${what}`);
}

/**
 * The most common positive control: a bypassed `host` loads, and the origin sees it arrive directly
 * (127.0.0.1). Recorded as the scenario's control, then required.
 */
export async function requireDirectBypass(
  task: Parameters<typeof recordLeak>[0],
  b: Pick<ZoneBrowser, 'name' | 'load'>,
  origin: Pick<LeakOrigin, 'url'>,
  host: string,
): Promise<void> {
  const seen = (await b.load(origin.url('http', host))) === '127.0.0.1';
  recordLeak(task, { browser: b.name, positiveControl: seen });
  requirePositive(seen, 'a direct load of a bypassed host');
}

/**
 * O9, the closing scenario of a file: `errorsWithControl` (test/support/background-lifecycle.ts,
 * restarts.ts) takes what the error oracle caught in the background and our pages, then throws an
 * uncaught error and a rejection in the background, which it must see (the positive control).
 */
export async function requireNoErrors(
  task: Parameters<typeof recordLeak>[0],
  browser: 'chromium' | 'firefox',
  errorsWithControl: () => Promise<{ found: string[]; control: string[]; seen: boolean }>,
): Promise<void> {
  const { found, control, seen } = await errorsWithControl();
  recordLeak(task, { browser, positiveControl: seen, directConnections: found.length });
  requirePositive(seen, `an uncaught error and a rejection thrown in the background (${control.join('; ')})`);
  expect(found).toEqual([]);
}

/** Sends a request to the background from one of our pages, as the popup does. */
export async function ask<T = unknown>(page: Page, name: string, input?: unknown): Promise<T> {
  const answer = await page.evaluate(
    ({ name, input }) =>
      (globalThis as unknown as ExtGlobal).chrome.runtime.sendMessage({ name, input }) as Promise<{
        ok: boolean;
        value?: unknown;
        error?: { message: string };
      }>,
    { name, input },
  );
  if (!answer.ok) throw new Error(`${name}: ${answer.error?.message}`);
  return answer.value as T;
}

/** An extension page kept open to talk to the background. */
export async function controlPage(browser: ChromiumSession): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  return page;
}

export async function waitUntil(probe: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  await expect.poll(probe, { timeout: timeoutMs, interval: 100 }).toBe(true);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Restart and suspension cycles per scenario: 20, LEAK_RESTARTS=n for a quicker local run. */
export const RESTARTS = Math.max(1, Number(process.env.LEAK_RESTARTS ?? 20) || 20);
/** A test timeout that grows with the cycles (a browser restart or an idle timeout: seconds each). */
export const SLOW_CYCLES_TIMEOUT_MS = 60_000 + RESTARTS * 30_000;
