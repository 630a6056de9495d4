// Makes sure the real browsers the tests drive are installed: Debian's chromium and firefox-esr
// (and the emoji font the UI's flags need).
// As root it installs what is missing with apt-get; otherwise it prints the exact command.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = [
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
  // Region flags are emoji: without a colour emoji font they render as boxes in screenshots.
  { bin: '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf', pkg: 'fonts-noto-color-emoji' },
];
const missing = wanted.filter((w) => !existsSync(w.bin)).map((w) => w.pkg);
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
if (process.getuid?.() !== 0) {
  console.error(`Missing browsers: ${missing.join(', ')}. Install them with:\n  sudo ${command}`);
  process.exit(1);
}
console.log(`Installing ${missing.join(', ')} with apt-get…`);
execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
