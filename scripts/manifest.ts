/**
 * Derives each browser's manifest from the one source manifest.json.
 * Chromium MV3 wants `background.service_worker` and rejects Firefox-only keys; Firefox MV3 wants
 * `background.scripts` (no service worker) and needs `webRequestBlocking` for a blocking
 * onAuthRequired listener, `contextualIdentities` for per-container regions, and no start-up gate. Pure, so it is unit-tested in Node.
 */
export type Browser = 'chromium' | 'firefox';

type Manifest = Record<string, unknown> & {
  background: { service_worker?: string; scripts?: string[] };
  permissions: string[];
};

export function manifestFor(source: Manifest, browser: Browser, version?: string): Manifest {
  const copy = structuredClone(source);
  if (version) copy.version = version;
  if (browser === 'chromium') {
    copy.background = { service_worker: source.background.service_worker ?? 'background.js' };
    delete copy.browser_specific_settings;
    return copy;
  }
  copy.background = { scripts: source.background.scripts ?? ['background.js'] };
  delete copy.minimum_chrome_version;
  // The start-up gate (declarativeNetRequest) is Chromium's; Firefox holds requests until its
  // top-level proxy.onRequest listener answers, so it needs no gate.
  // Containers (contextual identities) are Firefox's; listing them needs `contextualIdentities`
  // (proxy.onRequest reports each request's cookieStoreId without the `cookies` permission).
  copy.permissions = [
    ...source.permissions.filter((p) => p !== 'declarativeNetRequest'),
    'webRequestBlocking',
    'contextualIdentities',
  ];
  return copy;
}
