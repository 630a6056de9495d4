/**
 * O9 in Firefox: uncaught errors, unhandled rejections and console.error calls in the background
 * event page and in our own page (the extension tab).
 *
 * What it can see: BiDi reports no log entries for moz-extension:// documents (seen: neither a
 * console.error nor an uncaught throw in the extension tab reached puppeteer), so listeners are
 * installed from inside instead: `error` and `unhandledrejection` on the background window (via
 * runtime.getBackgroundPage()) and on the tab's window, and a wrapper around both `console.error`s.
 * What it cannot see: anything before `watch` runs in a given background instance (its first
 * synchronous run, start-up errors before the tab reaches it), errors in a background instance
 * that is unloaded before `drain` (each suspension or reload takes its listeners and its record
 * along: drain before those), errors Firefox itself logs about the add-on (manifest warnings,
 * an invalid proxy answer), and pages of ours other than the tab (the options page is the same tab).
 */
import type { Page } from 'puppeteer-core';
import { takeErrorsWithControl } from './errors';
import { backgroundMarked, markBackground, type FxExt } from './firefox-ext';

export interface FirefoxErrorOracle {
  errors: string[];
  /** Installs the listeners in the background and in the tab (idempotent per window). */
  watch(ui: Page): Promise<void>;
  /** Moves what the listeners recorded into `errors`. */
  drain(ui: Page): Promise<void>;
  /**
   * Drains, then takes the listeners out of the background again: call it before our tab leaves its
   * document while the background lives on. The listeners are functions of the tab's realm, which
   * the navigation kills; left in place, the background's `console.error` would throw "can't access
   * dead object" (seen).
   */
  release(ui: Page): Promise<void>;
}

/** What `watch` leaves on a watched window. */
type Watched = { __zoneErrors?: string[]; __zoneUnwatch?: () => void };

export function createFirefoxErrorOracle(): FirefoxErrorOracle {
  const errors: string[] = [];
  const drain = async (ui: Page) => {
    const caught = await ui
      .evaluate(async () => {
        const take = (w: Window & { __zoneErrors?: string[] }) => w.__zoneErrors?.splice(0) ?? [];
        return [...take(await (globalThis as unknown as FxExt).browser.runtime.getBackgroundPage()), ...take(window)];
      })
      .catch((e: unknown) => [`oracle could not read the extension: ${String(e)}`]);
    errors.push(...caught);
  };
  return {
    errors,
    async watch(ui) {
      await ui.evaluate(async () => {
        const install = (w: typeof globalThis & Watched, where: string) => {
          if (w.__zoneErrors) return;
          const list: string[] = (w.__zoneErrors = []);
          const uncaught = (e: ErrorEvent) => list.push(`${where} uncaught: ${e.message}`);
          const unhandled = (e: PromiseRejectionEvent) => list.push(`${where} unhandled: ${String(e.reason)}`);
          w.addEventListener('error', uncaught);
          w.addEventListener('unhandledrejection', unhandled);
          const original = w.console.error;
          w.console.error = (...args: unknown[]) => {
            list.push(`${where} console: ${args.map(String).join(' ')}`);
            original.apply(w.console, args);
          };
          w.__zoneUnwatch = () => {
            w.removeEventListener('error', uncaught);
            w.removeEventListener('unhandledrejection', unhandled);
            w.console.error = original;
            delete w.__zoneErrors;
            delete w.__zoneUnwatch;
          };
        };
        const bg = await (globalThis as unknown as FxExt).browser.runtime.getBackgroundPage();
        install(bg as unknown as typeof globalThis, 'background');
        install(globalThis, 'page');
      });
    },
    drain,
    async release(ui) {
      await drain(ui);
      await ui
        .evaluate(async () => {
          const bg = await (globalThis as unknown as FxExt).browser.runtime.getBackgroundPage();
          (bg as unknown as Watched).__zoneUnwatch?.();
          (globalThis as unknown as Watched).__zoneUnwatch?.();
        })
        .catch(() => undefined);
    },
  };
}

/**
 * Positive control: a real uncaught error and a real unhandled rejection in the background's own
 * realm (functions and promises of the background's global, so Firefox reports them there, not in
 * the tab; no eval: the extension CSP forbids it). Both must show up in `drain`.
 */
export function failInBackground(ui: Page): Promise<void> {
  return ui.evaluate(async () => {
    const bg = (await (
      globalThis as unknown as FxExt
    ).browser.runtime.getBackgroundPage()) as unknown as typeof globalThis;
    const parseGarbage = bg.Function.prototype.bind.call(bg.JSON.parse, null, '{zone-probe') as () => void;
    bg.setTimeout(parseGarbage, 0);
    void bg.Promise.reject(new bg.Error('zone-probe rejection'));
    await new Promise((r) => setTimeout(r, 300));
  });
}

/**
 * O9's check and its positive control in Firefox (errors.ts `takeErrorsWithControl`). An event page
 * unloaded by its idle timeout between `watch` and the control takes the listeners along, which
 * says nothing of the oracle: a mark set with the listeners tells that case apart, and the control
 * then runs once more on the new instance.
 */
export async function errorsWithControl(
  errors: FirefoxErrorOracle,
  ui: Page,
): Promise<{ found: string[]; control: string[]; seen: boolean }> {
  const collect = async () => {
    await errors.drain(ui);
    await errors.watch(ui);
    await markBackground(ui);
  };
  const fail = () => failInBackground(ui);
  const first = await takeErrorsWithControl(errors.errors, collect, fail, 'background');
  if (first.seen || (await backgroundMarked(ui).catch(() => false))) return first;
  const again = await takeErrorsWithControl(errors.errors, collect, fail, 'background');
  return { ...again, found: [...first.found, ...again.found] };
}
