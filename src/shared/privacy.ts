/** What the options page's privacy panel shows: what is stored now and whom the extension contacted. */

/** One storage key: its size, never its value (the session token is one of them). */
export interface StoredItem {
  area: 'local' | 'session';
  key: string;
  /** As the browser counts it: the key and its value's JSON, in UTF-8 bytes. */
  bytes: number;
  /** False for a key outside src/shared/storage-keys.ts (there should be none). */
  described: boolean;
}

export interface ContactedHost {
  host: string;
  requests: number;
  /** Epoch ms of the last request. */
  lastAt: number;
}

export interface PrivacyReport {
  stored: StoredItem[];
  contacted: ContactedHost[];
  /** Since when hosts are counted: the background's start (epoch ms); the list is never stored. */
  contactedSince: number;
}
