/** The product without a display: the demo user's first minute, printed step by step. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../test/support/chromium';

interface WalkOptions {
  demo: { email: string; password: string };
  demoUrl: string;
  screenshot: string;
}

export async function walk({ demo, demoUrl, screenshot }: WalkOptions): Promise<boolean> {
  const profile = mkdtempSync(join(tmpdir(), 'zone-walk-'));
  const extensionDir = `${process.cwd()}/dist/chromium`;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS(extensionDir),
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    const step = (text: string) => console.log(`• ${text}`);
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 360, height: 420 });
    await popup.goto(`chrome-extension://${id}/popup/popup.html`);
    step('Opened the Zone VPN popup.');
    await popup.getByLabel('Email').fill(demo.email);
    await popup.getByLabel('Password').fill(demo.password);
    await popup.getByRole('button', { name: 'Log in' }).click();
    await popup.getByRole('button', { name: 'Connect' }).waitFor({ timeout: 15_000 });
    const region = (await popup.getByRole('option', { selected: true }).textContent()) ?? '';
    step(`Logged in as ${demo.email}; region ${region}.`);
    await popup.getByRole('button', { name: 'Connect' }).click();
    await popup.getByRole('button', { name: 'Disconnect' }).waitFor({ timeout: 15_000 });
    step(`Connected: ${(await popup.getByRole('status').first().innerText()).replace(/\s+/g, ' ').trim()}`);
    mkdirSync(dirname(screenshot), { recursive: true });
    await popup.screenshot({ path: screenshot });
    step(`Saved a screenshot of the popup to ${screenshot}.`);
    const page = await context.newPage();
    await page.goto(demoUrl, { timeout: 15_000 });
    const said = (await page.textContent('body'))?.replace(/\s+/g, ' ').trim() ?? '';
    step(`Loaded ${demoUrl}: "${said.slice(0, 160)}"`);
    const proxied = said.includes('127.0.0.2');
    step(
      proxied ? 'The site was reached through the VPN proxy.' : 'WARNING: the site was NOT reached through the proxy.',
    );
    return proxied;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
