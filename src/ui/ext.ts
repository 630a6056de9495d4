// The UI's handle on the extension runtime. Both browsers' runtime.sendMessage and i18n return
// promises/strings natively in MV3, so the popup skips webextension-polyfill (about 10 KB) and
// stays small. Only ui/client.ts, ui/i18n.ts and ui/first-state.ts use this.
interface ExtensionRuntime {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: {
      addListener(cb: (message: unknown) => void): void;
      removeListener(cb: (message: unknown) => void): void;
    };
    openOptionsPage(): Promise<void>;
  };
  i18n: { getMessage(key: string, substitutions?: string[]): string; getUILanguage?(): string };
  /** Memory-only storage: the pages read the background's last snapshot from it (first-state.ts). */
  storage: { session: { get(keys: string[]): Promise<Record<string, unknown>> } };
  tabs: {
    query(query: { active: boolean; currentWindow: boolean }): Promise<{ id?: number; url?: string }[]>;
    get(tabId: number): Promise<{ id?: number; url?: string }>;
    reload(tabId: number): Promise<void>;
  };
}

const g = globalThis as unknown as { browser?: ExtensionRuntime; chrome?: ExtensionRuntime };
export const ext: ExtensionRuntime | undefined = g.browser ?? g.chrome;
