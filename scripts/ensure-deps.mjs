// Makes sure the real programs the tests drive are installed, from Debian: the browsers
// (chromium, firefox-esr, the emoji font the UI's flags need, Firefox's German language pack), the servers of the provider's
// fleet (squid, postgresql, haproxy) and openssl (test certificates). `--browsers` checks only what
// `npm start` needs. (The build tools of better-sqlite3's fallback, python3 make g++, are needed by
// `npm ci` itself, before this runs: see the README.)
// As root it installs what is missing with apt-get; otherwise it prints the exact command.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const browsers = [
  { file: '/usr/bin/chromium', pkg: 'chromium' },
  { file: '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
  // Region flags are emoji: without a colour emoji font they render as boxes in screenshots.
  { file: '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf', pkg: 'fonts-noto-color-emoji' },
];
// Firefox shows an extension's German strings only with its German language pack
// (test/e2e/languages.e2e.ts).
const testOnly = [
  {
    file: '/usr/lib/firefox-esr/browser/extensions/langpack-de@firefox-esr.mozilla.org.xpi',
    pkg: 'firefox-esr-l10n-de',
  },
];
const servers = [
  { file: '/usr/sbin/squid', pkg: 'squid' },
  // test/support/postgres.ts runs these binaries itself; it never uses the system-wide cluster.
  { file: '/usr/lib/postgresql/15/bin/postgres', pkg: 'postgresql' },
  { file: '/usr/sbin/haproxy', pkg: 'haproxy' },
  { file: '/usr/bin/openssl', pkg: 'openssl' },
];
const wanted = process.argv.includes('--browsers') ? browsers : [...browsers, ...testOnly, ...servers];
const missing = wanted.filter((w) => !existsSync(w.file)).map((w) => w.pkg);
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
if (process.getuid?.() !== 0) {
  console.error(`Missing: ${missing.join(', ')}. Install them with:\n  sudo sh -c '${command}'`);
  process.exit(1);
}
console.log(`Installing ${missing.join(', ')} with apt-get…`);
execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
