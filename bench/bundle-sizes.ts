/**
 * 2. Bundle sizes of the Chromium build: the popup's JS+CSS (everything popup.html loads, following
 * static imports), the background, the whole package; and whether background-only code reached
 * the popup.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { MeasureResult, Row } from './lib/stats';

const POPUP_GOAL_GZIP = 15 * 1024;
const PACKAGE_GOAL_GZIP = 200 * 1024;
/** tldts's public-suffix code: the background has it; a second copy (an options chunk) is waste. */
const TLDTS_MARKER = 'isIcann';
/** Strings that only background code carries: the PAC script, tldts, the account API client. */
const BACKGROUND_MARKERS = ['FindProxyForURL', 'zvFind', 'publicSuffix', 'isIcann', 'private-token-issuer-directory'];
/** Libraries the UI may legitimately share (src/shared/settings.ts uses valibot): reported only. */
const SHARED_MARKERS = ['valibot'];

const gz = (data: Buffer) => gzipSync(data, { level: 9 }).length;

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** popup.html's scripts and stylesheets, then every JS file they import, transitively. */
function popupAssets(ext: string): string[] {
  const html = join(ext, 'popup/popup.html');
  const text = readFileSync(html, 'utf8');
  const toPath = (ref: string, from: string) => (ref.startsWith('/') ? join(ext, ref) : resolve(dirname(from), ref));
  const queue = [...text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => toPath(m[1]!, html));
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const js = readFileSync(file, 'utf8');
    for (const m of js.matchAll(/(?:\bimport\s*\(?|\bfrom)\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g))
      queue.push(toPath(m[1]!, file));
  }
  return [...seen];
}

export async function measureBundles(ext: string): Promise<MeasureResult> {
  const all = files(ext).filter((f) => !/bench-[a-z]+\.(html|js)$/.test(f));
  const popup = popupAssets(ext);
  const sum = (list: string[], size: (f: string) => number) => list.reduce((n, f) => n + size(f), 0);
  const raw = (f: string) => statSync(f).size;
  const gzip = (f: string) => gz(readFileSync(f));
  const popupJs = popup.filter((f) => f.endsWith('.js'));
  const popupCss = popup.filter((f) => f.endsWith('.css'));
  // The build inlines the popup's stylesheet into popup.html, so the page itself is counted too.
  const popupHtml = join(ext, 'popup/popup.html');
  const background = join(ext, 'background.js');
  const popupGzip = sum([...popup, popupHtml], gzip);
  const tldtsCopies = all.filter((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes(TLDTS_MARKER));
  const found: Record<string, string[]> = {};
  const shared: Record<string, string[]> = {};
  for (const f of popupJs) {
    const text = readFileSync(f, 'utf8');
    for (const marker of BACKGROUND_MARKERS) if (text.includes(marker)) (found[marker] ??= []).push(relative(ext, f));
    for (const marker of SHARED_MARKERS) if (text.includes(marker)) (shared[marker] ??= []).push(relative(ext, f));
  }
  const sharedNote = Object.keys(shared).length ? `; shared libs in popup: ${Object.keys(shared).join(', ')}` : '';
  const rows: Row[] = [
    { measure: 'bundle', name: 'popup JS raw', value: sum(popupJs, raw), unit: 'B' },
    { measure: 'bundle', name: 'popup JS gzip', value: sum(popupJs, gzip), unit: 'B' },
    { measure: 'bundle', name: 'popup CSS files raw', value: sum(popupCss, raw), unit: 'B' },
    { measure: 'bundle', name: 'popup.html raw (CSS inline)', value: raw(popupHtml), unit: 'B' },
    { measure: 'bundle', name: 'popup.html gzip (CSS inline)', value: gzip(popupHtml), unit: 'B' },
    {
      measure: 'bundle',
      name: 'popup HTML+JS+CSS gzip',
      value: popupGzip,
      unit: 'B',
      goal: '< 15 KB (15360 B) gzip',
      pass: popupGzip < POPUP_GOAL_GZIP,
    },
    {
      measure: 'bundle',
      name: 'popup has background-only code',
      value: Object.keys(found).length,
      unit: 'markers',
      goal: 'none',
      pass: Object.keys(found).length === 0,
      note: (Object.keys(found).length ? `found: ${Object.keys(found).join(', ')}` : 'none found') + sharedNote,
    },
    { measure: 'bundle', name: 'background JS raw', value: raw(background), unit: 'B' },
    { measure: 'bundle', name: 'background JS gzip', value: gzip(background), unit: 'B' },
    { measure: 'bundle', name: 'whole package raw', value: sum(all, raw), unit: 'B', note: `${all.length} files` },
    {
      measure: 'bundle',
      name: 'whole package gzip',
      value: sum(all, gzip),
      unit: 'B',
      note: 'sum of per-file gzip -9',
      goal: '< 200 KB (204800 B) gzip',
      pass: sum(all, gzip) < PACKAGE_GOAL_GZIP,
    },
    {
      measure: 'bundle',
      name: 'files carrying tldts',
      value: tldtsCopies.length,
      unit: 'files',
      note: tldtsCopies.map((f) => relative(ext, f)).join(', ') || 'none',
      goal: '1 (the background)',
      pass: tldtsCopies.length === 1,
    },
  ];
  return {
    measure: 'bundle',
    rows,
    details: {
      popupFiles: popup.map((f) => ({ file: relative(ext, f), raw: raw(f), gzip: gzip(f) })),
      markersSearched: BACKGROUND_MARKERS,
      markersFound: found,
      sharedMarkersSearched: SHARED_MARKERS,
      sharedMarkersFound: shared,
    },
  };
}
