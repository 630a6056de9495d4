/**
 * O9: errors the extension reports about itself. Chromium: console errors and uncaught exceptions
 * from extension pages (context 'console' / 'weberror'), console errors from the service worker
 * (worker 'console', re-attached after each worker restart), and uncaught errors / unhandled
 * rejections inside the worker, caught by listeners installed with evaluate (they live until the
 * worker stops, so `install` runs again after every restart).
 */
import type { BrowserContext, Worker } from 'playwright-core';
import type { LeakChromium } from './chromium-leak';

export interface ErrorOracle {
  errors: string[];
  watchContext(context: BrowserContext, extensionId: string): void;
  watchWorker(worker: Worker): Promise<void>;
  /** Collects what the in-worker listeners caught. */
  drain(worker: Worker): Promise<void>;
}

export function createErrorOracle(): ErrorOracle {
  const errors: string[] = [];
  const watched = new WeakSet<Worker>();
  return {
    errors,
    watchContext(context, extensionId) {
      const ours = (url: string) => url.startsWith(`chrome-extension://${extensionId}/`);
      context.on('console', (message) => {
        const url = message.location().url ?? '';
        if (message.type() === 'error' && ours(url)) errors.push(`console: ${message.text()}`);
      });
      context.on('weberror', (webError) => {
        const page = webError.page();
        if (page && ours(page.url())) errors.push(`uncaught: ${webError.error().message}`);
      });
    },
    async watchWorker(worker) {
      if (!watched.has(worker)) {
        watched.add(worker);
        worker.on('console', (message) => {
          if (message.type() === 'error') errors.push(`worker console: ${message.text()}`);
        });
      }
      await worker
        .evaluate(() => {
          const g = globalThis as unknown as { __zoneErrors?: string[] };
          if (g.__zoneErrors) return;
          g.__zoneErrors = [];
          self.addEventListener('error', (e) => g.__zoneErrors!.push(`uncaught: ${e.message}`));
          self.addEventListener('unhandledrejection', (e) => g.__zoneErrors!.push(`unhandled: ${String(e.reason)}`));
        })
        .catch(() => undefined);
    },
    async drain(worker) {
      const caught = await worker
        .evaluate(() => {
          const g = globalThis as unknown as { __zoneErrors?: string[] };
          return g.__zoneErrors?.splice(0) ?? [];
        })
        .catch(() => [] as string[]);
      errors.push(...caught.map((e) => `worker ${e}`));
    },
  };
}

/**
 * Positive control: a real uncaught error (from a timer) and a real unhandled rejection in the
 * worker's own global, as test/support/oracles/firefox-errors.ts `failInBackground` does in Firefox.
 * Both must show up in `drain`.
 */
export async function failInWorker(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    setTimeout(() => JSON.parse('{zone-probe'), 0);
    void Promise.reject(new Error('zone-probe rejection'));
    await new Promise((r) => setTimeout(r, 300));
  });
}

/**
 * O9's check and its positive control, for either browser's oracle: what it caught so far (`found`,
 * taken from `errors`), then what it caught of `fail` (`control`) and whether that held an uncaught
 * error from `where` and the rejection. `collect` moves what the listeners caught into `errors`.
 */
export async function takeErrorsWithControl(
  errors: string[],
  collect: () => Promise<void>,
  fail: () => Promise<void>,
  where: 'worker' | 'background',
): Promise<{ found: string[]; control: string[]; seen: boolean }> {
  await collect();
  const found = errors.splice(0);
  await fail();
  await collect();
  const control = errors.splice(0);
  const seen =
    control.some((e) => e.startsWith(`${where} uncaught`)) && control.some((e) => e.includes('zone-probe rejection'));
  return { found, control, seen };
}

/**
 * The oracle following our extension in a leak Chromium across worker stops and browser restarts:
 * `session()` is the browser now (a restart replaces it).
 */
export function followChromium(session: () => LeakChromium) {
  const errors = createErrorOracle();
  /** The running worker, if any (a stopped one took its listeners along). */
  const running = () => {
    const { context, extensionId } = session();
    return context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  };
  return {
    errors,
    running,
    /** Watches the browser now and its worker: after a launch or a restart. */
    async watch(): Promise<void> {
      errors.watchContext(session().context, session().extensionId);
      await errors.watchWorker(await session().workerNow());
    },
    /** Collects what the running worker's listeners caught (before it stops). */
    async drain(): Promise<void> {
      const worker = running();
      if (worker) await errors.drain(worker);
    },
    /** O9 with its control (`takeErrorsWithControl`), in the worker running now. */
    async errorsWithControl(): Promise<{ found: string[]; control: string[]; seen: boolean }> {
      const worker = running() ?? (await session().workerNow());
      await errors.watchWorker(worker);
      return takeErrorsWithControl(
        errors.errors,
        () => errors.drain(worker),
        () => failInWorker(worker),
        'worker',
      );
    },
  };
}
