/**
 * axe-core in a real browser, light and dark, for any driver: the driver passes in how to evaluate
 * a script in the page and how to switch its colour scheme (zone-browser.ts, site-journey). Pages
 * with a strict CSP (extension pages, the provider's site) forbid inline scripts, so axe goes in
 * by evaluating its source.
 */
import { readFileSync } from 'node:fs';
import { ROOT } from './paths';

const AXE = `${ROOT}node_modules/axe-core/axe.min.js`;

export type ColorScheme = 'light' | 'dark';

/** What axe needs from a page, whichever driver holds it. */
export interface AxePage {
  /** Evaluates a script's source in the page; a promise's value is awaited. */
  evaluate(source: string): Promise<unknown>;
  /** Makes the page match `prefers-color-scheme: <scheme>` (checked here before axe runs). */
  colorScheme(scheme: ColorScheme): Promise<void>;
}

/** Only violations are read: axe then skips the details of passing checks, which is most of its time. */
const RUN = `axe.run(document, { resultTypes: ['violations'] }).then((r) =>
  r.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) })))`;

/**
 * The page's violations in light and dark, summarised ("dark color-contrast: [...]");
 * `inScheme` runs while each scheme is on (e.g. to take a picture). Ends in light. Throws when the
 * page does not report the scheme asked for: a dark audit must not silently run in light.
 */
export async function axeViolations(
  page: AxePage,
  inScheme?: (scheme: ColorScheme) => Promise<void>,
): Promise<string[]> {
  if (!(await page.evaluate(`'axe' in globalThis`))) await page.evaluate(`${readFileSync(AXE, 'utf8')}\n;void 0`);
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.colorScheme(scheme);
    const dark = await page.evaluate(`matchMedia('(prefers-color-scheme: dark)').matches`);
    if (dark !== (scheme === 'dark')) throw new Error(`the page is not in the ${scheme} colour scheme`);
    const violations = (await page.evaluate(RUN)) as { id: string; targets: unknown[] }[];
    found.push(...violations.map((v) => `${scheme} ${v.id}: ${JSON.stringify(v.targets)}`));
    await inScheme?.(scheme);
  }
  await page.colorScheme('light');
  return found;
}
