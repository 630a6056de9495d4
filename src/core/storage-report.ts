/** What is stored, key by key, with sizes and never values: the privacy panel's first half. Pure. */
import type { StoredItem } from '../shared/privacy';

const utf8 = new TextEncoder();

/** The browser's count (chrome.storage getBytesInUse): the key plus its value's JSON. */
export function storedBytes(key: string, value: unknown): number {
  return utf8.encode(key + JSON.stringify(value)).length;
}

export function storedItems(
  area: StoredItem['area'],
  items: Record<string, unknown>,
  described: Record<string, string>,
): StoredItem[] {
  return Object.entries(items)
    .map(([key, value]) => ({ area, key, bytes: storedBytes(key, value), described: Object.hasOwn(described, key) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}
