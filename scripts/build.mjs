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
  };
  await build({
    ...common,
    root: `${root}src`,
    base: '/',
    publicDir: `${root}public`,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: false,
      rollupOptions: { input: { popup: `${root}src/popup/popup.html`, options: `${root}src/options/options.html` } },
    },
  });
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
      },
    },
  });
  mkdirSync(outDir, { recursive: true });
  const source = JSON.parse(readFileSync(`${root}manifest.json`, 'utf8'));
  writeFileSync(`${outDir}/manifest.json`, JSON.stringify(manifestFor(source, browser), null, 2));
  console.log(`built ${outDir}`);
}
