/**
 * Debian's Chromium with the built extension, headless, every host name kept on loopback
 * (docs/browser-facts.md): *.test maps to 127.0.0.1, anything else fails to resolve.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { AxePage } from './axe';
import { CHROMIUM_BUILD } from './paths';

export interface ChromiumSession {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  openPopup(): Promise<Page>;
  openOptions(): Promise<Page>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export const CHROMIUM_ARGS = (extensionDir: string) => [
  '--headless=new',
  `--disable-extensions-except=${extensionDir}`,
  `--load-extension=${extensionDir}`,
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules=MAP *.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export async function launchChromium(
  options: { userDataDir?: string; extensionDir?: string; extraArgs?: string[] } = {},
): Promise<ChromiumSession> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'zone-chromium-'));
  const extensionDir = options.extensionDir ?? CHROMIUM_BUILD;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS(extensionDir), ...(options.extraArgs ?? [])],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  const open = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  return {
    context,
    worker,
    extensionId,
    userDataDir,
    openPopup: () => open('popup/popup.html'),
    openOptions: () => open('options/options.html'),
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A Playwright page for axe (support/axe.ts): the colour scheme is emulated per page. */
export function axePage(page: Page): AxePage {
  return {
    evaluate: (source) => page.evaluate(source),
    colorScheme: (colorScheme) => page.emulateMedia({ colorScheme }),
  };
}
