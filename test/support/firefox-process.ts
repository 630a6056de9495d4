/**
 * Firefox started and killed by the test itself on a profile the test owns, then driven over
 * WebDriver BiDi with puppeteer.connect. For restart tests: puppeteer.launch with a userDataDir
 * rewrites the profile's prefs when the browser exits, which races with the next start after a
 * kill (seen: ENOENT on user.js, and a start without our prefs, so no session restore).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import puppeteer, { type Browser } from 'puppeteer-core';

export interface OwnFirefox {
  browser: Browser;
  /** SIGKILL, as a crash or a power cut would; resolves once the process is gone. */
  kill(): Promise<void>;
}

export async function startFirefoxOn(profile: string, prefs: Record<string, unknown>): Promise<OwnFirefox> {
  const all = {
    ...prefs,
    // What puppeteer sets as well: one content process for BiDi input, no first-run or crash UI.
    'fission.webContentIsolationStrategy': 0,
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'toolkit.startup.max_resumed_crashes': -1,
  };
  writeFileSync(
    join(profile, 'user.js'),
    Object.entries(all)
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
      .join('\n'),
  );
  const child = spawn(
    '/usr/bin/firefox-esr',
    ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const exited = once(child, 'exit');
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Firefox printed no BiDi endpoint in 60 s')), 60_000);
    createInterface({ input: child.stderr! }).on('line', (line) => {
      const match = /^WebDriver BiDi listening on (ws:\/\/.*)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(([code]) => reject(new Error(`Firefox exited (${String(code)}) before BiDi was up`)));
  });
  const browser = await puppeteer.connect({
    browserWSEndpoint: `${endpoint}/session`,
    protocol: 'webDriverBiDi',
    acceptInsecureCerts: true,
  });
  return {
    browser,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
