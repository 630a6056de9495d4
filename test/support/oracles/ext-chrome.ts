/**
 * The few extension APIs the leak tests call inside the browser (via evaluate), typed loosely:
 * src/platform/chrome-api.d.ts declares only what the product uses. Type-only; reach it with
 * `(globalThis as unknown as ExtGlobal).chrome` inside evaluated functions.
 */
export interface ExtGlobal {
  chrome: {
    runtime: { getManifest(): { name: string }; sendMessage(message: unknown): Promise<unknown>; reload(): void };
    storage: Record<
      'local' | 'session' | 'sync',
      { get(k: null): Promise<Record<string, unknown>>; set(items: object): Promise<void> }
    >;
    proxy: {
      settings: {
        get(d: object): Promise<{ levelOfControl: string }>;
        set(d: object): Promise<void>;
        clear(d: object): Promise<void>;
      };
    };
  };
}
