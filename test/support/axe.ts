/**
 * axe-core in real Chromium, light and dark (emulated color scheme). Pages with a strict CSP
 * (extension pages, the provider's site) forbid inline scripts, so axe goes in by evaluation.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ROOT } from './paths';

const AXE = `${ROOT}node_modules/axe-core/axe.min.js`;

declare const axe: {
  run(context: unknown, options: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
};

/**
 * The page's violations in light and dark, summarised ("dark color-contrast: [...]");
 * `inScheme` runs while each scheme is emulated (e.g. to take a picture). Ends in light.
 */
export async function axeViolations(
  page: Page,
  inScheme?: (scheme: 'light' | 'dark') => Promise<void>,
): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Only violations are read: axe then skips the details of passing checks, which is most of its time.
    const { violations } = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
    found.push(...violations.map((v) => `${scheme} ${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`));
    await inScheme?.(scheme);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
