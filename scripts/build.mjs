// npm run build: one source tree -> dist/chromium and dist/firefox (unpacked extensions).
// Two Vite builds per browser: the UI pages (popup, options) and the background as one
// self-contained file, because Firefox's MV3 `background.scripts` cannot load shared chunks.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { manifestFor } from './manifest.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const browsers = process.argv.slice(2).length ? process.argv.slice(2) : ['chromium', 'firefox'];
const accountServiceUrl = process.env.ZONE_ACCOUNT_URL ?? 'http://127.0.0.1:18100';
// ZONE_E2E=1 builds dist/<browser>-e2e, which opens its popup in a tab after install: Firefox's
// WebDriver BiDi cannot navigate to moz-extension:// pages, so tests find that tab instead.
const e2e = process.env.ZONE_E2E === '1';

/**
 * Puts the page's stylesheet inline in its HTML: one request fewer before the popup's first paint.
 * Extension pages' default CSP restricts scripts, not styles, so an inline <style> is allowed.
 */
const inlineCss = () => ({
  name: 'zone-inline-css',
  enforce: 'post',
  generateBundle(_options, bundle) {
    const html = Object.values(bundle).find((f) => f.type === 'asset' && f.fileName.endsWith('.html'));
    if (!html) return;
    for (const [name, file] of Object.entries(bundle)) {
      if (file.type !== 'asset' || !name.endsWith('.css')) continue;
      const link = new RegExp(`<link rel="stylesheet"[^>]*href="/${name.replace(/[.]/g, '\\.')}"[^>]*>`);
      const source = String(html.source);
      if (!link.test(source)) continue;
      html.source = source.replace(link, () => `<style>${String(file.source)}</style>`);
      delete bundle[name];
    }
  },
});

for (const browser of browsers) {
  const outDir = `${root}dist/${browser}${e2e ? '-e2e' : ''}`;
  const common = {
    configFile: false,
    logLevel: 'warn',
    define: {
      __BROWSER__: JSON.stringify(browser),
      __ACCOUNT_SERVICE_URL__: JSON.stringify(accountServiceUrl),
      __E2E__: JSON.stringify(e2e),
    },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    // tldts publishes a minified browser build whose public-suffix data packs far tighter than its
    // es6 sources re-minified by Vite: the background is ~102 KB gzip with it, ~168 KB without
    // (measured; docs/benchmarks.md). Same version, same API; unit tests keep the default entry.
    resolve: { alias: { tldts: `${root}node_modules/tldts/dist/index.esm.min.js` } },
  };
  // Each page is its own build, so the popup loads one script and one stylesheet, with no chunk
  // shared with the options page: every extra file is another request before the first paint.
  for (const [i, page] of ['popup', 'options'].entries()) {
    await build({
      ...common,
      plugins: page === 'popup' ? [inlineCss()] : [],
      root: `${root}src`,
      base: '/',
      publicDir: i === 0 ? `${root}public` : false,
      build: {
        outDir,
        emptyOutDir: i === 0,
        target: 'es2022',
        modulePreload: false,
        rollupOptions: { input: { [page]: `${root}src/${page}/${page}.html` } },
      },
    });
  }
  await build({
    ...common,
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      rollupOptions: {
        input: `${root}src/background/main.ts`,
        output: { format: 'iife', entryFileNames: 'background.js' },
        // blindrsa-ts's bundled sjcl ends with a CommonJS `module.exports` guard and a guarded
        // require('crypto') for Node; both are dead code in the extension (typeof module is undefined).
        onwarn(warning, warn) {
          if (String(warning.id ?? warning.message).includes('blindrsa-ts/lib/src/sjcl')) return;
          warn(warning);
        },
      },
    },
  });
  mkdirSync(outDir, { recursive: true });
  const source = JSON.parse(readFileSync(`${root}manifest.json`, 'utf8'));
  writeFileSync(`${outDir}/manifest.json`, JSON.stringify(manifestFor(source, browser), null, 2));
  console.log(`built ${outDir}`);
}
