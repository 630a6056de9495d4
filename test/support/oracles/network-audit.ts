/**
 * O5 for Chromium: every request the extension itself makes. Playwright reports service-worker
 * requests on the context's 'request' event (`request.serviceWorker()`), and extension pages
 * (popup, options) are ordinary pages whose URL starts with chrome-extension://. Requests for the
 * extension's own files are not network traffic and are skipped. Limits: this sees the
 * extension's fetches, not the browser's own system traffic (the flags switch most of it off),
 * and it needs the context to be running when the request is made.
 */
import type { BrowserContext, Request } from 'playwright-core';

export interface ExtensionRequest {
  url: string;
  origin: 'service-worker' | 'extension-page';
  at: number;
}

export interface NetworkAudit {
  requests: ExtensionRequest[];
  /** host:port of every destination outside `allowed`. */
  outside(allowed: string[]): string[];
  attach(context: BrowserContext): void;
}

export function createNetworkAudit(extensionId: () => string): NetworkAudit {
  const requests: ExtensionRequest[] = [];
  const onRequest = (request: Request) => {
    const url = request.url();
    if (url.startsWith('chrome-extension://') || url.startsWith('data:') || url.startsWith('blob:')) return;
    if (request.serviceWorker()?.url().startsWith(`chrome-extension://${extensionId()}/`)) {
      requests.push({ url, origin: 'service-worker', at: Date.now() });
      return;
    }
    let frameUrl: string;
    try {
      frameUrl = request.frame().url();
    } catch {
      return;
    }
    if (frameUrl.startsWith(`chrome-extension://${extensionId()}/`))
      requests.push({ url, origin: 'extension-page', at: Date.now() });
  };
  return {
    requests,
    attach: (context) => void context.on('request', onRequest),
    outside: (allowed) => [...new Set(requests.map((r) => new URL(r.url).host))].filter((h) => !allowed.includes(h)),
  };
}
