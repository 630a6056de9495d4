/**
 * A private snapshot of dist/chromium for one bench run (others rebuild dist while we measure),
 * plus bench-blank.html: a bare static page inside the same extension, the popup's floor.
 * dist itself is never modified; it is built first only when missing.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist/chromium');

export interface ExtensionCopy {
  dir: string;
  /** When dist/chromium was built (manifest mtime), to tell a stale build. */
  builtAt: string;
  builtNow: boolean;
  remove(): void;
}

export const BLANK_PAGE = 'bench-blank.html';
/** Sends one getState message as soon as it loads and records when the background answered. */
export const PING_PAGE = 'bench-ping.html';
const PING_SCRIPT = `const sent = performance.now();
chrome.runtime.sendMessage({ name: 'getState', input: undefined }).then(
  (answer) => { window.__ping = { sent, answered: performance.now(), ok: !!(answer && answer.ok) }; },
  (error) => { window.__ping = { sent, answered: performance.now(), ok: false, error: String(error) }; },
);
`;

export function copyExtension(): ExtensionCopy {
  let builtNow = false;
  if (!existsSync(join(DIST, 'manifest.json'))) {
    execFileSync('npx', ['tsx', 'scripts/build.mjs', 'chromium'], { cwd: ROOT, stdio: 'inherit' });
    builtNow = true;
  }
  const dir = mkdtempSync(join(tmpdir(), 'zone-bench-ext-'));
  cpSync(DIST, dir, { recursive: true });
  // Same size class as the popup's HTML, one button, no script, no stylesheet.
  writeFileSync(
    join(dir, BLANK_PAGE),
    '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8" /><title>blank</title></head>\n' +
      '<body><main><button type="button">Connect</button></main></body>\n</html>\n',
  );
  writeFileSync(
    join(dir, PING_PAGE),
    '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8" /><title>ping</title>' +
      '<script src="bench-ping.js"></script></head>\n<body></body>\n</html>\n',
  );
  writeFileSync(join(dir, 'bench-ping.js'), PING_SCRIPT);
  return {
    dir,
    builtAt: statSync(join(DIST, 'manifest.json')).mtime.toISOString(),
    builtNow,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
