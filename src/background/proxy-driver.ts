/**
 * From a ProxyMode to what each browser's adapter takes, chosen once by the adapter's form:
 * Chromium gets a PAC text, Firefox a routing function, both built by the core. The adapters only
 * talk to the browser (platform/proxy-chromium.ts, platform/proxy-firefox.ts).
 */
import { firefoxRouter, type FirefoxRouter } from '../core/firefox-router';
import { createTakeoverWatch } from '../core/firefox-takeover';
import { generatePac } from '../core/pac-script';
import type { BrowserProxyPort, PacProxyPort, RouterProxyPort } from '../platform/ports';
import { BLOCK_ANSWER, type FirefoxAnswer } from '../shared/firefox-proxy';
import type { ProxyPort } from './platform';

export function driveProxy(port: BrowserProxyPort): ProxyPort {
  return port.form === 'pac' ? pacDriver(port) : routerDriver(port);
}

export function pacDriver(port: PacProxyPort): ProxyPort {
  return {
    listen() {}, // the PAC setting persists in the profile: nothing to register
    apply: (mode) =>
      mode.kind === 'off'
        ? // eslint-disable-next-line prefer-spread -- the port's own apply, not Function.prototype.apply
          port.apply(null, mode.holdNextStart ?? null)
        : port.apply({ data: generatePac(mode.table), directHosts: mode.directHosts }),
    control: () => port.control(),
    onControlChange: (listener) => port.onControlChange(listener),
  };
}

export function routerDriver(port: RouterProxyPort): ProxyPort {
  // What the background last applied. After an event-page wake it is rebuilt from storage through
  // `initial` before the first answer (Firefox waits for the promise).
  let current: Promise<FirefoxRouter> | null = null;
  const watch = createTakeoverWatch();
  const controlListeners: (() => void)[] = [];
  return {
    listen(initial) {
      port.listen({
        async answer(request) {
          let answer: FirefoxAnswer;
          try {
            current ??= initial().then(firefoxRouter);
            answer = (await current)(request);
          } catch {
            answer = [...BLOCK_ANSWER]; // an internal error blocks, never direct
          }
          if (request.requestId !== undefined) watch.remember(request.requestId, answer);
          return answer;
        },
        used(report) {
          if (watch.check(report)) for (const listener of controlListeners) listener();
        },
      });
    },
    async apply(mode) {
      current = Promise.resolve(firefoxRouter(mode));
    },
    // proxy.settings needs private-window access, so add-ons route through onRequest; control is
    // ours unless the requests show another add-on's answer.
    async control() {
      return watch.takenOver() ? 'otherExtension' : 'ours';
    },
    onControlChange(listener) {
      controlListeners.push(listener);
    },
  };
}
