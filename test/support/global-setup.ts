/**
 * Builds what the end-to-end tests load: the release builds and the test builds (Firefox's for
 * every test, Chromium's for the few that call a test hook: launch option `testBuild`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
  const run = (env: Record<string, string>, ...browsers: string[]) =>
    execFileSync('npx', ['tsx', 'scripts/build.mjs', ...browsers], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
  if (!existsSync('dist/chromium/manifest.json') || !existsSync('dist/firefox/manifest.json')) run({});
  run({ ZONE_E2E: '1' }, 'firefox', 'chromium');
}
