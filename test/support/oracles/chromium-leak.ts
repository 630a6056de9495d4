/**
 * A Chromium launch for the leak suite: the flags of test/support/chromium.ts plus what the oracles
 * need: TLS test origins (`--ignore-certificate-errors`, acceptable for loopback test origins in a
 * custom launch), a NetLog for the DNS oracle, fake media devices with auto-granted permission for
 * the WebRTC oracle, and optional helper extensions loaded next to ours.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROMIUM_ARGS, type ChromiumSession } from '../chromium';
import { CHROMIUM_BUILD } from '../paths';
import type { ExtGlobal } from './ext-chrome';
import { firstWebSocketMessage } from './ws-probe';

export interface LeakChromium extends ChromiumSession {
  netLogFile: string | null;
  /** Our service worker now (after a stop or a restart the old handle is dead). */
  workerNow(timeoutMs?: number): Promise<Worker>;
  /** The service worker of a helper extension, found by its manifest name. */
  helperWorker(name: string): Promise<Worker>;
  /** CDP ServiceWorker.stopAllWorkers (a suspension, as the browser does after 30 s idle). */
  stopWorkers(): Promise<void>;
  /**
   * Reloads our unpacked extension as chrome://extensions' reload button does (CDP
   * Extensions.loadUnpacked on the same folder; needs `--enable-unsafe-extension-debugging`).
   * `chrome.runtime.reload()` is no substitute here: Chromium 156 leaves a command-line-loaded
   * extension unloaded after it (its pages answer ERR_BLOCKED_BY_CLIENT).
   */
  reloadExtension(): Promise<void>;
}

export interface LeakLaunchOptions {
  userDataDir?: string;
  helpers?: string[];
  netLog?: boolean;
}

export async function launchLeakChromium(options: LeakLaunchOptions = {}): Promise<LeakChromium> {
  const dirs = [CHROMIUM_BUILD, ...(options.helpers ?? [])].join(',');
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'zone-leak-chromium-'));
  const netLogFile = options.netLog ? join(userDataDir, `netlog-${Date.now()}.json`) : null;
  const args = CHROMIUM_ARGS(CHROMIUM_BUILD).map((arg) =>
    arg.startsWith('--disable-extensions-except=')
      ? `--disable-extensions-except=${dirs}`
      : arg.startsWith('--load-extension=')
        ? `--load-extension=${dirs}`
        : arg,
  );
  args.push(
    '--enable-unsafe-extension-debugging',
    '--ignore-certificate-errors',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
  );
  if (netLogFile) args.push(`--log-net-log=${netLogFile}`, '--net-log-capture-mode=Everything');
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args,
  });
  const ourPrefix = async (): Promise<string> => {
    for (;;) {
      for (const w of context.serviceWorkers()) {
        const name = await w
          .evaluate(() => (globalThis as unknown as ExtGlobal).chrome.runtime.getManifest().name)
          .catch(() => '');
        if (/zone/i.test(name)) return `chrome-extension://${new URL(w.url()).host}/`;
      }
      await context.waitForEvent('serviceworker', { timeout: 15_000 });
    }
  };
  const prefix = await ourPrefix();
  const extensionId = new URL(prefix).host;
  if (!extensionId) throw new Error('no extension id');
  const workerNow = async (timeoutMs = 15_000): Promise<Worker> =>
    context.serviceWorkers().find((w) => w.url().startsWith(prefix)) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(prefix), timeout: timeoutMs }));
  const open = async (path: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  return {
    context,
    worker: await workerNow(),
    extensionId,
    userDataDir,
    netLogFile,
    workerNow,
    async helperWorker(name) {
      for (let i = 0; i < 50; i++) {
        for (const w of context.serviceWorkers()) {
          if (w.url().startsWith(prefix)) continue;
          if (
            (await w
              .evaluate(() => (globalThis as unknown as ExtGlobal).chrome.runtime.getManifest().name)
              .catch(() => '')) === name
          )
            return w;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`helper extension ${name} has no service worker`);
    },
    async stopWorkers() {
      const page = await context.newPage();
      try {
        const cdp = await context.newCDPSession(page);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
      } finally {
        await page.close();
      }
    },
    async reloadExtension() {
      const cdp = await context.browser()!.newBrowserCDPSession();
      try {
        await cdp.send('Extensions.loadUnpacked' as never, { path: CHROMIUM_BUILD } as never);
      } finally {
        await cdp.detach();
      }
    },
    openPopup: () => open('popup/popup.html'),
    openOptions: () => open('options/options.html'),
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Loads a URL in a fresh tab; the origin's #from text, or `failed: …` / `HTTP n`. */
export async function load(browser: ChromiumSession, url: string, timeout = 10_000): Promise<string> {
  const page = await browser.context.newPage();
  try {
    const response = await page.goto(url, { timeout });
    if (!response?.ok()) return `HTTP ${response?.status()}`;
    return (await page.locator('#from').textContent({ timeout: 2_000 })) ?? '';
  } catch (error) {
    return `failed: ${String(error).split('\n')[0]}`;
  } finally {
    await page.close();
  }
}

/** Opens a WebSocket from a page; the first message (the origin's view of the source), or `failed`. */
export async function wsProbe(page: Page, url: string, timeout = 8_000): Promise<string> {
  return page.evaluate(firstWebSocketMessage, { url, timeout });
}
