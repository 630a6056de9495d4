/**
 * The one fake `webextension-polyfill` for adapter tests (src/platform/*). vi.mock's factory runs
 * before a test file's imports, so the file builds the mock inside `await vi.hoisted(async () => …)`
 * with a dynamic import of this module, then hands `mock.browser` to
 * `vi.mock('webextension-polyfill', () => ({ default: mock.browser }))`, as
 * test/unit/firefox-takeover.test.ts does.
 *
 * `shape` lays out the browser object, naming each event it adds; every listener an adapter adds is
 * recorded under that name, so the test can fire the event as the browser would.
 */

export type Listener = (...args: unknown[]) => unknown;
export type BrowserEvent = { addListener(listener: Listener): void };
/** Lays out a fake browser: `event(name)` is an event whose listeners are recorded under `name`. */
export type Shape = (event: (name: string) => BrowserEvent) => Record<string, unknown>;

/** The events src/platform/proxy-firefox.ts listens to. */
export const firefoxProxyEvents: Shape = (event) => ({
  proxy: { onRequest: event('onRequest') },
  webRequest: { onHeadersReceived: event('onHeadersReceived'), onErrorOccurred: event('onErrorOccurred') },
});

export function polyfillMock(shape: Shape = () => ({})) {
  /** Listeners by event name, in the order they were added. */
  const listeners: Record<string, Listener[]> = {};
  /** Event names, once per listener added. */
  const registered: string[] = [];
  const event = (name: string): BrowserEvent => ({
    addListener: (listener) => {
      registered.push(name);
      (listeners[name] ??= []).push(listener);
    },
  });
  /** The object the module mock hands out: keep its identity, change its contents. */
  const browser: Record<string, unknown> = shape(event);
  return {
    browser,
    listeners,
    registered,
    event,
    /** The listener added last for `name` (an adapter evaluated again adds a new one). */
    last(name: string): Listener {
      const listener = listeners[name]?.at(-1);
      if (!listener) throw new Error(`nothing listens to ${name}`);
      return listener;
    },
    /** A fresh browser laid out by `next` (the same object), with no listener recorded. */
    reset(next: Shape = shape) {
      for (const key of Object.keys(listeners)) delete listeners[key];
      registered.length = 0;
      for (const key of Object.keys(browser)) delete browser[key];
      Object.assign(browser, next(event));
    },
  };
}
