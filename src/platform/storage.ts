import browser from 'webextension-polyfill';
import type { StoragePort } from './ports';

// storage.session is memory-only (Chromium 102+, Firefox 115+); the polyfill has no metadata for
// it, so we reach it through the same object with a narrow type.
type Area = {
  get(k: string[] | null): Promise<Record<string, unknown>>;
  set(i: object): Promise<void>;
};
const session = (browser.storage as unknown as { session: Area }).session;

export const storage: StoragePort = {
  getLocal: (keys) => browser.storage.local.get(keys ?? null),
  setLocal: (items) => browser.storage.local.set(items),
  removeLocal: (keys) => browser.storage.local.remove(keys),
  getSession: (keys) => session.get(keys ?? null),
  setSession: (items) => session.set(items),
};
