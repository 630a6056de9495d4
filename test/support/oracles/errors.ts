/**
 * O9: errors the extension reports about itself. Chromium: console errors and uncaught exceptions
 * from extension pages (context 'console' / 'weberror'), console errors from the service worker
 * (worker 'console', re-attached after each worker restart), and uncaught errors / unhandled
 * rejections inside the worker, caught by listeners installed with evaluate (they live until the
 * worker stops, so `install` runs again after every restart).
 */
import type { BrowserContext, Worker } from 'playwright-core';

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
