/**
 * Another extension that takes the browser's proxy or WebRTC setting from ours (threats T19, T25,
 * F9, F14; test/e2e/leaks/takeover.e2e.ts), built here in a temp folder. One interface, one
 * implementation per browser, because the browsers differ:
 *
 * - Chromium: one MV3 helper loaded with ours at the launch (Chromium loads none later:
 *   launch option `helpers` in test/support/zone-browser.ts). Its worker sets and clears the settings;
 *   loaded after ours, it wins, and `levelOfControl`, read in our page, proves each take and return.
 * - Firefox ESR: proxy.onRequest has no setting to give back and no `levelOfControl`: every add-on's
 *   listener runs and the last answer wins, silently. Taking is installing an add-on whose listener
 *   (or whose start, for WebRTC) does it; giving back is removing that add-on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import type { FirefoxSession } from './firefox';
import type { LeakChromium } from './oracles/chromium-leak';
import { launchZoneBrowser, type BrowserName, type ZoneBrowser } from './zone-browser';

export interface Rival {
  /** Sends the test's sites (`*.test`; Chromium: every non-loopback request) to an HTTP proxy on 127.0.0.1:`port`. */
  takeProxy(port: number): Promise<void>;
  /** Gives the proxy back: Chromium clears the rival's setting, Firefox removes the rival add-on. */
  giveProxyBack(): Promise<void>;
  /** Sets WebRTC's IP handling policy to `default_public_interface_only`, over ours. */
  takeWebRTC(): Promise<void>;
  /** Gives the WebRTC setting back (cleared, or the add-on removed). */
  giveWebRTCBack(): Promise<void>;
  /** Deletes the rival's temp folders (closing the browser removes what it installed). */
  close(): Promise<void>;
}

/** The leak launch of `name` (test/support/zone-browser.ts) with a rival ready to take over. */
export async function launchWithRival(name: BrowserName): Promise<{ b: ZoneBrowser; rival: Rival }> {
  if (name === 'firefox') return withRival(await launchZoneBrowser(name, { leak: true }), '');
  const dir = buildExtension(
    'zone-helper-ext-',
    { name: RIVAL, permissions: ['proxy', 'privacy'], background: { service_worker: 'bg.js' } },
    { 'bg.js': '// the test drives this worker with evaluate()\nself.addEventListener("install", () => {});\n' },
  );
  try {
    return withRival(await launchZoneBrowser(name, { leak: true, helpers: [dir] }), dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** `helperDir`: the Chromium helper loaded at the launch. */
function withRival(b: ZoneBrowser, helperDir: string): { b: ZoneBrowser; rival: Rival } {
  return { b, rival: b.driver.name === 'chromium' ? chromiumRival(b, helperDir) : firefoxRival(b.driver.session) };
}

/** Writes an extension (its manifest and `files`) into a new temp folder. */
function buildExtension(prefix: string, manifest: object, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, version: '1.0', ...manifest }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const RIVAL = 'Zone Leak Helper';

/** The settings the helper and our pages touch (src/platform/chrome-api.d.ts declares only what the product uses). */
interface Setting {
  get(details: object): Promise<{ levelOfControl: string }>;
  set(details: object): Promise<void>;
  clear(details: object): Promise<void>;
}
type Settings = { chrome: { proxy: { settings: Setting }; privacy: { network: { webRTCIPHandlingPolicy: Setting } } } };
type Which = 'proxy' | 'webrtc';

/**
 * Runs in the helper's worker or in our page (serialised alone, so self-contained): `op` on the
 * setting `which`; for `get`, its levelOfControl.
 */
async function onSetting([which, op, value]: readonly [Which, 'get' | 'set' | 'clear', unknown?]): Promise<string> {
  const { chrome } = globalThis as unknown as Settings;
  const setting = which === 'proxy' ? chrome.proxy.settings : chrome.privacy.network.webRTCIPHandlingPolicy;
  const scope = which === 'proxy' ? { scope: 'regular' } : {};
  if (op === 'get') return (await setting.get({})).levelOfControl;
  await (op === 'set' ? setting.set({ value, ...scope }) : setting.clear(scope));
  return '';
}

function chromiumRival(b: ZoneBrowser, dir: string): Rival {
  // The leak launch's session (zone-browser.ts launches Chromium's with launchLeakChromium).
  const rival = () => (b.driver.session as LeakChromium).helperWorker(RIVAL);
  /** Waits until our pages read `level` for the setting: the proof that a take or a return happened. */
  const expectLevel = async (which: Which, level: string) => {
    let seen = '';
    for (let i = 0; i < 50 && (seen = await b.ui.run(onSetting, [which, 'get'] as const)) !== level; i++)
      await pause(100);
    if (seen !== level) throw new Error(`${which}: levelOfControl is ${seen}, not ${level}`);
  };
  const take = async (which: Which, value: unknown) => {
    await expectLevel(which, 'controlled_by_this_extension');
    await (await rival()).evaluate(onSetting, [which, 'set', value] as const);
    await expectLevel(which, 'controlled_by_other_extensions');
  };
  const giveBack = async (which: Which) => {
    await (await rival()).evaluate(onSetting, [which, 'clear'] as const);
    await expectLevel(which, 'controlled_by_this_extension');
  };
  return {
    takeProxy: (port) =>
      take('proxy', { mode: 'fixed_servers', rules: { singleProxy: { scheme: 'http', host: '127.0.0.1', port } } }),
    giveProxyBack: () => giveBack('proxy'),
    takeWebRTC: () => take('webrtc', 'default_public_interface_only'),
    giveWebRTCBack: () => giveBack('webrtc'),
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function firefoxRival(session: FirefoxSession): Rival {
  const dirs: string[] = [];
  const installed = new Map<Which, string>();
  const install = async (which: Which, manifest: object, background: string) => {
    const dir = buildExtension(
      `zone-${which}-addon-`,
      { ...manifest, background: { scripts: ['bg.js'] } },
      { 'bg.js': background },
    );
    dirs.push(dir);
    installed.set(which, await session.browser.installExtension(dir));
  };
  const remove = async (which: Which) => {
    const id = installed.get(which);
    if (!id) throw new Error(`no rival add-on holds the ${which} setting`);
    installed.delete(which);
    await session.browser.uninstallExtension(id);
  };
  const gecko = (id: string) => ({ browser_specific_settings: { gecko: { id: `${id}@zone.test` } } });
  return {
    takeProxy: (port) =>
      install(
        'proxy',
        { name: RIVAL, permissions: ['proxy'], host_permissions: ['<all_urls>'], ...gecko('zone-leak-helper') },
        `browser.proxy.onRequest.addListener(
  (d) => (new URL(d.url).hostname.endsWith('.test') ? { type: 'http', host: '127.0.0.1', port: ${port} } : undefined),
  { urls: ['<all_urls>'] },
);\n`,
      ),
    giveProxyBack: () => remove('proxy'),
    takeWebRTC: () =>
      install(
        'webrtc',
        { name: 'Zone Privacy Helper', permissions: ['privacy'], ...gecko('zone-privacy-helper') },
        "browser.privacy.network.webRTCIPHandlingPolicy.set({ value: 'default_public_interface_only' });\n",
      ),
    giveWebRTCBack: () => remove('webrtc'),
    async close() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
