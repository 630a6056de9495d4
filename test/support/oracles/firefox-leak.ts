/**
 * A Firefox ESR launch for the leak suite: the prefs of test/support/firefox.ts plus TLS test origins (`acceptInsecureCerts`) and fake media
 * devices with no permission prompt for the WebRTC oracle. Options: more prefs (they win), extra
 * environment (MOZ_LOG for the resolver oracle) and a profile directory that outlives the browser.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { extensionTab, FIREFOX_TEST_PREFS, newTab, type FirefoxSession } from '../firefox';
import { FIREFOX_E2E_BUILD } from '../paths';
import type { LeakOrigin } from './origins';
import { firstWebSocketMessage } from './ws-probe';

export const LEAK_PREFS = {
  ...FIREFOX_TEST_PREFS,
  // WebRTC oracle: fake camera and microphone, granted without a prompt.
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // Let the STUN oracle on loopback be used and show raw host addresses, so the positive control
  // can see what a leak looks like (Firefox otherwise skips loopback STUN and hides hosts in mDNS).
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  // A cross-origin 401 must not open a modal login prompt that would block the test page.
  'network.auth.subresource-http-auth-allow': 0,
};

export interface LeakLaunchOptions {
  prefs?: Record<string, unknown>;
  env?: Record<string, string>;
  userDataDir?: string;
}

/** Starts Firefox with the leak prefs and nothing installed. */
export function startLeakFirefox(options: LeakLaunchOptions = {}): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: { ...LEAK_PREFS, ...options.prefs },
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
  });
}

export async function launchLeakFirefox(options: LeakLaunchOptions = {}): Promise<FirefoxSession> {
  const browser = await startLeakFirefox(options);
  await browser.installExtension(FIREFOX_E2E_BUILD);
  return { browser, extensionPage: await extensionTab(browser), close: () => browser.close() };
}

/** Loads a URL in a fresh tab; the origin's #from text or `failed: …`. */
export function loadFx(session: Pick<FirefoxSession, 'browser'>, url: string, timeout = 10_000): Promise<string> {
  return loadInNewTab(session.browser, url, timeout);
}

/** The same, in a fresh tab of `opener` (the browser, or one of its user contexts: a container). */
export async function loadInNewTab(
  opener: { newPage(): Promise<Page> },
  url: string,
  timeout = 10_000,
): Promise<string> {
  const page = await newTab(opener);
  try {
    await page.goto(url, { timeout });
    return await page.evaluate(() => document.querySelector('#from')?.textContent ?? `no #from: ${document.title}`);
  } catch (error) {
    return `failed: ${String(error).split('\n')[0]}`;
  } finally {
    await page.close();
  }
}

export async function wsProbeFx(page: Page, url: string, timeout = 8_000): Promise<string> {
  return page.evaluate(firstWebSocketMessage, { url, timeout });
}

/** Opens a page at `url` that fetches its own origin every 100 ms; returns a function that closes it. */
export async function pollFx(session: Pick<FirefoxSession, 'browser'>, url: string): Promise<() => Promise<void>> {
  const page = await newTab(session.browser);
  await page.goto(url);
  await page.evaluate(() => {
    let n = 0;
    setInterval(() => void fetch(`/poll/${n++}`, { cache: 'no-store' }).catch(() => undefined), 100);
  });
  return () => page.close();
}

/**
 * The positive control of the polling scenarios: a page on a bypassed `host` polls for 600 ms and
 * the origin must see its requests arrive directly.
 */
export async function directPollsSeen(
  session: Pick<FirefoxSession, 'browser'>,
  origin: Pick<LeakOrigin, 'url' | 'directHits'>,
  host: string,
): Promise<boolean> {
  const stop = await pollFx(session, origin.url('http', host));
  await new Promise((r) => setTimeout(r, 600));
  await stop();
  return origin.directHits(host).length > 0;
}
